"""Command-line values read by the question's own parameters (``accord.analysis.parameters``).

The API and the web console read the same parameters from a query string, so a value is read,
and refused, the same way everywhere; here a refused value becomes a usage error (exit 2).
"""

import argparse
from typing import Any

from accord.analysis.parameters import Parameter, ParameterError


def value_of(parameter: Parameter, text: str) -> Any:
    """``text`` read as one value of ``parameter``; a bad one is an ``argparse`` usage error with its message."""
    try:
        return parameter.read_one(text)
    except ParameterError as error:
        raise argparse.ArgumentTypeError(error.message) from None

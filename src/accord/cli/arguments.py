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


def read_option(parameter: Parameter, text: str | None, option: str) -> Any:
    """``text`` read as one value of ``parameter`` (None stays None); a bad one is bad input (exit 1) naming ``option``.

    For the provision questions, whose every bad value is bad input rather than wrong usage.
    """
    from accord.cli.status import CommandError

    if text is None:
        return None
    try:
        return parameter.read_one(text)
    except ParameterError as error:
        raise CommandError(f'{option}: {error.message}') from None

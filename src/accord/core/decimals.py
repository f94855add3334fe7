"""Exact decimals as text: one form for the catalogue format, the CLI and the API."""

from decimal import Decimal
from typing import Any


def canonical_decimal(value: Any) -> str:
    """An exact decimal as a plain string without trailing zeros: 40, 99.9."""
    text = format(Decimal(str(value)).normalize(), 'f')
    return '0' if text in ('-0', '') else text

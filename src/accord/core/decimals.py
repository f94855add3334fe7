"""Exact decimals as text: one form for the catalogue format, the CLI and the API."""

from decimal import Context, Decimal
from typing import Any

# SQLite sums decimals as floats: read with 15 significant digits, as Django reads them, so a sum of cents is cents
_FLOAT_DIGITS = Context(prec=15)


def canonical_decimal(value: Any) -> str:
    """An exact decimal as a plain string without trailing zeros: 40, 99.9."""
    text = format(Decimal(str(value)).normalize(), 'f')
    return '0' if text in ('-0', '') else text


def stored_decimal(value: Decimal | float | int) -> Decimal:
    """A number read from a database, in the canonical form whatever the database: 999.99, 500.

    PostgreSQL keeps a column's places (999.9900), SQLite sums decimals as floats (999.990000000000): a reason
    that shows the number shows the same text on both, as ``canonical_decimal`` writes it.
    """
    if type(value) is int:  # the commonest (a count): one test
        return Decimal(value)
    if isinstance(value, float):
        value = _FLOAT_DIGITS.create_decimal_from_float(value)
    normal = value.normalize()
    if normal == normal.to_integral_value():  # 5E+2 and -0 written out: 500, 0
        return Decimal(int(normal))
    return normal

"""Periods are calendar months written YYYY-MM; they mean whole days in UTC."""

import datetime
import re

from django.core.exceptions import ValidationError

PERIOD_PATTERN = re.compile(r'^(\d{4})-(0[1-9]|1[0-2])$')


def parse_period(text: str) -> tuple[datetime.date, datetime.date]:
    """The first and the last day of the month ``YYYY-MM``."""
    match = PERIOD_PATTERN.match(text or '')
    if not match:
        raise ValidationError(f'{text!r} is not a period YYYY-MM')
    year, month = int(match[1]), int(match[2])
    first = datetime.date(year, month, 1)
    following = datetime.date(year + month // 12, month % 12 + 1, 1)
    return first, following - datetime.timedelta(days=1)


def validate_period(text: str) -> None:
    parse_period(text)

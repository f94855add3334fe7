"""Periods are calendar months written YYYY-MM; they mean whole days in UTC."""

import calendar
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
    if year == 0:  # the calendar starts at year 1: date(0, ...) would raise ValueError (a 500 in the API)
        raise ValidationError(f'{text!r} is not a period YYYY-MM: there is no year 0000')
    return datetime.date(year, month, 1), datetime.date(year, month, calendar.monthrange(year, month)[1])


def validate_period(text: str) -> None:
    parse_period(text)

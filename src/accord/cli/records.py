"""What the write commands share: records found by name, instants read, a verb's refusal as bad input.

Each command only translates: names to records (an unknown name is bad input with the nearest known names),
``--at`` to an instant, and a verb's ``ValidationError`` to exit status 1 naming the record and field. The
verb runs in one transaction, so a refused command writes nothing.
"""

import contextlib
import datetime
from collections.abc import Iterator

from accord.cli.arguments import read_option
from accord.cli.status import CommandError
from accord.core.suggestions import did_you_mean


def find(queryset, name: str, what: str, *, field: str = 'name'):
    """The record of ``queryset`` whose ``field`` is ``name``; an unknown name is bad input that says what was meant."""
    found = queryset.filter(**{field: name}).first()
    if found is None:
        known = queryset.values_list(field, flat=True)
        raise CommandError(f'no {what} named {name!r}{did_you_mean(name, known)}')
    return found


def instant(text: str | None, option: str = '--at') -> datetime.datetime | None:
    """An ISO 8601 instant with a UTC offset, read as the questions read ``--at`` (None stays None: now)."""
    from accord.analysis.ownership import AT

    return read_option(AT, text, option)


@contextlib.contextmanager
def refusals(record: str) -> Iterator[None]:
    """A verb's refusal becomes bad input (exit 1): ``RECORD: FIELD: message`` for each message."""
    from django.core.exceptions import ValidationError

    try:
        yield
    except ValidationError as error:
        if not hasattr(error, 'message_dict'):
            raise CommandError(f'{record}: ' + '; '.join(error.messages)) from None
        raise CommandError('; '.join(f'{record}: {message}' if field == '__all__' else f'{record}: {field}: {message}'
                                     for field, messages in error.message_dict.items()
                                     for message in messages)) from None

"""How a value reads on a page: an object as a link to its page, money with its currency, choices in words."""

from decimal import Decimal
from typing import Any

from babel.numbers import format_currency
from django.db import models
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from accord.catalog.pricing import format_money
from accord.ui.routes import object_url

EMPTY = '—'


def label(obj: models.Model) -> str:
    """The object's title, or its name, or its text."""
    return getattr(obj, 'title', '') or getattr(obj, 'name', '') or str(obj)


def link(obj: models.Model | None) -> SafeString | str:
    """A link to the object's page, or its label when the kind has no pages."""
    if obj is None:
        return EMPTY
    url = object_url(obj)
    if url is None:
        return label(obj)
    return format_html('<a href="{}">{}</a>', url, label(obj))


def money(amount: Decimal | None, currency: str) -> str:
    if amount is None:
        return EMPTY
    if not currency:
        return f'{amount.normalize():f}'
    return format_currency(format_money(amount, currency), currency, locale='en_US')


def resolve(row: models.Model, accessor: str) -> Any:
    """Follow a dotted path; a to-many manager becomes the list of its (prefetched) objects."""
    values: list[Any] = [row]
    for part in accessor.split('.'):
        following = []
        for value in values:
            if value is None:
                continue
            display = getattr(value, f'get_{part}_display', None)
            attribute = display() if display is not None else getattr(value, part)
            if isinstance(attribute, models.Manager):
                following.extend(attribute.all())
            else:
                following.append(attribute)
        values = following
    return values


def _single(value: Any, row: models.Model, column: Any) -> Any:
    if column.kind == 'money':
        return money(value, getattr(row, column.currency_from, '') or '')
    if isinstance(value, models.Model):
        return link(value)
    if isinstance(value, bool):
        return 'yes' if value else 'no'
    if value is None or value == '':
        return EMPTY
    return value


def cell(row: models.Model, column: Any) -> SafeString | str:
    values = [_single(value, row, column) for value in resolve(row, column.accessor)]
    if not values:
        return EMPTY
    return format_html_join(', ', '{}', ((value,) for value in values))


def plain_text(row: models.Model, column: Any) -> str:
    """The cell as text, for CSV: names of objects rather than links."""
    texts = []
    for value in resolve(row, column.accessor):
        if column.kind == 'money':
            texts.append('' if value is None else f'{value.normalize():f}')
        elif isinstance(value, models.Model):
            texts.append(getattr(value, 'name', None) or str(value))
        elif value is not None:
            texts.append(str(value))
    return '; '.join(texts)

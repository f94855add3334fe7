"""How a value reads on a page: an object as a link to its page, money with its currency, choices in words."""

from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import Any

from babel.numbers import format_currency
from django.db import models
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from accord.catalog.pricing import format_money
from accord.ui.routes import object_url

EMPTY = '—'


class Visibility:
    """Which referenced objects the reader may view, read with one query per kind for a whole page.

    A page names a reference only when the API would (``restrict(user, 'view')``): a consumer's
    offering names none of the provider's products or services, as its API representation does.
    """

    def __init__(self, user: Any):
        self.user = user
        self.known: dict[type, set] = {}

    def load(self, objects: Iterable[Any]) -> 'Visibility':
        by_model: dict[type, set] = {}
        for obj in objects:
            if isinstance(obj, models.Model):
                by_model.setdefault(type(obj), set()).add(obj.pk)
        for model, pks in by_model.items():
            pks -= self.known.get(model, set())
            if pks and hasattr(model.objects, 'restrict'):
                visible = model.objects.restrict(self.user).filter(pk__in=pks).values_list('pk', flat=True)
                self.known.setdefault(model, set()).update(visible)
        return self

    def sees(self, obj: Any) -> bool:
        if not isinstance(obj, models.Model) or not hasattr(type(obj).objects, 'restrict'):
            return True
        return obj.pk in self.known.get(type(obj), set())

    def only(self, objects: Iterable[Any]) -> list:
        """The objects the reader may view, loading what is not known yet."""
        objects = list(objects)
        self.load(objects)
        return [obj for obj in objects if self.sees(obj)]


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


def cell(row: models.Model, column: Any, visibility: Visibility) -> SafeString | str:
    values = [_single(value, row, column) for value in resolve(row, column.accessor) if visibility.sees(value)]
    if not values:
        return EMPTY
    return format_html_join(', ', '{}', ((value,) for value in values))


def plain_text(row: models.Model, column: Any, visibility: Visibility) -> str:
    """The cell as text, for CSV: names of objects rather than links."""
    texts = []
    for value in resolve(row, column.accessor):
        if not visibility.sees(value):
            continue
        if column.kind == 'money':
            texts.append('' if value is None else f'{value.normalize():f}')
        elif isinstance(value, models.Model):
            texts.append(getattr(value, 'name', None) or str(value))
        elif value is not None:
            texts.append(str(value))
    return '; '.join(texts)


def referenced(rows: Iterable[models.Model], columns: Iterable[Any]) -> Iterator[Any]:
    """Every value the columns show of the rows (the objects among them to check with ``Visibility``)."""
    for row in rows:
        for column in columns:
            yield from resolve(row, column.accessor)

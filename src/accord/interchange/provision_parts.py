"""Spec fields of the provision records: elements and request items named within the subscription's offering,
items by name, the grantee as ``person:NAME`` or ``organization:NAME``, and the ownership history a delivery or a
conversion records as it is applied.
"""

from collections.abc import Iterable, Iterator
from typing import Any
from weakref import WeakKeyDictionary

from accord.api.shapes import MISSING, Field, Reference, SpecError
from accord.catalog.api.parts import money
from accord.interchange.fields import InstantValue, Ref
from accord.parties.models import Organization, Person
from accord.provision import services as provision
from accord.provision.ownership import record_conversion_transfer
from accord.relationships.models import Subscription

GRANTEE_KINDS = {'person': ('Person', 'grantee_person'), 'organization': ('Organization', 'grantee_organization')}
MODELS = {'Subscription': Subscription, 'Person': Person, 'Organization': Organization}
# Per run of the writer (the context): the kinds already read ahead, and each offering's parts by name.
_READ_AHEAD: WeakKeyDictionary = WeakKeyDictionary()
_PARTS: WeakKeyDictionary = WeakKeyDictionary()


def _read_ahead(ctx, kind: str, names: Iterable[str], select: tuple[str, ...] = ()) -> None:
    """The stored objects of ``kind`` that the run's documents name, read once per run, ``NAME_CHUNK`` names a query,
    into the context's objects: each document then resolves its reference without a query of its own (a year of
    provision records names thousands of subscriptions and grantees, each once or twice).

    What is not found is left for ``ctx.resolve`` to report, as it would without this.
    """
    done = _READ_AHEAD.setdefault(ctx, set())
    if kind in done:
        return
    done.add(kind)
    from accord.interchange.documents import NAME_CHUNK  # documents imports the kinds, which import this

    wanted = sorted({name for name in names if (kind, name) not in ctx.objects})
    stored = MODELS[kind].objects if ctx.reach is None else MODELS[kind].objects.restrict(ctx.reach)
    for start in range(0, len(wanted), NAME_CHUNK):
        for obj in stored.filter(name__in=wanted[start:start + NAME_CHUNK]).select_related(*select):
            ctx.objects[(kind, obj.name)] = obj


def _named(ctx, field: Field) -> Iterator[str]:
    """The values the run's documents give at ``field``'s key, in kinds that have a field of its class there."""
    has: dict[str, bool] = {}
    for doc in ctx.documents:
        kind = doc.kind
        if kind.name not in has:
            has[kind.name] = any(type(f) is type(field) and f.key == field.key for f in kind.fields)
        if has[kind.name] and isinstance(value := doc.spec.get(field.key), str):
            yield value


class SubscriptionRef(Ref):
    """The subscription of a provision record; those of all the run's records are read at the first, with the
    relationship, its parties and the offering that the records' rules check them against."""

    def __init__(self):
        super().__init__('subscription', 'Subscription')

    def write(self, obj, value, ctx) -> None:
        if value is not MISSING:
            _read_ahead(ctx, self.kind, _named(ctx, self), ('offering', 'relationship__provider',
                                                            'relationship__consumer'))
        super().write(obj, value, ctx)


def _offering_part(ctx, offering, relation: str, name: str):
    """An offering's element or request item by name; each offering's are read once per run."""
    parts = _PARTS.setdefault(ctx, {})
    if (offering.pk, relation) not in parts:
        parts[(offering.pk, relation)] = {part.name: part for part in getattr(offering, relation).all()}
    return parts[(offering.pk, relation)].get(name)


class OfferingPartRef(Field):
    """An element or a request item, named among those of the offering of the document's subscription."""

    def __init__(self, key: str, attr: str, relation: str, what: str):
        super().__init__(key, attr)
        self.relation, self.what = relation, what

    def read(self, obj) -> Any:
        part = getattr(obj, self.attr)
        return MISSING if part is None else part.name

    def write(self, obj, value, ctx) -> None:
        if value is MISSING:
            setattr(obj, self.attr, None)
            return
        subscription = obj.subscription if obj.subscription_id else None
        if subscription is None:
            raise SpecError((self.key,), f'a {self.what} is named within a subscription: name the subscription')
        offering = subscription.offering
        part = _offering_part(ctx, offering, self.relation, value)
        if part is None:
            raise SpecError((self.key,), f'{offering.name}, the offering of {subscription.name}, has no {self.what} '
                                         f'{value!r}')
        setattr(obj, self.attr, part)


def _item(ctx, name: str, path: tuple):
    item = ctx.existing_item(name)
    if item is None:
        raise SpecError(path, f'unknown item {name!r}')
    return item


class ItemRef(Field):
    """One item, by its name (items are parts of resources, unique by name)."""

    def read(self, obj) -> Any:
        item = getattr(obj, self.attr)
        return MISSING if item is None else item.name

    def write(self, obj, value, ctx) -> None:
        setattr(obj, self.attr, None if value is MISSING else _item(ctx, value, (self.key,)))


class DeliveredItems(Field):
    """A delivery's items, sorted; writing them records their ownership transfers to the consumer."""

    def __init__(self):
        super().__init__('items')

    def normalize(self, value: Any) -> Any:
        return sorted(value) or MISSING

    def read(self, obj) -> Any:
        return sorted(delivered.item.name for delivered in obj.delivered_items.all()) or MISSING

    def write_related(self, obj, value, ctx) -> None:
        items = [_item(ctx, name, ('items', index)) for index, name in enumerate([] if value is MISSING else value)]
        provision.set_delivered_items(obj, items, actor=ctx.actor)


class Grantee(Field):
    """Who may use what a grant covers: ``person:NAME`` or ``organization:NAME``."""

    def __init__(self):
        super().__init__('grantee')

    def read(self, obj) -> Any:
        if obj.grantee_person_id:
            return f'person:{obj.grantee_person.name}'
        return f'organization:{obj.grantee_organization.name}' if obj.grantee_organization_id else MISSING

    def write(self, obj, value, ctx) -> None:
        obj.grantee_person = obj.grantee_organization = None
        if value is not MISSING:
            prefix, name = value.split(':', 1)
            kind, attr = GRANTEE_KINDS[prefix]
            _read_ahead(ctx, kind, (named.split(':', 1)[1] for named in _named(ctx, self)
                                    if named.startswith(f'{prefix}:')))
            setattr(obj, attr, ctx.resolve(kind, name, (self.key,)))

    def references(self, value) -> Iterator[Reference]:
        prefix, name = value.split(':', 1)
        yield (self.key,), GRANTEE_KINDS[prefix][0], name

    def attr_paths(self) -> dict:
        return {'grantee_person': (self.key,), 'grantee_organization': (self.key,)}


class Conversion(InstantValue):
    """When the consumer kept the grant's item; writing it records the ownership transfer to the consumer."""

    def __init__(self):
        super().__init__('convertedAt', 'converted_at')

    def write_related(self, obj, value, ctx) -> None:
        record_conversion_transfer(obj)


class UnitPrice(Field):
    """A slot's unit price, as money in the slot's currency."""

    def __init__(self):
        super().__init__('unitPrice', 'unit_price')

    def normalize_in(self, value: Any, spec: dict) -> Any:
        return money(value, spec.get('currency'))

    def read(self, obj) -> Any:
        return MISSING if obj.unit_price is None else money(obj.unit_price, obj.currency or None)

    def write(self, obj, value, ctx) -> None:
        obj.unit_price = None if value is MISSING else value

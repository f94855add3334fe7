"""Every write of the catalogue's owned parts, in ITIL's words; atomic, audited, nestable.

An offering's elements, price plan (fee, waivers, usage charges), value statement and request
items, and a product's components with their per-group views, are set as a whole: the writer
gives the parts as they should be, in order, with references already resolved to objects (each
caller resolves names among what its writer may see). Each verb writes a change-log row for every
part it creates, changes or removes (``accord.core.parts``) and, with ``save_owner`` (the default),
saves the owner too, so that its version moves; the API's and the importer's whole-object writes,
which save the owner themselves in the same transaction, pass ``save_owner=False``.
"""

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError

from accord.catalog.models import (
    ComponentView,
    OfferingElement,
    Product,
    ProductComponent,
    RequestItem,
    ServiceOffering,
    UsageCharge,
)
from accord.core.known import objects_of
from accord.core.parts import PartRefused, listed_twice, remove_parts, sync_parts, touch_owner, values_of
from accord.core.services import Actor, atomic
from accord.parties.models import ConsumerGroup
from accord.resources.models import Resource


@dataclass(frozen=True)
class Element:
    """A good, access or action of an offering, as the writer wants it; its position is its place in the list."""

    name: str
    kind: str
    product: Product
    component: Resource | None = None
    quantity: int | None = None
    window_from: datetime.time | None = None
    window_to: datetime.time | None = None
    conversion_price: Decimal | None = None
    trigger: str = ''
    performed_by: str = ''
    requires_consumer_presence: bool = False
    target_duration_unit: str = ''
    target_duration_amount: int | None = None


@dataclass(frozen=True)
class UsageChargeSpec:
    """A price per use of an event beyond the allowance."""

    event: str
    amount: Decimal
    allowance: int = 0


@dataclass(frozen=True)
class PricePlan:
    """An offering's price: its currency, the fee and its period, the waivers and the usage charges."""

    currency: str
    fee_amount: Decimal | None = None
    fee_per: str = ''
    waivers: dict | None = None
    usage: tuple[UsageChargeSpec, ...] = ()


@dataclass(frozen=True)
class RequestItemSpec:
    """What consumers may request, fulfilled by the offering's element named ``element``."""

    name: str
    element: str
    title: str = ''
    approval: str = 'none'


@dataclass(frozen=True)
class ComponentViewSpec:
    """How a component shows to one consumer group."""

    group: ConsumerGroup
    label: str = ''


@dataclass(frozen=True)
class Component:
    """A resource a product is made of, its role and visibility, and its views per consumer group."""

    resource: Resource
    role: str = ''
    visibility: str = 'hidden'
    views: tuple[ComponentViewSpec, ...] = field(default=())


@atomic
def set_elements(offering: ServiceOffering, elements: Sequence[Element], *, actor: Actor, save_owner: bool = True,
                 remove_unlisted: bool = True) -> list[OfferingElement]:
    """Make the offering's elements these, kept by name, in this order.

    ``remove_unlisted=False`` keeps the others for ``remove_elements_except`` to remove once request
    items no longer refer to them (a request item moved to a new element in the same write).
    """
    return sync_parts(
        {e.name: e for e in offering.elements.all()},
        [(e.name, {**values_of(e), 'position': index}) for index, e in enumerate(elements)],
        lambda name: OfferingElement(offering=offering, name=name),
        actor=actor, where=('elements',), duplicate=('name', lambda name: listed_twice(f'element {name}')),
        remove=remove_unlisted,
        owner=offering if save_owner else None)


@atomic
def remove_elements_except(offering: ServiceOffering, names: Iterable[str], *, actor: Actor) -> None:
    """Remove the offering's elements not named; refused while a request item or a record refers to one."""
    kept = set(names)
    remove_parts([e for e in offering.elements.all() if e.name not in kept], actor=actor, where=('elements',))


def assign_price_plan(offering: ServiceOffering, plan: PricePlan | None) -> None:
    """Put the plan's columns on the offering, unsaved (``None`` clears the price); its usage charges are
    ``set_usage_charges``'s."""
    offering.currency = plan.currency if plan else ''
    offering.fee_amount = plan.fee_amount if plan else None
    offering.fee_per = plan.fee_per if plan else ''
    offering.waivers = plan.waivers if plan else None


@atomic
def set_usage_charges(offering: ServiceOffering, charges: Sequence[UsageChargeSpec], *, actor: Actor) -> None:
    """Make the offering's usage charges these, kept by event."""
    sync_parts({u.event: u for u in offering.usage_charges.all()},
               [(c.event, values_of(c)) for c in charges],
               lambda event: UsageCharge(offering=offering, event=event),
               actor=actor, where=('usage_charges',))


@atomic
def set_price_plan(offering: ServiceOffering, plan: PricePlan | None, *, actor: Actor) -> None:
    """Price the offering (or make it free of any price plan, with ``None``): fee, waivers, usage charges."""
    assign_price_plan(offering, plan)
    touch_owner(offering, actor=actor)
    set_usage_charges(offering, plan.usage if plan else (), actor=actor)


@atomic
def set_value(offering: ServiceOffering, value: dict[str, list[str]], *, actor: Actor) -> None:
    """State the offering's value: outcomes facilitated, costs and risks added and removed, as sentences."""
    offering.value = value
    touch_owner(offering, actor=actor)


@atomic
def set_request_items(offering: ServiceOffering, items: Sequence[RequestItemSpec], *, actor: Actor,
                      save_owner: bool = True) -> list[RequestItem]:
    """Make the offering's request items these, kept by name, each fulfilled by one of its elements."""
    elements = {e.name: e for e in offering.elements.all()}
    for index, item in enumerate(items):
        if item.element not in elements:
            raise PartRefused(('request_items', index, 'element'),
                              ValidationError(f'{item.element} is not an element of this offering'))
    return sync_parts(
        {r.name: r for r in offering.request_items.all()},
        [(i.name, {**values_of(i), 'element': elements[i.element]}) for i in items],
        lambda name: RequestItem(offering=offering, name=name),
        actor=actor, where=('request_items',),
        owner=offering if save_owner else None)


@atomic
def set_components(product: Product, components: Sequence[Component], *, actor: Actor,
                   save_owner: bool = True) -> list[ProductComponent]:
    """Make the product's components these, kept by resource, in this order, each with its views."""

    def set_views(component: ProductComponent, where: tuple) -> None:
        wanted = next(c for c in components if c.resource.pk == component.resource_id).views
        sync_parts({v.group.name: v for v in objects_of(component.views, 'group')},
                   [(v.group.name, values_of(v)) for v in wanted],
                   lambda _group: ComponentView(component=component),
                   actor=actor, where=(*where, 'views'), by_key=True)

    return sync_parts(
        {c.resource.name: c for c in objects_of(product.components, 'resource')},
        [(c.resource.name, {'resource': c.resource, 'role': c.role, 'visibility': c.visibility, 'position': index})
         for index, c in enumerate(components)],
        lambda _resource: ProductComponent(product=product),
        actor=actor, where=('components',), duplicate=('resource', listed_twice), then=set_views,
        owner=product if save_owner else None)

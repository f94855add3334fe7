"""The shape of the catalogue's owned parts: components, elements, pricing, value, request items
(``accord.api.shapes``).

Owned parts are written by the service verbs, which keep them by their key (an item's or element's
name, a component's resource) so that unchanged parts keep their identity and whatever refers to
them later. These fields only translate: the canonical form into the verbs' specs, its names into
objects (``ctx.resolve``), and a refused part back into its paths (``relations``, ``part_keys``).
The API nests them in an object's representation; the catalogue format's kinds are built on them.
"""

import datetime
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from accord.api.shapes import MISSING, Field, Reference, canonical_number, drop_missing
from accord.catalog import services as catalog
from accord.catalog.models import OfferingElement
from accord.catalog.pricing import minor_unit
from accord.core.prefetch import related


class Components(Field):
    """A product's components, in the order written, with their per-group views."""

    def __init__(self):
        super().__init__('components')

    @staticmethod
    def _canonical(resource, role, visibility, views) -> dict:
        return drop_missing({
            'resource': resource,
            'role': role or MISSING,
            'visibility': MISSING if visibility == 'hidden' else visibility,
            'views': {group: drop_missing({'label': label or MISSING}) for group, label in sorted(views.items())}
            or MISSING,
        })

    def normalize(self, value: Any) -> Any:
        return [self._canonical(c['resource'], c.get('role'), c.get('visibility', 'hidden'),
                                {g: (v or {}).get('label') for g, v in (c.get('views') or {}).items()})
                for c in value]

    def read(self, obj) -> Any:
        return [self._canonical(c.resource.name, c.role, c.visibility,
                                {v.group.name: v.label for v in related(c, 'views')})
                for c in related(obj, 'components')]

    def references(self, value) -> Iterator[Reference]:
        for index, component in enumerate(value):
            yield ('components', index, 'resource'), 'Resource', component['resource']
            for group in component.get('views') or {}:
                yield ('components', index, 'views', group), 'ConsumerGroup', group

    part_keys = {'components': {'resource': ('resource',), 'role': ('role',)},
                 'views': {'group': (), 'label': ('label',)}}

    def write_related(self, obj, value, ctx) -> None:
        components = [catalog.Component(
            resource=ctx.resolve('Resource', spec['resource'], ('components', index, 'resource')),
            role=spec.get('role', ''), visibility=spec.get('visibility', 'hidden'),
            views=tuple(catalog.ComponentViewSpec(
                group=ctx.resolve('ConsumerGroup', group, ('components', index, 'views', group)),
                label=wanted.get('label', '')) for group, wanted in (spec.get('views') or {}).items()))
            for index, spec in enumerate(value)]
        catalog.set_components(obj, components, actor=ctx.actor, save_owner=False)

class Elements(Field):
    """An offering's goods, accesses and actions, in the order written, kept by name."""

    def __init__(self):
        super().__init__('elements')

    def normalize_in(self, value: Any, spec: dict) -> Any:
        currency = spec.get('pricing', {}).get('currency')
        return [self._normalize_one(e, currency) for e in value] or MISSING

    @staticmethod
    def _normalize_one(e: dict, currency: str | None) -> dict:
        canonical = {'kind': e['kind'], 'name': e['name'], 'product': e['product'],
                     'component': e.get('component', MISSING)}
        if e['kind'] == 'good':
            canonical['quantity'] = e.get('quantity', MISSING)
        elif e['kind'] == 'access':
            canonical['window'] = e.get('window', MISSING)
            if 'convertibleToGood' in e:
                canonical['convertibleToGood'] = {'price': money(e['convertibleToGood']['price'], currency)}
        else:
            canonical['trigger'] = MISSING if e.get('trigger', 'on-request') == 'on-request' else e['trigger']
            canonical['performedBy'] = MISSING if e.get('performedBy', 'provider') == 'provider' else e['performedBy']
            canonical['requiresConsumerPresence'] = e.get('requiresConsumerPresence') or MISSING
            canonical['targetDuration'] = e.get('targetDuration', MISSING)
        return drop_missing(canonical)

    def read(self, obj) -> Any:
        currency = obj.currency or None
        return [drop_missing(self._read_one(e, currency)) for e in related(obj, 'elements')] or MISSING

    @staticmethod
    def _read_one(e: OfferingElement, currency: str | None) -> dict:
        canonical = {'kind': e.kind, 'name': e.name, 'product': e.product.name,
                     'component': e.component.name if e.component_id else MISSING}
        if e.kind == 'good':
            canonical['quantity'] = e.quantity if e.quantity is not None else MISSING
        elif e.kind == 'access':
            if e.window_from is not None:
                canonical['window'] = {'from': e.window_from.strftime('%H:%M'), 'to': e.window_to.strftime('%H:%M')}
            if e.conversion_price is not None:
                canonical['convertibleToGood'] = {'price': money(e.conversion_price, currency)}
        else:
            canonical['trigger'] = MISSING if e.trigger == 'on-request' else e.trigger
            canonical['performedBy'] = MISSING if e.performed_by == 'provider' else e.performed_by
            canonical['requiresConsumerPresence'] = e.requires_consumer_presence or MISSING
            if e.target_duration_unit:
                canonical['targetDuration'] = {e.target_duration_unit: e.target_duration_amount}
        return canonical

    def references(self, value) -> Iterator[Reference]:
        for index, element in enumerate(value):
            yield ('elements', index, 'product'), 'Product', element['product']
            if 'component' in element:
                yield ('elements', index, 'component'), 'Resource', element['component']

    part_keys = {'elements': {
        'name': ('name',), 'product': ('product',), 'component': ('component',), 'quantity': ('quantity',),
        'window_from': ('window',), 'window_to': ('window',), 'conversion_price': ('convertibleToGood',),
        'trigger': ('trigger',), 'performed_by': ('performedBy',), 'target_duration_amount': ('targetDuration',),
        'target_duration_unit': ('targetDuration',),
    }}

    def write_related(self, obj, value, ctx) -> None:
        """Create and update elements; removing the ones no longer listed is ``finish``'s job, once request
        items no longer refer to them."""
        elements = [self._element(spec, index, ctx) for index, spec in enumerate([] if value is MISSING else value)]
        catalog.set_elements(obj, elements, actor=ctx.actor, save_owner=False, remove_unlisted=False)

    @staticmethod
    def _element(spec: dict, index: int, ctx) -> catalog.Element:
        base = ('elements', index)
        window = spec.get('window')
        conversion = spec.get('convertibleToGood')
        is_action = spec['kind'] == 'action'
        duration = spec.get('targetDuration')
        ((unit, amount),) = duration.items() if duration else ((None, None),)
        return catalog.Element(
            name=spec['name'],
            kind=spec['kind'],
            product=ctx.resolve('Product', spec['product'], (*base, 'product')),
            component=ctx.resolve('Resource', spec['component'], (*base, 'component')) if 'component' in spec else None,
            quantity=spec.get('quantity'),
            window_from=datetime.time.fromisoformat(window['from']) if window else None,
            window_to=datetime.time.fromisoformat(window['to']) if window else None,
            conversion_price=Decimal(conversion['price']) if conversion else None,
            trigger=spec.get('trigger', 'on-request') if is_action else '',
            performed_by=spec.get('performedBy', 'provider') if is_action else '',
            requires_consumer_presence=bool(spec.get('requiresConsumerPresence')),
            target_duration_unit=unit or '',
            target_duration_amount=amount,
        )

    def finish(self, obj, value, ctx) -> None:
        names = [e['name'] for e in ([] if value is MISSING else value)]
        catalog.remove_elements_except(obj, names, actor=ctx.actor)


def money(value: Any, currency: str | None) -> str:
    """Money in canonical form: with the currency's decimals when it has no more than that, else as written."""
    amount = Decimal(str(value))
    quantum = minor_unit(currency) if currency else Decimal('0.01')
    if amount == amount.quantize(quantum):
        return str(amount.quantize(quantum))
    return str(amount)


def _condition(condition: dict) -> dict:
    """A waiver condition with canonical numbers."""
    if 'anyOf' in condition or 'allOf' in condition:
        (key, parts), = condition.items()
        return {key: [_condition(part) for part in parts]}
    return {key: canonical_number(value) if key in ('atLeast', 'atMost', 'equals') else value
            for key, value in condition.items()}


def condition_offerings(condition: dict, path: tuple = ()) -> Iterator[tuple[tuple, str]]:
    """(path, offering name) of every ``subscribedTo`` leaf of a condition."""
    if 'subscribedTo' in condition:
        yield (*path, 'subscribedTo'), condition['subscribedTo']
    for key in ('anyOf', 'allOf'):
        for index, part in enumerate(condition.get(key, ())):
            yield from condition_offerings(part, (*path, key, index))


class Pricing(Field):
    """The price plan: currency, fee, waivers, usage charges (sorted by event)."""

    def __init__(self):
        super().__init__('pricing', 'currency')

    def normalize(self, value: Any) -> Any:
        currency = value['currency']
        fee = value.get('fee')
        return drop_missing({
            'currency': currency,
            'fee': {'amount': money(fee['amount'], currency), 'per': fee['per']} if fee else MISSING,
            'waivers': _condition(value['waivers']) if 'waivers' in value else MISSING,
            'usage': [self._usage(u['event'], money(u['amount'], currency), u.get('allowance', 0))
                      for u in sorted(value.get('usage', []), key=lambda u: u['event'])] or MISSING,
        })

    @staticmethod
    def _usage(event: str, amount: str, allowance: int) -> dict:
        return drop_missing({'event': event, 'amount': amount, 'allowance': allowance or MISSING})

    def read(self, obj) -> Any:
        if not obj.currency:
            return MISSING
        return drop_missing({
            'currency': obj.currency,
            'fee': {'amount': money(obj.fee_amount, obj.currency), 'per': obj.fee_per}
            if obj.fee_amount is not None else MISSING,
            'waivers': obj.waivers,
            'usage': [self._usage(u.event, money(u.amount, obj.currency), u.allowance)
                      for u in related(obj, 'usage_charges')] or MISSING,
        })

    def references(self, value) -> Iterator[Reference]:
        if 'waivers' in value:
            for path, name in condition_offerings(value['waivers'], ('pricing', 'waivers')):
                yield path, 'ServiceOffering', name

    relations = {'usage_charges': ('pricing', 'usage')}
    part_keys = {'usage_charges': {'amount': ('amount',), 'allowance': ('allowance',)}}

    @staticmethod
    def plan(value: Any) -> catalog.PricePlan | None:
        """The canonical price plan as the catalogue's ``PricePlan``; ``None`` when there is none."""
        if value is MISSING:
            return None
        fee = value.get('fee')
        return catalog.PricePlan(
            currency=value.get('currency', ''),
            fee_amount=Decimal(fee['amount']) if fee else None,
            fee_per=fee['per'] if fee else '',
            waivers=value.get('waivers'),
            usage=tuple(catalog.UsageChargeSpec(event=u['event'], amount=Decimal(u['amount']),
                                                allowance=u.get('allowance', 0)) for u in value.get('usage', [])),
        )

    def write(self, obj, value, ctx) -> None:
        catalog.assign_price_plan(obj, self.plan(value))

    def write_related(self, obj, value, ctx) -> None:
        plan = self.plan(value)
        catalog.set_usage_charges(obj, plan.usage if plan else (), actor=ctx.actor)

    def attr_paths(self):
        return {'currency': ('pricing', 'currency'), 'fee_amount': ('pricing', 'fee', 'amount'),
                'fee_per': ('pricing', 'fee', 'per'), 'waivers': ('pricing', 'waivers')}


VALUE_KEYS = ('outcomes', 'costsAdded', 'costsRemoved', 'risksAdded', 'risksRemoved')


class ValueStatement(Field):
    """Outcomes facilitated, costs and risks added and removed: lists of sentences, as written."""

    def __init__(self):
        super().__init__('value')

    def normalize(self, value: Any) -> Any:
        return {key: list(value[key]) for key in VALUE_KEYS if value.get(key)} or MISSING

    def read(self, obj) -> Any:
        return self.normalize(obj.value or {})

    def write(self, obj, value, ctx) -> None:
        obj.value = {} if value is MISSING else value


class RequestItems(Field):
    """What consumers may request, each fulfilled by an element of the same offering (sorted by name)."""

    def __init__(self):
        super().__init__('requestItems')

    @staticmethod
    def _canonical(name, title, element, approval) -> dict:
        return drop_missing({'name': name, 'title': title or MISSING, 'element': element,
                              'approval': MISSING if approval == 'none' else approval})

    def normalize(self, value: Any) -> Any:
        return [self._canonical(r['name'], r.get('title'), r['element'], r.get('approval', 'none'))
                for r in sorted(value, key=lambda r: r['name'])] or MISSING

    def read(self, obj) -> Any:
        items = related(obj, 'request_items')
        return [self._canonical(r.name, r.title, r.element.name, r.approval) for r in items] or MISSING

    relations = {'request_items': ('requestItems',)}
    part_keys = {'request_items': {'element': ('element',), 'name': ('name',)}}

    def write_related(self, obj, value, ctx) -> None:
        items = [catalog.RequestItemSpec(name=spec['name'], element=spec['element'], title=spec.get('title', ''),
                                         approval=spec.get('approval', 'none'))
                 for spec in ([] if value is MISSING else value)]
        catalog.set_request_items(obj, items, actor=ctx.actor, save_owner=False)

"""The shape of the relationships' owned parts: consumer roles, agreement targets with their
measurements, value-review factors (``accord.api.shapes``); written by the relationships' service verbs.
"""

from decimal import Decimal
from typing import Any

from accord.api.shapes import MISSING, Field, drop_missing
from accord.core.decimals import canonical_decimal
from accord.relationships import services as relationships


class Roles(Field):
    """Consumer roles of a relationship, sorted by person then role."""

    def __init__(self):
        super().__init__('roles')

    def normalize(self, value: Any) -> Any:
        pairs = sorted({(r['person'], r['role']) for r in value})
        return [{'person': person, 'role': role} for person, role in pairs] or MISSING

    def read(self, obj) -> Any:
        pairs = sorted((r.person.name, r.role) for r in obj.roles.all())
        return [{'person': person, 'role': role} for person, role in pairs] or MISSING

    def references(self, value):
        for index, role in enumerate(value):
            yield ('roles', index, 'person'), 'Person', role['person']

    part_keys = {'roles': {'person': ('person',), 'role': ('role',)}}

    def write_related(self, obj, value, ctx) -> None:
        roles = [relationships.ConsumerRoleSpec(
            person=ctx.resolve('Person', spec['person'], ('roles', index, 'person')), role=spec['role'])
            for index, spec in enumerate([] if value is MISSING else value)]
        relationships.set_consumer_roles(obj, roles, actor=ctx.actor, save_owner=False)


class Targets(Field):
    """An agreement's targets in the order written, each with its measurements sorted by period."""

    def __init__(self):
        super().__init__('targets')

    @staticmethod
    def _canonical(name, kind, comparator, value, unit, measurements) -> dict:
        return drop_missing({
            'name': name, 'kind': kind, 'comparator': comparator, 'value': canonical_decimal(value),
            'unit': unit or MISSING,
            'measurements': [{'period': p, 'value': canonical_decimal(v)} for p, v in sorted(measurements)] or MISSING,
        })

    def normalize(self, value: Any) -> Any:
        return [self._canonical(t['name'], t['kind'], t['comparator'], t['value'], t.get('unit'),
                                [(m['period'], m['value']) for m in t.get('measurements', [])])
                for t in value] or MISSING

    def read(self, obj) -> Any:
        return [self._canonical(t.name, t.kind, t.comparator, t.value, t.unit,
                                [(m.period, m.value) for m in t.measurements.all()])
                for t in obj.targets.all()] or MISSING

    part_keys = {'targets': {'value': ('value',), 'unit': ('unit',)},
                 'measurements': {'period': ('period',), 'value': ('value',)}}

    def write_related(self, obj, value, ctx) -> None:
        targets = [relationships.TargetSpec(
            name=spec['name'], kind=spec['kind'], comparator=spec['comparator'], value=Decimal(spec['value']),
            unit=spec.get('unit', ''),
            measurements=tuple(relationships.MeasurementSpec(period=m['period'], value=Decimal(m['value']))
                               for m in spec.get('measurements', [])))
            for spec in ([] if value is MISSING else value)]
        relationships.set_targets(obj, targets, actor=ctx.actor, save_owner=False)


class Factors(Field):
    """A value review's factors, in the order written."""

    def __init__(self):
        super().__init__('factors')

    @staticmethod
    def _canonical(kind, direction, description, amount) -> dict:
        return drop_missing({'kind': kind, 'direction': direction, 'description': description or MISSING,
                              'amount': canonical_decimal(amount) if amount is not None else MISSING})

    def normalize(self, value: Any) -> Any:
        return [self._canonical(f['kind'], f['direction'], f.get('description'), f.get('amount'))
                for f in value] or MISSING

    def read(self, obj) -> Any:
        return [self._canonical(f.kind, f.direction, f.description, f.amount) for f in obj.factors.all()] or MISSING

    part_keys = {'factors': {'amount': ('amount',)}}

    def write_related(self, obj, value, ctx) -> None:
        factors = [relationships.FactorSpec(kind=spec['kind'], direction=spec['direction'],
                                            description=spec.get('description', ''),
                                            amount=Decimal(spec['amount']) if 'amount' in spec else None)
                   for spec in ([] if value is MISSING else value)]
        relationships.set_factors(obj, factors, actor=ctx.actor, save_owner=False)

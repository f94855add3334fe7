"""Spec fields with structure of the relationship kinds: consumer roles, agreement targets with their
measurements, value-review factors.
"""

from decimal import Decimal
from typing import Any

from accord.interchange.fields import MISSING, Field, SpecError, canonical_decimal
from accord.relationships.models import AgreementTarget, ConsumerRole, Measurement, ValueFactor


def _drop_missing(mapping: dict) -> dict:
    return {key: value for key, value in mapping.items() if value is not MISSING and value is not None}


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

    def write_related(self, obj, value, ctx) -> None:
        wanted = [] if value is MISSING else value
        existing = {(r.person.name, r.role): r for r in obj.roles.select_related('person')}
        for index, spec in enumerate(wanted):
            key = (spec['person'], spec['role'])
            if key in existing:
                existing.pop(key)
                continue
            path = ('roles', index)
            role = ConsumerRole(relationship=obj, role=spec['role'],
                                person=ctx.resolve('Person', spec['person'], (*path, 'person')))
            ctx.save(role, {'person': (*path, 'person'), 'role': (*path, 'role')}, path)
        for role in existing.values():
            ctx.delete(role, ('roles',))


class Targets(Field):
    """An agreement's targets in the order written, each with its measurements sorted by period."""

    def __init__(self):
        super().__init__('targets')

    @staticmethod
    def _canonical(name, kind, comparator, value, unit, measurements) -> dict:
        return _drop_missing({
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

    def write_related(self, obj, value, ctx) -> None:
        wanted = [] if value is MISSING else value
        existing = {t.name: t for t in obj.targets.all()}
        for index, spec in enumerate(wanted):
            base = ('targets', index)
            if spec['name'] not in existing and any(t['name'] == spec['name'] for t in wanted[:index]):
                raise SpecError((*base, 'name'), f'target {spec["name"]} is listed twice')
            target = existing.pop(spec['name'], None) or AgreementTarget(agreement=obj, name=spec['name'])
            target.kind, target.comparator = spec['kind'], spec['comparator']
            target.value, target.unit, target.position = Decimal(spec['value']), spec.get('unit', ''), index
            ctx.save(target, {'value': (*base, 'value'), 'unit': (*base, 'unit')}, base)
            self._write_measurements(target, spec.get('measurements', []), base, ctx)
        for target in existing.values():
            ctx.delete(target, ('targets',))

    @staticmethod
    def _write_measurements(target: AgreementTarget, measurements: list[dict], base: tuple, ctx) -> None:
        existing = {m.period: m for m in target.measurements.all()}
        for index, spec in enumerate(measurements):
            path = (*base, 'measurements', index)
            if spec['period'] not in existing and any(m['period'] == spec['period'] for m in measurements[:index]):
                raise SpecError((*path, 'period'), f'period {spec["period"]} is measured twice')
            measurement = existing.pop(spec['period'], None) or Measurement(target=target, period=spec['period'])
            measurement.value = Decimal(spec['value'])
            ctx.save(measurement, {'period': (*path, 'period'), 'value': (*path, 'value')}, path)
        for measurement in existing.values():
            ctx.delete(measurement, (*base, 'measurements'))


class Factors(Field):
    """A value review's factors, in the order written."""

    def __init__(self):
        super().__init__('factors')

    @staticmethod
    def _canonical(kind, direction, description, amount) -> dict:
        return _drop_missing({'kind': kind, 'direction': direction, 'description': description or MISSING,
                              'amount': canonical_decimal(amount) if amount is not None else MISSING})

    def normalize(self, value: Any) -> Any:
        return [self._canonical(f['kind'], f['direction'], f.get('description'), f.get('amount'))
                for f in value] or MISSING

    def read(self, obj) -> Any:
        return [self._canonical(f.kind, f.direction, f.description, f.amount) for f in obj.factors.all()] or MISSING

    def write_related(self, obj, value, ctx) -> None:
        """Factors have no name: the one at each position is updated in place, the ones past the end removed."""
        existing = list(obj.factors.all())
        wanted = [] if value is MISSING else value
        for index, spec in enumerate(wanted):
            factor = existing[index] if index < len(existing) else ValueFactor(review=obj)
            factor.kind, factor.direction, factor.position = spec['kind'], spec['direction'], index
            factor.description = spec.get('description', '')
            factor.amount = Decimal(spec['amount']) if 'amount' in spec else None
            ctx.save(factor, {'amount': ('factors', index, 'amount')}, ('factors', index))
        for factor in existing[len(wanted):]:
            ctx.delete(factor, ('factors',))

"""A model's constraints validated as ``Model.validate_constraints`` does, with fewer round trips.

Django validates a ``CheckConstraint`` by asking the database (``Q.check``): one query, and inside
a transaction a savepoint around it, so three statements per constraint and object. A condition
that only tests columns (a relation's key included) for NULL, or compares them with constants or
with each other (``F``), is decided here in Python when Python compares the values as the database
does (texts, integers, aware instants, dates), with the database's logic: NULL makes a comparison
unknown, and an unknown condition passes (Django checks ``COALESCE(condition, true)``). Any other
condition is still the database's to decide.
"""

import datetime
import operator
from typing import Any

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models, router

UNKNOWN = None


class _Undecided(Exception):
    """A condition this module does not decide: the database does."""


def validate_constraints(obj: models.Model, exclude: set[str], *, new_owners: 'NewOwners | None' = None) -> None:
    """``obj.validate_constraints(exclude)``, the same errors, with fewer queries: plain check constraints are
    decided in Python, and ``new_owners`` vouches for a part's uniqueness under an owner it knows."""
    errors: dict = {}
    using = router.db_for_write(type(obj), instance=obj)
    for model, constraints in obj.get_constraints():
        for constraint in constraints:
            if new_owners is not None and new_owners.vouches(constraint, obj):
                continue
            try:
                if not _decided(constraint, obj, exclude):
                    constraint.validate(model, obj, exclude=exclude, using=using)
            except ValidationError as error:
                if getattr(error, 'code', None) == 'unique' and len(constraint.fields) == 1:
                    errors.setdefault(constraint.fields[0], []).append(error)
                else:
                    errors = error.update_error_dict(errors)
    if errors:
        raise ValidationError(errors)


def _decided(constraint: models.BaseConstraint, obj: models.Model, exclude: set[str]) -> bool:
    """Whether the constraint was decided here (raising its error when violated)."""
    if not isinstance(constraint, models.CheckConstraint):
        return False
    try:
        holds = _evaluate(constraint.condition, obj, exclude)
    except _Undecided:
        return False
    except _Excluded:  # as Django: a condition on a field left out is not checked
        return True
    if holds is False:
        raise ValidationError(constraint.get_violation_error_message(), code=constraint.violation_error_code)
    return True


class _Excluded(Exception):
    """The condition names a field left out of the validation."""


def _evaluate(node, obj: models.Model, exclude: set[str]) -> bool | None:
    """True, False or UNKNOWN (None), as SQL would: Kleene's logic for AND, OR and NOT."""
    if isinstance(node, models.Q):
        values = [_evaluate(child, obj, exclude) for child in node.children]
        if node.connector == models.Q.AND:
            result = False if False in values else UNKNOWN if UNKNOWN in values else True
        else:
            result = True if True in values else UNKNOWN if UNKNOWN in values else False
        return (UNKNOWN if result is UNKNOWN else not result) if node.negated else result
    if not isinstance(node, tuple):
        raise _Undecided
    lookup, value = node
    name, _, kind = lookup.partition('__')
    column = _column(obj, name, exclude)
    if kind == 'isnull' and isinstance(value, bool):
        return (column is None) == value
    if isinstance(value, models.F):
        value = _column(obj, value.name, exclude)
        if value is None or column is None:
            return UNKNOWN
    elif kind in ('', 'exact') and value is None:  # Django writes field=None as IS NULL
        return column is None
    if column is None:
        return UNKNOWN
    if kind in ('', 'exact') and _alike(column, value, str):
        return column == value
    if kind in COMPARISONS and any(_alike(column, value, *types) for types in ORDERED):
        return COMPARISONS[kind](column, value)
    raise _Undecided


# The comparisons decided here, on values Python and the database compare alike: texts for equality, integers,
# aware instants and dates for order too (decimals are left to the database: SQLite binds them as text).
COMPARISONS = {'': operator.eq, 'exact': operator.eq, 'gt': operator.gt, 'gte': operator.ge, 'lt': operator.lt,
               'lte': operator.le}
ORDERED = ((int,), (datetime.datetime,), (datetime.date,))


def _column(obj: models.Model, name: str, exclude: set[str]) -> Any:
    """The value of a concrete column of ``obj``, a relation's key for a relation."""
    if '__' in name:
        raise _Undecided
    try:
        field = obj._meta.get_field(name)
    except FieldDoesNotExist:  # an unknown name
        raise _Undecided from None
    if not field.concrete:
        raise _Undecided
    if name in exclude:
        raise _Excluded
    return getattr(obj, field.attname)


def _alike(a: Any, b: Any, *types: type) -> bool:
    """Both values of ``types`` (no bool; instants both aware), so Python compares them as the database does."""
    if isinstance(a, bool) or isinstance(b, bool) or not (isinstance(a, types) and isinstance(b, types)):
        return False
    if isinstance(a, datetime.datetime) != isinstance(b, datetime.datetime):
        return False
    return not isinstance(a, datetime.datetime) or (a.tzinfo is not None and b.tzinfo is not None)


class NewOwners:
    """The objects one all-or-nothing batch created, and the unique values of the parts saved under them.

    A part whose unique constraint names an owner created in the batch can only collide with the
    parts saved under that owner in the same batch, all of which are known here: no query is needed
    unless one collides, and then the database is asked after all, so that Django words the error.
    """

    def __init__(self) -> None:
        self.created: set[tuple[type, Any]] = set()
        # By constraint name (unique in the database): the values held, and by whom.
        self.values: dict[str, dict[tuple, Any]] = {}
        self.held: dict[tuple[str, Any], tuple] = {}
        # By (model, unique field): values the writer has read that no stored object holds (``free``).
        self.unused: dict[tuple[type, str], set] = {}

    def free(self, model: type[models.Model], field: str, values) -> None:
        """No stored ``model`` holds these values of its unique ``field`` (the caller has read it)."""
        self.unused.setdefault((model._meta.concrete_model, field), set()).update(values)

    def unique_values_free(self, obj: models.Model) -> set[str]:
        """The unique fields whose value in ``obj`` no stored object and no object saved in the batch holds."""
        model = obj._meta.concrete_model
        return {field for (owner, field), values in self.unused.items()
                if owner is model and getattr(obj, field) in values}

    def saved(self, obj: models.Model, *, created: bool) -> None:
        """Record an object just saved: created (an owner to come), and its values under new owners."""
        if created:
            self.created.add((obj._meta.concrete_model, obj.pk))
        for (model, field), values in self.unused.items():
            if model is obj._meta.concrete_model:
                values.discard(getattr(obj, field))
        for constraint in self._under_new_owner(obj):
            held = self.values.setdefault(constraint.name, {})
            old = self.held.pop((constraint.name, obj.pk), None)
            if old is not None and held.get(old) == obj.pk:
                del held[old]
            values = _values(constraint, obj)
            held[values] = obj.pk
            self.held[(constraint.name, obj.pk)] = values

    def vouches(self, constraint: models.BaseConstraint, obj: models.Model) -> bool:
        """Whether ``obj`` certainly meets ``constraint``: a part under a new owner, its values not yet taken."""
        if constraint not in self._under_new_owner(obj):
            return False
        values = _values(constraint, obj)
        return None not in values and self.values.get(constraint.name, {}).get(values, obj.pk) == obj.pk

    def _under_new_owner(self, obj: models.Model) -> list[models.UniqueConstraint]:
        if not self.created:
            return []
        found = []
        for constraint in obj._meta.total_unique_constraints:
            if constraint.condition is not None or constraint.expressions:
                continue
            for name in constraint.fields:
                field = obj._meta.get_field(name)
                if field.many_to_one and (field.related_model._meta.concrete_model,
                                          getattr(obj, field.attname)) in self.created:
                    found.append(constraint)
                    break
        return found


def _values(constraint: models.UniqueConstraint, obj: models.Model) -> tuple:
    return tuple(getattr(obj, obj._meta.get_field(name).attname) for name in constraint.fields)

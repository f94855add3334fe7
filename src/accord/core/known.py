"""What the objects written in a ``batch()`` own, kept in memory so that the verbs and the rules need no query.

Django keeps a relation's objects read by ``prefetch_related`` in ``_prefetched_objects_cache``; the related
managers answer ``all()``, ``exists()`` and ``count()`` from there. Inside a batch an object just created owns
nothing yet (``owns_nothing_yet``). In an all-or-nothing batch, where nothing it created is rolled back alone,
what such an object comes to own is added as it is written: each part created under it (``list_new_part``)
and its many-to-many targets (``keep_related``). Any other write of a part makes its owners forget what they
held (``forget_owners_parts``), to read it again from the database when asked.
"""

import functools
from typing import Any

from django.db import models
from django.db.models.sql import Query

# On a part listed by ``list_new_part``: the (owner, relation) lists that hold it.
LISTED_IN = '_accord_listed_in'


def owns_nothing_yet(obj: models.Model) -> None:
    """Remember that a new object has no many-to-many rows and no owned parts (cascading with it) yet, so
    that the verbs writing them find none stored without a query."""
    cache = obj.__dict__.setdefault('_prefetched_objects_cache', {})
    for field in obj._meta.many_to_many:
        cache.setdefault(field.name, nothing(field.related_model))
    for rel in obj._meta.related_objects:
        if rel.one_to_many and rel.on_delete is models.CASCADE:
            cache.setdefault(rel.cache_name, nothing(rel.related_model))


@functools.cache
def nothing(model: type[models.Model]) -> models.QuerySet:
    """One empty queryset per model, already evaluated, shared by every new object: thousands of their own would
    weigh megabytes (and an unevaluated one is compiled each time it is read, to find that it is empty)."""
    found = model._base_manager.none()
    found._result_cache = []
    found._prefetch_done = True
    return found


def known(relation: models.Manager, objects: list[models.Model]) -> models.QuerySet:
    """The relation's queryset already evaluated to ``objects``, as ``prefetch_related`` leaves one (a query
    built on it still asks the database, for the relation's rows)."""
    if not objects:
        return nothing(relation.model)
    found = _Known(relation.model, query=_unused_query(relation.model))
    found.relation = relation
    found._result_cache = objects
    found._prefetch_done = True
    return found


@functools.cache
def _unused_query(model: type[models.Model]) -> Query:
    """One query per model for the ``_Known`` querysets to hold, never run nor changed: a query is built on the
    relation's rows instead (``_Known._chain``), and making one for each costs more than keeping the objects."""
    return Query(model)


class _Known(models.QuerySet):
    """Objects of a relation, in memory; a query built on them is built on the relation's rows when it is asked
    for, not before: filtering by the relation costs more than keeping the objects, and it is seldom asked."""

    relation: models.Manager

    def _chain(self) -> models.QuerySet:
        return self.relation._apply_rel_filters(self.relation.model._default_manager.all())


def keep_related(obj: models.Model, attr: str, targets: list[models.Model]) -> None:
    """The many-to-many ``attr`` of an object the batch created is now ``targets``."""
    obj._prefetched_objects_cache[attr] = known(getattr(obj, attr), targets)


def list_new_part(part: models.Model, created: set[tuple[type, Any]]) -> None:
    """A part just created: each owner ``created`` in the batch adds it to what it holds of that relation; any
    other owner forgets what it held."""
    for field in part._meta.concrete_fields:
        if not field.many_to_one:
            continue
        owner = part._state.fields_cache.get(field.name)
        cache = getattr(owner, '_prefetched_objects_cache', None)
        if not cache:
            continue
        name = field.remote_field.cache_name
        if (name not in cache or (owner._meta.concrete_model, owner.pk) not in created
                or any(f.remote_field.through is type(part) for f in owner._meta.many_to_many)):
            _forget(owner, cache, part, name)
            continue
        held = cache[name]
        if held is nothing(type(part)):
            cache[name] = known(getattr(owner, name), [part])
        else:
            held._result_cache.append(part)
        part.__dict__.setdefault(LISTED_IN, []).append((owner, name))


def forget_owners_parts(part: models.Model) -> None:
    """A part written or removed: the objects it points to, or that listed it, forget what they held of it."""
    for owner, name in part.__dict__.pop(LISTED_IN, ()):
        owner._prefetched_objects_cache.pop(name, None)
    for field in part._meta.concrete_fields:
        if field.many_to_one:
            owner = part._state.fields_cache.get(field.name)
            cache = getattr(owner, '_prefetched_objects_cache', None)
            if cache:
                _forget(owner, cache, part, field.remote_field.cache_name)


def _forget(owner: models.Model, cache: dict, part: models.Model, name: str) -> None:
    cache.pop(name, None)
    for through_field in owner._meta.many_to_many:  # a through model's row is a many-to-many's too
        if through_field.remote_field.through is type(part):
            cache.pop(through_field.name, None)


def objects_of(relation: models.Manager, *joined: str) -> models.QuerySet:
    """The relation's objects: those in memory when they are known, else read with the ``joined`` relations
    (``select_related``), which a query built on the known ones would read again."""
    objects = relation.all()
    return objects if objects._result_cache is not None else objects.select_related(*joined)


def holds(relation: models.Manager, **values: Any) -> bool:
    """Whether a relation holds an object with these attribute values: decided on the objects in memory
    when they are known (prefetched, or kept by a batch), else asked of the database."""
    objects = relation.all()
    if objects._result_cache is None:
        return objects.filter(**values).exists()
    return any(all(getattr(obj, attr) == value for attr, value in values.items()) for obj in objects)

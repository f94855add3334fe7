"""Recording consumption events in bulk: one event or a year of them through the same checks and change log.

Events arrive by the thousand, or by the million for a year's import (a bank's withdrawals, a hotel's nights).
They are read and written a chunk at a time, so memory holds one chunk, never the year. Each is checked as the
model checks it (fields, ``clean()``: the subscription holds at its instant, the event type is no slip of one
its price plan reads) without a query per event, names are checked for uniqueness in one query per chunk, and
events and their change-log rows are written with bulk inserts.
"""

from collections.abc import Iterable, Sequence
from itertools import islice

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import prefetch_related_objects

from accord.core.choices import ChangeAction
from accord.core.models import ObjectChange
from accord.core.naming import free_names, slug, stamp
from accord.core.services import Actor, snapshot
from accord.core.versions import note_write
from accord.provision.models import ConsumptionEvent

CHUNK = 2000


@transaction.atomic
def record_events(events: Iterable[ConsumptionEvent], *, actor: Actor) -> int:
    """Validate and store ``events`` (unsaved, their subscriptions loaded), all or none, with their change log;
    returns how many were recorded.

    ``events`` may be a generator (a file read as it is written): it is consumed ``CHUNK`` events at a time, each
    chunk checked and written before the next is read, all in one transaction. A problem is raised as a
    ValidationError naming the event by its position (``events[N].FIELD``); an exception from the generator
    itself (a line it cannot read) is raised as it is. Either way nothing is written.
    """
    pending = iter(events)
    count = 0
    while chunk := list(islice(pending, CHUNK)):
        _record_chunk(chunk, count, actor)
        count += len(chunk)
    return count


@transaction.atomic
def record_event(event: ConsumptionEvent, *, actor: Actor) -> ConsumptionEvent:
    """Validate and store one event with its change-log row; a problem names the field alone."""
    _record_chunk([event], None, actor)
    return event


def _record_chunk(events: Sequence[ConsumptionEvent], offset: int | None, actor: Actor) -> None:
    # ``clean()`` reads each subscription's offering and its usage charges: once per chunk, not per event
    prefetch_related_objects([event.subscription for event in events], 'offering__usage_charges')
    unnamed = [event for event in events if not event.name]
    for event, name in zip(unnamed, free_names(ConsumptionEvent, [
            slug(e.subscription.name, e.event, stamp(e.at)) for e in unnamed]), strict=True):
        event.name = name
    named = [event.name for event in events]
    taken = set(ConsumptionEvent.objects.filter(name__in=named).values_list('name', flat=True))
    seen: set[str] = set()
    for index, event in enumerate(events, offset or 0):
        try:
            if event.name in taken or event.name in seen:
                raise ValidationError({'name': f'a consumption event named {event.name} exists already'})
            seen.add(event.name)
            event.clean_fields(exclude=['subscription'])
            event.clean()
        except ValidationError as error:
            if offset is None:
                raise
            raise ValidationError({f'events[{index}].{field}': messages
                                   for field, messages in error.message_dict.items()}) from None
    ConsumptionEvent.objects.bulk_create(events, batch_size=CHUNK)
    note_write()  # a bulk insert sends no signal: caches and a re-apply's marks see it so
    _log_created(events, actor)


def _log_created(events: Sequence[ConsumptionEvent], actor: Actor) -> None:
    """One change-log row per event, as ``record_change`` writes them, in one insert."""
    content_type = ContentType.objects.get_for_model(ConsumptionEvent)
    user = actor.user if getattr(actor.user, 'pk', None) else None
    ObjectChange.objects.bulk_create([
        ObjectChange(user=user, user_name=actor.name, source=actor.source, action=ChangeAction.CREATE,
                     changed_object_type=content_type, changed_object_id=event.pk, object_repr=str(event)[:200],
                     before=None, after=snapshot(event))
        for event in events
    ], batch_size=CHUNK)

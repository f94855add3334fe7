"""Every write of the relationships app, in ITIL's verbs; atomic, audited, nestable.

Owned parts (a relationship's consumer roles, an agreement's targets with their measurements, a
value review's factors) are set as a whole, references resolved by the caller, each part created,
changed or removed with its change-log row (``accord.core.parts``); with ``save_owner`` (the
default) the owner is saved too, so that its version moves.
"""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils import timezone

from accord.core.naming import free_name, stamp
from accord.core.parts import listed_twice, sync_parts, values_of
from accord.core.services import Actor, atomic, save_object
from accord.parties.models import Person
from accord.relationships.choices import SubscriptionStatus
from accord.relationships.models import (
    Agreement,
    AgreementTarget,
    ConsumerRole,
    Feedback,
    Measurement,
    ServiceRelationship,
    Subscription,
    ValueFactor,
    ValueReview,
)
from accord.relationships.periods import validate_period
from accord.relationships.signals import subscription_ended


@dataclass(frozen=True)
class ConsumerRoleSpec:
    """A person of the consumer acting in the relationship as customer, user or sponsor."""

    person: Person
    role: str


@dataclass(frozen=True)
class MeasurementSpec:
    """What a target measured in one period."""

    period: str
    value: Decimal


@dataclass(frozen=True)
class TargetSpec:
    """A service level target of an agreement and its measurements."""

    name: str
    kind: str
    comparator: str
    value: Decimal
    unit: str = ''
    measurements: tuple[MeasurementSpec, ...] = ()


@dataclass(frozen=True)
class FactorSpec:
    """A value review's factor: an outcome, cost or risk, found better or worse."""

    kind: str
    direction: str
    description: str = ''
    amount: Decimal | None = None


@atomic
def set_consumer_roles(relationship: ServiceRelationship, roles: Sequence[ConsumerRoleSpec], *, actor: Actor,
                       save_owner: bool = True) -> list[ConsumerRole]:
    """Make the relationship's consumer roles these (a person may hold several roles)."""
    return sync_parts(
        {(r.person_id, r.role): r for r in relationship.roles.all()},
        [((r.person.pk, r.role), values_of(r)) for r in roles],
        lambda _key: ConsumerRole(relationship=relationship),
        actor=actor, where=('roles',),
        owner=relationship if save_owner else None)


@atomic
def set_targets(agreement: Agreement, targets: Sequence[TargetSpec], *, actor: Actor,
                save_owner: bool = True) -> list[AgreementTarget]:
    """Make the agreement's targets these, kept by name, in this order, each with its measurements by period."""

    def set_measurements(target: AgreementTarget, where: tuple) -> None:
        wanted = next(t for t in targets if t.name == target.name).measurements
        sync_parts({m.period: m for m in target.measurements.all()},
                   [(m.period, values_of(m)) for m in wanted],
                   lambda period: Measurement(target=target, period=period),
                   actor=actor, where=(*where, 'measurements'),
                   duplicate=('period', lambda period: f'period {period} is measured twice'))

    return sync_parts(
        {t.name: t for t in agreement.targets.all()},
        [(t.name, {'kind': t.kind, 'comparator': t.comparator, 'value': t.value, 'unit': t.unit, 'position': index})
         for index, t in enumerate(targets)],
        lambda name: AgreementTarget(agreement=agreement, name=name),
        actor=actor, where=('targets',), duplicate=('name', lambda name: listed_twice(f'target {name}')),
        then=set_measurements,
        owner=agreement if save_owner else None)


@atomic
def set_factors(review: ValueReview, factors: Sequence[FactorSpec], *, actor: Actor,
                save_owner: bool = True) -> list[ValueFactor]:
    """Make the review's factors these; factors have no name, so the one at each position is changed in place."""
    return sync_parts(
        dict(enumerate(review.factors.all())),
        [(index, {**values_of(f), 'position': index}) for index, f in enumerate(factors)],
        lambda _index: ValueFactor(review=review),
        actor=actor, where=('factors',),
        owner=review if save_owner else None)


@atomic
def change_relationship_status(relationship: ServiceRelationship, status: str, *, actor: Actor) -> None:
    """Move a relationship along its declared lifecycle (prospect → agreed → active ⇄ suspended → terminated).

    The model refuses a move the transition table does not allow, whichever path writes it.
    """
    relationship.status = status
    save_object(relationship, actor=actor)


@atomic
def record_measurement(agreement: Agreement, target_name: str, period: str, value: Decimal, *, actor: Actor
                       ) -> Measurement:
    """Record (or correct) what one target of an agreement measured in a period."""
    validate_period(period)
    target = agreement.targets.filter(name=target_name).first()
    if target is None:
        known = ', '.join(agreement.targets.values_list('name', flat=True)) or 'none'
        raise ValidationError({'target': f'{agreement.name} has no target {target_name!r} (targets: {known})'})
    measurement = Measurement.objects.filter(target=target, period=period).first() or Measurement(
        target=target, period=period
    )
    measurement.value = value
    save_object(measurement, actor=actor)
    save_object(agreement, actor=actor)
    return measurement


@atomic
def end_subscription(subscription: Subscription, *, at: datetime.datetime, actor: Actor) -> None:
    """End a subscription at an instant: its last day is that instant's day, and what hangs off it ends too.

    Listeners of ``subscription_ended`` (provision ends the subscription's access grants) run in the same
    transaction.
    """
    subscription.status, subscription.end = SubscriptionStatus.ENDED, at.date()
    save_object(subscription, actor=actor)
    subscription_ended.send(sender=Subscription, subscription=subscription, at=at, actor=actor)


@atomic
def give_feedback(relationship: ServiceRelationship, person: Person, *, score: int, comment: str = '',
                  at: datetime.datetime | None = None, actor: Actor) -> Feedback:
    """A person of the consumer scores the relationship (1 to 5), now unless ``at`` says when, with a comment.

    The model refuses a score outside 1-5 and a person who is not a member of the consumer, at the field.
    """
    at = at or timezone.now()
    feedback = Feedback(relationship=relationship, person=person, at=at, score=score, comment=comment,
                        name=free_name(Feedback, person.name, 'feedback', stamp(at)))
    save_object(feedback, actor=actor)
    return feedback


def subscription_written(subscription: Subscription, stored: Subscription | None, *, actor: Actor) -> None:
    """A subscription edited to end sooner than it did (an API PATCH, a form, a file) ends at its new term's end.

    Called by ``write_object`` inside its transaction (registered in ``RelationshipsConfig.ready``): what hangs
    off it ends at that instant, the start of the day after its new last day, as ``end_subscription`` ends it.
    """
    if stored is None or subscription.end is None or (stored.end is not None and stored.end <= subscription.end):
        return
    at = datetime.datetime.combine(subscription.end + datetime.timedelta(days=1), datetime.time(), tzinfo=datetime.UTC)
    subscription_ended.send(sender=Subscription, subscription=subscription, at=at, actor=actor)

"""Every write of the relationships app, in ITIL's verbs; atomic, audited, nestable."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from accord.core.services import Actor, save_object
from accord.relationships.choices import SubscriptionStatus
from accord.relationships.models import Agreement, Measurement, ServiceRelationship, Subscription
from accord.relationships.periods import validate_period
from accord.relationships.signals import subscription_ended


@transaction.atomic
def change_relationship_status(relationship: ServiceRelationship, status: str, *, actor: Actor) -> None:
    """Move a relationship along its declared lifecycle (prospect → agreed → active ⇄ suspended → terminated).

    The model refuses a move the transition table does not allow, whichever path writes it.
    """
    relationship.status = status
    save_object(relationship, actor=actor)


@transaction.atomic
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
    measurement.full_clean()
    measurement.save()
    save_object(agreement, actor=actor)
    return measurement


@transaction.atomic
def end_subscription(subscription: Subscription, *, at: datetime.datetime, actor: Actor) -> None:
    """End a subscription at an instant: its last day is that instant's day, and what hangs off it ends too.

    Listeners of ``subscription_ended`` (provision ends the subscription's access grants) run in the same
    transaction.
    """
    subscription.status, subscription.end = SubscriptionStatus.ENDED, at.date()
    save_object(subscription, actor=actor)
    subscription_ended.send(sender=Subscription, subscription=subscription, at=at, actor=actor)

"""Service action instance: work the provider does, alone or with the consumer, on request, against a target.

Its due time is the request time plus the element's target duration, where business days skip weekends;
durations from start (else request) to completion, per performer, measure how variable the service is.
"""

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from accord.catalog.choices import DurationUnit, ElementKind
from accord.core.models import NamedModel
from accord.core.models.base import related
from accord.provision.models.terms import covers, element_errors, not_covered, ordering_errors


def due_time(requested_at: datetime.datetime, amount: int, unit: str) -> datetime.datetime:
    """``requested_at`` plus a target duration; each business day counted skips Saturdays and Sundays."""
    if unit == DurationUnit.HOURS:
        return requested_at + datetime.timedelta(hours=amount)
    if unit == DurationUnit.DAYS:
        return requested_at + datetime.timedelta(days=amount)
    due = requested_at
    while amount > 0:
        due += datetime.timedelta(days=1)
        if due.weekday() < 5:
            amount -= 1
    return due


class ActionInstance(NamedModel):
    """One performance of an action element of a subscription: requested, started, completed, scored."""

    subscription = models.ForeignKey(
        verbose_name='subscription',
        to='relationships.Subscription',
        on_delete=models.PROTECT,
        related_name='action_instances',
    )
    element = models.ForeignKey(
        verbose_name='element',
        to='catalog.OfferingElement',
        on_delete=models.PROTECT,
        related_name='action_instances',
        help_text="An action element of the subscription's offering.",
    )
    requested_by = models.ForeignKey(
        verbose_name='requested by',
        to='parties.Person',
        on_delete=models.PROTECT,
        related_name='requested_actions',
        null=True,
        blank=True,
    )
    requested_at = models.DateTimeField(
        verbose_name='requested at',
    )
    due_at = models.DateTimeField(
        verbose_name='due at',
        null=True,
        blank=True,
        editable=False,
        help_text="Request time plus the element's target duration; set from them.",
    )
    started_at = models.DateTimeField(
        verbose_name='started at',
        null=True,
        blank=True,
    )
    completed_at = models.DateTimeField(
        verbose_name='completed at',
        null=True,
        blank=True,
    )
    performers = models.ManyToManyField(
        verbose_name='performers',
        to='parties.Person',
        related_name='performed_actions',
        blank=True,
    )
    consumer_present = models.BooleanField(
        verbose_name='consumer present',
        default=False,
    )
    quality = models.PositiveSmallIntegerField(
        verbose_name='quality',
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text='1 to 5.',
    )

    class Meta(NamedModel.Meta):
        verbose_name = 'action instance'
        verbose_name_plural = 'action instances'
        constraints = [
            models.CheckConstraint(
                condition=models.Q(started_at__isnull=True) | models.Q(started_at__gte=models.F('requested_at')),
                name='actioninstance_started_after_request',
                violation_error_message='an action starts after it is requested',
            ),
            models.CheckConstraint(
                condition=models.Q(completed_at__isnull=True) | models.Q(started_at__isnull=True)
                | models.Q(completed_at__gte=models.F('started_at')),
                name='actioninstance_completed_after_start',
                violation_error_message='an action is completed after it starts',
            ),
            models.CheckConstraint(
                condition=models.Q(completed_at__isnull=True) | models.Q(completed_at__gte=models.F('requested_at')),
                name='actioninstance_completed_after_request',
                violation_error_message='an action is completed after it is requested',
            ),
            models.CheckConstraint(
                condition=models.Q(quality__isnull=True) | models.Q(quality__gte=1, quality__lte=5),
                name='actioninstance_quality_1_to_5',
                violation_error_message='a quality score is from 1 to 5',
            ),
        ]
        indexes = [
            models.Index(fields=['subscription', 'requested_at'], name='actioninstance_subscription_at'),
            models.Index(fields=['element', 'completed_at'], name='actioninstance_element_done'),
        ]

    def clean(self) -> None:
        subscription, element = related(self, 'subscription'), related(self, 'element')
        errors = ordering_errors(self, 'requested_at', {'started_at': 'an action starts after it is requested',
                                                        'completed_at': 'an action is completed after it is requested'})
        errors.update(ordering_errors(self, 'started_at', {'completed_at': 'an action is completed after it starts'}))
        if subscription and element:
            if problems := element_errors(subscription, element, ElementKind.ACTION):
                errors['element'] = problems
            elif self.requested_at:
                self.due_at = (due_time(self.requested_at, element.target_duration_amount,
                                        element.target_duration_unit)
                               if element.target_duration_amount is not None else None)
        if subscription and self.requested_at and not covers(subscription, self.requested_at):
            errors['requested_at'] = [not_covered(subscription, self.requested_at)]
        if self.quality is not None and self.completed_at is None and 'quality' not in errors:
            errors['quality'] = ['an action is scored once it is completed']
        if subscription and self.requested_by_id and not self.requested_by.is_member_of(
                subscription.relationship.consumer):
            errors['requested_by'] = [f'{self.requested_by.name} is not a member of the consumer '
                                      f'{subscription.relationship.consumer.name}']
        if errors:
            raise ValidationError(errors)

"""Agreement: a documented understanding between the parties of a relationship (an SLA, an OLA, an
underpinning contract, a contract or terms of service), covering subscriptions, with targets.

Targets are operational (99.9 % availability), experience (satisfaction ≥ 4/5) or outcome (new
hires working on day one ≥ 90 %); each is measured per monthly period.
"""

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models

from accord.core.models import ChangeLoggedModel, NamedModel
from accord.core.models.base import related
from accord.relationships.choices import AgreementKind, Comparator, TargetKind
from accord.relationships.periods import validate_period

DECIMAL = {'max_digits': 20, 'decimal_places': 4}


class Agreement(NamedModel):
    """An agreement of one relationship, covering some of its subscriptions."""

    relationship = models.ForeignKey(
        verbose_name='relationship',
        to='relationships.ServiceRelationship',
        on_delete=models.PROTECT,
        related_name='agreements',
    )
    kind = models.CharField(
        verbose_name='kind',
        max_length=25,
        choices=AgreementKind.choices,
    )
    subscriptions = models.ManyToManyField(
        verbose_name='subscriptions',
        to='relationships.Subscription',
        related_name='agreements',
        blank=True,
    )
    effective_from = models.DateField(
        verbose_name='effective from',
        null=True,
        blank=True,
    )
    effective_to = models.DateField(
        verbose_name='effective to',
        null=True,
        blank=True,
        help_text='Last day (inclusive).',
    )

    class Meta(NamedModel.Meta):
        verbose_name = 'agreement'
        verbose_name_plural = 'agreements'
        constraints = [
            models.CheckConstraint(
                condition=models.Q(effective_from__isnull=True)
                | models.Q(effective_to__isnull=True)
                | models.Q(effective_to__gte=models.F('effective_from')),
                name='agreement_ordered_dates',
                violation_error_message='the agreement ends before it takes effect',
            ),
        ]

    def clean_relations(self) -> None:
        check_own_subscriptions(self.relationship_id, self.subscriptions.all())


def check_own_subscriptions(relationship_id: int | None, subscriptions: Iterable[Any]) -> None:
    """An agreement covers subscriptions of its own relationship only: checked by the agreement once its
    subscriptions are set, and by a form before (the admin's), with the one message."""
    foreign = sorted(s.name for s in subscriptions if s.relationship_id != relationship_id)
    if foreign:
        raise ValidationError({'subscriptions': f'subscriptions of another relationship: {", ".join(foreign)}'})


class AgreementTarget(ChangeLoggedModel):
    """A level the provider commits to: name, kind, comparator, value and unit."""

    agreement = models.ForeignKey(
        verbose_name='agreement',
        to='relationships.Agreement',
        on_delete=models.CASCADE,
        related_name='targets',
    )
    name = models.CharField(
        verbose_name='name',
        max_length=100,
    )
    kind = models.CharField(
        verbose_name='kind',
        max_length=15,
        choices=TargetKind.choices,
    )
    comparator = models.CharField(
        verbose_name='comparator',
        max_length=2,
        choices=Comparator.choices,
    )
    value = models.DecimalField(
        verbose_name='value',
        **DECIMAL,
    )
    unit = models.CharField(
        verbose_name='unit',
        max_length=50,
        blank=True,
    )
    position = models.PositiveIntegerField(
        verbose_name='position',
        default=0,
    )

    class Meta:
        verbose_name = 'agreement target'
        verbose_name_plural = 'agreement targets'
        ordering = ['agreement', 'position', 'id']
        constraints = [
            models.UniqueConstraint(
                fields=['agreement', 'name'],
                name='agreementtarget_unique_name',
                violation_error_message='the agreement has a target of this name already',
            ),
        ]

    def __str__(self) -> str:
        return f'{self.agreement.name}: {self.name}'

    def is_met_by(self, actual) -> bool:
        return actual >= self.value if self.comparator == Comparator.AT_LEAST else actual <= self.value


class Measurement(models.Model):
    """What a target measured in one monthly period."""

    target = models.ForeignKey(
        verbose_name='target',
        to='relationships.AgreementTarget',
        on_delete=models.CASCADE,
        related_name='measurements',
    )
    period = models.CharField(
        verbose_name='period',
        max_length=7,
        validators=[validate_period],
        help_text='YYYY-MM',
    )
    value = models.DecimalField(
        verbose_name='value',
        **DECIMAL,
    )

    class Meta:
        verbose_name = 'measurement'
        verbose_name_plural = 'measurements'
        ordering = ['target', 'period']
        constraints = [
            models.UniqueConstraint(
                fields=['target', 'period'],
                name='measurement_one_per_period',
                violation_error_message='the target has a measurement for this period already',
            ),
        ]

    def __str__(self) -> str:
        target = related(self, 'target')
        return f'{target.name if target else "?"} {self.period}: {self.value}'

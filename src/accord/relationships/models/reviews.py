"""Service relationship management records: feedback from people, value reviews and relationship reviews.

They feed relationship health: satisfaction from feedback, value from the latest value review,
engagement from recent relationship reviews.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from accord.core.models import NamedModel
from accord.core.models.base import related
from accord.relationships.choices import ConsumerRoleKind, ValueAssessment, ValueFactorDirection, ValueFactorKind
from accord.relationships.periods import validate_period


class Feedback(NamedModel):
    """A person's score (1 to 5) of a relationship at an instant, with an optional comment."""

    relationship = models.ForeignKey(
        verbose_name='relationship',
        to='relationships.ServiceRelationship',
        on_delete=models.PROTECT,
        related_name='feedback',
    )
    person = models.ForeignKey(
        verbose_name='person',
        to='parties.Person',
        on_delete=models.PROTECT,
        related_name='feedback',
    )
    at = models.DateTimeField(
        verbose_name='at',
    )
    score = models.PositiveSmallIntegerField(
        verbose_name='score',
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    comment = models.TextField(
        verbose_name='comment',
        blank=True,
    )

    class Meta(NamedModel.Meta):
        verbose_name = 'feedback'
        verbose_name_plural = 'feedback'
        constraints = [
            models.CheckConstraint(
                condition=models.Q(score__gte=1, score__lte=5),
                name='feedback_score_1_to_5',
                violation_error_message='a score is from 1 to 5',
            ),
        ]

    def clean(self) -> None:
        relationship = related(self, 'relationship')
        if relationship and self.person_id and not self.person.is_member_of(relationship.consumer):
            raise ValidationError({'person': f'{self.person.name} is not a member of the consumer '
                                             f'{relationship.consumer.name}'})


class ValueReview(NamedModel):
    """A customer's assessment of the value a relationship co-created in a month."""

    relationship = models.ForeignKey(
        verbose_name='relationship',
        to='relationships.ServiceRelationship',
        on_delete=models.PROTECT,
        related_name='value_reviews',
    )
    period = models.CharField(
        verbose_name='period',
        max_length=7,
        validators=[validate_period],
        help_text='YYYY-MM',
    )
    assessed_by = models.ForeignKey(
        verbose_name='assessed by',
        to='parties.Person',
        on_delete=models.PROTECT,
        related_name='value_reviews',
        help_text='A customer of the relationship.',
    )
    overall = models.CharField(
        verbose_name='overall',
        max_length=10,
        choices=ValueAssessment.choices,
    )

    class Meta(NamedModel.Meta):
        verbose_name = 'value review'
        verbose_name_plural = 'value reviews'

    def clean(self) -> None:
        relationship = related(self, 'relationship')
        if relationship and relationship.pk and self.assessed_by_id and not relationship.roles.filter(
            person_id=self.assessed_by_id, role=ConsumerRoleKind.CUSTOMER
        ).exists():
            raise ValidationError({'assessed_by': f'{self.assessed_by.name} is not a customer of {relationship.name}'})


class ValueFactor(models.Model):
    """One thing a value review found: an outcome, output, cost or risk achieved, missed, introduced or removed."""

    review = models.ForeignKey(
        verbose_name='value review',
        to='relationships.ValueReview',
        on_delete=models.CASCADE,
        related_name='factors',
    )
    kind = models.CharField(
        verbose_name='kind',
        max_length=10,
        choices=ValueFactorKind.choices,
    )
    direction = models.CharField(
        verbose_name='direction',
        max_length=15,
        choices=ValueFactorDirection.choices,
    )
    description = models.TextField(
        verbose_name='description',
        blank=True,
    )
    amount = models.DecimalField(
        verbose_name='amount',
        max_digits=20,
        decimal_places=4,
        null=True,
        blank=True,
    )
    position = models.PositiveIntegerField(
        verbose_name='position',
        default=0,
    )

    class Meta:
        verbose_name = 'value factor'
        verbose_name_plural = 'value factors'
        ordering = ['review', 'position', 'id']

    def __str__(self) -> str:
        return f'{self.kind} {self.direction}'


class RelationshipReview(NamedModel):
    """A meeting of the parties about the relationship: who attended, notes, agreed actions."""

    relationship = models.ForeignKey(
        verbose_name='relationship',
        to='relationships.ServiceRelationship',
        on_delete=models.PROTECT,
        related_name='reviews',
    )
    at = models.DateTimeField(
        verbose_name='at',
    )
    attendees = models.ManyToManyField(
        verbose_name='attendees',
        to='parties.Person',
        related_name='relationship_reviews',
        blank=True,
    )
    notes = models.TextField(
        verbose_name='notes',
        blank=True,
    )
    actions = models.JSONField(
        verbose_name='actions',
        default=list,
        blank=True,
        help_text='The actions agreed, as a list of sentences.',
    )

    class Meta(NamedModel.Meta):
        verbose_name = 'relationship review'
        verbose_name_plural = 'relationship reviews'

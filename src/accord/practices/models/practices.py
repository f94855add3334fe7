"""Practice: a set of organizational resources designed for performing work or accomplishing an
objective. ITIL 4 names 34 management practices (14 general, 17 service, 3 technical).

An organization staffs a practice with one practice owner at a time (R17), practice managers
and practitioners.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import models

from accord.core.models import NamedModel
from accord.core.querysets import RestrictedQuerySet
from accord.practices.choices import PracticeCategory, PracticeRole


class PracticeQuerySet(RestrictedQuerySet):
    def get_by_name_or_alias(self, name: str) -> 'Practice':
        """The practice called ``name`` now or formerly ("change-control" is change enablement)."""
        practice = self.filter(name=name).first()
        if practice is None:
            practice = next((p for p in self.all() if name in p.aliases), None)
        if practice is None:
            raise Practice.DoesNotExist(f'no practice named {name!r}')
        return practice


class Practice(NamedModel):
    """One of the 34 ITIL 4 management practices: reference data, seeded."""

    category = models.CharField(
        verbose_name='category',
        max_length=10,
        choices=PracticeCategory.choices,
    )
    aliases = models.JSONField(
        verbose_name='aliases',
        default=list,
        blank=True,
        help_text='Earlier names that still refer to this practice.',
    )

    objects = PracticeQuerySet.as_manager()

    class Meta(NamedModel.Meta):
        verbose_name = 'practice'
        verbose_name_plural = 'practices'


class PracticeAssignment(NamedModel):
    """A person's role in how an organization staffs a practice, for a span of days."""

    organization = models.ForeignKey(
        verbose_name='organization',
        to='parties.Organization',
        on_delete=models.PROTECT,
        related_name='practice_assignments',
    )
    practice = models.ForeignKey(
        verbose_name='practice',
        to='practices.Practice',
        on_delete=models.PROTECT,
        related_name='assignments',
    )
    person = models.ForeignKey(
        verbose_name='person',
        to='parties.Person',
        on_delete=models.PROTECT,
        related_name='practice_assignments',
    )
    role = models.CharField(
        verbose_name='role',
        max_length=15,
        choices=PracticeRole.choices,
    )
    valid_from = models.DateField(
        verbose_name='from',
        null=True,
        blank=True,
        help_text='First day of the assignment; empty means since always.',
    )
    valid_to = models.DateField(
        verbose_name='to',
        null=True,
        blank=True,
        help_text='Last day of the assignment (inclusive); empty means open-ended.',
    )

    class Meta(NamedModel.Meta):
        verbose_name = 'practice assignment'
        verbose_name_plural = 'practice assignments'
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_from__isnull=True)
                | models.Q(valid_to__isnull=True)
                | models.Q(valid_to__gte=models.F('valid_from')),
                name='practiceassignment_ordered_dates',
                violation_error_message='the assignment ends before it starts',
            ),
        ]

    def clean(self) -> None:
        errors = {}
        if self.person_id and self.organization_id and not self.person.is_member_of(self.organization):
            errors['person'] = [f'{self.person.name} is not a member of {self.organization.name}']
        if self.role == PracticeRole.OWNER and self.organization_id and self.practice_id:
            other = self.overlapping_owner()
            if other is not None:
                errors['role'] = [
                    f'{self.organization.name} has a practice owner for {self.practice.name} '
                    f'in this span already: {other.name} ({other.person.name})'
                ]
        if errors:
            raise ValidationError(errors)

    def overlapping_owner(self) -> 'PracticeAssignment | None':
        """Another owner assignment of the same organization and practice whose days overlap (R17)."""
        others = PracticeAssignment.objects.filter(
            organization_id=self.organization_id, practice_id=self.practice_id, role=PracticeRole.OWNER
        ).exclude(pk=self.pk)
        if self.valid_to is not None:
            others = others.filter(models.Q(valid_from__isnull=True) | models.Q(valid_from__lte=self.valid_to))
        if self.valid_from is not None:
            others = others.filter(models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=self.valid_from))
        return others.select_related('person').order_by('name').first()

    def is_current(self, day: datetime.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or day <= self.valid_to)

"""Role grant: a user holds one staff role for one organization (and its units).

The roles live in ``accord.core.roles``, what each permits on each model in the apps'
``permissions.py``; a grant only says who holds which role where.
"""

from django.conf import settings
from django.db import models

from accord.core.models import ChangeLoggedModel
from accord.core.roles import Role


class RoleGrant(ChangeLoggedModel):
    """A user's role for an organization; it covers the organization's units (business units, teams) too."""

    user = models.ForeignKey(
        verbose_name='user',
        to=settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name='role_grants',
    )
    role = models.CharField(
        verbose_name='role',
        max_length=30,
        choices=Role.choices,
    )
    organization = models.ForeignKey(
        verbose_name='organization',
        to='parties.Organization',
        on_delete=models.CASCADE,
        related_name='role_grants',
        help_text='The organization whose data the role covers, with its units below it.',
    )

    class Meta:
        verbose_name = 'role grant'
        verbose_name_plural = 'role grants'
        ordering = ['user', 'organization', 'role']
        constraints = [
            models.UniqueConstraint(
                fields=['user', 'role', 'organization'],
                name='parties_rolegrant_unique',
                violation_error_message='this user already holds this role for this organization',
            ),
        ]

    def __str__(self) -> str:
        return f'{self.user} – {self.get_role_display()} – {self.organization}'

"""The change log: one row per write, whatever path it came by (UI, API, CLI, import, admin)."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models

from accord.core.choices import ChangeAction, ChangeSource
from accord.core.querysets import RestrictedQuerySet


class ObjectChange(models.Model):
    """One create, update or delete of one object, with who did it, from where, before and after."""

    time = models.DateTimeField(
        verbose_name='time',
        auto_now_add=True,
        db_index=True,
    )
    user = models.ForeignKey(
        verbose_name='user',
        to=settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        related_name='object_changes',
        null=True,
        blank=True,
    )
    user_name = models.CharField(
        verbose_name='user name',
        max_length=150,
        help_text='Kept when the user is deleted; the system account when no user acted.',
    )
    source = models.CharField(
        verbose_name='source',
        max_length=10,
        choices=ChangeSource.choices,
    )
    action = models.CharField(
        verbose_name='action',
        max_length=10,
        choices=ChangeAction.choices,
    )
    changed_object_type = models.ForeignKey(
        verbose_name='object type',
        to=ContentType,
        on_delete=models.PROTECT,
        related_name='object_changes',
    )
    changed_object_id = models.PositiveBigIntegerField(
        verbose_name='object id',
    )
    object_repr = models.CharField(
        verbose_name='object',
        max_length=200,
    )
    before = models.JSONField(
        verbose_name='before',
        null=True,
        blank=True,
    )
    after = models.JSONField(
        verbose_name='after',
        null=True,
        blank=True,
    )

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        verbose_name = 'object change'
        verbose_name_plural = 'object changes'
        ordering = ['-time', '-id']
        indexes = [models.Index(fields=['changed_object_type', 'changed_object_id'], name='objectchange_object_idx')]

    def __str__(self) -> str:
        return f'{self.get_action_display()} {self.object_repr} by {self.user_name} ({self.source})'

"""API tokens: a secret a script presents instead of a password, to the REST API only.

Only the SHA-256 digest of a key is stored, with its first characters to recognise it by; the
key itself is shown once, when created. A token may expire, and may be revoked at any time.
"""

import hashlib

from django.conf import settings
from django.db import models
from django.utils import timezone

from accord.core.querysets import RestrictedQuerySet

KEY_PREFIX = 'acc_'
PREFIX_LENGTH = 8
TOKEN_STATUSES = ('active', 'expired', 'revoked')


def hash_key(key: str) -> str:
    """The SHA-256 hex digest under which a key is stored and looked up."""
    return hashlib.sha256(key.encode()).hexdigest()


class APIToken(models.Model):
    """A user's key to the REST API: hashed at rest, possibly expiring, revocable."""

    user = models.ForeignKey(
        verbose_name='user',
        to=settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name='api_tokens',
    )
    name = models.CharField(
        verbose_name='name',
        max_length=100,
        blank=True,
        help_text='What the token is for, to recognise it in a list.',
    )
    key_prefix = models.CharField(
        verbose_name='key prefix',
        max_length=PREFIX_LENGTH,
        help_text='The first characters of the key, shown to identify it; never enough to use it.',
    )
    key_hash = models.CharField(
        verbose_name='key hash',
        max_length=64,
        unique=True,
        help_text='SHA-256 hex digest of the whole key; the key itself is never stored.',
    )
    created = models.DateTimeField(
        verbose_name='created',
        auto_now_add=True,
    )
    expires = models.DateTimeField(
        verbose_name='expires',
        null=True,
        blank=True,
        help_text='Empty: never expires.',
    )
    last_used = models.DateTimeField(
        verbose_name='last used',
        null=True,
        blank=True,
        help_text='Updated at most once a minute.',
    )
    revoked_at = models.DateTimeField(
        verbose_name='revoked at',
        null=True,
        blank=True,
    )

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        verbose_name = 'API token'
        verbose_name_plural = 'API tokens'
        ordering = ['user', 'created', 'id']

    def __str__(self) -> str:
        return f'{self.key_prefix}… ({self.name or "token"})'

    def status(self, now=None) -> str:
        """``revoked``, ``expired`` or ``active``."""
        if self.revoked_at is not None:
            return 'revoked'
        if self.expires is not None and self.expires <= (now or timezone.now()):
            return 'expired'
        return 'active'

    @property
    def is_active(self) -> bool:
        return self.status() == 'active'

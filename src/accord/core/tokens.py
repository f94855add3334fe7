"""Writes and look-ups of API tokens.

A key is ``acc_`` followed by 32 random bytes in URL-safe base64: 256 bits, so a SHA-256 digest
without salt or stretching is enough (nobody can enumerate the key space, unlike passwords).
The key is returned once by ``create_token`` and never stored or logged; the change log records
the token with its hash redacted (``key_hash`` is in ``SECRET_FIELDS``).
"""

import secrets
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accord.core.models import APIToken
from accord.core.models.tokens import KEY_PREFIX, PREFIX_LENGTH, hash_key
from accord.core.services import Actor, save_object

DEFAULT_EXPIRY_DAYS = 90
LAST_USED_GRANULARITY = timedelta(minutes=1)


def generate_key() -> str:
    return KEY_PREFIX + secrets.token_urlsafe(32)


@transaction.atomic
def create_token(
    user, *, actor: Actor, expires_in_days: int | None = DEFAULT_EXPIRY_DAYS, expires: datetime | None = None,
    name: str = '',
) -> tuple[APIToken, str]:
    """Issue a token for ``user``; return it and its key, which is shown this once only.

    The token expires after ``expires_in_days`` (the CLI's way), or at the instant ``expires`` when
    given (the API's way); ``expires_in_days=None`` without ``expires`` makes one that never expires.
    """
    if expires_in_days is not None and expires_in_days <= 0:
        raise ValueError('expiry must be a positive number of days')
    now = timezone.now()
    if expires is not None and expires <= now:
        raise ValidationError({'expires': 'must be in the future'})
    if expires is None and expires_in_days is not None:
        expires = now + timedelta(days=expires_in_days)
    key = generate_key()
    token = APIToken(
        user=user,
        name=name,
        key_prefix=key[:PREFIX_LENGTH],
        key_hash=hash_key(key),
        expires=expires,
    )
    save_object(token, actor=actor)
    return token, key


@transaction.atomic
def revoke_token(token: APIToken, *, actor: Actor) -> APIToken:
    """Revoke ``token`` from now on; revoking a revoked token changes nothing."""
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        save_object(token, actor=actor)
    return token


def find_token(key: str) -> APIToken | None:
    """The token whose key is ``key``, whatever its state, or None.

    The database compares digests, not keys: an attacker timing the look-up learns how many
    leading characters of a SHA-256 digest matched, which reveals nothing usable about any key
    (finding a key with a chosen digest prefix is a preimage search), so ``hmac.compare_digest``
    adds nothing here.
    """
    if not key:
        return None
    # The digest is unique: no ordering (``first()`` would sort by the model's, a third of the look-up).
    return APIToken.objects.select_related('user').filter(key_hash=hash_key(key)).order_by().first()


def touch_token(token: APIToken) -> None:
    """Record use, at most once a minute, so that a busy script does not cost a write per request.

    A bookkeeping column, not a change: no ObjectChange row.
    """
    now = timezone.now()
    if token.last_used is None or now - token.last_used >= LAST_USED_GRANULARITY:
        APIToken.objects.filter(pk=token.pk).update(last_used=now)
        token.last_used = now

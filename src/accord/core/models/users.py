"""Accounts. A custom user model from the first migration, so that later issues can extend it."""

from django.contrib.auth.models import AbstractUser
from django.contrib.auth.models import UserManager as DjangoUserManager

from accord.core.querysets import RestrictedQuerySet


class UserManager(DjangoUserManager.from_queryset(RestrictedQuerySet)):
    """Django's user manager, with the permission gate: each user sees their own account (``OWN_ROWS``)."""


class User(AbstractUser):
    """A person's login to Accord: provider staff, or a consumer linked to a Person."""

    objects = UserManager()

    class Meta:
        verbose_name = 'user'
        verbose_name_plural = 'users'

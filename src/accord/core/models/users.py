"""Accounts. A custom user model from the first migration, so that later issues can extend it."""

from django.contrib.auth.models import AbstractUser


class User(AbstractUser):
    """A person's login to Accord: provider staff, or a consumer linked to a Person."""

    class Meta:
        verbose_name = 'user'
        verbose_name_plural = 'users'

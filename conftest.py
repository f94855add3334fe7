"""Fixtures for every test; the suite runs on SQLite, or on PostgreSQL when ACCORD_DATABASE_URL says so."""

import pytest
from django.test.utils import override_settings

from accord.api.caching import representations
from accord.testing.fixtures import bank  # noqa: F401


@pytest.fixture(autouse=True)
def _fresh_representations():
    """Each test starts with no kept API representations: its data is not the last test's."""
    representations.clear()


@pytest.fixture(autouse=True, scope='session')
def _quick_password_hashing():
    """Passwords hashed in a microsecond, not a second: the same checks (see accord.testing.passwords)."""
    with override_settings(PASSWORD_HASHERS=['accord.testing.passwords.QuickPBKDF2PasswordHasher']):
        yield

"""Fixtures for every test; the suite runs on SQLite, or on PostgreSQL when ACCORD_DATABASE_URL says so."""

from accord.core.testing.fixtures import bank  # noqa: F401

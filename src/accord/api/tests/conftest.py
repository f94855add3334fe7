"""Fixtures shared by the API tests: the small world of ``test_endpoints`` and a superuser's client."""

import pytest
from django.test import Client

from accord.api.tests.test_endpoints import World


@pytest.fixture
def world(db) -> World:
    return World()


@pytest.fixture
def admin_client(db, django_user_model) -> Client:
    client = Client()
    client.force_login(django_user_model.objects.create_superuser('root', password='x'))
    return client

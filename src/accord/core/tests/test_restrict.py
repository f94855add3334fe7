"""The permission gate: ``restrict(user, action)`` is under every view, endpoint, export and search."""

import pytest
from django.contrib.auth.models import AnonymousUser, Permission

from accord.core.models import User
from accord.parties.models import Organization

pytestmark = pytest.mark.django_db


@pytest.fixture
def organizations():
    return [Organization.objects.create(name=name) for name in ('acme', 'globex')]


def test_anonymous_users_see_nothing(organizations):
    assert list(Organization.objects.restrict(AnonymousUser(), 'view')) == []
    assert list(Organization.objects.restrict(None, 'view')) == []


def test_a_user_without_permission_sees_nothing(organizations):
    user = User.objects.create_user('nobody')
    assert Organization.objects.restrict(user, 'view').count() == 0


def test_a_superuser_sees_everything(organizations):
    admin = User.objects.create_superuser('root', password='x')
    assert Organization.objects.restrict(admin, 'delete').count() == 2


def test_a_model_permission_grants_that_action_only(organizations):
    user = User.objects.create_user('viewer')
    user.user_permissions.add(Permission.objects.get(codename='view_organization'))
    user = User.objects.get(pk=user.pk)
    assert Organization.objects.restrict(user, 'view').count() == 2
    assert Organization.objects.restrict(user, 'change').count() == 0


def test_an_inactive_user_sees_nothing_even_as_superuser(organizations):
    admin = User.objects.create_superuser('gone', password='x', is_active=False)
    assert Organization.objects.restrict(admin, 'view').count() == 0

"""Roles and scopes behind ``restrict()``: the role table, grants covering units, consumers' reach."""

import pytest
from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.db import connection, models
from django.test.utils import CaptureQueriesContext

from accord.core.models import User
from accord.core.querysets import RestrictedQuerySet
from accord.core.roles import OWN_ROWS, ROLE_ACTIONS, SCOPES, Role, Scope, register, role_permits
from accord.parties import permissions as party_permissions
from accord.parties.models import Organization, Person, RoleGrant

pytestmark = pytest.mark.django_db


def restricted_models() -> list[str]:
    """Every model whose manager offers ``restrict``: each must say how it reaches an organization."""
    return sorted(m._meta.label_lower for m in apps.get_models()
                  if isinstance(getattr(m, 'objects', None), models.Manager)
                  and issubclass(m.objects._queryset_class, RestrictedQuerySet))


def test_every_restricted_model_declares_its_scope():
    # The change log alone has none: no organization's role reaches it (accord.core.api.views).
    # Accounts and API tokens reach their own user instead (OWN_ROWS).
    assert set(restricted_models()) - set(SCOPES) - set(OWN_ROWS) == {'core.objectchange'}


def test_an_app_registering_its_scopes_again_changes_nothing_but_a_different_scope_is_refused():
    before = {role: dict(table) for role, table in ROLE_ACTIONS.items()}
    register(party_permissions.SCOPES, party_permissions.OWN_ROWS)
    assert ROLE_ACTIONS == before
    with pytest.raises(ImproperlyConfigured, match='parties.organization'):
        register({Organization: Scope(staff=('pk',))})
    assert ROLE_ACTIONS == before


def test_the_role_table_names_only_real_models():
    labels = {m._meta.label_lower for m in apps.get_models()}
    for role, table in ROLE_ACTIONS.items():
        assert set(table) <= labels, role
        assert all(actions <= {'view', 'add', 'change', 'delete'} for actions in table.values()), role


def test_the_auditor_views_everything_and_writes_nothing():
    for label in SCOPES:
        assert role_permits(Role.AUDITOR, label, 'view')
        assert not any(role_permits(Role.AUDITOR, label, a) for a in ('add', 'change', 'delete'))


def test_practices_are_reference_data_no_role_writes():
    for role in Role:
        assert role_permits(role, 'practices.practice', 'view')
        assert not role_permits(role, 'practices.practice', 'change')


@pytest.fixture
def tree():
    bank = Organization.objects.create(name='bank', kind='legal-entity')
    unit = Organization.objects.create(name='bank-it', kind='business-unit', parent=bank)
    team = Organization.objects.create(name='bank-it-ops', kind='team', parent=unit)
    other = Organization.objects.create(name='other', kind='legal-entity')
    return bank, unit, team, other


def test_a_grant_on_an_organization_covers_its_units_and_their_teams(tree):
    bank, unit, team, other = tree
    user = User.objects.create_user('admin-of-bank')
    RoleGrant.objects.create(user=user, role=Role.ADMINISTRATOR, organization=bank)
    assert set(Organization.objects.restrict(user, 'change')) == {bank, unit, team}


def test_a_grant_on_a_unit_does_not_reach_its_parent_or_siblings(tree):
    bank, unit, team, other = tree
    user = User.objects.create_user('admin-of-unit')
    RoleGrant.objects.create(user=user, role=Role.ADMINISTRATOR, organization=unit)
    assert set(Organization.objects.restrict(user, 'change')) == {unit, team}


def test_a_role_without_the_action_gives_nothing_for_it(tree):
    bank, *_ = tree
    user = User.objects.create_user('auditor')
    RoleGrant.objects.create(user=user, role=Role.AUDITOR, organization=bank)
    assert Organization.objects.restrict(user, 'view').count() == 3
    assert Organization.objects.restrict(user, 'change').count() == 0


def test_a_consumer_never_gets_more_than_view(tree):
    bank, unit, team, other = tree
    user = User.objects.create_user('consumer')
    person = Person.objects.create(name='pat', user=user)
    person.member_of.add(other)
    assert list(Organization.objects.restrict(user, 'view')) == [other]
    assert Organization.objects.restrict(user, 'change').count() == 0


def test_restrict_costs_the_same_queries_for_few_rows_or_many(tree):
    """A few queries per user (grants, one per level of units), never one per row."""
    bank, *_ = tree
    user = User.objects.create_user('many')
    RoleGrant.objects.create(user=user, role=Role.ADMINISTRATOR, organization=bank)
    with CaptureQueriesContext(connection) as few:
        assert Organization.objects.restrict(User.objects.get(pk=user.pk), 'view').count() == 3
    for i in range(20):
        unit = Organization.objects.create(name=f'unit-{i}', kind='business-unit', parent=bank)
        Organization.objects.create(name=f'unit-{i}-team', kind='team', parent=unit)
    with CaptureQueriesContext(connection) as many:
        assert Organization.objects.restrict(User.objects.get(pk=user.pk), 'view').count() == 43
    assert len(many) == len(few)


def test_a_users_scope_is_read_once_per_user_object(tree):
    bank, *_ = tree
    user = User.objects.create_user('cached')
    RoleGrant.objects.create(user=user, role=Role.ADMINISTRATOR, organization=bank)
    list(Organization.objects.restrict(user, 'view'))
    with CaptureQueriesContext(connection) as again:
        list(Organization.objects.restrict(user, 'change'))
    assert len(again) == 1

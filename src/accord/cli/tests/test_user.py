"""``accord user``: create an account, link it to its Person, grant a role, deactivate it; each write logged."""

import io

import pytest

from accord.core.choices import ChangeSource
from accord.core.models import ObjectChange, User
from accord.parties.models import Organization, Person, RoleGrant
from accord.testing.cli import run_cli

pytestmark = pytest.mark.django_db


@pytest.fixture
def parties(db):
    globex = Organization.objects.create(name='globex')
    bob = Person.objects.create(name='bob')
    bob.member_of.set([globex])
    return globex, bob


def logged(obj) -> list[str]:
    return list(ObjectChange.objects.filter(changed_object_id=obj.pk, source=ChangeSource.CLI,
                                            changed_object_type__model=type(obj)._meta.model_name)
                .order_by('id').values_list('action', flat=True))


def test_a_consumer_account_is_created_as_the_login_of_its_person(parties):
    _, bob = parties
    result = run_cli('user', 'create', 'bob', '--person', 'bob', '--email', 'bob@example.com')
    assert result.status == 0, result.stderr
    assert 'Account bob created without a password' in result.stdout
    user = User.objects.get(username='bob')
    assert Person.objects.get(name='bob').user == user
    assert not user.has_usable_password()
    assert logged(user) == ['create'] and logged(bob) == ['update']


def test_a_password_is_read_from_standard_input_and_checked(parties, monkeypatch):
    monkeypatch.setattr('sys.stdin', io.StringIO('correct-horse-battery-9\n'))
    assert run_cli('user', 'create', 'carol', '--password-stdin').status == 0
    assert User.objects.get(username='carol').check_password('correct-horse-battery-9')
    monkeypatch.setattr('sys.stdin', io.StringIO('123\n'))
    refused = run_cli('user', 'create', 'dave', '--password-stdin')
    assert refused.status == 1
    assert 'password: This password is too short' in refused.stderr
    assert not User.objects.filter(username='dave').exists()


def test_an_unknown_person_is_refused_with_a_suggestion_and_nothing_is_created(parties):
    result = run_cli('user', 'create', 'bob', '--person', 'bobb')
    assert result.status == 1
    assert "no person named 'bobb': did you mean bob?" in result.stderr
    assert not User.objects.filter(username='bob').exists()


def test_linking_moves_an_account_to_another_person_and_refuses_a_person_already_linked(parties):
    globex, bob = parties
    run_cli('user', 'create', 'bob', '--person', 'bob')
    eve = Person.objects.create(name='eve')
    assert run_cli('user', 'link', 'bob', 'eve').status == 0
    assert Person.objects.get(name='eve').user.username == 'bob'
    assert Person.objects.get(name='bob').user is None
    run_cli('user', 'create', 'other')
    taken = run_cli('user', 'link', 'other', 'eve')
    assert taken.status == 1
    assert 'eve is already the login of account bob' in taken.stderr
    assert run_cli('user', 'link', 'bob', '--none').status == 0
    assert not Person.objects.filter(user__username='bob').exists()
    assert logged(eve) == ['update', 'update']


def test_a_staff_role_is_granted_for_an_organization_once(parties):
    globex, _ = parties
    run_cli('user', 'create', 'alice')
    granted = run_cli('user', 'grant', 'alice', 'catalogue-manager', 'globex', '--format', 'json')
    assert granted.status == 0, granted.stderr
    assert granted.json['roles'] == [{'role': 'catalogue-manager', 'organization': 'globex'}]
    grant = RoleGrant.objects.get(user__username='alice')
    assert logged(grant) == ['create']
    again = run_cli('user', 'grant', 'alice', 'catalogue-manager', 'globex')
    assert again.status == 1
    assert 'already holds this role' in again.stderr
    assert run_cli('user', 'grant', 'alice', 'boss', 'globex').status == 2
    assert "no organization named 'globx': did you mean globex?" in run_cli(
        'user', 'grant', 'alice', 'auditor', 'globx').stderr


def test_a_deactivated_account_can_no_longer_log_in(parties):
    run_cli('user', 'create', 'bob')
    result = run_cli('user', 'deactivate', 'bob')
    assert result.status == 0
    user = User.objects.get(username='bob')
    assert not user.is_active
    assert logged(user) == ['create', 'update']
    assert 'already inactive' in run_cli('user', 'deactivate', 'bob').stdout
    assert "no user named 'bobby'" in run_cli('user', 'deactivate', 'bobby').stderr

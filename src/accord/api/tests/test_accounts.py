"""Users, role grants and API tokens through the API: what the generic mixin does not check."""

import json
from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.utils import timezone

from accord.core.models import APIToken, ObjectChange, User
from accord.core.models.tokens import hash_key
from accord.core.services import REDACTED, Actor
from accord.core.tokens import create_token
from accord.parties.models import Organization, Person, RoleGrant
from accord.testing.cli import run_cli

USERS = '/api/v1/users/'
GRANTS = '/api/v1/role-grants/'
TOKENS = '/api/v1/tokens/'
PASSWORD = 'a-long-passphrase-42'


def client_of(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def send(client: Client, method: str, url: str, data: dict | None = None):
    return getattr(client, method)(url, json.dumps(data) if data is not None else None,
                                   content_type='application/json')


def with_permission(user: User, *codenames: str) -> User:
    for codename in codenames:
        user.user_permissions.add(Permission.objects.get(codename=codename))
    return User.objects.get(pk=user.pk)  # a fresh object: Django caches permissions per user object


# Users.

def test_a_password_is_validated_stored_hashed_and_never_returned(admin_client):
    weak = send(admin_client, 'post', USERS, {'username': 'carol', 'password': '123'})
    assert weak.status_code == 400
    assert list(weak.json()) == ['password']
    response = send(admin_client, 'post', USERS, {'username': 'carol', 'password': PASSWORD})
    assert response.status_code == 201, response.json()
    assert 'password' not in response.json()
    carol = User.objects.get(username='carol')
    assert carol.password != PASSWORD and carol.check_password(PASSWORD)
    assert 'password' not in admin_client.get(f'{USERS}{carol.pk}/').json()
    change = ObjectChange.objects.get(changed_object_id=carol.pk, action='create', source='api')
    assert change.after['password'] == REDACTED


def test_an_account_made_without_a_password_cannot_log_in_with_one(admin_client):
    response = send(admin_client, 'post', USERS, {'username': 'robot'})
    assert response.status_code == 201, response.json()
    assert not User.objects.get(username='robot').has_usable_password()


def test_a_username_taken_or_invalid_is_refused_naming_the_field(admin_client):
    User.objects.create_user('carol')
    assert 'username' in send(admin_client, 'post', USERS, {'username': 'carol'}).json()
    assert 'username' in send(admin_client, 'post', USERS, {'username': 'no spaces!'}).json()


def test_every_other_user_reads_only_their_own_account_with_their_persons_name(world):
    bob = User.objects.create_user('bob')
    Person.objects.filter(pk=world.bob.pk).update(user=bob)
    other = User.objects.create_user('eve')
    client = client_of(bob)
    listed = client.get(USERS).json()['results']
    assert [(row['username'], row['person']) for row in listed] == [('bob', 'bob')]
    assert client.get(f'{USERS}{bob.pk}/').status_code == 200
    assert client.get(f'{USERS}{other.pk}/').status_code == 404
    assert send(client, 'patch', f'{USERS}{bob.pk}/', {'firstName': 'Bob'}).status_code == 403
    assert send(client, 'post', USERS, {'username': 'mallory'}).status_code == 403


def test_accounts_filter_by_username_person_and_activity(admin_client, world):
    bob = User.objects.create_user('bob', email='bob@globex.example')
    Person.objects.filter(pk=world.bob.pk).update(user=bob)
    User.objects.create_user('eve', is_active=False)

    def usernames(query: str) -> list[str]:
        response = admin_client.get(f'{USERS}?{query}')
        assert response.status_code == 200, response.json()
        return [row['username'] for row in response.json()['results']]

    assert usernames('person=bob') == ['bob']
    assert usernames('username=eve') == ['eve']
    assert usernames('is_active=false') == ['eve']
    assert usernames('search=globex') == ['bob']


def test_a_holder_of_user_permissions_manages_accounts_but_makes_no_superuser(db):
    manager = with_permission(User.objects.create_user('manager'), 'view_user', 'add_user', 'change_user')
    root = User.objects.create_superuser('root2', password=PASSWORD)
    client = client_of(manager)
    assert send(client, 'post', USERS, {'username': 'carol', 'password': PASSWORD}).status_code == 201
    carol = User.objects.get(username='carol')
    assert send(client, 'patch', f'{USERS}{carol.pk}/', {'email': 'carol@example.org'}).status_code == 200
    refused = send(client, 'patch', f'{USERS}{carol.pk}/', {'isSuperuser': True})
    assert refused.status_code == 403 and 'isSuperuser' in refused.json()['detail']
    assert send(client, 'post', USERS, {'username': 'boss', 'isStaff': True}).status_code == 403
    assert send(client, 'patch', f'{USERS}{manager.pk}/', {'isSuperuser': True}).status_code == 403
    # A superuser's account is the superuser's to change: no password reset by a lesser account.
    assert send(client, 'patch', f'{USERS}{root.pk}/', {'password': 'another-long-passphrase'}).status_code == 403
    assert not User.objects.filter(is_superuser=True, username__in=['carol', 'boss', 'manager']).exists()


def test_no_one_deactivates_demotes_or_deletes_their_own_account(db):
    root = User.objects.create_superuser('root2', password=PASSWORD)
    client = client_of(root)
    response = send(client, 'patch', f'{USERS}{root.pk}/', {'isActive': False, 'isSuperuser': False})
    assert response.status_code == 400
    assert set(response.json()) == {'isActive', 'isSuperuser'}
    assert send(client, 'delete', f'{USERS}{root.pk}/').status_code == 403
    root.refresh_from_db()
    assert root.is_active and root.is_superuser


def test_a_deactivated_accounts_tokens_stop_working(admin_client):
    carol = User.objects.create_user('carol')
    _, key = create_token(carol, actor=Actor(username='test'))
    assert Client().get(TOKENS, headers={'Authorization': f'Bearer {key}'}).status_code == 200
    assert send(admin_client, 'patch', f'{USERS}{carol.pk}/', {'isActive': False}).status_code == 200
    assert Client().get(TOKENS, headers={'Authorization': f'Bearer {key}'}).status_code == 401


def test_an_account_others_refer_to_is_not_deleted_but_answers_409(admin_client, world):
    carol = User.objects.create_user('carol')
    RoleGrant.objects.create(user=carol, role='auditor', organization=world.acme)
    create_token(carol, actor=Actor(username='test'))
    response = send(admin_client, 'delete', f'{USERS}{carol.pk}/')
    assert response.status_code == 409
    assert {ref['kind'] for ref in response.json()['referencedBy']} == {'RoleGrant', 'APIToken'}
    assert User.objects.filter(pk=carol.pk).exists()


# Role grants.

@pytest.fixture
def staff(world) -> dict[str, User]:
    """acme with a unit acme-it; an administrator of each, an auditor of acme, and dave, who holds nothing."""
    unit = Organization.objects.create(name='acme-it', kind='business-unit', parent=world.acme)
    people = {}
    for username, role, organization in (('admin', 'administrator', world.acme), ('it-admin', 'administrator', unit),
                                         ('auditor', 'auditor', world.acme)):
        people[username] = User.objects.create_user(username)
        RoleGrant.objects.create(user=people[username], role=role, organization=organization)
    people['dave'] = User.objects.create_user('dave')
    return people


def grant(client: Client, user: str, role: str, organization: str):
    return send(client, 'post', GRANTS, {'user': user, 'role': role, 'organization': organization})


def test_an_administrator_grants_roles_in_their_organization_and_its_units_logged(staff):
    client = client_of(staff['admin'])
    response = grant(client, 'dave', 'catalogue-manager', 'acme-it')
    assert response.status_code == 201, response.json()
    assert response.json() | {'id': 0, 'url': ''} == {
        'id': 0, 'url': '', 'user': 'dave', 'role': 'catalogue-manager', 'organization': 'acme-it'}
    assert ObjectChange.objects.filter(changed_object_id=response.json()['id'], source='api',
                                       action='create', object_repr__contains='dave').exists()
    assert send(client, 'delete', f'{GRANTS}{response.json()["id"]}/').status_code == 204


def test_an_organization_the_writer_does_not_see_fails_like_an_unknown_one(staff):
    client = client_of(staff['it-admin'])  # a grant on a unit reaches neither its parent nor its siblings
    response = grant(client, 'dave', 'auditor', 'acme')
    assert response.status_code == 400 and list(response.json()) == ['organization']
    assert not RoleGrant.objects.filter(user=staff['dave']).exists()


def test_a_grant_the_writer_sees_but_may_not_change_is_refused_with_403_and_rolled_back(staff, world):
    RoleGrant.objects.create(user=staff['it-admin'], role='auditor', organization=world.acme)
    client = client_of(staff['it-admin'])  # administers acme-it, only audits acme
    response = grant(client, 'dave', 'auditor', 'acme')
    assert response.status_code == 403
    assert 'nothing was saved' in response.json()['detail']
    assert not RoleGrant.objects.filter(user=staff['dave']).exists()
    assert grant(client, 'dave', 'auditor', 'acme-it').status_code == 201
    mine = RoleGrant.objects.get(user=staff['dave'])
    assert send(client, 'patch', f'{GRANTS}{mine.pk}/', {'organization': 'acme'}).status_code == 403
    mine.refresh_from_db()
    assert mine.organization.name == 'acme-it'


def test_an_auditor_views_the_grants_and_changes_none(staff):
    client = client_of(staff['auditor'])
    listed = {(row['user'], row['organization']) for row in client.get(GRANTS).json()['results']}
    assert listed == {('admin', 'acme'), ('it-admin', 'acme-it'), ('auditor', 'acme')}
    assert grant(client, 'dave', 'auditor', 'acme').status_code == 403
    grant_id = RoleGrant.objects.get(user=staff['admin']).pk
    assert send(client, 'delete', f'{GRANTS}{grant_id}/').status_code == 403


def test_a_user_holding_no_role_sees_only_their_own_grants(staff):
    RoleGrant.objects.create(user=staff['dave'], role='practitioner', organization=Organization.objects.get(
        name='globex'))
    listed = client_of(staff['dave']).get(GRANTS).json()['results']
    assert [(row['user'], row['role'], row['organization']) for row in listed] == [
        ('dave', 'practitioner', 'globex')]


def test_an_administrator_may_grant_themselves_what_they_hold_and_nothing_more(staff):
    client = client_of(staff['admin'])
    assert grant(client, 'admin', 'administrator', 'acme-it').status_code == 201
    assert grant(client, 'admin', 'auditor', 'acme').status_code == 201
    # A holder of Django's global add permission on grants holds no role: granting one to themselves is refused.
    clerk = with_permission(User.objects.create_user('clerk'), 'add_rolegrant', 'view_rolegrant',
                            'view_organization')
    response = grant(client_of(clerk), 'clerk', 'administrator', 'acme')
    assert response.status_code == 403
    assert not RoleGrant.objects.filter(user=clerk).exists()
    assert grant(client_of(clerk), 'dave', 'auditor', 'acme').status_code == 201


def test_grants_name_unknown_users_organizations_and_roles_by_field(staff):
    client = client_of(staff['admin'])
    response = send(client, 'post', GRANTS, {'user': 'nobody', 'role': 'king', 'organization': 'initech'})
    assert response.status_code == 400
    assert set(response.json()) == {'user', 'role', 'organization'}
    response = send(client, 'post', GRANTS, {'user': 'da\x00ve', 'role': 'auditor', 'organization': 'acme'})
    assert response.status_code == 400 and list(response.json()) == ['user']


def test_grants_filter_by_user_role_and_organization(staff):
    client = client_of(staff['admin'])
    rows = client.get(f'{GRANTS}?user=auditor').json()['results']
    assert [row['user'] for row in rows] == ['auditor']
    assert client.get(f'{GRANTS}?role=administrator').json()['count'] == 2
    assert client.get(f'{GRANTS}?organization=acme-it').json()['count'] == 1
    assert client.get(f'{GRANTS}?organization_id={Organization.objects.get(name="acme").pk}').json()['count'] == 2


# API tokens.

def test_a_token_created_through_the_api_shows_its_key_once_and_the_key_works(db):
    carol = User.objects.create_user('carol')
    client = client_of(carol)
    response = send(client, 'post', TOKENS, {'name': 'ci'})
    assert response.status_code == 201, response.json()
    body = response.json()
    key = body['key']
    assert key.startswith('acc_') and body['prefix'] == key[:8] and body['user'] == 'carol'
    assert timedelta(days=89) < APIToken.objects.get(pk=body['id']).expires - timezone.now() <= timedelta(days=90)
    token = APIToken.objects.get(pk=body['id'])
    for answer in (client.get(TOKENS), client.get(f'{TOKENS}{token.pk}/')):
        assert key not in answer.content.decode() and token.key_hash not in answer.content.decode()
    assert 'key' not in client.get(f'{TOKENS}{token.pk}/').json()
    bearer = Client(headers={'Authorization': f'Bearer {key}'})
    assert bearer.get(f'{USERS}{carol.pk}/').json()['username'] == 'carol'
    changes = json.dumps([[c.before, c.after] for c in ObjectChange.objects.filter(changed_object_id=token.pk)])
    assert key not in changes and token.key_hash not in changes and hash_key(key) not in changes


def test_expires_is_optional_null_for_never_and_must_lie_ahead(db):
    client = client_of(User.objects.create_user('carol'))
    never = send(client, 'post', TOKENS, {'expires': None})
    assert never.status_code == 201 and never.json()['expires'] is None
    at = send(client, 'post', TOKENS, {'expires': '2999-01-01T00:00:00Z'})
    assert at.json()['expires'] == '2999-01-01T00:00:00Z'
    past = send(client, 'post', TOKENS, {'expires': '2000-01-01T00:00:00Z'})
    assert past.status_code == 400 and list(past.json()) == ['expires']
    assert send(client, 'post', TOKENS, {'expires': 'tomorrow'}).status_code == 400


def test_revoking_keeps_the_token_listed_as_revoked_and_the_cli_agrees(db):
    carol = User.objects.create_user('carol')
    client = client_of(carol)
    first, _ = create_token(carol, actor=Actor(username='test'), name='one')
    second, key = create_token(carol, actor=Actor(username='test'), name='two')
    assert {row['status'] for row in client.get(TOKENS).json()['results']} == {'active'}
    assert send(client, 'delete', f'{TOKENS}{first.pk}/').status_code == 204
    response = send(client, 'post', f'{TOKENS}{second.pk}/revoke/')
    assert response.status_code == 200 and response.json()['status'] == 'revoked'
    assert {row['status'] for row in client.get(TOKENS).json()['results']} == {'revoked'}
    assert client.get(f'{TOKENS}?status=revoked').json()['count'] == 2
    assert client.get(f'{TOKENS}?status=active').json()['count'] == 0
    assert Client().get(TOKENS, headers={'Authorization': f'Bearer {key}'}).status_code == 401
    result = run_cli('token', 'list', 'carol', '--format', 'json')
    assert {row['status'] for row in json.loads(result.stdout)} == {'revoked'}
    assert ObjectChange.objects.filter(changed_object_id=first.pk, source='api', action='update').exists()


def test_a_user_never_sees_nor_revokes_anothers_token_but_the_superuser_does(admin_client):
    carol, dave = User.objects.create_user('carol'), User.objects.create_user('dave')
    token, _ = create_token(dave, actor=Actor(username='test'))
    client = client_of(carol)
    assert client.get(TOKENS).json()['count'] == 0
    assert client.get(f'{TOKENS}{token.pk}/').status_code == 404
    assert send(client, 'delete', f'{TOKENS}{token.pk}/').status_code == 404
    assert send(client, 'post', f'{TOKENS}{token.pk}/revoke/').status_code == 404
    assert admin_client.get(f'{TOKENS}?user=dave').json()['count'] == 1
    assert send(admin_client, 'post', f'{TOKENS}{token.pk}/revoke/').status_code == 200
    token.refresh_from_db()
    assert token.status() == 'revoked'

"""An administrator links an account to its Person through the API (``person``), as ``accord user link`` does."""

import pytest

from accord.api.tests.test_accounts import USERS, client_of, send, with_permission
from accord.core.models import ObjectChange, User
from accord.parties.models import Person, RoleGrant

pytestmark = pytest.mark.django_db


def person_changes(person: Person) -> list[dict]:
    return list(ObjectChange.objects.filter(changed_object_type__model='person', changed_object_id=person.pk,
                                            source='api').order_by('id').values_list('after', flat=True))


def test_an_account_is_created_as_the_login_of_a_person(admin_client, world):
    response = send(admin_client, 'post', USERS, {'username': 'bob', 'person': 'bob'})
    assert response.status_code == 201, response.json()
    assert response.json()['person'] == 'bob'
    bob = Person.objects.get(name='bob')
    assert bob.user.username == 'bob'
    assert person_changes(bob)[-1]['user_id'] == bob.user.pk


def test_an_account_is_linked_moved_and_unlinked(admin_client, world):
    carol = User.objects.create_user('carol')
    url = f'{USERS}{carol.pk}/'
    assert send(admin_client, 'patch', url, {'person': 'bob'}).json()['person'] == 'bob'
    assert send(admin_client, 'patch', url, {'person': 'alice'}).json()['person'] == 'alice'
    assert Person.objects.get(name='bob').user is None
    assert send(admin_client, 'patch', url, {'person': None}).json()['person'] is None
    assert not Person.objects.filter(user=carol).exists()
    assert [change['user_id'] for change in person_changes(world.bob)] == [carol.pk, None]


def test_a_person_already_linked_to_another_account_is_refused_and_nothing_is_written(admin_client, world):
    world.bob.user = User.objects.create_user('bob')
    world.bob.save()
    response = send(admin_client, 'post', USERS, {'username': 'bob2', 'person': 'bob'})
    assert response.status_code == 400
    assert response.json() == {'person': ['bob is already the login of account bob']}
    assert not User.objects.filter(username='bob2').exists()


def test_an_administrator_links_only_people_they_may_change(world):
    admin = User.objects.create_user('acme-admin')
    RoleGrant.objects.create(user=admin, role='administrator', organization=world.acme)
    client = client_of(with_permission(admin, 'add_user', 'change_user', 'view_user'))
    assert send(client, 'post', USERS, {'username': 'alice', 'person': 'alice'}).status_code == 201
    refused = send(client, 'post', USERS, {'username': 'bob', 'person': 'bob'})
    assert refused.status_code == 400
    assert refused.json() == {'person': ['No person named bob that you may change.']}
    assert Person.objects.get(name='bob').user is None

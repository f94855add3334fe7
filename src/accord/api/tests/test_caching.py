"""Kept representations (``accord.api.caching``): served while the data stays the same, never after."""

import http.client
import json
import os

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from accord.api.caching import representations
from accord.catalog.models import Product, Service
from accord.core.models import DataVersion, User
from accord.core.roles import Role
from accord.parties.models import Organization, Person, RoleGrant
from accord.testing.server import running_server

OFFERINGS = '/api/v1/service-offerings/?limit=100'


@pytest.fixture
def client(bank) -> Client:
    client = Client()
    client.force_login(User.objects.create_superuser('root', password='x'))
    return client


def read(client: Client, url: str = OFFERINGS, **headers: str) -> tuple[list[dict], int]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, headers=headers)
    assert response.status_code == 200, response.content[:500]
    return response.json()['results'], len(queries)


def by_name(rows: list[dict]) -> dict[str, dict]:
    return {row['name']: row for row in rows}


def products(rows: list[dict]) -> set[str]:
    """The products the elements of student checking name."""
    return {element.get('product') for element in by_name(rows)['student-checking']['elements']}


def test_a_second_read_answers_the_same_from_kept_representations_in_fewer_queries(client):
    first, cold = read(client)
    second, warm = read(client)
    assert second == first
    assert warm < cold
    # The page is still chosen afresh: a filter on the second read answers only what it matches.
    filtered, _ = read(client, OFFERINGS + '&name=student-checking')
    assert [row['name'] for row in filtered] == ['student-checking']


def test_a_write_to_a_referenced_object_is_seen_by_the_next_read(client):
    read(client)
    service = Service.objects.get(name='everyday-banking')
    response = client.patch(f'/api/v1/services/{service.pk}/', {'name': 'daily-banking'},
                            content_type='application/json')
    assert response.status_code == 200, response.content
    rows, _ = read(client)
    assert by_name(rows)['student-checking']['services'] == ['daily-banking']


def test_another_process_s_write_is_seen_once_the_database_s_version_has_moved(client):
    read(client)
    # Another process renames the product and commits; QuerySet.update() sends no signal, so this
    # process learns of it only from the database, as it would of a write by another process.
    Product.objects.filter(name='debit-card').update(name='card')
    assert 'debit-card' in products(read(client)[0]), 'the kept copy is served'
    DataVersion.objects.filter(pk=1).update(value=DataVersion.objects.get(pk=1).value + 1)
    found = products(read(client)[0])
    assert 'card' in found and 'debit-card' not in found


def test_a_consumer_s_redaction_never_changes_what_others_read(client, bank):
    before, _ = read(client)
    ana = User.objects.create_user('ana', password='x')
    Person.objects.filter(name='ana-garcia').update(user=ana)
    consumer = Client()
    consumer.force_login(ana)
    theirs, _ = read(consumer)
    assert theirs and all('product' not in element for row in theirs for element in row['elements'])
    after, _ = read(client)
    assert after == before
    assert any('product' in element for row in after for element in row['elements'])


def test_a_reader_is_never_served_a_copy_kept_for_a_reader_who_views_other_names(bank):
    """Ana's copy names no product; the bank's catalogue manager, reading next, is served their own."""
    ana = User.objects.create_user('ana', password='x')
    Person.objects.filter(name='ana-garcia').update(user=ana)
    staff = User.objects.create_user('staff', password='x')
    RoleGrant.objects.create(user=staff, role=Role.CATALOGUE_MANAGER,
                             organization=Organization.objects.get(name='firsttown-bank'))
    readers = {}
    for name, user in (('ana', ana), ('staff', staff)):
        readers[name] = Client()
        readers[name].force_login(user)
    assert products(read(readers['ana'])[0]) == {None}
    assert products(read(readers['staff'])[0]) >= {'debit-card'}
    assert products(read(readers['ana'])[0]) == {None}


def test_urls_are_those_of_the_address_asked(client):
    read(client)
    rows, _ = read(client, HOST='localhost')
    assert all(row['url'].startswith('http://localhost/api/v1/service-offerings/') for row in rows)


def test_copies_older_than_the_limit_are_read_again(client, monkeypatch):
    _, cold = read(client)
    monkeypatch.setattr(representations, 'seconds', -1)
    _, again = read(client)
    assert again == cold


def test_a_size_of_zero_keeps_nothing(client, monkeypatch):
    monkeypatch.setattr(representations, 'size', 0)
    _, cold = read(client)
    _, again = read(client)
    assert again == cold and not representations.entries


SEED = """
from accord.core.choices import ChangeSource
from accord.core.services import Actor, save_object
from accord.core.tokens import create_token
from accord.core.models import User
from accord.parties.models import Organization

actor = Actor(source=ChangeSource.CLI, username='test')
_, key = create_token(User.objects.create_superuser('reader', password='reader-password-1'), actor=actor)
organization = Organization(name='acme', title='ACME')
save_object(organization, actor=actor)
print(json.dumps({'key': key, 'id': organization.pk}))
"""


def test_every_process_serves_a_write_made_in_another_from_its_next_read(tmp_path):
    """Two gunicorn workers, eight keep-alive connections spread over them, each read twice (kept);
    one connection writes; every connection's next read has the write."""
    with running_server(os.environ.get('ACCORD_DATABASE_URL'), tmp_path, label='cache', seed=SEED,
                        workers=2, threads=1) as (server, seeded):
        headers = {'Authorization': f'Bearer {seeded["key"]}', 'Accept': 'application/json',
                   'Content-Type': 'application/json'}
        connections = [http.client.HTTPConnection(server.host, server.port, timeout=60) for _ in range(8)]

        def call(conn: http.client.HTTPConnection, method: str, path: str, body: dict | None = None) -> dict:
            conn.request(method, path, body=json.dumps(body) if body else None, headers=headers)
            response = conn.getresponse()
            payload = json.loads(response.read())
            assert response.status == 200, payload
            return payload

        def titles() -> set[str]:
            return {call(conn, 'GET', '/api/v1/organizations/')['results'][0]['title'] for conn in connections}

        assert titles() == titles() == {'ACME'}
        call(connections[0], 'PATCH', f'/api/v1/organizations/{seeded["id"]}/', {'title': 'ACME Corporation'})
        assert titles() == {'ACME Corporation'}
        for conn in connections:
            conn.close()


def test_accounts_are_listed_afresh_so_a_login_shows_at_once(client):
    ada = User.objects.create_user('ada', password='ada-password-1')

    def last_login() -> str | None:
        return {row['username']: row['lastLogin'] for row in read(client, '/api/v1/users/')[0]}['ada']

    assert last_login() is None
    Client().force_login(ada)  # a login: Django writes last_login, and only it
    assert last_login() is not None

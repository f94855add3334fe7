"""API tokens: hashed at rest, expiring, revocable, managed by ``accord token``."""

import json
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.urls import path
from django.utils import timezone
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.test import APIClient
from rest_framework.views import APIView

from accord.core.models import APIToken, ObjectChange
from accord.core.services import REDACTED, Actor
from accord.core.tokens import create_token, revoke_token
from accord.testing.cli import run_cli


class WhoAmI(APIView):
    """A test-only endpoint that needs an authenticated user."""

    permission_classes = [IsAuthenticated]

    def get(self, request):
        return Response({'user': request.user.get_username()})


urlpatterns = [path('whoami/', WhoAmI.as_view())]

pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]

ACTOR = Actor(username='test')


@pytest.fixture
def alice():
    return get_user_model().objects.create_user('alice', password='correct horse battery staple')


def call(key: str | None, keyword: str = 'Bearer'):
    client = APIClient()
    headers = {'HTTP_AUTHORIZATION': f'{keyword} {key}'} if key is not None else {}
    return client.get('/whoami/', **headers)


def test_the_key_is_stored_nowhere_in_the_token_row_or_the_change_log(alice):
    token, key = create_token(alice, actor=ACTOR, name='ci')
    revoke_token(token, actor=ACTOR)
    tables = [APIToken._meta.db_table, ObjectChange._meta.db_table]
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f'SELECT * FROM {connection.ops.quote_name(table)}')
            for row in cursor.fetchall():
                assert not any(key in str(cell) for cell in row), table
                assert not any(key[len('acc_'):] in str(cell) for cell in row), table
    assert token.key_hash not in json.dumps([c.after for c in ObjectChange.objects.all()])


def test_creating_and_revoking_a_token_are_logged_with_the_hash_redacted(alice):
    token, _ = create_token(alice, actor=ACTOR)
    revoke_token(token, actor=ACTOR)
    changes = ObjectChange.objects.filter(changed_object_id=token.pk).order_by('id')
    assert [c.action for c in changes] == ['create', 'update']
    assert all(c.after['key_hash'] == REDACTED for c in changes)
    assert changes[1].before['key_hash'] == REDACTED


def test_a_key_is_prefixed_and_its_prefix_identifies_the_token(alice):
    token, key = create_token(alice, actor=ACTOR)
    assert key.startswith('acc_') and len(key) > 40
    assert token.key_prefix == key[:8]
    assert token.expires - timezone.now() > timedelta(days=89)


@pytest.mark.parametrize('keyword', ['Bearer', 'Token', 'bearer'])
def test_a_valid_token_authenticates_an_api_request(alice, keyword):
    _, key = create_token(alice, actor=ACTOR)
    response = call(key, keyword)
    assert response.status_code == 200
    assert response.json() == {'user': 'alice'}


def test_without_credentials_the_answer_is_401(alice):
    assert call(None).status_code == 401


def test_unknown_expired_and_revoked_tokens_get_the_same_401(alice):
    _, expired_key = create_token(alice, actor=ACTOR)
    APIToken.objects.filter(key_hash__isnull=False).update(expires=timezone.now() - timedelta(seconds=1))
    revoked, revoked_key = create_token(alice, actor=ACTOR)
    revoke_token(revoked, actor=ACTOR)
    answers = [call(key) for key in ('acc_' + 'x' * 43, expired_key, revoked_key)]
    assert {r.status_code for r in answers} == {401}
    assert len({r.content for r in answers}) == 1
    assert answers[0]['WWW-Authenticate'] == 'Bearer'


def test_a_token_of_an_inactive_user_is_answered_exactly_as_an_unknown_token(alice):
    _, key = create_token(alice, actor=ACTOR)
    alice.is_active = False
    alice.save()
    inactive, unknown = call(key), call('acc_' + 'x' * 43)
    assert inactive.status_code == unknown.status_code == 401
    assert inactive.content == unknown.content
    assert inactive['WWW-Authenticate'] == unknown['WWW-Authenticate']


def test_a_token_that_never_expires_stays_valid(alice):
    token, key = create_token(alice, actor=ACTOR, expires_in_days=None)
    assert token.expires is None
    assert call(key).status_code == 200


def test_last_used_is_written_at_most_once_a_minute(alice, django_assert_num_queries):
    token, key = create_token(alice, actor=ACTOR)
    assert call(key).status_code == 200
    first = APIToken.objects.get(pk=token.pk).last_used
    assert first is not None
    assert call(key).status_code == 200
    assert APIToken.objects.get(pk=token.pk).last_used == first
    APIToken.objects.filter(pk=token.pk).update(last_used=first - timedelta(minutes=2))
    assert call(key).status_code == 200
    assert APIToken.objects.get(pk=token.pk).last_used > first


class TestCommandLine:
    def test_create_prints_the_key_once_and_it_works(self, alice):
        result = run_cli('token', 'create', 'alice', '--name', 'ci', '--expires-in', '7', '--format', 'json')
        assert result.status == 0, result.stderr
        answer = result.json
        assert set(answer) == {'id', 'user', 'prefix', 'expires', 'key'}
        assert answer['user'] == 'alice' and answer['key'].startswith(answer['prefix'])
        token = APIToken.objects.get(pk=answer['id'])
        assert token.name == 'ci' and timedelta(days=6) < token.expires - timezone.now() <= timedelta(days=7)
        assert call(answer['key']).status_code == 200

    def test_create_in_a_table_shows_the_key(self, alice):
        result = run_cli('token', 'create', 'alice', '--no-expiry')
        assert result.status == 0, result.stderr
        assert 'acc_' in result.stdout and 'never' in result.stdout
        assert APIToken.objects.get().expires is None

    def test_list_shows_status_and_never_the_key(self, alice):
        bob = get_user_model().objects.create_user('bob')
        active, key = create_token(alice, actor=ACTOR, name='ci')
        revoked, revoked_key = create_token(alice, actor=ACTOR)
        revoke_token(revoked, actor=ACTOR)
        create_token(bob, actor=ACTOR, expires_in_days=1)
        APIToken.objects.filter(user=bob).update(expires=timezone.now() - timedelta(days=1))

        result = run_cli('token', 'list', '--format', 'json')
        assert result.status == 0, result.stderr
        assert [(t['user'], t['status']) for t in result.json] == [
            ('alice', 'active'), ('alice', 'revoked'), ('bob', 'expired')
        ]
        assert set(result.json[0]) == {'id', 'user', 'prefix', 'name', 'created', 'expires', 'lastUsed', 'status'}
        assert key not in result.stdout and revoked_key not in result.stdout

        only_alice = run_cli('token', 'list', 'alice', '--format', 'json')
        assert [t['id'] for t in only_alice.json] == [active.pk, revoked.pk]
        table = run_cli('token', 'list')
        assert table.status == 0 and 'revoked' in table.stdout and key not in table.stdout

    def test_revoke_stops_the_token_and_is_logged_from_the_command_line(self, alice):
        token, key = create_token(alice, actor=ACTOR)
        result = run_cli('token', 'revoke', token.pk)
        assert result.status == 0, result.stderr
        assert 'revoked' in result.stdout
        assert call(key).status_code == 401
        assert ObjectChange.objects.filter(changed_object_id=token.pk, action='update', source='cli').exists()

    @pytest.mark.parametrize('args, named', [
        (('token', 'create', 'nobody'), "'nobody'"),
        (('token', 'list', 'nobody'), "'nobody'"),
        (('token', 'revoke', '999'), '999'),
    ])
    def test_an_unknown_user_or_token_is_an_error_naming_it(self, alice, args, named):
        result = run_cli(*args)
        assert result.status == 1
        assert named in result.stderr

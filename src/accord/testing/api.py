"""The generic API test mixin (architecture.md, convention 8).

A test class declares ``model``, ``url`` (the list URL), ``create_data()``, ``update_data()`` and
``make_objects(n)``; the mixin checks every action for an anonymous client, a user without
permission, a user with the view permission only and a superuser, the change log of each write,
optimistic concurrency (ETag, If-Match, 412), and that a list of N and of 2N objects runs the
same number of queries. ``read_only = True`` for reference data (no writes at all).

What a named model has, others declare: ``natural_key`` (the field a create is read back by:
``name``, ``username``), ``patch_data()`` (a PATCH that changes something: ``title``),
``updatable = False`` for objects never changed once made (PUT and PATCH answer 405),
``own(user)`` (the ids each user sees as theirs without any permission: their account, their
tokens), ``self_service = True`` when any user may create (their own), and ``assert_deleted(pk)``
when DELETE does something else than delete (a token is revoked).
"""

import json
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection, models
from django.test import Client
from django.test.utils import CaptureQueriesContext

from accord.core.choices import ChangeAction, ChangeSource
from accord.core.models import ObjectChange

REFUSED = (401, 403)


class APIViewTestMixin:
    model: type[models.Model]
    url: str
    read_only = False
    natural_key = 'name'
    updatable = True
    self_service = False

    def create_data(self) -> dict:
        """The body of a valid create; read-only endpoints need none."""
        return {'name': 'x'}

    def update_data(self) -> dict:
        return {}

    def patch_data(self) -> dict:
        """A PATCH that changes the object; its fields are read back as sent."""
        return {'title': 'Patched'}

    def make_objects(self, n: int) -> list[models.Model]:
        raise NotImplementedError

    def own(self, user: Any) -> set[int]:
        """The ids of the objects ``user`` sees without any permission or role: none, for most models."""
        return set()

    def assert_deleted(self, pk: int) -> None:
        """After a DELETE by the superuser: the object is gone, and its deletion logged."""
        assert not self.model.objects.filter(pk=pk).exists()
        assert self.logged(ChangeAction.DELETE, pk)

    # Plumbing.

    @pytest.fixture(autouse=True)
    def _api_client(self, db: Any) -> None:
        self.client = Client()

    def detail(self, obj: models.Model) -> str:
        return f'{self.url}{obj.pk}/'

    def send(self, method: str, url: str, data: Any = None, **headers: str) -> Any:
        body = json.dumps(data) if data is not None else None
        return getattr(self.client, method)(url, body, content_type='application/json', headers=headers)

    def login(self, *codenames: str, superuser: bool = False) -> Any:
        user_model = get_user_model()
        count = user_model.objects.count()
        if superuser:
            user = user_model.objects.create_superuser(f'admin{count}', password='x')
        else:
            user = user_model.objects.create_user(f'user{count}', password='x')
            content_type = ContentType.objects.get_for_model(self.model)
            for codename in codenames:
                user.user_permissions.add(Permission.objects.get(
                    content_type=content_type, codename=f'{codename}_{self.model._meta.model_name}'))
        self.client.force_login(user)
        return user

    def logged(self, action: str, pk: int) -> bool:
        return ObjectChange.objects.filter(
            source=ChangeSource.API, action=action, changed_object_id=pk,
            changed_object_type=ContentType.objects.get_for_model(self.model),
        ).exists()

    # The checks.

    def test_anonymous_is_refused_every_action(self) -> None:
        obj = self.make_objects(1)[0]
        assert self.send('get', self.url).status_code in REFUSED
        assert self.send('get', self.detail(obj)).status_code in REFUSED
        assert self.send('post', self.url, self.create_data()).status_code in REFUSED
        assert self.send('put', self.detail(obj), self.create_data()).status_code in REFUSED
        assert self.send('patch', self.detail(obj), self.patch_data()).status_code in REFUSED
        assert self.send('delete', self.detail(obj)).status_code in REFUSED

    def test_user_without_permission_sees_nothing_and_changes_nothing(self) -> None:
        obj = self.make_objects(1)[0]
        user = self.login()
        response = self.send('get', self.url)
        assert response.status_code == 200
        assert response.json()['count'] == len(self.own(user))
        assert {row['id'] for row in response.json()['results']} == self.own(user)
        assert self.send('get', self.detail(obj)).status_code == 404
        if self.self_service:
            response = self.send('post', self.url, self.create_data())
            assert response.status_code == 201, response.json()
            assert response.json()['id'] in self.own(user)
        else:
            assert self.send('post', self.url, self.create_data()).status_code in (403, 404, 405)
        assert self.send('patch', self.detail(obj), self.patch_data()).status_code in (404, 405)
        assert self.send('delete', self.detail(obj)).status_code in (404, 405)

    def test_viewer_lists_and_reads_but_cannot_write(self) -> None:
        objects = self.make_objects(2)
        self.login('view')
        response = self.send('get', self.url)
        assert response.status_code == 200
        assert response.json()['count'] == self.model.objects.count() >= 2
        response = self.send('get', self.detail(objects[0]))
        assert response.status_code == 200
        assert response.json()['id'] == objects[0].pk
        assert response['ETag']
        if not self.self_service:  # else creating their own is allowed, and checked above
            assert self.send('post', self.url, self.create_data()).status_code in (403, 405)
        assert self.send('patch', self.detail(objects[0]), self.patch_data()).status_code in (403, 405)
        assert self.send('delete', self.detail(objects[0])).status_code in (403, 405)
        assert not ObjectChange.objects.filter(source=ChangeSource.API).exists()

    def test_superuser_creates_reads_updates_and_deletes_with_each_write_logged(self) -> None:
        self.login(superuser=True)
        if self.read_only:
            obj = self.make_objects(1)[0]
            assert self.send('get', self.detail(obj)).status_code == 200
            assert self.send('post', self.url, self.create_data()).status_code == 405
            assert self.send('patch', self.detail(obj), self.patch_data()).status_code == 405
            assert self.send('delete', self.detail(obj)).status_code == 405
            return
        response = self.send('post', self.url, self.create_data())
        assert response.status_code == 201, response.json()
        pk = response.json()['id']
        assert self.logged(ChangeAction.CREATE, pk)
        response = self.send('get', f'{self.url}{pk}/')
        assert response.status_code == 200
        assert response.json()[self.natural_key] == self.create_data()[self.natural_key]
        if self.updatable:
            response = self.send('put', f'{self.url}{pk}/', {**self.create_data(), **self.update_data()})
            assert response.status_code == 200, response.json()
            for key, value in self.update_data().items():
                assert response.json()[key] == value, key
            assert self.logged(ChangeAction.UPDATE, pk)
            response = self.send('patch', f'{self.url}{pk}/', self.patch_data())
            assert response.status_code == 200, response.json()
            stored = self.send('get', f'{self.url}{pk}/').json()
            for key, value in self.patch_data().items():
                assert stored[key] == value, key
        else:
            assert self.send('put', f'{self.url}{pk}/', self.create_data()).status_code == 405
            assert self.send('patch', f'{self.url}{pk}/', self.patch_data()).status_code == 405
        response = self.send('delete', f'{self.url}{pk}/')
        assert response.status_code == 204, response.content
        self.assert_deleted(pk)

    def test_a_stale_if_match_answers_412_and_the_current_etag_passes(self) -> None:
        obj = self.make_objects(1)[0]
        self.login(superuser=True)
        tag = self.send('get', self.detail(obj))['ETag']
        if self.read_only:
            return
        stale = {'If-Match': '"stale"'}
        if self.updatable:
            assert self.send('patch', self.detail(obj), self.patch_data(), **stale).status_code == 412
        assert self.send('delete', self.detail(obj), **stale).status_code == 412
        if not self.updatable:
            assert self.send('delete', self.detail(obj), **{'If-Match': tag}).status_code == 204
            return
        response = self.send('patch', self.detail(obj), self.patch_data(), **{'If-Match': tag})
        assert response.status_code == 200, response.json()
        assert response['ETag'] != tag
        assert self.send('patch', self.detail(obj), self.patch_data(), **{'If-Match': tag}).status_code == 412

    def test_listing_n_and_2n_objects_runs_the_same_number_of_queries(self) -> None:
        self.login(superuser=True)
        self.make_objects(3)
        with CaptureQueriesContext(connection) as few:
            assert self.send('get', self.url).status_code == 200
        self.make_objects(3)
        with CaptureQueriesContext(connection) as more:
            response = self.send('get', self.url)
        assert response.json()['count'] >= 6
        assert len(more) == len(few), [q['sql'] for q in more.captured_queries]

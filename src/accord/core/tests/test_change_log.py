"""Every write path leaves a change-log entry with its actor and source."""

import pytest
from django.contrib.contenttypes.models import ContentType

from accord.core.models import ObjectChange
from accord.core.services import Actor, delete_object, save_object
from accord.parties.models import Organization
from accord.testing.cli import run_cli

pytestmark = pytest.mark.django_db


def _changes(obj) -> list[ObjectChange]:
    kind = ContentType.objects.get_for_model(obj)
    return list(ObjectChange.objects.filter(changed_object_type=kind, changed_object_id=obj.pk).order_by('id'))


def test_a_service_write_logs_create_update_and_delete_with_before_and_after():
    actor = Actor(source='cli', username='ops')
    organization = Organization(name='acme')
    save_object(organization, actor=actor)
    organization.external = True
    save_object(organization, actor=actor)
    delete_object(organization, actor=actor)
    create, update, delete = _changes(organization)
    assert [c.action for c in (create, update, delete)] == ['create', 'update', 'delete']
    assert {c.source for c in (create, update, delete)} == {'cli'}
    assert {c.user_name for c in (create, update, delete)} == {'ops'}
    assert create.before is None and create.after['name'] == 'acme'
    assert update.before['external'] is False and update.after['external'] is True
    assert delete.before['external'] is True and delete.after is None


def test_an_invalid_write_is_refused_and_logs_nothing():
    with pytest.raises(Exception, match='slug'):
        save_object(Organization(name='Not A Slug'), actor=Actor())
    assert ObjectChange.objects.count() == 0


def test_apply_logs_each_written_object_with_source_import(tmp_path):
    path = tmp_path / 'org.yaml'
    path.write_text('apiVersion: accord/v1\nkind: Organization\nmetadata: {name: acme}\nspec: {}\n')
    assert run_cli('apply', path).status == 0
    (change,) = _changes(Organization.objects.get(name='acme'))
    assert (change.action, change.source) == ('create', 'import')
    assert change.after['metadata']['name'] == 'acme'
    path.write_text('apiVersion: accord/v1\nkind: Organization\nmetadata: {name: acme}\nspec: {external: true}\n')
    assert run_cli('apply', path).status == 0
    update = _changes(Organization.objects.get(name='acme'))[-1]
    assert update.action == 'update'
    assert update.before['spec'] == {} and update.after['spec'] == {'external': True}


def test_a_dry_run_logs_nothing(tmp_path):
    path = tmp_path / 'org.yaml'
    path.write_text('apiVersion: accord/v1\nkind: Organization\nmetadata: {name: acme}\nspec: {}\n')
    assert run_cli('apply', '--dry-run', path).status == 0
    assert ObjectChange.objects.count() == 0
    assert not Organization.objects.exists()

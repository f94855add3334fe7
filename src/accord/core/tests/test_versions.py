"""The data version: every write moves it, here at once and in the database once committed."""

import pytest
from django.db import transaction

from accord.core.choices import ChangeSource
from accord.core.models import DataVersion, User
from accord.core.services import Actor, save_object
from accord.core.tokens import create_token, touch_token
from accord.core.versions import data_version
from accord.parties.models import ConsumerGroup, Organization

pytestmark = pytest.mark.django_db

ACTOR = Actor(source=ChangeSource.CLI, username='test')


def stored() -> tuple:
    """What another process reads: the database's part of the version."""
    return data_version()[:2]


def test_a_save_moves_this_process_s_version_at_once_before_any_commit():
    before = data_version()
    Organization.objects.create(name='acme')
    assert data_version() != before


@pytest.mark.parametrize('write', ['save', 'delete', 'm2m'])
def test_every_kind_of_write_moves_the_version(write):
    provider = Organization.objects.create(name='acme')
    group = ConsumerGroup.objects.create(name='students', provider=provider)
    before = data_version()
    if write == 'save':
        provider.title = 'ACME'
        provider.save()
    elif write == 'delete':
        group.delete()
    else:
        group.members.add(Organization.objects.create(name='ana'))
        before = data_version()
        group.members.clear()
    assert data_version() != before


def test_the_database_s_version_moves_once_per_transaction_when_it_commits(django_capture_on_commit_callbacks):
    before = stored()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with transaction.atomic():
            for name in ('acme', 'globex', 'initech'):
                save_object(Organization(name=name), actor=ACTOR)
            assert stored() == before, 'other processes must not see the version move before the commit'
    assert len(callbacks) == 1
    value, changed = stored()
    assert value == before[0] + 1 and changed is not None


def test_a_lost_version_row_is_recreated_by_the_next_write(django_capture_on_commit_callbacks):
    DataVersion.objects.all().delete()
    assert stored() == (0, None)
    with django_capture_on_commit_callbacks(execute=True):
        Organization.objects.create(name='acme')
    assert stored()[0] == 1


def test_bookkeeping_writes_do_not_move_it():
    user = User.objects.create_user('ada', password='x')
    token, _ = create_token(user, actor=ACTOR, name='script')
    before = data_version()
    touch_token(token)  # last used
    user.last_login = token.created
    user.save(update_fields=['last_login'])  # what a login writes
    assert data_version() == before


def test_reading_it_is_one_query(django_assert_num_queries):
    with django_assert_num_queries(1):
        data_version()

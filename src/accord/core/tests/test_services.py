"""The guards every interactive writer shares: the version check, the reach check, the referrers of a refused delete."""

import pytest

from accord.core.guards import (
    OutOfReach,
    Referrer,
    StaleVersion,
    StillReferenced,
    guarded_delete,
    guarded_write,
    object_version,
    referrers_seen_by,
)
from accord.core.models import ObjectChange, User
from accord.core.roles import Role
from accord.core.services import Actor, save_object
from accord.parties.models import ConsumerGroup, Organization, RoleGrant

pytestmark = pytest.mark.django_db


@pytest.fixture
def acme_manager():
    acme, globex = Organization.objects.create(name='acme'), Organization.objects.create(name='globex')
    user = User.objects.create_user('cat')
    RoleGrant.objects.create(user=user, role=Role.CATALOGUE_MANAGER, organization=acme)
    return User.objects.get(pk=user.pk), acme, globex


def _retitle(group: ConsumerGroup, title: str, actor: Actor):
    def write() -> ConsumerGroup:
        group.title = title
        save_object(group, actor=actor)
        return group
    return write


def test_a_write_expecting_the_current_version_lands_and_one_expecting_an_older_version_is_refused(acme_manager):
    user, acme, _ = acme_manager
    actor = Actor(user=user)
    group = ConsumerGroup.objects.create(name='staff', provider=acme)
    read = object_version(group)
    guarded_write(_retitle(group, 'Staff', actor), user=user, obj=group, expected_version=read)
    with pytest.raises(StaleVersion):
        guarded_write(_retitle(group, 'Everyone', actor), user=user, obj=group, expected_version=read)
    assert ConsumerGroup.objects.get(pk=group.pk).title == 'Staff'
    assert ObjectChange.objects.filter(action='update').count() == 1


def test_a_write_expecting_no_version_or_any_of_several_is_checked_accordingly(acme_manager):
    user, acme, _ = acme_manager
    group = ConsumerGroup.objects.create(name='staff', provider=acme)
    guarded_write(_retitle(group, 'Staff', Actor(user=user)), user=user, obj=group, expected_version=None)
    guarded_write(_retitle(group, 'Team', Actor(user=user)), user=user, obj=group,
                  expected_version={'old', object_version(group)})
    assert ConsumerGroup.objects.get(pk=group.pk).title == 'Team'


def test_a_write_that_moves_the_object_out_of_the_writers_reach_is_refused_and_rolled_back(acme_manager):
    user, acme, globex = acme_manager
    group = ConsumerGroup.objects.create(name='staff', provider=acme)

    def move() -> ConsumerGroup:
        group.provider = globex
        save_object(group, actor=Actor(user=user))
        return group

    with pytest.raises(OutOfReach, match='outside what you may change'):
        guarded_write(move, user=user, obj=group)
    assert ConsumerGroup.objects.get(pk=group.pk).provider == acme
    assert not ObjectChange.objects.exists()


def test_a_create_outside_the_writers_reach_is_refused(acme_manager):
    user, _, globex = acme_manager

    def create() -> ConsumerGroup:
        group = ConsumerGroup(name='theirs', provider=globex)
        save_object(group, actor=Actor(user=user))
        return group

    with pytest.raises(OutOfReach):
        guarded_write(create, user=user)
    assert not ConsumerGroup.objects.exists()


def test_a_refused_delete_names_its_referrers_and_hides_the_ones_out_of_sight(acme_manager):
    user, acme, globex = acme_manager
    ConsumerGroup.objects.create(name='staff', provider=acme)
    ConsumerGroup.objects.create(name='secret', provider=acme)
    with pytest.raises(StillReferenced) as refused:
        guarded_delete(acme, actor=Actor(user=user))
    assert Organization.objects.filter(pk=acme.pk).exists()
    assert sorted(g.name for g in refused.value.referrers) == ['secret', 'staff']
    stranger = User.objects.create_user('stranger')
    assert referrers_seen_by(refused.value.referrers, stranger) == [Referrer('ConsumerGroup')] * 2
    seen = referrers_seen_by(refused.value.referrers, user)
    assert [(r.kind, r.name) for r in seen] == [('ConsumerGroup', 'secret'), ('ConsumerGroup', 'staff')]
    assert globex.pk is not None and not ObjectChange.objects.exists()


def test_a_delete_expecting_an_older_version_is_refused(acme_manager):
    user, _, globex = acme_manager
    with pytest.raises(StaleVersion):
        guarded_delete(globex, actor=Actor(user=user), expected_version='not-the-version')
    guarded_delete(globex, actor=Actor(user=user), expected_version=object_version(globex))
    assert not Organization.objects.filter(name='globex').exists()

"""Fixtures of provision tests: the FirstTown Bank's subscriptions and elements, by name."""

import datetime

import pytest

from accord.catalog.models import OfferingElement
from accord.core.choices import ChangeSource
from accord.core.services import Actor
from accord.relationships.models import Subscription


def instant(text: str) -> datetime.datetime:
    """An instant from '2025-03-10T09:00' (UTC)."""
    return datetime.datetime.fromisoformat(text).replace(tzinfo=datetime.UTC)


@pytest.fixture
def actor():
    return Actor(source=ChangeSource.CLI, username='tester')


@pytest.fixture
def ben(bank):
    """Ben's standard checking: a checkbook (good), a debit card (access), a card replacement (action)."""
    return Subscription.objects.select_related('relationship__consumer', 'relationship__provider', 'offering').get(
        name='ben-standard-checking')


def element(subscription: Subscription, name: str) -> OfferingElement:
    return OfferingElement.objects.select_related('offering', 'product', 'component').get(
        offering=subscription.offering, name=name)


def person(name: str):
    from accord.parties.models import Person

    return Person.objects.get(name=name)


@pytest.fixture
def northwind(bank):
    """Northwind's standard checking: nina-park is customer and sponsor, omar-haddad a user."""
    return Subscription.objects.select_related('relationship__consumer', 'relationship__provider', 'offering').get(
        name='northwind-standard-checking')


def written(*models) -> dict[str, int]:
    """How many rows each model (and the change log) holds: what a refused verb must leave as it was."""
    from accord.core.models import ObjectChange

    return {model.__name__: model.objects.count() for model in (*models, ObjectChange)}


def history_of(record) -> list[tuple[str, str, str]]:
    """The change-log rows of ``record``: (action, source, user name), oldest first."""
    from django.contrib.contenttypes.models import ContentType

    from accord.core.models import ObjectChange

    return list(ObjectChange.objects.filter(
        changed_object_type=ContentType.objects.get_for_model(type(record)), changed_object_id=record.pk,
    ).order_by('time', 'id').values_list('action', 'source', 'user_name'))


def signed_in(client, username: str, role: str | None = None, organization: str = 'firsttown-bank'):
    """``client`` signed in as a new account, holding ``role`` for ``organization`` if given."""
    from accord.core.models import User
    from accord.parties.models import Organization, RoleGrant

    user = User.objects.create_user(username)
    if role:
        RoleGrant.objects.create(user=user, role=role, organization=Organization.objects.get(name=organization))
    client.force_login(user)
    return user


@pytest.fixture
def open_work(northwind, ben, actor):
    """Work left to do at the bank now: an overdue action, an order for a card replacement (due five business days
    after it was placed, half an hour ago), an action requested after it, and an approved checkbook order, which
    has no due time."""
    from django.utils import timezone

    from accord.catalog.models import RequestItem
    from accord.provision import services

    now = timezone.now()
    omar, nina, ben_okoro = person('omar-haddad'), person('nina-park'), person('ben-okoro')
    RequestItem.objects.filter(name='order-checkbook').update(approval='sponsor')
    checkbook = services.place_order(northwind.relationship, omar, subscription=northwind,
                                     request_item=RequestItem.objects.get(offering=northwind.offering,
                                                                          name='order-checkbook'),
                                     at=now - datetime.timedelta(hours=2), actor=actor)
    services.approve(checkbook, by=nina, at=now - datetime.timedelta(hours=1), actor=actor)
    late = services.request_action(northwind, element(northwind, 'card-replacement'), requested_by=omar,
                                   at=now - datetime.timedelta(days=20), name='northwind-late-card', actor=actor)
    soon = services.request_action(ben, element(ben, 'card-replacement'), requested_by=ben_okoro,
                                   at=now - datetime.timedelta(minutes=5), name='ben-new-card', actor=actor)
    card = services.place_order(ben.relationship, ben_okoro, subscription=ben,
                                request_item=RequestItem.objects.get(offering=ben.offering, name='replace-card'),
                                at=now - datetime.timedelta(minutes=30), name='ben-card-order', actor=actor)
    return {'checkbook': checkbook, 'late': late, 'soon': soon, 'card': card}

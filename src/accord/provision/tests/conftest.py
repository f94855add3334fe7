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

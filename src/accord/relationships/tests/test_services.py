"""Relationship lifecycle transitions and measurements, through the services."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from accord.core.services import Actor
from accord.parties.models import Organization
from accord.relationships.models import Agreement, AgreementTarget, ServiceRelationship
from accord.relationships.services import change_relationship_status, record_measurement

pytestmark = pytest.mark.django_db
actor = Actor(source='cli', username='test')


@pytest.fixture
def relationship():
    provider, consumer = (Organization.objects.create(name=n) for n in ('acme', 'shop'))
    return ServiceRelationship.objects.create(name='acme-shop', provider=provider, consumer=consumer,
                                              status='prospect')


def test_a_relationship_follows_its_declared_lifecycle(relationship):
    for status in ('agreed', 'active', 'suspended', 'active', 'terminated'):
        change_relationship_status(relationship, status, actor=actor)
    assert ServiceRelationship.objects.get(pk=relationship.pk).status == 'terminated'


def test_a_terminated_relationship_cannot_be_revived(relationship):
    change_relationship_status(relationship, 'terminated', actor=actor)
    with pytest.raises(ValidationError, match='cannot become active'):
        change_relationship_status(relationship, 'active', actor=actor)


def test_a_measurement_for_an_unknown_target_is_refused(relationship):
    agreement = Agreement.objects.create(name='sla', relationship=relationship, kind='sla')
    AgreementTarget.objects.create(agreement=agreement, name='availability', kind='operational', comparator='>=',
                                   value=Decimal('99.9'))
    with pytest.raises(ValidationError, match="no target 'uptime'"):
        record_measurement(agreement, 'uptime', '2025-03', Decimal(99), actor=actor)
    with pytest.raises(ValidationError, match='not a period'):
        record_measurement(agreement, 'availability', '2025-3', Decimal(99), actor=actor)
    record_measurement(agreement, 'availability', '2025-03', Decimal('99.95'), actor=actor)
    record_measurement(agreement, 'availability', '2025-03', Decimal('99.97'), actor=actor)
    assert [m.value for m in agreement.targets.get().measurements.all()] == [Decimal('99.97')]


def test_periods_are_whole_months():
    from accord.relationships.periods import parse_period

    assert parse_period('2024-02') == (datetime.date(2024, 2, 1), datetime.date(2024, 2, 29))
    assert parse_period('2025-12') == (datetime.date(2025, 12, 1), datetime.date(2025, 12, 31))

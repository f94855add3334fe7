"""Rules every path shares: a record lies within its subscription's term and uses an element of the right kind."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from accord.core.services import validate
from accord.parties.models import Person
from accord.provision.models import AccessGrant, ActionInstance, CapacitySlot, ConsumptionEvent, Order, Reservation
from accord.provision.models.actions import due_time
from accord.provision.tests.conftest import element, instant
from accord.resources.models import Resource


def messages(error: ValidationError) -> dict[str, list[str]]:
    return error.message_dict


def test_a_due_time_in_business_days_skips_the_weekend():
    friday = instant('2025-03-07T10:00')
    assert due_time(friday, 5, 'businessDays') == instant('2025-03-14T10:00')
    assert due_time(friday, 1, 'businessDays') == instant('2025-03-10T10:00')
    assert due_time(friday, 2, 'days') == instant('2025-03-09T10:00')
    assert due_time(friday, 3, 'hours') == instant('2025-03-07T13:00')


def test_an_action_knows_when_it_is_due_from_its_elements_target(ben):
    action = ActionInstance(name='ben-card', subscription=ben, element=element(ben, 'card-replacement'),
                            requested_at=instant('2025-03-07T10:00'))
    validate(action)
    assert action.due_at == instant('2025-03-14T10:00')


def test_an_event_before_its_subscription_starts_is_refused_naming_the_subscription(ben):
    event = ConsumptionEvent(name='early', subscription=ben, event='direct-deposit', at=instant('2024-12-31T23:00'))
    with pytest.raises(ValidationError) as error:
        validate(event)
    assert messages(error.value)['at'] == [
        'ben-standard-checking is not active at 2024-12-31T23:00:00+00:00: it runs from 2025-01-01 open-ended']


def test_a_grant_of_a_good_element_is_refused(ben):
    grant = AccessGrant(name='g', subscription=ben, element=element(ben, 'checkbook'),
                        grantee_person=Person.objects.get(name='ben-okoro'), valid_from=instant('2025-03-01T00:00'))
    with pytest.raises(ValidationError) as error:
        validate(grant)
    assert messages(error.value)['element'] == ['checkbook is a good element, not an access element']


def test_a_grant_that_ends_after_its_subscription_is_refused(ben):
    ben.end = datetime.date(2025, 3, 31)
    grant = AccessGrant(name='g', subscription=ben, element=element(ben, 'debit-card'),
                        grantee_person=Person.objects.get(name='ben-okoro'), valid_from=instant('2025-03-01T00:00'),
                        valid_to=instant('2025-04-02T00:00'))
    with pytest.raises(ValidationError) as error:
        validate(grant)
    assert messages(error.value)['valid_to'] == [
        'the grant ends after ben-standard-checking ends at 2025-04-01T00:00:00+00:00']


def test_a_revocation_before_the_grant_starts_is_refused(ben):
    grant = AccessGrant(name='g', subscription=ben, element=element(ben, 'debit-card'),
                        grantee_person=Person.objects.get(name='ben-okoro'), valid_from=instant('2025-03-05T00:00'),
                        revoked_at=instant('2025-03-04T00:00'), revoke_reason='lost')
    with pytest.raises(ValidationError) as error:
        validate(grant)
    assert messages(error.value)['revoked_at'] == ['a grant cannot be revoked before it starts']


def test_an_order_by_a_person_without_a_user_or_customer_role_is_refused(ben):
    order = Order(name='o', relationship=ben.relationship, requested_by=Person.objects.get(name='nina-park'),
                  at=instant('2025-03-05T00:00'), subscription=ben,
                  request_item=ben.offering.request_items.get(name='order-checkbook'))
    with pytest.raises(ValidationError) as error:
        validate(order)
    assert messages(error.value)['requested_by'] == ['nina-park holds no user or customer role in firsttown-bank-ben']


def test_a_quality_outside_1_to_5_is_refused(ben):
    action = ActionInstance(name='a', subscription=ben, element=element(ben, 'card-replacement'),
                            requested_at=instant('2025-03-07T10:00'), completed_at=instant('2025-03-08T10:00'),
                            quality=6)
    with pytest.raises(ValidationError) as error:
        validate(action)
    assert messages(error.value) == {'quality': ['Ensure this value is less than or equal to 5.']}


def test_a_reservation_beyond_the_slots_capacity_or_after_it_ends_is_refused(ben):
    slot = CapacitySlot.objects.create(name='s', resource=Resource.objects.get(name='atm-fleet'),
                                       start=instant('2025-03-10T00:00'), end=instant('2025-03-11T00:00'), capacity=2)
    Reservation.objects.create(name='r1', slot=slot, subscription=ben, units=1, at=instant('2025-03-01T00:00'))
    late = Reservation(name='r2', slot=slot, subscription=ben, units=2, at=instant('2025-03-11T00:00'))
    with pytest.raises(ValidationError) as error:
        validate(late)
    assert messages(error.value) == {
        'at': ['s ended at 2025-03-11T00:00:00+00:00: it takes no reservations after it ends'],
        'units': ['s has 1 of 2 units left, not 2'],
    }

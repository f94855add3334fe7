"""Service actions are requested, started and completed against their target; consumption is recorded one event
or many at a time; slots take reservations only before they end and never beyond their capacity.
"""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError

from accord.core.models import ObjectChange
from accord.core.versions import data_version
from accord.provision import services
from accord.provision.consumption import record_events
from accord.provision.models import ActionInstance, CapacitySlot, ConsumptionEvent, Reservation
from accord.provision.services import TransitionRefused
from accord.provision.tests.conftest import element, instant, person, written
from accord.resources.models import Resource

FRIDAY = instant('2025-03-07T16:00')


def card_replacement(ben, actor) -> ActionInstance:
    return services.request_action(ben, element(ben, 'card-replacement'), requested_by=person('ben-okoro'),
                                   at=FRIDAY, actor=actor)


def test_an_action_is_due_its_target_in_business_days_after_the_request(ben, actor):
    assert card_replacement(ben, actor).due_at == instant('2025-03-14T16:00')


def test_an_action_records_its_performers_the_consumers_presence_and_its_quality(ben, actor):
    action = card_replacement(ben, actor)
    services.start_action(action, at=instant('2025-03-10T09:00'), performers=[person('maria-lopez')], actor=actor)
    done = services.complete_action(action, at=instant('2025-03-11T12:00'), consumer_present=True, quality=5,
                                    actor=actor)
    assert ([p.name for p in done.performers.all()], done.consumer_present, done.quality) == (
        ['maria-lopez'], True, 5)
    logged = ObjectChange.objects.filter(changed_object_type=ContentType.objects.get_for_model(ActionInstance),
                                         changed_object_id=action.pk)
    assert [change.action for change in logged.order_by('id')] == ['create', 'update', 'update']


def test_a_completion_before_the_start_is_refused(ben, actor):
    action = card_replacement(ben, actor)
    services.start_action(action, at=instant('2025-03-10T09:00'), actor=actor)
    before = written(ActionInstance)
    with pytest.raises(ValidationError) as error:
        services.complete_action(action, at=instant('2025-03-10T08:00'), actor=actor)
    assert error.value.message_dict['completed_at'] == ['an action is completed after it starts']
    assert written(ActionInstance) == before


@pytest.mark.parametrize('quality', [0, 6])
def test_a_quality_outside_1_to_5_is_refused(ben, actor, quality):
    action = card_replacement(ben, actor)
    with pytest.raises(ValidationError) as error:
        services.complete_action(action, at=instant('2025-03-10T08:00'), quality=quality, actor=actor)
    assert 'quality' in error.value.message_dict
    action.refresh_from_db()
    assert action.completed_at is None


def test_completing_an_action_twice_is_refused(ben, actor):
    action = card_replacement(ben, actor)
    services.complete_action(action, at=instant('2025-03-10T08:00'), actor=actor)
    with pytest.raises(TransitionRefused):
        services.complete_action(action, at=instant('2025-03-10T09:00'), actor=actor)


def test_an_event_is_recorded_with_a_name_and_its_change_log_row(ben, actor):
    event = services.record_consumption(ben, 'direct-deposit', at=instant('2025-03-25T06:00'),
                                        attributes={'amount': '1500.00'}, actor=actor)
    assert event.name == 'ben-standard-checking-direct-deposit-20250325-060000'
    assert ObjectChange.objects.get(changed_object_id=event.pk,
                                    changed_object_type=ContentType.objects.get_for_model(ConsumptionEvent)
                                    ).after['attributes'] == {'amount': '1500.00'}


def test_many_events_are_recorded_at_once_each_with_its_change_log_row(ben, actor):
    at = instant('2025-03-10T12:00')
    events = [ConsumptionEvent(subscription=ben, event='foreign-atm-withdrawal', at=at) for _ in range(3)]
    record_events(events, actor=actor)
    assert sorted(ConsumptionEvent.objects.filter(at=at).values_list('name', flat=True)) == [
        'ben-standard-checking-foreign-atm-withdrawal-20250310-120000',
        'ben-standard-checking-foreign-atm-withdrawal-20250310-120000-2',
        'ben-standard-checking-foreign-atm-withdrawal-20250310-120000-3',
    ]
    assert ObjectChange.objects.filter(changed_object_type=ContentType.objects.get_for_model(ConsumptionEvent),
                                       changed_object_id__in=[event.pk for event in events]).count() == 3


def test_events_recorded_in_bulk_move_the_data_version_as_any_write(ben, actor):
    before = data_version()
    record_events([ConsumptionEvent(subscription=ben, event='direct-deposit', at=instant('2025-03-10T12:00'))],
                  actor=actor)
    assert data_version() != before


def test_an_event_for_a_subscription_not_active_at_its_instant_is_refused_and_none_of_the_batch_is_written(
        ben, actor):
    good = ConsumptionEvent(subscription=ben, event='direct-deposit', at=instant('2025-03-10T12:00'))
    early = ConsumptionEvent(subscription=ben, event='direct-deposit', at=instant('2024-12-31T12:00'))
    before = written(ConsumptionEvent)
    with pytest.raises(ValidationError) as error:
        record_events([good, early], actor=actor)
    assert error.value.message_dict == {'events[1].at': [
        'ben-standard-checking is not active at 2024-12-31T12:00:00+00:00: it runs from 2025-01-01 open-ended']}
    assert written(ConsumptionEvent) == before


@pytest.fixture
def slot(bank):
    return CapacitySlot.objects.create(name='atm-slot', resource=Resource.objects.get(name='atm-fleet'),
                                       start=instant('2025-03-10T09:00'), end=instant('2025-03-10T17:00'), capacity=2)


def test_a_reservation_after_the_slot_ends_is_refused(ben, slot, actor):
    with pytest.raises(ValidationError) as error:
        services.reserve(slot, ben, at=instant('2025-03-10T17:00'), actor=actor)
    assert error.value.message_dict['at'] == [
        'atm-slot ended at 2025-03-10T17:00:00+00:00: it takes no reservations after it ends']
    assert not Reservation.objects.exists()


def test_a_reservation_beyond_the_capacity_is_refused(ben, slot, actor):
    services.reserve(slot, ben, units=1, at=instant('2025-03-01T00:00'), actor=actor)
    with pytest.raises(ValidationError) as error:
        services.reserve(slot, ben, units=2, at=instant('2025-03-02T00:00'), actor=actor)
    assert error.value.message_dict['units'] == ['atm-slot has 1 of 2 units left, not 2']
    assert Reservation.objects.count() == 1


def test_a_reservation_before_its_subscription_starts_is_accepted_guests_book_ahead(ben, slot, actor):
    ben.start = ben.start.replace(month=3, day=10)
    ben.save()
    assert services.reserve(slot, ben, at=instant('2025-02-15T00:00'), actor=actor).units == 1

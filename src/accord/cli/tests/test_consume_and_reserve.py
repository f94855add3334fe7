"""``accord consume`` and ``accord reserve``: usage facts and bookings on the command line, through the verbs."""

import datetime
from decimal import Decimal

import pytest

from accord.core.choices import ChangeSource
from accord.core.models import ObjectChange
from accord.provision.models import CapacitySlot, ConsumptionEvent, Reservation
from accord.resources.models import Resource
from accord.testing.cli import run_cli

pytestmark = pytest.mark.django_db

UTC = datetime.UTC


def charged(subscription: str) -> Decimal:
    return Decimal(run_cli('charges', subscription, '--period', '2025-03', '--format', 'json').json['total'])


def test_a_consumed_event_is_logged_by_the_cli_and_counted_in_the_month_charge(bank):
    before = charged('ana-student-checking')
    result = run_cli('consume', 'ana-student-checking', 'foreign-atm-withdrawal', '--at', '2025-03-27T20:00:00Z',
                     '--format', 'json')
    assert result.status == 0, result.stderr
    assert (result.json['event'], result.json['quantity']) == ('foreign-atm-withdrawal', 1)
    assert charged('ana-student-checking') > before
    event = ConsumptionEvent.objects.get(name=result.json['name'])
    assert ObjectChange.objects.get(changed_object_id=event.pk,
                                    changed_object_type__model='consumptionevent').source == ChangeSource.CLI


@pytest.mark.parametrize(('args', 'message'), [
    (('ana-student-checking', 'atm-withdrawal', '--at', '2020-03-01T00:00:00Z'),
     'event atm-withdrawal of ana-student-checking: at: ana-student-checking is not active at 2020-03-01'),
    (('ana-student-cheking', 'atm-withdrawal'), "no subscription named 'ana-student-cheking': did you mean "
                                                'ana-student-checking?'),
    (('ana-student-checking', 'atm-withdrawal', '--at', 'yesterday'), "--at: 'yesterday'"),
    (('ana-student-checking', 'foreign-atm-withdrawl', '--at', '2025-03-01T00:00:00Z'),
     'event foreign-atm-withdrawl of ana-student-checking: event: student-checking reads no event type '
     'foreign-atm-withdrawl: did you mean foreign-atm-withdrawal?'),
])
def test_a_refused_event_exits_1_and_writes_nothing(bank, args, message):
    before = ConsumptionEvent.objects.count()
    result = run_cli('consume', *args)
    assert (result.status, result.stdout) == (1, '')
    assert message in result.stderr and 'Traceback' not in result.stderr
    assert ConsumptionEvent.objects.count() == before


@pytest.fixture
def slot(bank):
    return CapacitySlot.objects.create(
        name='atm-01-2025-03-28', resource=Resource.objects.get(name='atm-fleet'),
        start=datetime.datetime(2025, 3, 28, 9, tzinfo=UTC), end=datetime.datetime(2025, 3, 28, 17, tzinfo=UTC),
        capacity=2, unit_price=Decimal(40), currency='USD')


def test_a_slot_is_booked_up_to_its_capacity_and_no_further(slot):
    booked = run_cli('reserve', 'atm-01-2025-03-28', 'ben-standard-checking', '--units', '2', '--at',
                     '2025-03-27T09:00:00Z', '--format', 'json')
    assert booked.status == 0, booked.stderr
    assert booked.json['units'] == 2
    reservation = Reservation.objects.get(name=booked.json['name'])
    assert ObjectChange.objects.get(changed_object_id=reservation.pk,
                                    changed_object_type__model='reservation').source == ChangeSource.CLI
    full = run_cli('reserve', 'atm-01-2025-03-28', 'ana-student-checking', '--at', '2025-03-27T10:00:00Z')
    assert full.status == 1
    assert 'reservation of atm-01-2025-03-28 for ana-student-checking: units: atm-01-2025-03-28 has 0 of 2 units ' \
        'left, not 1' in full.stderr
    assert Reservation.objects.filter(slot=slot).count() == 1


def test_a_booking_after_the_slot_ends_or_of_an_unknown_slot_is_refused(slot):
    late = run_cli('reserve', 'atm-01-2025-03-28', 'ben-standard-checking', '--at', '2025-03-29T09:00:00Z')
    assert late.status == 1
    assert 'for ben-standard-checking: at: atm-01-2025-03-28 ended at 2025-03-28T17:00:00+00:00' in late.stderr
    unknown = run_cli('reserve', 'atm-01-2025-03-82', 'ben-standard-checking')
    assert "no capacity slot named 'atm-01-2025-03-82': did you mean atm-01-2025-03-28?" in unknown.stderr
    assert not Reservation.objects.filter(slot=slot).exists()

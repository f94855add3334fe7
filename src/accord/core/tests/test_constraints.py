"""Check constraints on columns are decided in Python, with the database's answer and without asking it."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from accord.catalog.models import ServiceOffering, UsageCharge
from accord.core.constraints import validate_constraints
from accord.core.services import Actor, batch, save_object
from accord.parties.models import Organization
from accord.provision.choices import TransferReason
from accord.provision.models import AccessGrant, ActionInstance, OwnershipTransfer
from accord.resources.models import Resource

pytestmark = pytest.mark.django_db


def _errors(check) -> dict | None:
    try:
        check()
    except ValidationError as error:
        return error.message_dict
    return None


def _same_as_django(obj, exclude: set[str] = frozenset()) -> dict | None:
    """Our errors, checked against Django's own (which asks the database), with no check query of ours."""
    expected = _errors(lambda: obj.validate_constraints(exclude=exclude))
    with CaptureQueriesContext(connection) as queries:
        found = _errors(lambda: validate_constraints(obj, set(exclude)))
    assert found == expected
    assert not [q for q in queries.captured_queries if '_check' in q['sql']]
    return found


def _disk(**capacity) -> Resource:
    return Resource(name='disk', organization=Organization.objects.create(name='acme'),
                    dimension='information-and-technology', kind='infrastructure', **capacity)


@pytest.mark.parametrize(('amount', 'unit', 'refused'), [
    (None, '', False), (Decimal('5'), '', True), (Decimal('5'), 'GB', False), (None, 'GB', False),
])
def test_a_capacity_needs_a_unit(amount, unit, refused):
    resource = _disk(capacity_amount=amount, capacity_unit=unit)

    errors = _same_as_django(resource)

    assert (errors == {'__all__': ['a capacity needs a unit']}) is refused


@pytest.mark.parametrize(('amount', 'per', 'refused'), [
    (None, '', False), (Decimal('9.90'), 'month', False), (Decimal('9.90'), '', True), (None, 'month', True),
])
def test_a_fee_has_both_an_amount_and_a_period(amount, per, refused):
    offering = ServiceOffering(name='gold', provider=Organization.objects.create(name='acme'), fee_amount=amount,
                               fee_per=per)

    errors = _same_as_django(offering)

    assert (errors == {'__all__': ['a fee has both an amount and a period']}) is refused


def test_a_condition_on_a_field_left_out_is_not_checked():
    resource = _disk(capacity_amount=Decimal('5'), capacity_unit='')

    assert _same_as_django(resource, exclude={'capacity_unit'}) is None


def test_a_part_under_an_owner_new_in_an_all_or_nothing_batch_is_checked_unique_in_memory_with_djangos_message():
    charge = lambda offering: UsageCharge(offering=offering, event='call', amount=Decimal('0.10'))  # noqa: E731
    with pytest.raises(ValidationError) as refused, transaction.atomic(), batch(all_or_nothing=True):
        offering = ServiceOffering(name='gold', provider=Organization.objects.create(name='acme'), currency='EUR')
        save_object(offering, actor=Actor())
        with CaptureQueriesContext(connection) as queries:
            save_object(charge(offering), actor=Actor())
        assert not [q for q in queries.captured_queries if q['sql'].startswith('SELECT') and 'usagecharge"' in q['sql']]

        save_object(charge(offering), actor=Actor())

    assert refused.value.message_dict == {'__all__': ['the offering charges for this event already']}


AT = datetime.datetime(2025, 3, 3, 9, tzinfo=datetime.UTC)
HOUR = datetime.timedelta(hours=1)


@pytest.mark.parametrize(('started', 'completed', 'quality', 'refused'), [
    (None, None, None, set()), (AT + HOUR, AT + 2 * HOUR, 4, set()), (AT, AT, 5, set()),
    (AT - HOUR, None, None, {'an action starts after it is requested'}),
    (AT + 2 * HOUR, AT + HOUR, None, {'an action is completed after it starts'}),
    (None, AT - HOUR, None, {'an action is completed after it is requested'}),
    (None, None, 0, {'a quality score is from 1 to 5'}), (None, None, 6, {'a quality score is from 1 to 5'}),
])
def test_instants_compared_with_each_other_and_scores_with_bounds_are_decided_as_the_database_does(
        started, completed, quality, refused):
    action = ActionInstance(name='fix', subscription_id=1, element_id=1, requested_at=AT, started_at=started,
                            completed_at=completed, quality=quality)

    errors = _same_as_django(action)

    assert set((errors or {}).get('__all__', [])) == refused


@pytest.mark.parametrize(('person', 'organization', 'refused'), [(1, None, False), (None, 1, False),
                                                                  (1, 1, True), (None, None, True)])
def test_a_relations_nullness_is_decided_as_the_database_does(person, organization, refused):
    grant = AccessGrant(name='card', subscription_id=1, element_id=1, grantee_person_id=person,
                        grantee_organization_id=organization, valid_from=AT)

    errors = _same_as_django(grant)

    assert (errors == {'__all__': ['a grant names one grantee: a person or an organization']}) is refused


@pytest.mark.parametrize(('to', 'refused'), [(2, False), (1, True)])
def test_two_relations_compared_with_each_other_are_decided_as_the_database_does(to, refused):
    transfer = OwnershipTransfer(item_id=1, from_owner_id=1, to_owner_id=to, at=AT, reason=TransferReason.DELIVERY,
                                 delivery_id=1)

    assert (_same_as_django(transfer) is not None) is refused

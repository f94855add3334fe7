"""``accord owner``, ``access``, ``capacity``, ``characteristics`` and ``expiring`` on a hand-written month."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accord.analysis.access import AccessError, access
from accord.analysis.capacity import CapacityError, capacity
from accord.analysis.characteristics import CharacteristicsError, characteristics
from accord.analysis.expiring import PARAMETERS as EXPIRING
from accord.analysis.expiring import expiring
from accord.analysis.ownership import OwnershipError, ownership
from accord.analysis.parameters import ParameterError
from accord.catalog.models import OfferingElement
from accord.provision.models import ActionInstance, Reservation
from accord.relationships.models import Subscription

pytestmark = pytest.mark.django_db


def at(text: str) -> datetime.datetime:
    return datetime.datetime.fromisoformat(text).replace(tzinfo=datetime.UTC)


# --- owner --------------------------------------------------------------------------------


def test_a_checkbook_belongs_to_the_bank_until_its_delivery_and_to_ben_after(activity):
    assert ownership('checkbook-0001', at('2025-03-04T09:59'))['owner'] == 'firsttown-bank'
    answer = ownership('checkbook-0001', at('2025-03-04T10:00'))
    assert (answer['item'], answer['at'], answer['owner']) == ('checkbook-0001', '2025-03-04T10:00:00+00:00', 'ben')
    assert answer['history'] == [{'at': '2025-03-04T10:00:00+00:00', 'from': 'firsttown-bank', 'to': 'ben',
                                  'reason': 'delivery', 'record': 'GoodsDelivery:ben-checkbook'}]


def test_an_item_never_transferred_is_its_resources_and_now_is_answered_as_null(activity):
    assert ownership('atm-02') == {'item': 'atm-02', 'at': None, 'owner': 'firsttown-bank', 'history': []}


def test_an_unknown_item_is_named_with_the_nearest_names(activity):
    with pytest.raises(OwnershipError, match="unknown item 'checkbook-001': did you mean checkbook-0001"):
        ownership('checkbook-001')


# --- access -------------------------------------------------------------------------------


def test_a_debit_card_grant_covers_every_component_of_the_card_product(activity):
    answer = access(('person', 'ben-okoro'), ('resource', 'card-processing'), at('2025-03-10T12:00'))
    assert (answer['access'], answer['grant']) == (True, 'ben-debit-card')
    assert answer['reason'].startswith('debit-card of ben-standard-checking, granted from 2025-03-01T00:00:00+00:00 '
                                       'until 2025-03-12T08:00:00+00:00')


def test_between_a_revoked_card_and_its_replacement_ben_has_no_access_and_each_grant_says_why(activity):
    answer = access(('person', 'ben-okoro'), ('resource', 'fraud-engine'), at('2025-03-13T12:00'))
    assert (answer['access'], answer['grant']) == (False, None)
    assert answer['reason'] == ('ben-debit-card: revoked at 2025-03-12T08:00:00+00:00: Card reported lost; '
                                'ben-debit-card-2: it starts at 2025-03-14T16:00:00+00:00')
    assert access(('person', 'ben-okoro'), ('resource', 'fraud-engine'), at('2025-03-15T12:00'))['grant'] == (
        'ben-debit-card-2')


def test_a_grant_to_an_organization_covers_its_members_for_its_item_only_and_until_it_ends(activity):
    assert access(('person', 'nina-park'), ('item', 'atm-01'), at('2025-03-10T12:00'))['grant'] == 'northwind-atm-01'
    other = access(('person', 'nina-park'), ('item', 'atm-02'), at('2025-03-10T12:00'))
    assert other['reason'] == 'no grant to person:nina-park covers item:atm-02'
    later = access(('organization', 'northwind-traders'), ('item', 'atm-01'), at('2025-04-01T00:00'))
    assert later['reason'] == 'northwind-atm-01: it ended at 2025-04-01T00:00:00+00:00'


def test_outside_the_elements_daily_window_there_is_no_access(activity):
    OfferingElement.objects.filter(offering__name='standard-checking', name='own-atms').update(
        window_from=datetime.time(22), window_to=datetime.time(6))
    assert access(('person', 'nina-park'), ('item', 'atm-01'), at('2025-03-10T23:30'))['access'] is True
    answer = access(('person', 'nina-park'), ('item', 'atm-01'), at('2025-03-10T12:00'))
    assert answer['reason'] == ('northwind-atm-01: 2025-03-10T12:00:00+00:00 is outside the daily window '
                                '22:00-06:00 (UTC)')


def test_access_names_an_unknown_grantee_and_a_malformed_target(activity):
    with pytest.raises(AccessError, match="unknown person 'ben-okor': did you mean ben-okoro"):
        access(('person', 'ben-okor'), ('item', 'atm-01'))
    from accord.analysis.access import PARAMETERS
    with pytest.raises(ParameterError, match="'room:101' is not item:NAME or resource:NAME"):
        PARAMETERS.read({'grantee': 'person:ben-okoro', 'target': 'room:101'})


# --- capacity -----------------------------------------------------------------------------


def test_capacity_per_slot_counts_what_was_reserved_and_what_perished(activity):
    answer = capacity('atm-fleet', at('2025-03-01T00:00'), at('2025-04-01T00:00'))
    assert answer['resource'] == 'atm-fleet'
    assert [{k: s[k] for k in ('start', 'capacity', 'used', 'perished', 'utilization', 'unrealizedRevenue')}
            for s in answer['slots']] == [
        {'start': '2025-03-10T09:00:00+00:00', 'capacity': 2, 'used': 1, 'perished': 1, 'utilization': '0.50',
         'unrealizedRevenue': '40.00'},
        {'start': '2025-03-11T09:00:00+00:00', 'capacity': 4, 'used': 4, 'perished': 0, 'utilization': '1.00',
         'unrealizedRevenue': '0.00'},
    ]


def test_a_slot_still_open_has_perished_nothing_yet(activity):
    (slot, _) = capacity('atm-fleet', at('2025-03-01T00:00'), at('2025-04-01T00:00'),
                         now=at('2025-03-10T12:00'))['slots']
    assert (slot['perished'], slot['unrealizedRevenue']) == (0, '0.00')


def test_capacity_refuses_a_span_ending_before_it_starts_and_an_unknown_resource(activity):
    with pytest.raises(CapacityError, match='not after it starts'):
        capacity('atm-fleet', at('2025-04-01T00:00'), at('2025-03-01T00:00'))
    with pytest.raises(CapacityError, match="unknown resource 'atm-flet': did you mean atm-fleet"):
        capacity('atm-flet', at('2025-03-01T00:00'), at('2025-04-01T00:00'))


# --- characteristics ----------------------------------------------------------------------


def test_the_four_characteristics_of_standard_checking(activity):
    answer = characteristics('standard-checking')
    assert answer['intangibility'] == {'goodsShare': '0.17', 'elements': 6, 'goods': 1, 'access': 4, 'actions': 1}
    heterogeneity = answer['heterogeneity']
    assert {k: heterogeneity[k] for k in ('actions', 'meanMinutes', 'stdevMinutes', 'cv')} == {
        'actions': 2, 'meanMinutes': '1830.00', 'stdevMinutes': '1739.48', 'cv': '0.95'}
    assert heterogeneity['perPerformer'] == [
        {'performer': 'maria-lopez', 'actions': 1, 'meanMinutes': '3060.00', 'stdevMinutes': None, 'cv': None},
        {'performer': 'tom-becker', 'actions': 1, 'meanMinutes': '600.00', 'stdevMinutes': None, 'cv': None},
    ]
    assert answer['inseparability'] == {'presenceShare': '0.00', 'actionElements': 1, 'requiringPresence': 0,
                                        'actions': 3, 'consumerPresent': 1, 'consumerPresentShare': '0.33'}
    perishability = answer['perishability']
    assert {k: perishability[k] for k in ('slots', 'capacity', 'used', 'perished', 'utilization')} == {
        'slots': 2, 'capacity': 6, 'used': 5, 'perished': 1, 'utilization': '0.83'}
    assert perishability['unrealizedRevenue'] == {'USD': '40.00'}


def test_characteristics_between_two_days_count_only_what_happened_on_them(activity):
    answer = characteristics('standard-checking', datetime.date(2025, 3, 15), datetime.date(2025, 3, 31))
    assert (answer['from'], answer['to']) == ('2025-03-15', '2025-03-31')
    assert answer['heterogeneity']['meanMinutes'] == '600.00'
    assert (answer['perishability']['slots'], answer['perishability']['utilization']) == (0, None)


def test_characteristics_run_the_same_queries_with_more_actions(activity):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            characteristics('standard-checking')
        return len(captured)

    before = queries()
    action = ActionInstance.objects.get(name='ben-card-replacement')
    for n in range(5):
        copy = ActionInstance.objects.create(name=f'copy-{n}', subscription=action.subscription,
                                             element=action.element, requested_at=action.requested_at,
                                             completed_at=action.completed_at)
        copy.performers.set(action.performers.all())
    Reservation.objects.filter(name='ben-atm-slot').update(units=2)
    assert queries() == before


def test_characteristics_refuse_days_in_the_wrong_order_and_an_unknown_offering(activity):
    with pytest.raises(CharacteristicsError, match='before --from'):
        characteristics('standard-checking', datetime.date(2025, 3, 31), datetime.date(2025, 3, 1))
    with pytest.raises(CharacteristicsError, match='did you mean standard-checking'):
        characteristics('standard-cheking')


# --- expiring -----------------------------------------------------------------------------


def test_subscriptions_agreements_and_grants_ending_within_the_window_are_listed_per_relationship(activity):
    Subscription.objects.filter(name='ana-student-checking').update(end=datetime.date(2025, 4, 5))
    answer = expiring(30, at('2025-03-20T12:00'))
    assert (answer['at'], answer['within'], answer['until']) == ('2025-03-20T12:00:00+00:00', '30d', '2025-04-19')
    by_name = {r['relationship']: r for r in answer['relationships']}
    assert list(by_name) == sorted(by_name) == ['firsttown-bank-ana', 'firsttown-bank-northwind-traders']
    assert by_name['firsttown-bank-ana']['subscriptions'] == [
        {'name': 'ana-student-checking', 'offering': 'student-checking', 'end': '2025-04-05', 'daysLeft': 16}]
    assert by_name['firsttown-bank-northwind-traders']['accessGrants'] == [
        {'name': 'northwind-atm-01', 'subscription': 'northwind-standard-checking', 'element': 'own-atms',
         'grantee': 'organization:northwind-traders', 'validTo': '2025-04-01T00:00:00+00:00', 'daysLeft': 12}]


def test_an_agreement_ending_within_the_window_is_listed_with_its_days_left(activity):
    (relationship,) = expiring(30, at('2025-12-10T00:00'))['relationships']
    assert relationship['agreements'] == [
        {'name': 'sla-northwind-2025', 'kind': 'sla', 'effectiveTo': '2025-12-31', 'daysLeft': 21}]
    assert expiring(20, at('2025-12-10T00:00'))['relationships'] == []


@pytest.mark.parametrize('within', ['0d', '30', 'a month', '-3d'])
def test_a_window_that_is_no_number_of_days_is_refused(within):
    with pytest.raises(ParameterError, match='is not a number of days such as 30d'):
        EXPIRING.read({'within': within})

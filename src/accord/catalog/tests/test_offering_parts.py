"""Each owned part of an offering edited through its rows: added, changed and removed, written to the change
log and seen in ``accord export``; a refused row shows the rule at its field, and nothing is written."""

import pytest
from django.db.models import Max

from accord.catalog.models import ServiceOffering
from accord.catalog.tests.conftest import added, exported, posted, row_of
from accord.core.models import ObjectChange

pytestmark = pytest.mark.django_db
URL = '/service-offerings/student-checking/edit/'
DEPOSIT = {'fact': 'direct-deposit', 'atLeast': 1}
SAVINGS = {'subscribedTo': 'basic-savings'}


def saved(client, data: dict, *logged: tuple[str, str]) -> dict:
    """Post the form, expect it written with the change log's entries ``logged`` (kind, action) by maria-lopez
    through the web UI; the offering's spec as exported."""
    since = ObjectChange.objects.aggregate(last=Max('id'))['last'] or 0
    response = client.post(URL, data)
    assert response.status_code == 302, response.context['forms'].form.errors
    written = {(change.changed_object_type.model_class()._meta.verbose_name, change.action)
               for change in ObjectChange.objects.filter(id__gt=since, source='ui', user_name='maria-lopez')}
    assert set(logged) <= written, written
    return exported('student-checking')


def refused(client, data: dict, prefix: str, index: int, field: str | None) -> str:
    """Post the form, expect it refused with the message at the row's ``field``; nothing written."""
    before = exported('student-checking')
    response = client.post(URL, data)
    assert response.status_code == 200
    row = response.context['forms'].parts[prefix].forms[index]
    errors = row.errors.get(field or '__all__')
    assert errors, row.errors
    page = response.content.decode().replace('&#x27;', "'")
    assert errors[0] in page and 'Nothing was saved: see the messages at the fields below.' in page
    assert exported('student-checking') == before
    return errors[0]


def test_waiver_conditions_are_added_changed_and_removed(client, manager):
    page = client.get(URL)
    data = added(posted(page), 'waivers', option='1', kind='fact', fact='average-balance', comparator='atLeast',
                 bound='500')
    spec = saved(client, data, ('service offering', 'update'))
    assert spec['pricing']['waivers'] == {'anyOf': [{'allOf': [DEPOSIT, {'fact': 'average-balance', 'atLeast': 500}]},
                                                    SAVINGS]}
    detail = client.get('/service-offerings/student-checking/').content.decode()
    assert ('waived with at least 1 direct deposit in the month, and at least 500 average balance in the month, '
            'or an active Basic Savings subscription') in detail
    page = client.get(URL)
    balance = row_of(page, 'waivers', 'fact', 'average-balance')
    deposit = row_of(page, 'waivers', 'fact', 'direct-deposit')
    spec = saved(client, posted(page, **{f'waivers-{balance}-DELETE': 'on', f'waivers-{deposit}-bound': '2'}),
                 ('service offering', 'update'))
    assert spec['pricing']['waivers'] == {'anyOf': [{'fact': 'direct-deposit', 'atLeast': 2}, SAVINGS]}
    page = client.get(URL)
    savings = row_of(page, 'waivers', 'offering', 'basic-savings')
    spec = saved(client, posted(page, **{f'waivers-{savings}-DELETE': 'on'}), ('service offering', 'update'))
    assert spec['pricing']['waivers'] == {'fact': 'direct-deposit', 'atLeast': 2}


def test_a_fact_condition_without_its_value_is_refused_at_the_row(client, manager):
    page = client.get(URL)
    data = added(posted(page), 'waivers', option='2', kind='fact', fact='average-balance', comparator='atLeast')
    assert refused(client, data, 'waivers', 2, 'bound') == 'a fact condition names the fact, how and a value'


def test_waivers_without_a_fee_are_refused_above_the_conditions(client, manager):
    response = client.post(URL, posted(client.get(URL), fee_amount='', fee_per=''))
    assert response.status_code == 200
    assert 'waivers need a fee to waive' in response.context['forms'].parts['waivers'].non_form_errors()
    assert ServiceOffering.objects.get(name='student-checking').fee_amount is not None


def test_usage_charges_are_added_changed_and_removed(client, manager):
    page = client.get(URL)
    data = added(posted(page), 'usage', event='atm-balance-inquiry', amount='0.50', allowance='3')
    spec = saved(client, data, ('usage charge', 'create'))
    assert spec['pricing']['usage'] == [{'event': 'atm-balance-inquiry', 'amount': '0.50', 'allowance': 3},
                                        {'event': 'foreign-atm-withdrawal', 'amount': '2.50'}]
    page = client.get(URL)
    inquiry = row_of(page, 'usage', 'event', 'atm-balance-inquiry')
    foreign = row_of(page, 'usage', 'event', 'foreign-atm-withdrawal')
    spec = saved(client, posted(page, **{f'usage-{inquiry}-DELETE': 'on', f'usage-{foreign}-amount': '3.00'}),
                 ('usage charge', 'delete'), ('usage charge', 'update'))
    assert spec['pricing']['usage'] == [{'event': 'foreign-atm-withdrawal', 'amount': '3.00'}]


def test_a_usage_charge_finer_than_a_cent_is_refused_at_its_amount(client, manager):
    page = client.get(URL)
    data = added(posted(page), 'usage', event='atm-balance-inquiry', amount='0.505')
    assert 'more decimals than USD allows' in refused(client, data, 'usage', 1, 'amount')


def test_an_access_gets_a_service_window_and_loses_it(client, manager):
    page = client.get(URL)
    atms = row_of(page, 'elements', 'name', 'own-atms')
    window = {f'elements-{atms}-window_from': '06:00', f'elements-{atms}-window_to': '23:00'}
    spec = saved(client, posted(page, **window), ('offering element', 'update'))
    element = next(e for e in spec['elements'] if e['name'] == 'own-atms')
    assert element == {'kind': 'access', 'name': 'own-atms', 'product': 'atm-access', 'component': 'atm-fleet',
                       'window': {'from': '06:00', 'to': '23:00'}}
    assert 'from 06:00 to 23:00' in client.get('/service-offerings/student-checking/').content.decode()
    page = client.get(URL)
    assert page.context['forms'].parts['elements'].forms[atms]['window_from'].value() == '06:00'
    spec = saved(client, posted(page, **{f'elements-{atms}-window_from': '', f'elements-{atms}-window_to': ''}),
                 ('offering element', 'update'))
    assert 'window' not in next(e for e in spec['elements'] if e['name'] == 'own-atms')


def test_a_window_on_an_action_is_refused_at_the_row(client, manager):
    page = client.get(URL)
    action = row_of(page, 'elements', 'name', 'card-replacement')
    data = posted(page, **{f'elements-{action}-window_from': '06:00', f'elements-{action}-window_to': '23:00'})
    assert refused(client, data, 'elements', action, 'window_from') == 'only an access has a service window'


def test_an_element_others_refer_to_is_not_removed_and_the_refusal_is_shown_above_the_elements(client, manager):
    page = client.get(URL)
    action = row_of(page, 'elements', 'name', 'card-replacement')
    response = client.post(URL, posted(page, **{f'elements-{action}-DELETE': 'on'}))
    assert response.status_code == 200
    (message,) = response.context['forms'].parts['elements'].non_form_errors()
    assert 'card-replacement: still referred to by' in message
    assert 'card-replacement' in {e['name'] for e in exported('student-checking')['elements']}


def test_request_items_are_added_changed_and_removed(client, manager):
    page = client.get(URL)
    data = added(posted(page), 'requests', name='replace-pin', title='Send me a new PIN', element='debit-card',
                 approval='sponsor')
    spec = saved(client, data, ('request item', 'create'))
    assert spec['requestItems'] == [
        {'name': 'replace-card', 'title': 'Replace my card', 'element': 'card-replacement'},
        {'name': 'replace-pin', 'title': 'Send me a new PIN', 'element': 'debit-card', 'approval': 'sponsor'}]
    page = client.get(URL)
    card, pin = row_of(page, 'requests', 'name', 'replace-card'), row_of(page, 'requests', 'name', 'replace-pin')
    spec = saved(client, posted(page, **{f'requests-{card}-DELETE': 'on', f'requests-{pin}-title': 'A new PIN'}),
                 ('request item', 'delete'), ('request item', 'update'))
    assert spec['requestItems'] == [{'name': 'replace-pin', 'title': 'A new PIN', 'element': 'debit-card',
                                     'approval': 'sponsor'}]


def test_a_request_item_without_its_element_is_refused_at_the_row(client, manager):
    data = added(posted(client.get(URL)), 'requests', name='replace-pin')
    assert refused(client, data, 'requests', 1, 'element') == 'a request item is fulfilled by an element'


def test_value_lines_are_added_changed_and_removed(client, manager):
    page = client.get(URL)
    outcome = row_of(page, 'value', 'text', 'Pay and get paid without cash')
    fee = row_of(page, 'value', 'text', 'Monthly fee unless waived')
    data = added(posted(page, **{f'value-{outcome}-text': 'Pay and get paid by card', f'value-{fee}-DELETE': 'on'}),
                 'value', kind='risksAdded', text='Overdraft fees')
    spec = saved(client, data, ('service offering', 'update'))
    assert spec['value'] == {'outcomes': ['Pay and get paid by card'], 'costsRemoved': ['Cash handling'],
                             'risksAdded': ['Card fraud', 'Overdraft fees'], 'risksRemoved': ['Theft of cash']}


def test_a_value_line_too_long_is_refused_at_the_row(client, manager):
    data = added(posted(client.get(URL)), 'value', kind='outcomes', text='x' * 501)
    assert 'at most 500 characters' in refused(client, data, 'value', 5, 'text')


def test_target_groups_are_chosen_and_cleared(client, manager):
    spec = saved(client, posted(client.get(URL), target_groups=['savers', 'students']), ('service offering', 'update'))
    assert spec['targetGroups'] == ['savers', 'students']
    spec = saved(client, posted(client.get(URL), target_groups=[]))
    assert 'targetGroups' not in spec
    response = client.post(URL, posted(client.get(URL), target_groups=['no-such-group']))
    assert response.context['form'].errors['target_groups']

"""The offering's form writes as the API does: through the serializer, under the version check, into the log;
a new offering through ``new/``, a deletion refused while subscriptions refer to the offering."""

import pytest

from accord.catalog.models import ServiceOffering
from accord.catalog.tests.conftest import added, exported, posted, row_of, ui_change
from accord.core.models import User
from accord.parties.models import Organization, RoleGrant

pytestmark = pytest.mark.django_db
URL = '/service-offerings/student-checking/edit/'


def test_the_manager_changes_the_fee_and_an_element_and_the_history_shows_both(client, manager):
    page = client.get(URL)
    assert page.status_code == 200
    index = row_of(page, 'elements', 'name', 'own-atms')  # no demo grant refers to it: a rename removes the old name
    response = client.post(URL, posted(page, fee_amount='6.00', **{f'elements-{index}-name': 'own-atms-access'}))
    assert response.status_code == 302, response.context['form'].errors
    offering = ServiceOffering.objects.get(name='student-checking')
    assert str(offering.fee_amount.normalize()) == '6'
    assert 'own-atms-access' in {e.name for e in offering.elements.all()}
    assert {e.name for e in offering.elements.all() if e.kind == 'action'} == {'card-replacement'}
    assert ui_change(offering).user_name == 'maria-lopez'
    history = client.get('/service-offerings/student-checking/history/')
    assert b'through web ui' in history.content
    assert b'5.0000' not in history.content and b'5.00' in history.content
    spec = exported('student-checking')
    assert spec['pricing']['fee'] == {'amount': '6.00', 'per': 'month'}
    assert spec['pricing']['waivers'] == {'anyOf': [{'fact': 'direct-deposit', 'atLeast': 1},
                                                    {'subscribedTo': 'basic-savings'}]}  # untouched, kept as written
    assert spec['requestItems'][0]['element'] == 'card-replacement'


def test_the_form_shows_no_json_text_area(client, manager):
    page = client.get(URL).content.decode()
    assert page.count('<textarea') == 1  # the description
    assert '{' not in page.split('<form', 1)[1].split('</form>')[0].replace('{%', '')


def test_a_stale_form_is_refused_with_a_clear_message_and_nothing_is_overwritten(client, manager):
    page = client.get(URL)
    offering = ServiceOffering.objects.get(name='student-checking')
    offering.title = 'Changed meanwhile'
    offering.save()  # moves last_updated, so the version the form holds is stale
    response = client.post(URL, posted(page, fee_amount='7.00'))
    assert response.status_code == 200
    assert 'Someone changed this offering since you opened the form' in response.content.decode()
    assert str(ServiceOffering.objects.get(name='student-checking').fee_amount.normalize()) == '5'


def test_a_refused_value_is_shown_at_its_field_and_nothing_is_written(client, manager):
    page = client.get(URL)
    response = client.post(URL, posted(page, fee_amount='5.001'))
    assert response.status_code == 200
    assert response.context['form'].errors['fee_amount']
    assert str(ServiceOffering.objects.get(name='student-checking').fee_amount.normalize()) == '5'


def test_add_gives_one_more_blank_row_and_writes_nothing(client, manager):
    page = client.get(URL)
    before = len(page.context['forms'].parts['usage'].forms)
    response = client.post(URL, {**posted(page, fee_amount='9.00'), 'add': 'usage'})
    assert response.status_code == 200
    rows = response.context['forms'].parts['usage'].forms
    assert len(rows) == before + 1 and rows[-1]['allowance'].value() == 0
    assert 'Add a usage charge' in response.content.decode()
    assert str(ServiceOffering.objects.get(name='student-checking').fee_amount.normalize()) == '5'


def test_a_reader_who_may_only_view_gets_403_and_another_provider_404(client, bank):
    auditor = User.objects.create_user('james-okafor', password='a-long-demo-password')
    RoleGrant.objects.create(user=auditor, role='auditor', organization=Organization.objects.get(name='firsttown-bank'))
    client.force_login(auditor)
    assert client.get(URL).status_code == 403
    assert client.get('/service-offerings/new/').status_code == 403
    assert b'/service-offerings/new/' not in client.get('/service-offerings/').content
    other = User.objects.create_user('anna-keller', password='a-long-demo-password')
    cardnet = Organization.objects.get(name='cardnet')
    RoleGrant.objects.create(user=other, role='catalogue-manager', organization=cardnet)
    client.force_login(other)
    assert client.get(URL).status_code == 404
    assert client.get('/service-offerings/student-checking/delete/').status_code == 404


def test_the_manager_creates_an_offering_with_its_parts(client, manager):
    assert b'/service-offerings/new/' in client.get('/service-offerings/').content
    page = client.get('/service-offerings/new/')
    assert page.status_code == 200
    providers = [name for name, _ in page.context['form'].fields['provider'].choices]
    assert 'firsttown-bank' in providers and 'cardnet' not in providers  # those the manager may add offerings for
    data = posted(page, name='travel-checking', provider='firsttown-bank', title='Travel Checking',
                  services=['everyday-banking'], target_groups=['everyday-customers'], currency='usd',
                  fee_amount='3.00', fee_per='month')
    added(data, 'elements', name='checking', kind='access', product='checking-account',
          window_from='06:00', window_to='22:00')
    added(data, 'usage', event='foreign-atm-withdrawal', amount='1.50', allowance='2')
    added(data, 'waivers', option='1', kind='fact', fact='direct-deposit', comparator='atLeast', bound='1')
    added(data, 'requests', name='close-account', title='Close my account', element='checking', approval='none')
    added(data, 'value', kind='outcomes', text='Pay abroad without fees')
    response = client.post('/service-offerings/new/', data)
    assert response.status_code == 302, response.context['forms'].form.errors
    assert response['Location'] == '/service-offerings/travel-checking/'
    offering = ServiceOffering.objects.get(name='travel-checking')
    assert ui_change(offering).action == 'create'
    spec = exported('travel-checking')
    assert spec['elements'] == [{'kind': 'access', 'name': 'checking', 'product': 'checking-account',
                                 'window': {'from': '06:00', 'to': '22:00'}}]
    assert spec['pricing'] == {'currency': 'USD', 'fee': {'amount': '3.00', 'per': 'month'},
                               'waivers': {'fact': 'direct-deposit', 'atLeast': 1},
                               'usage': [{'event': 'foreign-atm-withdrawal', 'amount': '1.50', 'allowance': 2}]}
    assert spec['requestItems'] == [{'name': 'close-account', 'title': 'Close my account', 'element': 'checking'}]
    assert spec['value'] == {'outcomes': ['Pay abroad without fees']}
    assert spec['targetGroups'] == ['everyday-customers']


def test_a_new_offering_under_a_taken_name_is_refused_at_the_name(client, manager):
    page = client.get('/service-offerings/new/')
    data = posted(page, name='student-checking', provider='firsttown-bank', services=['everyday-banking'])
    response = client.post('/service-offerings/new/', data)
    assert response.status_code == 200
    assert response.context['form'].errors['name']


def test_an_offering_nobody_subscribes_to_is_deleted_and_the_log_keeps_it(client, manager):
    offering = ServiceOffering.objects.get(name='personal-advice')  # its request item goes with it
    page = client.get('/service-offerings/personal-advice/')
    assert b'/service-offerings/personal-advice/delete/' in page.content
    form = client.get('/service-offerings/personal-advice/delete/')
    response = client.post('/service-offerings/personal-advice/delete/', {'version': form.context['version']})
    assert response.status_code == 302, response.context['referrers']
    assert not ServiceOffering.objects.filter(name='personal-advice').exists()
    assert ui_change(offering).action == 'delete'


def test_an_offering_with_subscriptions_is_not_deleted_and_they_are_named(client, manager):
    form = client.get('/service-offerings/student-checking/delete/')
    response = client.post('/service-offerings/student-checking/delete/', {'version': form.context['version']})
    assert response.status_code == 409
    assert 'Subscription' in response.content.decode()
    assert 'Subscription' in {r.kind for r in response.context['referrers']}
    assert ServiceOffering.objects.filter(name='student-checking').exists()


def test_every_offering_saved_unchanged_exports_exactly_as_before(admin_client, bank):
    for name in ServiceOffering.objects.order_by('name').values_list('name', flat=True):
        before = exported(name)
        page = admin_client.get(f'/service-offerings/{name}/edit/')
        response = admin_client.post(f'/service-offerings/{name}/edit/', posted(page))
        assert response.status_code == 302, (name, response.context['forms'].form.errors)
        assert exported(name) == before, name


def test_a_form_sent_broken_is_shown_again_with_its_errors_never_a_500(client, manager):
    assert client.post(URL, {}).status_code == 200
    broken = {'add': 'usage', 'usage-TOTAL_FORMS': 'many', 'elements-TOTAL_FORMS': 'x'}
    assert client.post(URL, broken).status_code == 200
    response = client.post(URL, posted(client.get(URL), **{'usage-TOTAL_FORMS': '-1', 'waivers-0-bound': 'NaN'}))
    assert response.status_code == 200
    assert str(ServiceOffering.objects.get(name='student-checking').fee_amount.normalize()) == '5'

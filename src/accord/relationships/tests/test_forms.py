"""The relationship's and the agreement's forms: owned parts as rows, written through the verbs, logged, exported."""

import pytest

from accord.core.choices import ChangeSource
from accord.core.models import ObjectChange
from accord.relationships.models import Agreement, AgreementTarget, ConsumerRole, ServiceRelationship
from accord.testing.forms import added_row, deleted, errors_of, exported, filled, row_of

pytestmark = pytest.mark.django_db
RELATIONSHIP = '/service-relationships/firsttown-bank-northwind-traders/'
AGREEMENT = '/agreements/sla-northwind-2025/'


def roles_of(name: str) -> set[tuple[str, str]]:
    return set(ConsumerRole.objects.filter(relationship__name=name).values_list('person__name', 'role'))


def test_the_manager_adds_changes_and_removes_consumer_roles_and_each_is_logged_and_exported(client, manager):
    page = client.get(f'{RELATIONSHIP}edit/')
    assert page.status_code == 200
    sponsor = row_of(page, 'roles', person='nina-park', role='sponsor')
    user = row_of(page, 'roles', person='omar-haddad', role='user')
    extra = added_row(page, 'roles')
    response = client.post(f'{RELATIONSHIP}edit/', filled(
        page, **{f'roles-{sponsor}-DELETE': 'on', f'roles-{user}-role': 'customer',
                 f'roles-{extra}-person': 'omar-haddad', f'roles-{extra}-role': 'sponsor'}))
    assert response.status_code == 302, errors_of(response)
    name = 'firsttown-bank-northwind-traders'
    assert roles_of(name) == {('nina-park', 'customer'), ('omar-haddad', 'customer'), ('omar-haddad', 'sponsor')}
    logged = ObjectChange.objects.filter(changed_object_type__model='consumerrole', source=ChangeSource.UI,
                                         user_name='daniel-kim')
    assert {change.action for change in logged} >= {'create', 'delete'}
    assert sorted(exported('ServiceRelationship', name)['roles'], key=str) == sorted([
        {'person': 'nina-park', 'role': 'customer'}, {'person': 'omar-haddad', 'role': 'customer'},
        {'person': 'omar-haddad', 'role': 'sponsor'}], key=str)


def test_a_role_for_a_person_outside_the_consumer_is_refused_at_its_row(client, manager):
    page = client.get(f'{RELATIONSHIP}edit/')
    extra = added_row(page, 'roles')
    response = client.post(f'{RELATIONSHIP}edit/', filled(
        page, **{f'roles-{extra}-person': 'ana-garcia', f'roles-{extra}-role': 'sponsor'}))
    assert response.status_code == 200
    row = response.context['form'].formsets[0].forms[extra]
    assert 'not a member of the consumer' in str(row.errors['person'])
    assert ('ana-garcia', 'sponsor') not in roles_of('firsttown-bank-northwind-traders')


def test_a_new_relationship_is_created_with_its_roles(admin_client, bank):
    page = admin_client.get('/service-relationships/new/')
    assert page.status_code == 200
    response = admin_client.post('/service-relationships/new/', filled(
        page, name='firsttown-bank-dora', provider='firsttown-bank', consumer='cardnet', type='basic',
        status='prospect', **{'roles-0-person': 'anna-keller', 'roles-0-role': 'customer'}))
    assert response.status_code == 302, errors_of(response)
    assert roles_of('firsttown-bank-dora') == {('anna-keller', 'customer')}


def test_a_stale_relationship_form_is_refused_and_nothing_is_written(client, manager):
    page = client.get(f'{RELATIONSHIP}edit/')
    ServiceRelationship.objects.get(name='firsttown-bank-northwind-traders').save()
    sponsor = row_of(page, 'roles', person='nina-park', role='sponsor')
    response = client.post(f'{RELATIONSHIP}edit/', filled(page, **{f'roles-{sponsor}-DELETE': 'on'}))
    assert response.status_code == 200
    assert 'Someone changed this service relationship since you opened the form' in response.content.decode()
    assert ('nina-park', 'sponsor') in roles_of('firsttown-bank-northwind-traders')


def test_a_relationship_others_refer_to_is_not_deleted_and_its_referrers_are_listed(client, manager):
    response = deleted(client, f'{RELATIONSHIP}delete/')
    assert response.status_code == 409
    assert {referrer.name for referrer in response.context['referrers']} >= {'sla-northwind-2025'}
    assert ServiceRelationship.objects.filter(name='firsttown-bank-northwind-traders').exists()


def test_the_manager_adds_changes_and_removes_targets_and_measurements_are_kept(client, manager):
    page = client.get(f'{AGREEMENT}edit/')
    assert page.status_code == 200
    availability = row_of(page, 'targets', name='online-banking-availability')
    satisfaction = row_of(page, 'targets', name='customer-satisfaction')
    extra = added_row(page, 'targets')
    response = client.post(f'{AGREEMENT}edit/', filled(page, **{
        f'targets-{availability}-value': '99.95', f'targets-{satisfaction}-DELETE': 'on',
        f'targets-{extra}-name': 'first-call-resolution', f'targets-{extra}-kind': 'experience',
        f'targets-{extra}-comparator': '>=', f'targets-{extra}-value': '80', f'targets-{extra}-unit': '%'}))
    assert response.status_code == 302, errors_of(response)
    targets = {t.name: t for t in AgreementTarget.objects.filter(agreement__name='sla-northwind-2025')}
    assert 'customer-satisfaction' not in targets and 'first-call-resolution' in targets
    assert str(targets['online-banking-availability'].value.normalize()) == '99.95'
    assert targets['online-banking-availability'].measurements.count() == 1  # what the row does not show is kept
    assert ObjectChange.objects.filter(changed_object_type__model='agreementtarget', source=ChangeSource.UI,
                                       action='update', user_name='daniel-kim').exists()
    spec = exported('Agreement', 'sla-northwind-2025')
    assert {'name': 'first-call-resolution', 'kind': 'experience', 'comparator': '>=', 'value': '80',
            'unit': '%'} in spec['targets']
    assert next(t for t in spec['targets'] if t['name'] == 'online-banking-availability')['value'] == '99.95'


def test_two_targets_of_one_name_are_refused_at_the_row_and_nothing_is_written(client, manager):
    page = client.get(f'{AGREEMENT}edit/')
    extra = added_row(page, 'targets')
    response = client.post(f'{AGREEMENT}edit/', filled(page, **{
        f'targets-{extra}-name': 'customer-satisfaction', f'targets-{extra}-kind': 'experience',
        f'targets-{extra}-comparator': 'at least', f'targets-{extra}-value': '4'}))
    assert response.status_code == 200
    row = response.context['form'].formsets[0].forms[extra]
    assert row.errors['comparator']  # not one of the choices, at its field
    response = client.post(f'{AGREEMENT}edit/', filled(page, **{
        f'targets-{extra}-name': 'customer-satisfaction', f'targets-{extra}-kind': 'experience',
        f'targets-{extra}-comparator': '>=', f'targets-{extra}-value': '4'}))
    assert response.status_code == 200
    errors = response.context['form'].formsets[0].forms[extra].errors
    assert errors, response.context['form'].errors
    assert Agreement.objects.get(name='sla-northwind-2025').targets.count() == 3


def test_an_agreement_is_created_with_a_target_and_deleted(client, manager):
    page = client.get('/agreements/new/')
    response = client.post('/agreements/new/', filled(
        page, name='ola-ana', relationship='firsttown-bank-ana', kind='ola', **{
            'targets-0-name': 'replies-within-a-day', 'targets-0-kind': 'experience',
            'targets-0-comparator': '>=', 'targets-0-value': '90', 'targets-0-unit': '%'}))
    assert response.status_code == 302, errors_of(response)
    assert list(AgreementTarget.objects.filter(agreement__name='ola-ana').values_list('name', flat=True)) == [
        'replies-within-a-day']
    assert deleted(client, '/agreements/ola-ana/delete/').status_code == 302
    assert not Agreement.objects.filter(name='ola-ana').exists()


def test_a_stale_agreement_form_is_refused(client, manager):
    page = client.get(f'{AGREEMENT}edit/')
    Agreement.objects.get(name='sla-northwind-2025').save()
    satisfaction = row_of(page, 'targets', name='customer-satisfaction')
    response = client.post(f'{AGREEMENT}edit/', filled(page, **{f'targets-{satisfaction}-DELETE': 'on'}))
    assert 'Someone changed this agreement since you opened the form' in response.content.decode()
    assert Agreement.objects.get(name='sla-northwind-2025').targets.count() == 3

"""The resource's form: dependencies, capacity and items as rows, written through ``set_items``, logged, exported."""

import pytest

from accord.core.choices import ChangeSource
from accord.core.models import ObjectChange
from accord.resources.models import Item, Resource
from accord.testing.forms import added_row, deleted, errors_of, exported, filled, row_of, staff_signed_in

pytestmark = pytest.mark.django_db
URL = '/resources/checkbook-stock/edit/'


@pytest.fixture
def manager(client, bank):
    return staff_signed_in(client, 'maria-lopez', 'catalogue-manager')


def items_of(name: str) -> set[tuple[str, str, str]]:
    return set(Item.objects.filter(resource__name=name).values_list('name', 'title', 'owner__name'))


def test_the_manager_adds_renames_and_removes_items_and_the_export_shows_them(client, manager):
    page = client.get(URL)
    assert page.status_code == 200
    delivered = row_of(page, 'items', name='checkbook-0001')
    spare = row_of(page, 'items', name='checkbook-0003')
    extra = added_row(page, 'items')
    refused = client.post(URL, filled(page, **{f'items-{delivered}-DELETE': 'on'}))
    shown = str(refused.context['form'].formsets[0].non_form_errors())  # above the rows, not a 500
    assert 'cannot remove checkbook-0001: still referred to' in shown
    response = client.post(URL, filled(page, capacity_amount='500', capacity_unit='checkbooks', **{
        f'items-{delivered}-title': 'Checkbook 1', f'items-{spare}-DELETE': 'on',
        f'items-{extra}-name': 'checkbook-0004'}))
    assert response.status_code == 302, errors_of(response)
    assert items_of('checkbook-stock') == {('checkbook-0001', 'Checkbook 1', 'ben'),
                                           ('checkbook-0002', '', 'northwind-traders'),
                                           ('checkbook-0004', '', 'firsttown-bank')}
    logged = ObjectChange.objects.filter(changed_object_type__model='item', source=ChangeSource.UI,
                                         user_name='maria-lopez')
    assert {change.action for change in logged} == {'create', 'update', 'delete'}
    spec = exported('Resource', 'checkbook-stock')
    assert spec['capacity'] == {'amount': '500', 'unit': 'checkbooks'}
    assert spec['items'] == [{'name': 'checkbook-0001', 'title': 'Checkbook 1', 'owner': 'ben'},
                             {'name': 'checkbook-0002', 'owner': 'northwind-traders'}, {'name': 'checkbook-0004'}]


def test_a_capacity_without_a_unit_and_a_dependency_cycle_are_refused_at_their_fields(client, manager):
    page = client.get(URL)
    response = client.post(URL, filled(page, capacity_amount='500'))
    assert response.status_code == 200
    assert response.context['form'].errors['capacity_unit']
    response = client.post(URL.replace('checkbook-stock', 'checkbook-printing'), filled(
        client.get(URL.replace('checkbook-stock', 'checkbook-printing')), depends_on=['checkbook-stock']))
    assert 'dependency cycle' in str(response.context['form'].errors['depends_on'])
    assert Resource.objects.get(name='checkbook-stock').capacity_amount is None


def test_an_item_named_twice_is_refused_at_its_row(client, manager):
    page = client.get(URL)
    extra = added_row(page, 'items')
    response = client.post(URL, filled(page, **{f'items-{extra}-name': 'checkbook-0003'}))
    assert response.status_code == 200
    assert response.context['form'].formsets[0].forms[extra].errors, errors_of(response)
    assert Item.objects.filter(resource__name='checkbook-stock').count() == 3


def test_a_stale_resource_form_is_refused(client, manager):
    page = client.get(URL)
    Resource.objects.get(name='checkbook-stock').save()
    response = client.post(URL, filled(page, capacity_amount='500', capacity_unit='checkbooks'))
    assert 'Someone changed this resource since you opened the form' in response.content.decode()
    assert Resource.objects.get(name='checkbook-stock').capacity_amount is None


def test_a_resource_is_created_with_items_and_one_depended_on_is_not_deleted(client, manager):
    page = client.get('/resources/new/')
    response = client.post('/resources/new/', filled(
        page, name='safe-deposit-boxes', organization='firsttown-bank', dimension='information-and-technology',
        kind='facility', depends_on=['core-banking'], **{'items-0-name': 'box-001'}))
    assert response.status_code == 302, errors_of(response)
    assert exported('Resource', 'safe-deposit-boxes')['items'] == [{'name': 'box-001'}]
    assert deleted(client, '/resources/safe-deposit-boxes/delete/').status_code == 302
    assert not Resource.objects.filter(name='safe-deposit-boxes').exists()
    refused = deleted(client, '/resources/core-banking/delete/')
    assert refused.status_code == 409 and refused.context['referrers']

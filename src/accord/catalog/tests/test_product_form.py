"""The product's form: components and per-group views as rows, written through ``set_components``, logged, exported."""

import pytest

from accord.catalog.models import ComponentView, Product
from accord.core.choices import ChangeSource
from accord.core.models import ObjectChange
from accord.parties.models import Organization
from accord.resources.models import Resource
from accord.testing.forms import added_row, deleted, errors_of, exported, filled, row_of, staff_signed_in

pytestmark = pytest.mark.django_db
URL = '/products/atm-access/edit/'


@pytest.fixture
def manager(client, bank):
    return staff_signed_in(client, 'maria-lopez', 'catalogue-manager')


def test_the_manager_changes_components_and_views_and_the_export_shows_them(client, manager):
    page = client.get(URL)
    assert page.status_code == 200
    servicing = row_of(page, 'components', resource='atm-servicing')
    processing = row_of(page, 'components', resource='card-processing')
    students = row_of(page, 'views', resource='atm-fleet', group='students')
    everyday = row_of(page, 'views', resource='atm-fleet', group='everyday-customers')
    component, view = added_row(page, 'components'), added_row(page, 'views')
    response = client.post(URL, filled(page, **{
        f'components-{servicing}-DELETE': 'on', f'components-{processing}-role': 'Card authorization and PIN',
        f'components-{component}-resource': 'fraud-engine', f'components-{component}-role': 'Fraud checks',
        f'views-{students}-label': 'Free ATM withdrawals', f'views-{everyday}-DELETE': 'on',
        f'views-{view}-resource': 'fraud-engine', f'views-{view}-group': 'students'}))
    assert response.status_code == 302, errors_of(response)
    product = Product.objects.get(name='atm-access')
    assert [c.resource.name for c in product.components.all()] == ['atm-fleet', 'card-processing', 'fraud-engine']
    assert set(ComponentView.objects.filter(component__product=product).values_list(
        'component__resource__name', 'group__name', 'label')) == {
        ('atm-fleet', 'students', 'Free ATM withdrawals'), ('fraud-engine', 'students', '')}
    logged = ObjectChange.objects.filter(changed_object_type__model='productcomponent', source=ChangeSource.UI,
                                         user_name='maria-lopez')
    assert {change.action for change in logged} == {'create', 'update', 'delete'}
    assert exported('Product', 'atm-access')['components'] == [
        {'resource': 'atm-fleet', 'role': 'Cash withdrawals and deposits',
         'views': {'students': {'label': 'Free ATM withdrawals'}}},
        {'resource': 'card-processing', 'role': 'Card authorization and PIN'},
        {'resource': 'fraud-engine', 'role': 'Fraud checks', 'views': {'students': {}}}]


def test_a_resource_of_another_organization_is_refused_at_its_row(admin_client, bank):
    foreign = Resource.objects.create(name='authorization-switch', organization=Organization.objects.get(
        name='cardnet'), dimension='information-and-technology', kind='infrastructure')
    page = admin_client.get(URL)
    component = added_row(page, 'components')
    response = admin_client.post(URL, filled(page, **{f'components-{component}-resource': foreign.name}))
    assert response.status_code == 200
    row = next(f for f in response.context['form'].formsets if f.prefix == 'components').forms[component]
    assert row.errors['resource'] == [
        "authorization-switch belongs to cardnet, not to the product's provider firsttown-bank"]
    assert not Product.objects.get(name='atm-access').components.filter(resource=foreign).exists()


def test_a_view_of_a_resource_that_is_no_component_is_refused_at_its_row(client, manager):
    page = client.get(URL)
    view = added_row(page, 'views')
    response = client.post(URL, filled(page, **{f'views-{view}-resource': 'fraud-engine',
                                                 f'views-{view}-group': 'savers'}))
    assert response.status_code == 200
    row = next(f for f in response.context['form'].formsets if f.prefix == 'views').forms[view]
    assert 'not a component of this product' in str(row.errors['resource'])


def test_a_stale_product_form_is_refused(client, manager):
    page = client.get(URL)
    Product.objects.get(name='atm-access').save()
    servicing = row_of(page, 'components', resource='atm-servicing')
    response = client.post(URL, filled(page, **{f'components-{servicing}-DELETE': 'on'}))
    assert 'Someone changed this product since you opened the form' in response.content.decode()
    assert Product.objects.get(name='atm-access').components.count() == 3


def test_a_product_is_created_with_a_component_and_one_offered_is_not_deleted(client, manager):
    page = client.get('/products/new/')
    response = client.post('/products/new/', filled(page, name='safe-deposit', provider='firsttown-bank', **{
        'components-0-resource': 'atm-fleet', 'components-0-visibility': 'visible'}))
    assert response.status_code == 302, errors_of(response)
    assert exported('Product', 'safe-deposit')['components'] == [{'resource': 'atm-fleet', 'visibility': 'visible'}]
    assert deleted(client, '/products/safe-deposit/delete/').status_code == 302
    assert not Product.objects.filter(name='safe-deposit').exists()
    refused = deleted(client, '/products/atm-access/delete/')
    assert refused.status_code == 409 and refused.context['referrers']

"""The catalogue's owned parts are written by its service verbs, whichever path the change comes by.

For each kind of part, the same change made through the API, the importer and the admin leaves the
same change-log rows: one per part created, changed or removed, with before and after.
"""

import pytest

from accord.catalog.models import Product, ServiceOffering
from accord.catalog.services import Element, set_elements
from accord.core.guards import object_version
from accord.core.parts import PartRefused
from accord.core.services import Actor
from accord.core.tests.parity import (
    add_inline_row,
    assert_same_change,
    bank_document,
    inline_row,
    rows_left_by,
    through_admin,
    through_api,
    through_importer,
)
from accord.provision.models import (
    AccessGrant,
    ActionInstance,
    DeliveredItem,
    GoodsDelivery,
    Order,
    OwnershipTransfer,
)
from accord.resources.models import Resource

pytestmark = pytest.mark.django_db


@pytest.fixture
def checking(bank):
    # Removing a part needs a part nothing refers to: the demo's March 2025 records refer to the offering's
    # elements and request items, so they go first (the parts' rules stay in force).
    for model in (OwnershipTransfer, DeliveredItem, GoodsDelivery, AccessGrant, ActionInstance, Order):
        model.objects.all().delete()
    return ServiceOffering.objects.get(name='standard-checking')


def _changed(document: dict, key: str, value) -> dict:
    document['spec'][key] = value
    return document


def test_the_same_change_of_elements_leaves_the_same_rows_through_every_path(checking, admin_client, tmp_path):
    elements = bank_document('standard-checking')['spec']['elements']
    elements[0]['targetDuration'] = {'businessDays': 3}
    elements = [e for e in elements if e['name'] != 'online-banking']
    elements.append({'kind': 'action', 'name': 'branch-visit', 'product': 'checking-account'})

    def edit(data: dict) -> None:
        data[f'elements-{inline_row(data, "elements", "name", "card-replacement")}-target_duration_amount'] = '3'
        data[f'elements-{inline_row(data, "elements", "name", "online-banking")}-DELETE'] = 'on'
        data[f'elements-{inline_row(data, "elements", "name", "own-atms")}-position'] = '4'
        add_inline_row(data, 'elements', {
            'name': 'branch-visit', 'kind': 'action', 'product': Product.objects.get(name='checking-account').pk,
            'trigger': 'on-request', 'performed_by': 'provider', 'position': 5})

    assert assert_same_change(
        checking,
        api=rows_left_by(through_api(admin_client, 'service-offerings', checking.pk, {'elements': elements})),
        importer=rows_left_by(through_importer(
            tmp_path, _changed(bank_document('standard-checking'), 'elements', elements))),
        admin=rows_left_by(through_admin(admin_client, checking, edit)),
    ) == [('offeringelement', 'create'), ('offeringelement', 'delete'), ('offeringelement', 'update'),
          ('offeringelement', 'update')]


def test_the_same_change_of_the_price_plan_leaves_the_same_rows_through_every_path(checking, admin_client, tmp_path):
    pricing = bank_document('standard-checking')['spec']['pricing']
    pricing['fee']['amount'] = '10.00'
    pricing['usage'] = [{'event': 'foreign-atm-withdrawal', 'amount': '2.00'},
                        {'event': 'paper-statement', 'amount': '1.00', 'allowance': 2}]

    def edit(data: dict) -> None:
        data['fee_amount'] = '10.00'
        data[f'usage_charges-{inline_row(data, "usage_charges", "event", "foreign-atm-withdrawal")}-amount'] = '2.00'
        add_inline_row(data, 'usage_charges', {'event': 'paper-statement', 'amount': '1.00', 'allowance': 2})

    assert assert_same_change(
        checking,
        api=rows_left_by(through_api(admin_client, 'service-offerings', checking.pk, {'pricing': pricing})),
        importer=rows_left_by(through_importer(
            tmp_path, _changed(bank_document('standard-checking'), 'pricing', pricing))),
        admin=rows_left_by(through_admin(admin_client, checking, edit)),
    ) == [('usagecharge', 'create'), ('usagecharge', 'update')]


def test_the_same_change_of_request_items_leaves_the_same_rows_through_every_path(checking, admin_client, tmp_path):
    items = [{'name': 'open-online-banking', 'title': 'Open online banking', 'element': 'online-banking'},
             {'name': 'replace-card', 'title': 'Replace a lost card', 'element': 'card-replacement'}]

    def edit(data: dict) -> None:
        data[f'request_items-{inline_row(data, "request_items", "name", "replace-card")}-title'] = 'Replace a lost card'
        data[f'request_items-{inline_row(data, "request_items", "name", "order-checkbook")}-DELETE'] = 'on'
        add_inline_row(data, 'request_items', {
            'name': 'open-online-banking', 'title': 'Open online banking', 'approval': 'none',
            'element': checking.elements.get(name='online-banking').pk})

    assert assert_same_change(
        checking,
        api=rows_left_by(through_api(admin_client, 'service-offerings', checking.pk, {'requestItems': items})),
        importer=rows_left_by(through_importer(
            tmp_path, _changed(bank_document('standard-checking'), 'requestItems', items))),
        admin=rows_left_by(through_admin(admin_client, checking, edit)),
    ) == [('requestitem', 'create'), ('requestitem', 'delete'), ('requestitem', 'update')]


def test_the_same_change_of_components_leaves_the_same_rows_through_every_path(bank, admin_client, tmp_path):
    product = Product.objects.get(name='atm-access')
    components = bank_document('atm-access')['spec']['components']
    components[1]['role'] = 'Cash replenishment'
    components = [c for c in components if c['resource'] != 'card-processing']
    components.append({'resource': 'core-banking', 'visibility': 'visible'})

    def edit(data: dict) -> None:
        servicing = Resource.objects.get(name='atm-servicing').pk
        data[f'components-{inline_row(data, "components", "resource", servicing)}-role'] = 'Cash replenishment'
        processing = Resource.objects.get(name='card-processing').pk
        data[f'components-{inline_row(data, "components", "resource", processing)}-DELETE'] = 'on'
        add_inline_row(data, 'components', {
            'resource': Resource.objects.get(name='core-banking').pk, 'visibility': 'visible', 'position': 2})

    assert assert_same_change(
        product,
        api=rows_left_by(through_api(admin_client, 'products', product.pk, {'components': components})),
        importer=rows_left_by(through_importer(tmp_path, _changed(bank_document('atm-access'), 'components',
                                                                  components))),
        admin=rows_left_by(through_admin(admin_client, product, edit)),
    ) == [('productcomponent', 'create'), ('productcomponent', 'delete'), ('productcomponent', 'update')]


def test_the_same_change_of_component_views_leaves_the_same_rows_through_the_api_and_the_importer(
        bank, admin_client, tmp_path):
    """The admin edits a component's views on the component's own page, a write of the component: not compared."""
    product = Product.objects.get(name='atm-access')
    components = bank_document('atm-access')['spec']['components']
    components[0]['views'] = {'students': {'label': '40 ATMs, free for students'}}
    assert assert_same_change(
        product,
        api=rows_left_by(through_api(admin_client, 'products', product.pk, {'components': components})),
        importer=rows_left_by(through_importer(tmp_path, _changed(bank_document('atm-access'), 'components',
                                                                  components))),
    ) == [('componentview', 'delete'), ('componentview', 'update')]


def test_a_value_statement_is_set_with_one_update_of_the_offering(checking, admin_client, tmp_path):
    value = {'outcomes': ['Pay and get paid without cash']}
    api = rows_left_by(through_api(admin_client, 'service-offerings', checking.pk, {'value': value}))
    importer = rows_left_by(through_importer(tmp_path, _changed(bank_document('standard-checking'), 'value', value)))
    assert [r[:3] for r in api] == [r[:3] for r in importer] == [('serviceoffering', 'update', 'Standard Checking')]
    assert '"value": {"outcomes": ["Pay and get paid without cash"]}' in api[0][4]


def test_a_verb_on_its_own_logs_the_parts_and_the_owner_whose_version_moves(checking):
    version = object_version(checking)
    actor = Actor(source='ui', username='ada')
    kept = [Element(name=e.name, kind=e.kind, product=e.product, component=e.component, quantity=e.quantity,
                    trigger=e.trigger, performed_by=e.performed_by, target_duration_unit=e.target_duration_unit,
                    target_duration_amount=e.target_duration_amount) for e in checking.elements.all()[:2]]
    rows = rows_left_by(lambda: set_elements(checking, kept, actor=actor))
    assert sorted((r[0], r[1]) for r in rows) == [('offeringelement', 'delete')] * 4 + [('serviceoffering', 'update')]
    set_elements(checking, kept, actor=actor)
    assert object_version(ServiceOffering.objects.get(pk=checking.pk)) != version


def test_a_refused_part_is_located_in_the_list_given_and_nothing_stays(checking):
    product = Product.objects.get(name='checking-account')
    twice = [Element(name='web', kind='access', product=product), Element(name='web', kind='access', product=product)]
    with pytest.raises(PartRefused) as refused:
        set_elements(checking, twice, actor=Actor())
    assert refused.value.where == ('elements', 1, 'name')
    assert refused.value.error.messages == ['element web is listed twice']
    assert not checking.elements.filter(name='web').exists()

"""``accord catalogue``: what a consumer group sees (R1 to R4 and the visibility rules of the catalogue format)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accord.analysis.catalogue import CatalogueError, catalogue_view
from accord.catalog.models import (
    ComponentView,
    OfferingElement,
    Product,
    ProductComponent,
    Service,
    ServiceOffering,
)
from accord.parties.models import ConsumerGroup, Organization, Person
from accord.resources.models import Resource
from accord.testing.cli import run_cli

pytestmark = pytest.mark.django_db


def offerings(view: dict) -> dict[str, dict]:
    return {offering['name']: offering for offering in view['offerings']}


def products(view: dict, offering: str) -> dict[str, list[str]]:
    return {product['name']: product['components'] for product in offerings(view)[offering]['products']}


def every_label(view: dict) -> set[str]:
    return {label for o in view['offerings'] for p in o['products'] for label in p['components']}


def test_students_see_atm_access_under_their_own_label(bank):
    view = catalogue_view('students')
    assert products(view, 'student-checking')['atm-access'] == ['40 FirstTown ATMs – free withdrawals']


def test_students_never_see_the_card_processor(bank):
    view = catalogue_view('students')
    assert 'Card Processing' not in every_label(view)
    assert products(view, 'student-checking')['debit-card'] == []


def test_students_see_basic_savings_and_student_checking_only(bank):
    assert list(offerings(catalogue_view('students'))) == ['basic-savings', 'student-checking']


def test_personal_banking_advice_is_shown_to_savers_and_everyday_customers(bank):
    for group in ('savers', 'everyday-customers'):
        assert products(catalogue_view(group), 'personal-advice') == {'personal-banking-advice': ['Personal Bankers']}


def test_personal_banking_advice_is_hidden_from_students_even_through_an_offering_for_them(bank):
    ServiceOffering.objects.get(name='personal-advice').target_groups.add(ConsumerGroup.objects.get(name='students'))
    view = catalogue_view('students')
    assert products(view, 'personal-advice') == {}
    assert 'Personal Bankers' not in every_label(view)


def test_a_pipeline_or_retired_offering_is_not_listed(bank):
    ServiceOffering.objects.filter(name='basic-savings').update(lifecycle='pipeline')
    ServiceOffering.objects.filter(name='student-checking').update(lifecycle='retired')
    assert catalogue_view('students')['offerings'] == []


def test_an_offering_for_another_group_is_not_listed(bank):
    assert 'standard-checking' not in offerings(catalogue_view('students'))
    assert 'student-checking' not in offerings(catalogue_view('everyday-customers'))


def test_each_group_sees_its_own_label_of_the_same_component(bank):
    view = catalogue_view('everyday-customers')
    assert products(view, 'standard-checking')['atm-access'] == ['40 FirstTown ATMs']


def test_a_visible_component_shows_the_resources_title_and_hidden_ones_stay_hidden(bank):
    view = catalogue_view('everyday-customers')
    assert products(view, 'standard-checking')['checking-account'] == ['Core Banking']
    assert 'Fraud Engine' not in every_label(view)
    assert 'Account Opening' not in every_label(view)


def test_a_supplied_service_marked_visible_stays_hidden_without_a_view_naming_the_group(bank):
    ProductComponent.objects.filter(product__name='debit-card', resource__name='card-processing').update(
        visibility='visible'
    )
    assert products(catalogue_view('students'), 'student-checking')['debit-card'] == []


def test_a_view_naming_the_group_shows_a_supplied_service_under_the_resources_title_when_unlabelled(bank):
    component = ProductComponent.objects.get(product__name='debit-card', resource__name='card-processing')
    ComponentView.objects.create(component=component, group=ConsumerGroup.objects.get(name='students'))
    assert products(catalogue_view('students'), 'student-checking')['debit-card'] == ['Card Processing']
    assert products(catalogue_view('everyday-customers'), 'standard-checking')['debit-card'] == []


def test_a_product_reached_only_through_an_element_is_shown(bank):
    savings = Service.objects.get(name='savings')
    savings.products.set([Product.objects.get(name='checking-account')])
    view = catalogue_view('students')
    assert set(products(view, 'basic-savings')) == {'checking-account', 'savings-account'}


def test_offerings_products_and_labels_are_sorted_by_name(bank):
    view = catalogue_view('students')
    names = [o['name'] for o in view['offerings']]
    assert names == sorted(names)
    for offering in view['offerings']:
        product_names = [p['name'] for p in offering['products']]
        assert product_names == sorted(product_names)
        for product in offering['products']:
            assert product['components'] == sorted(product['components'])


def test_an_unknown_group_is_refused(bank):
    with pytest.raises(CatalogueError, match="unknown consumer group 'pensioners'"):
        catalogue_view('pensioners')


def add_offerings(indices: range) -> None:
    """More live offerings for students, each with its own service, product, components and views."""
    bank_org = Organization.objects.get(name='firsttown-bank')
    owner = Person.objects.get(name='maria-lopez')
    students = ConsumerGroup.objects.get(name='students')
    savers = ConsumerGroup.objects.get(name='savers')
    for index in indices:
        resources = [
            Resource.objects.create(
                name=f'extra-{index}-{kind}',
                organization=bank_org,
                dimension='partners-and-suppliers' if kind == 'supplied-service' else 'information-and-technology',
                kind=kind,
            )
            for kind in ('application', 'supplied-service', 'infrastructure')
        ]
        product = Product.objects.create(name=f'extra-product-{index}', provider=bank_org)
        element_product = Product.objects.create(name=f'extra-element-product-{index}', provider=bank_org)
        for position, resource in enumerate(resources):
            component = ProductComponent.objects.create(
                product=product, resource=resource, visibility='visible', position=position
            )
            ComponentView.objects.create(component=component, group=students, label=f'label {index}-{position}')
            ProductComponent.objects.create(product=element_product, resource=resource)
        product.hidden_from.add(savers)
        service = Service.objects.create(name=f'extra-service-{index}', provider=bank_org, owner=owner)
        service.products.add(product)
        offering = ServiceOffering.objects.create(name=f'extra-offering-{index}', provider=bank_org)
        offering.services.add(service)
        offering.target_groups.add(students)
        OfferingElement.objects.create(offering=offering, name='thing', kind='access', product=element_product)


def count_queries() -> int:
    with CaptureQueriesContext(connection) as context:
        catalogue_view('students')
    return len(context.captured_queries)


def test_the_view_runs_as_many_queries_for_a_large_catalogue_as_for_a_small_one(bank):
    small = count_queries()
    add_offerings(range(2))
    assert len(catalogue_view('students')['offerings']) == 4
    middle = count_queries()
    add_offerings(range(2, 22))
    view = catalogue_view('students')
    assert len(view['offerings']) == 24
    assert products(view, 'extra-offering-7')['extra-product-7'] == ['label 7-0', 'label 7-1', 'label 7-2']
    assert small == middle == count_queries()


# --- The command line ---------------------------------------------------------------------


def test_the_json_answer_has_the_contracts_shape(bank):
    result = run_cli('catalogue', 'students', '--format', 'json')
    assert result.status == 0, result.stderr
    answer = result.json
    assert answer['group'] == 'students'
    checking = offerings(answer)['student-checking']
    assert checking['title'] == 'Student Checking'
    assert {'name': 'atm-access', 'title': 'ATM Access', 'components': ['40 FirstTown ATMs – free withdrawals']} in (
        checking['products']
    )
    assert set(checking) == {'name', 'title', 'products'}


def test_the_table_shows_the_labels(bank):
    result = run_cli('catalogue', 'students')
    assert result.status == 0, result.stderr
    assert '40 FirstTown ATMs' in result.stdout
    assert 'Card Processing' not in result.stdout


def test_an_unknown_group_on_the_command_line_exits_1_naming_it(bank):
    result = run_cli('catalogue', 'pensioners')
    assert result.status == 1
    assert "unknown consumer group 'pensioners'" in result.stderr
    assert 'Traceback' not in result.stderr

"""Journeys through the console in chromium, as the bank's people take them; each saves screenshots for the docs."""

import pytest
import yaml
from playwright.sync_api import expect

from accord.core.models import User
from accord.parties.models import Organization, RoleGrant
from accord.testing.cli import run_cli
from accord.ui.tests.conftest import screenshot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = 'a-long-demo-password'


def staff(username: str, role: str, organization: str) -> User:
    user = User.objects.create_user(username, password=PASSWORD)
    RoleGrant.objects.create(user=user, role=role, organization=Organization.objects.get(name=organization))
    return user


def test_the_catalogue_manager_reads_student_checking_and_the_catalogue_as_students_see_it(page, live_bank):
    staff('maria-lopez', 'catalogue-manager', 'firsttown-bank')
    sign_in(page, 'maria-lopez', PASSWORD)
    screenshot(page, 'home')
    page.get_by_role('navigation', name='Kinds and questions').get_by_role('link', name='Service offerings').click()
    screenshot(page, 'offerings')
    page.get_by_role('link', name='Student Checking').click()
    page.wait_for_url('**/service-offerings/student-checking/')
    expect(page.get_by_role('heading', name='Access to resources')).to_be_visible()
    expect(page.get_by_role('heading', name='Service actions')).to_be_visible()
    waiver = 'waived with at least 1 direct deposit in the month, or an active Basic Savings subscription'
    expect(page.get_by_text(waiver)).to_be_visible()
    screenshot(page, 'offering')
    page.get_by_role('link', name='Edit').click()
    page.get_by_label('Fee', exact=True).fill('6.00')
    page.get_by_role('button', name='Add a condition').click()  # a waiver: a third option, a fact's bound
    condition = page.get_by_role('group', name='A new condition')
    condition.get_by_label('Option').fill('3')
    condition.get_by_label('Condition').select_option('fact')
    condition.get_by_label('Fact').fill('average-balance')
    condition.get_by_label('Value').fill('1000')
    own_atms = page.get_by_role('group', name='Element own-atms')  # an element: its daily service window
    own_atms.get_by_label('Open from').fill('06:00')
    own_atms.get_by_label('Open to').fill('22:00')
    page.get_by_role('button', name='Add a usage charge').click()
    charge = page.get_by_role('group', name='A new usage charge')
    charge.get_by_label('Event').fill('atm-balance-inquiry')
    charge.get_by_label('Amount').fill('0.50')
    charge.get_by_label('Allowance').fill('3')
    page.get_by_role('heading', name='The fee is waived when').scroll_into_view_if_needed()
    screenshot(page, 'offering-form')
    page.get_by_role('button', name='Save').click()
    page.wait_for_url('**/service-offerings/student-checking/')
    expect(page.get_by_text('$6.00 per month')).to_be_visible()
    expect(page.get_by_text('or at least 1000 average balance in the month')).to_be_visible()
    expect(page.get_by_text('$0.50 each, the first 3 included')).to_be_visible()
    page.get_by_role('link', name='History').click()
    page.wait_for_url('**/history/')
    expect(page.get_by_text('by maria-lopez through web ui').first).to_be_visible()
    expect(page.get_by_text('by test through catalogue import').first).to_be_visible()
    screenshot(page, 'history')
    offering = next(doc for doc in yaml.safe_load_all(run_cli('export').stdout)
                    if doc['kind'] == 'ServiceOffering' and doc['metadata']['name'] == 'student-checking')['spec']
    assert offering['pricing']['fee'] == {'amount': '6.00', 'per': 'month'}
    own_atms = next(element for element in offering['elements'] if element['name'] == 'own-atms')
    assert own_atms['window'] == {'from': '06:00', 'to': '22:00'}
    assert {'fact': 'average-balance', 'atLeast': 1000} in offering['pricing']['waivers']['anyOf']
    assert {'event': 'atm-balance-inquiry', 'amount': '0.50', 'allowance': 3} in offering['pricing']['usage']



def test_the_relationship_manager_finds_anas_organization_in_the_impact_of_cardnet(page, live_bank):
    staff('daniel-kim', 'relationship-manager', 'firsttown-bank')
    page.goto('/login/')
    screenshot(page, 'login')
    sign_in(page, 'daniel-kim', PASSWORD)
    attention = page.get_by_role('region', name='What needs attention in 2025-03')
    attention.get_by_role('link', name='Northwind Traders SLA 2025').click()
    page.wait_for_url('**/questions/agreement/**')
    expect(page.get_by_text('Watermelon: every operational target is met')).to_be_visible()
    page.goto('/service-relationships/firsttown-bank-northwind-traders/')
    screenshot(page, 'relationship')
    page.goto('/questions/impact/?source=organization:cardnet')
    picture = page.locator('.picture svg')
    expect(picture).to_be_visible()
    picture.locator('a[href="/organizations/ana/"]').click()
    page.wait_for_url('**/organizations/ana/')
    page.go_back()
    screenshot(page, 'impact')


def test_a_reader_of_another_provider_gets_404_for_the_banks_offering(page, live_bank):
    staff('anna-keller', 'catalogue-manager', 'cardnet')
    sign_in(page, 'anna-keller', PASSWORD)
    response = page.goto('/service-offerings/student-checking/')
    assert response.status == 404


def test_the_catalogue_manager_uploads_a_file_with_an_error_then_a_good_one_and_applies_it(page, live_bank, tmp_path):
    from accord.catalog.models import Product
    from accord.ui.tests.test_catalogue_files import NEW_PRODUCT, RETITLED, WRONG

    staff('maria-lopez', 'catalogue-manager', 'firsttown-bank')
    sign_in(page, 'maria-lopez', PASSWORD)
    page.get_by_role('navigation', name='Kinds and questions').get_by_role('link', name='Catalogue files').click()
    page.wait_for_url('**/catalogue-files/')
    (tmp_path / 'travel-card.yaml').write_bytes(WRONG)
    page.get_by_label('Catalogue files').set_input_files(str(tmp_path / 'travel-card.yaml'))
    page.get_by_role('button', name='Read the plan').click()
    problem = 'travel-card.yaml:10: Product:travel-card: spec.components[0].colour: unknown field'
    expect(page.get_by_text(problem)).to_be_visible()
    assert not Product.objects.filter(name='travel-card').exists()
    screenshot(page, 'catalogue-files-problems')
    (tmp_path / 'travel-card.yaml').write_bytes(NEW_PRODUCT)
    (tmp_path / 'checking-account.yaml').write_bytes(RETITLED)
    page.get_by_label('Catalogue files').set_input_files([str(tmp_path / 'travel-card.yaml'),
                                                          str(tmp_path / 'checking-account.yaml')])
    page.get_by_role('button', name='Read the plan').click()
    plan = page.get_by_role('region', name='The plan of travel-card.yaml, checking-account.yaml')
    assert 'metadata.title' in plan.get_by_role('row').filter(has_text='checking-account').inner_text()
    expect(plan.get_by_text('1 created, 1 updated, 0 unchanged (dry run: nothing written)')).to_be_visible()
    assert not Product.objects.filter(name='travel-card').exists()
    screenshot(page, 'catalogue-files-plan')
    page.get_by_role('button', name='Apply 2 files').click()
    expect(page.get_by_role('region', name='Applied: travel-card.yaml, checking-account.yaml')).to_be_visible()
    assert Product.objects.get(name='checking-account').title == 'Everyday Checking Account'
    with page.expect_download() as download:
        page.get_by_role('link', name='Product', exact=True).click()
    assert 'name: travel-card' in open(download.value.path(), encoding='utf-8').read()


def test_the_catalogue_manager_adds_a_group_through_its_form_then_deletes_it(page, live_bank):
    staff('maria-lopez', 'catalogue-manager', 'firsttown-bank')
    sign_in(page, 'maria-lopez', PASSWORD)
    page.goto('/consumer-groups/')
    page.get_by_role('link', name='New', exact=True).click()
    page.get_by_label('Name', exact=True).fill('retirees')
    page.get_by_label('Title', exact=True).fill('Retirees')
    page.get_by_label('Provider', exact=True).select_option('firsttown-bank')
    page.get_by_label('Eligibility', exact=True).fill('Aged 65 or over')
    screenshot(page, 'consumer-group-form')
    page.get_by_role('button', name='Save').click()
    page.wait_for_url('**/consumer-groups/retirees/')
    assert 'Aged 65 or over' in page.content()
    page.get_by_role('link', name='Delete', exact=True).click()
    page.get_by_role('button', name='Delete').click()
    page.wait_for_url('**/consumer-groups/')
    assert 'retirees' not in page.locator('#results').inner_text()

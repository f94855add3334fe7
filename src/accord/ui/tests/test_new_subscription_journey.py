"""A new subscription and a multi-fact quote in chromium: from the portal's catalogue to the provider's work queue.

Nina, Northwind's customer and sponsor, orders Personal Advice from My catalogue and approves it; Li Wei, the
bank's practitioner, fulfils it in the work queue, which creates the subscription. A catalogue manager then
quotes Student Checking with two facts through the quote page's rows.
"""

import re

import pytest
from playwright.sync_api import expect

from accord.core.models import User
from accord.parties.models import Organization, Person, RoleGrant
from accord.relationships.models import Subscription
from accord.ui.tests.conftest import screenshot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = 'accord-demo'


def account(name: str, role: str | None = None) -> None:
    user = User.objects.create_user(name, password=PASSWORD)
    Person.objects.filter(name=name).update(user=user)
    if role:
        RoleGrant.objects.create(user=user, role=role, organization=Organization.objects.get(name='firsttown-bank'))


def sign_out(page) -> None:
    page.get_by_role('button', name='Sign out').click()
    page.wait_for_url('**/login/**')


def test_nina_orders_personal_advice_from_her_catalogue_and_the_bank_sets_it_up(page, live_bank):
    account('nina-park')
    account('li-wei', 'practitioner')
    sign_in(page, 'nina-park', PASSWORD)
    advice = page.get_by_role('article', name='Personal Advice').first
    order = advice.get_by_role('button', name='Order Personal Advice')
    order.scroll_into_view_if_needed()
    screenshot(page, 'portal-catalogue-order')
    order.click()
    page.wait_for_url('**/portal/requests/')
    expect(page.get_by_text('Personal Advice ordered for Everyday Customers')).to_be_visible()
    row = page.get_by_role('region', name='Our orders').get_by_role('row').filter(
        has_text='A subscription to Personal Advice')
    expect(row).to_contain_text("Submitted, awaiting a sponsor's approval")
    page.get_by_role('region', name='Awaiting your approval').get_by_role('button', name='Approve').click()
    expect(page.get_by_text('Nothing awaits your approval.')).to_be_visible()
    sign_out(page)

    sign_in(page, 'li-wei', PASSWORD)
    page.goto('/work-queue/')
    expect(page.get_by_text('Subscribe to Personal Advice')).to_be_visible()
    page.get_by_role('link', name=re.compile(r'^Fulfil nina-park')).click()
    expect(page.get_by_role('row', name=re.compile('Asks for'))).to_contain_text('Personal Advice')
    page.get_by_role('button', name='Fulfil').click()
    page.wait_for_url('**/work-queue/')
    sign_out(page)
    assert Subscription.objects.filter(relationship__name='firsttown-bank-northwind-traders',
                                       offering__name='personal-advice').exists()

    sign_in(page, 'nina-park', PASSWORD)
    expect(page.get_by_role('article', name='Personal Advice').first).to_contain_text(
        'Your organization subscribes to this.')


def test_a_quote_with_two_facts_from_the_rows_of_the_price_plan(page, live_bank):
    account('maria-lopez', 'catalogue-manager')
    sign_in(page, 'maria-lopez', PASSWORD)
    page.goto('/questions/quote/')
    page.get_by_label('Offering').select_option('student-checking')
    expect(page.get_by_label('direct-deposit')).to_be_visible()  # the rows follow the offering (htmx)
    page.get_by_label('Group (empty: its only one)').select_option('students')
    page.get_by_label('direct-deposit').fill('1')
    page.get_by_label('foreign-atm-withdrawal').fill('3')
    page.get_by_role('button', name='Quote').click()
    page.wait_for_url(re.compile(r'fact=direct-deposit%3D1&fact=foreign-atm-withdrawal%3D3'))
    expect(page.get_by_role('heading', level=2).filter(has_text='student-checking for students')).to_contain_text(
        '7.50')
    screenshot(page, 'console-quote')


def test_a_practitioner_converts_bens_keychain_to_a_good_after_reading_its_price(page, live_bank):
    from decimal import Decimal

    from django.utils import timezone

    from accord.catalog.models import OfferingElement
    from accord.core.choices import ChangeSource
    from accord.core.services import Actor
    from accord.provision import services
    from accord.resources.models import Item

    ben = Subscription.objects.get(name='ben-standard-checking')
    atms = OfferingElement.objects.get(offering=ben.offering, name='own-atms')
    keychain = OfferingElement.objects.create(offering=ben.offering, name='atm-keychain', kind='access',
                                              product=atms.product, component=atms.component,
                                              conversion_price=Decimal('6.00'), position=9)
    grant = services.grant_access(ben, keychain, Person.objects.get(name='ben-okoro'),
                                  item=Item.objects.get(name='atm-01'), valid_from=timezone.now(),
                                  actor=Actor(source=ChangeSource.CLI, username='tester'))
    account('li-wei', 'practitioner')
    sign_in(page, 'li-wei', PASSWORD)
    page.goto(f'/access-grants/{grant.name}/')
    page.get_by_role('link', name='Convert to a good').click()
    expect(page.get_by_role('row', name=re.compile('Conversion price'))).to_contain_text('$6.00')
    screenshot(page, 'console-convert')
    page.get_by_role('button', name='Convert to a good').click()
    expect(page.get_by_text(re.compile(r'converted to a good'))).to_be_visible()
    assert Item.objects.get(name='atm-01').owner.name == 'ben'

"""Journeys through the consumer portal in chromium (here, beside the console's journeys, to share one browser)."""

import pytest
from playwright.sync_api import expect

from accord.core.models import User
from accord.parties.models import Person
from accord.portal.tests.test_portal import PASSWORD, consumer
from accord.ui.tests.conftest import DESKTOP, PHONE, screenshot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_ana_signs_in_lands_on_her_catalogue_and_sees_student_checking_as_a_student(page, live_bank):
    user = User.objects.create_user('ana-garcia', password='accord-demo')
    Person.objects.filter(name='ana-garcia').update(user=user)
    sign_in(page, 'ana-garcia', 'accord-demo')
    page.wait_for_url('**/portal/')
    offering = page.get_by_role('article', name='Student Checking')
    assert '40 FirstTown ATMs' in offering.inner_text()
    assert page.get_by_role('navigation', name='Kinds and questions').count() == 0
    text = page.locator('main').inner_text()
    assert 'card processing' not in text.lower() and 'Standard Checking' not in text
    offering.evaluate('article => article.scrollIntoView()')
    screenshot(page, 'portal-catalogue')
    page.get_by_role('navigation', name='Portal').get_by_role('link', name='What we have').click()
    page.wait_for_url('**/portal/have/')
    expect(page.get_by_text("Ana's damaged card")).to_be_visible()
    screenshot(page, 'portal-holdings')


def test_nina_reads_marchs_charges_with_the_waiver_reasons_then_the_service_levels_and_gives_feedback(page, live_bank):
    consumer('nina-park')
    sign_in(page, 'nina-park', PASSWORD)
    page.wait_for_url('**/portal/')
    portal = page.get_by_role('navigation', name='Portal')
    portal.get_by_role('link', name='Money').click()
    page.wait_for_url('**/portal/money/')
    page.get_by_label('Month', exact=True).fill('2025-03')
    page.get_by_role('button', name='Show').click()
    page.wait_for_url('**/portal/money/?month=2025-03')
    march = page.get_by_role('region', name='March 2025')
    expect(march).to_contain_text('waived: direct deposit total at least 1000')
    expect(march).to_contain_text('Total for March 2025: $0.00')
    assert fits_a_phone(page)
    screenshot(page, 'portal-money')
    portal.get_by_role('link', name='Service levels').click()
    page.wait_for_url('**/portal/service-levels/')
    expect(page.get_by_role('note')).to_contain_text('Watermelon: green outside, red inside.')
    page.get_by_label('4', exact=True).check()
    page.get_by_label('Comment').fill('Priya called back within the hour.')
    page.get_by_role('button', name='Send feedback').click()
    expect(page.get_by_text('your feedback on FirstTown Bank – Northwind Traders is recorded')).to_be_visible()
    assert fits_a_phone(page)
    screenshot(page, 'portal-service-levels')


def fits_a_phone(page) -> bool:
    """At 390 px neither the page nor one of its tables scrolls sideways: every line and light can be read."""
    page.set_viewport_size(PHONE)
    fits = page.evaluate("""() => document.documentElement.scrollWidth <= window.innerWidth
        && [...document.querySelectorAll('.table-wrap')].every(wrap => wrap.scrollWidth <= wrap.clientWidth)""")
    page.set_viewport_size(DESKTOP)
    return fits


def test_ana_opens_her_relationship_at_the_consoles_address_and_gets_404_for_northwinds_which_nina_opens(
        page, live_bank):
    for person in ('ana-garcia', 'nina-park'):
        consumer(person)
    sign_in(page, 'ana-garcia', PASSWORD)
    page.get_by_role('link', name='Student Checking').first.click()
    page.wait_for_url('**/service-offerings/student-checking/')
    expect(page.get_by_role('heading', name='What it includes for Students')).to_be_visible()
    assert '40 FirstTown ATMs' in page.locator('main').inner_text()
    screenshot(page, 'portal-offering')
    page.get_by_role('navigation', name='Portal').get_by_role('link', name='What we have').click()
    page.get_by_role('link', name='FirstTown Bank – Ana Garcia').click()
    page.wait_for_url('**/service-relationships/firsttown-bank-ana/')
    expect(page.get_by_role('navigation', name='Portal')).to_be_visible()
    screenshot(page, 'portal-relationship')
    northwind = '/service-relationships/firsttown-bank-northwind-traders/'
    assert page.goto(northwind).status == 404
    assert page.goto('/service-relationships/').status == 404
    page.goto('/portal/')
    page.get_by_role('button', name='Sign out').click()
    sign_in(page, 'nina-park', PASSWORD)
    assert page.goto(northwind).status == 200
    expect(page.get_by_role('heading', name='FirstTown Bank – Northwind Traders')).to_be_visible()

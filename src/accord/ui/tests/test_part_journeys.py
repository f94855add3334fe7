"""Journeys through the forms with owned parts, in chromium; each saves screenshots for the docs."""

import pytest
from playwright.sync_api import expect

from accord.relationships.models import AgreementTarget, ConsumerRole
from accord.testing.forms import staff_signed_in
from accord.ui.tests.conftest import screenshot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = 'a-long-demo-password'
RELATIONSHIP = '/service-relationships/firsttown-bank-northwind-traders/'


def editing(page, client, username: str, role: str, address: str) -> None:
    """Sign in as the bank's ``username`` with ``role``, open the object at ``address`` and press Edit."""
    staff_signed_in(client, username, role)
    sign_in(page, username, PASSWORD)
    page.goto(address)
    page.get_by_role('link', name='Edit').click()
    page.wait_for_url('**/edit/')


def shown(page, heading: str) -> None:
    """Scroll the form's list of parts under ``heading`` to the top, where the screenshot sees it."""
    page.get_by_role('heading', name=heading, exact=True).evaluate('element => element.scrollIntoView()')


def test_the_relationship_manager_adds_a_sponsor_and_a_target_in_the_browser(page, live_bank, client):
    editing(page, client, 'daniel-kim', 'relationship-manager', RELATIONSHIP)
    added = page.get_by_role('group', name='Add to consumer roles')
    added.get_by_label('Person').select_option('omar-haddad')
    added.get_by_label('Role').select_option('sponsor')
    shown(page, 'Consumer roles')
    screenshot(page, 'relationship-form')
    page.get_by_role('button', name='Save').click()
    page.wait_for_url(f'**{RELATIONSHIP}')
    assert ConsumerRole.objects.filter(relationship__name='firsttown-bank-northwind-traders',
                                       person__name='omar-haddad', role='sponsor').exists()

    page.goto('/agreements/sla-northwind-2025/')
    page.get_by_role('link', name='Edit').click()
    added = page.get_by_role('group', name='Add to targets')
    added.get_by_label('Name').fill('first-call-resolution')
    added.get_by_label('Kind').select_option('experience')
    added.get_by_label('Comparator').select_option('>=')
    added.get_by_label('Value').fill('80')
    added.get_by_label('Unit').fill('%')
    page.get_by_role('button', name='Save').click()
    page.wait_for_url('**/agreements/sla-northwind-2025/')
    expect(page.get_by_text('saved')).to_be_visible()
    assert AgreementTarget.objects.get(agreement__name='sla-northwind-2025', name='first-call-resolution').unit == '%'


def test_the_catalogue_manager_opens_a_products_components_and_views(page, live_bank, client):
    editing(page, client, 'maria-lopez', 'catalogue-manager', '/products/atm-access/')
    expect(page.get_by_role('heading', name='Views per group')).to_be_visible()
    expect(page.get_by_role('group', name='ATM Fleet · Students')).to_be_visible()
    shown(page, 'Components')
    screenshot(page, 'product-form')

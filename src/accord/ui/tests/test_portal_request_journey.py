"""Northwind's checkbook through the portal in chromium: its user orders it, its sponsor approves it with a comment.

Beside the console's journeys, to share one browser; the last journey follows the order on through the
practitioner's work queue until the user owns the checkbook.
"""

import re

import pytest
from playwright.sync_api import expect

from accord.core.models import User
from accord.parties.models import Organization, Person, RoleGrant
from accord.resources.models import Item
from accord.ui.tests.conftest import screenshot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = 'accord-demo'


def open_requests(page, username: str) -> None:
    sign_in(page, username, PASSWORD)
    page.get_by_role('navigation', name='Portal').get_by_role('link', name='Requests').click()
    page.wait_for_url('**/portal/requests/')


def sign_out(page) -> None:
    page.get_by_role('button', name='Sign out').click()
    page.wait_for_url('**/login/**')


def newest_checkbook(page):
    """The row of the newest checkbook order (the demo's March order, fulfilled, is below it)."""
    return page.get_by_role('region', name='Our orders').get_by_role('row').filter(has_text='Order a checkbook').first


def test_omar_orders_a_checkbook_and_nina_approves_it_with_a_comment(page, live_bank):
    for name in ('omar-haddad', 'nina-park'):
        Person.objects.filter(name=name).update(user=User.objects.create_user(name, password=PASSWORD))
    open_requests(page, 'omar-haddad')
    page.get_by_role('button', name='Order a checkbook').click()
    expect(page.get_by_text("Order a checkbook ordered; it awaits a sponsor's approval.")).to_be_visible()
    expect(newest_checkbook(page)).to_contain_text("Submitted, awaiting a sponsor's approval")
    sign_out(page)

    open_requests(page, 'nina-park')
    awaiting = page.get_by_role('region', name='Awaiting your approval')
    request = awaiting.get_by_role('article', name='Order a checkbook')
    expect(request).to_contain_text('Ordered by Omar Haddad')
    request.get_by_label('Comment').fill('Fine: our last book runs out this month.')
    screenshot(page, 'portal-requests')
    request.get_by_role('button', name='Approve').click()
    expect(page.get_by_text('Nothing awaits your approval.')).to_be_visible()
    sign_out(page)

    open_requests(page, 'omar-haddad')
    row = newest_checkbook(page)
    expect(row).to_contain_text('Approved by Nina Park')
    expect(row).to_contain_text('“Fine: our last book runs out this month.”')
    row.get_by_role('link', name='Order a checkbook').click()
    expect(page.get_by_role('heading', level=1)).to_have_text('Order a checkbook')
    screenshot(page, 'portal-order')


def test_the_checkbook_from_order_to_owner_user_orders_sponsor_approves_practitioner_fulfils(page, live_bank):
    """The whole request: Omar orders, Nina approves, Li Wei fulfils in the work queue, Omar then owns the book."""
    for name in ('omar-haddad', 'nina-park', 'li-wei'):
        Person.objects.filter(name=name).update(user=User.objects.create_user(name, password=PASSWORD))
    RoleGrant.objects.create(user=User.objects.get(username='li-wei'), role='practitioner',
                             organization=Organization.objects.get(name='firsttown-bank'))
    open_requests(page, 'omar-haddad')
    page.get_by_role('button', name='Order a checkbook').click()
    expect(newest_checkbook(page)).to_contain_text("Submitted, awaiting a sponsor's approval")
    sign_out(page)

    open_requests(page, 'nina-park')
    page.get_by_role('region', name='Awaiting your approval').get_by_role('button', name='Approve').click()
    expect(page.get_by_text('Nothing awaits your approval.')).to_be_visible()
    sign_out(page)

    sign_in(page, 'li-wei', PASSWORD)
    page.goto('/work-queue/')
    page.get_by_role('link', name=re.compile(r'^Fulfil omar-haddad')).click()
    page.get_by_label('checkbook-0003 (Checkbook Stock)').check()
    page.get_by_role('button', name='Fulfil').click()
    page.wait_for_url('**/work-queue/')
    expect(page.get_by_text(re.compile(r'omar-haddad\S*: fulfilled'))).to_be_visible()
    sign_out(page)

    open_requests(page, 'omar-haddad')
    expect(newest_checkbook(page)).to_contain_text('Fulfilled')
    page.get_by_role('navigation', name='Portal').get_by_role('link', name='What we have').click()
    page.wait_for_url('**/portal/have/')
    expect(page.get_by_text('checkbook-0003')).to_be_visible()
    assert Item.objects.get(name='checkbook-0003').owner.name == 'northwind-traders'

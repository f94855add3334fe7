"""The bank's practitioner works through the queue in chromium: fulfils Northwind's checkbook, completes an action."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accord.catalog.models import RequestItem
from accord.core.models import User
from accord.core.services import Actor
from accord.parties.models import Organization, Person, RoleGrant
from accord.provision import services
from accord.provision.models import ActionInstance, Order
from accord.relationships.models import Subscription
from accord.resources.models import Item
from accord.ui.tests.conftest import screenshot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def northwinds_open_work() -> None:
    """Omar orders a checkbook, Nina (the sponsor) approves it; a card replacement he asked for is overdue."""
    actor = Actor(username='test')
    checking = Subscription.objects.select_related('relationship', 'offering').get(name='northwind-standard-checking')
    omar = Person.objects.get(name='omar-haddad')
    now = timezone.now()
    order = services.place_order(
        checking.relationship, omar, subscription=checking, name='northwind-checkbook',
        request_item=RequestItem.objects.get(offering=checking.offering, name='order-checkbook'),
        at=now - datetime.timedelta(hours=3), actor=actor)
    services.approve(order, by=Person.objects.get(name='nina-park'), actor=actor)
    services.request_action(checking, checking.offering.elements.get(name='card-replacement'), requested_by=omar,
                            at=now - datetime.timedelta(days=20), name='northwind-worn-card', actor=actor)


def test_the_practitioner_fulfils_northwinds_checkbook_and_completes_a_late_action(page, live_bank):
    user = User.objects.create_user('li-wei', password='accord-demo')
    Person.objects.filter(name='li-wei').update(user=user)
    RoleGrant.objects.create(user=user, role='practitioner', organization=Organization.objects.get(
        name='firsttown-bank'))
    northwinds_open_work()
    sign_in(page, 'li-wei', 'accord-demo')
    page.get_by_role('navigation', name='Kinds and questions').get_by_role('link', name='Work queue').click()
    page.wait_for_url('**/work-queue/')
    late = page.get_by_role('row').filter(has_text='northwind-worn-card')
    expect(late.get_by_text('overdue')).to_be_visible()
    assert page.get_by_role('row').nth(1).inner_text() == late.inner_text()  # the overdue first
    screenshot(page, 'work-queue')

    page.get_by_role('link', name='Fulfil northwind-checkbook').click()
    page.wait_for_url('**/orders/northwind-checkbook/fulfil/**')
    page.get_by_label('checkbook-0003 (Checkbook Stock)').check()
    screenshot(page, 'fulfil-order')
    page.get_by_role('button', name='Fulfil').click()
    page.wait_for_url('**/work-queue/')
    expect(page.get_by_text('northwind-checkbook: fulfilled')).to_be_visible()
    assert Order.objects.get(name='northwind-checkbook').status == 'fulfilled'
    assert Item.objects.get(name='checkbook-0003').owner.name == 'northwind-traders'

    page.get_by_role('link', name='Complete northwind-worn-card').click()
    page.wait_for_url('**/action-instances/northwind-worn-card/complete/**')
    page.get_by_label('Consumer present').select_option(label='Yes')
    page.get_by_label('Quality').select_option(label='5 of 5')
    page.get_by_role('button', name='Complete').click()
    page.wait_for_url('**/work-queue/')
    expect(page.get_by_text('Nothing to do')).to_be_visible()
    action = ActionInstance.objects.get(name='northwind-worn-card')
    assert (action.quality, action.consumer_present, list(action.performers.values_list('name', flat=True))) == (
        5, True, ['li-wei'])

    page.goto('/orders/northwind-checkbook/history/')
    expect(page.get_by_text('by li-wei through web ui').first).to_be_visible()

"""Ordering a new subscription from My catalogue: a customer orders, a sponsor approves, the provider fulfils."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from accord.core.choices import ChangeSource
from accord.core.roles import Role
from accord.portal.tests.test_portal import consumer
from accord.provision.models import Order
from accord.provision.tests.conftest import history_of, signed_in
from accord.relationships.models import ConsumerRole, Subscription

pytestmark = pytest.mark.django_db
ADVICE = '/portal/offerings/personal-advice/order/'
EVERYDAY = {'group': 'everyday-customers'}


@pytest.fixture
def nina(bank, client) -> Client:
    """Nina Park: customer and sponsor of Northwind Traders' relationship with the bank."""
    client.force_login(consumer('nina-park'))
    return client


def order_advice(nina: Client) -> tuple[Order, str]:
    response = nina.post(ADVICE, EVERYDAY, follow=True)
    assert response.redirect_chain == [('/portal/requests/', 302)], response.content.decode()
    return Order.objects.get(offering__name='personal-advice'), response.content.decode()


def test_a_customer_sees_an_order_button_beside_what_her_organization_does_not_subscribe_to(nina):
    page = nina.get('/portal/').content.decode()
    assert 'Order Personal Advice' in page and 'Order Basic Savings' in page
    assert 'Order Standard Checking' not in page, 'Northwind subscribes to Standard Checking already'
    assert 'Your organization subscribes to this.' in page


def test_her_order_shows_in_our_orders_awaiting_the_sponsor_and_is_in_the_history(nina):
    order, page = order_advice(nina)
    assert (order.relationship.name, order.requested_by.name, order.group.name, order.status) == (
        'firsttown-bank-northwind-traders', 'nina-park', 'everyday-customers', 'submitted')
    assert ('Personal Advice ordered for Everyday Customers; it awaits a sponsor&#x27;s approval, then FirstTown '
            'Bank sets it up.') in page
    assert 'A subscription to Personal Advice as Everyday Customers' in page
    assert "Submitted</span>, awaiting a sponsor's approval" in page
    assert history_of(order) == [('create', ChangeSource.UI, 'nina-park')]
    catalogue = nina.get('/portal/').content.decode()
    assert 'Order Personal Advice' not in catalogue and f'On order: <a href="/portal/requests/{order.name}/">' in (
        catalogue)


def test_ordering_the_same_offering_again_is_refused_in_the_page(nina):
    order_advice(nina)
    again = nina.post(ADVICE, EVERYDAY)
    assert again.status_code == 409
    assert 'Personal Advice is on order already' in again.content.decode()
    assert Order.objects.filter(offering__name='personal-advice').count() == 1


def test_an_offering_we_subscribe_to_already_is_refused_in_the_page(nina):
    held = nina.post('/portal/offerings/standard-checking/order/', EVERYDAY)
    assert held.status_code == 409
    assert 'Your organization already subscribes to Standard Checking.' in held.content.decode()
    assert not Order.objects.filter(offering__isnull=False).exists()


def test_a_user_who_is_not_a_customer_sees_no_button_and_a_post_is_refused(bank, client):
    client.force_login(consumer('omar-haddad'))
    assert 'Order Personal Advice' not in client.get('/portal/').content.decode()
    refused = client.post(ADVICE, EVERYDAY)
    assert refused.status_code == 403
    assert 'Only a customer of your organization may order a new subscription to Personal Advice' in (
        refused.content.decode())
    assert not Order.objects.filter(offering__name='personal-advice').exists()


@pytest.mark.parametrize(('url', 'group'), [
    ('/portal/offerings/student-checking/order/', 'everyday-customers'),  # not offered to our group
    ('/portal/offerings/personal-advice/order/', 'students'),  # not our group
    ('/portal/offerings/cardnet-card-processing/order/', 'everyday-customers'),  # the bank's supplier's
    ('/portal/offerings/no-such-offering/order/', 'everyday-customers'),
    ('/portal/offerings/personal-advice/order/', ''),
])
def test_an_offering_or_group_that_is_not_ours_is_404(nina, url, group):
    assert nina.post(url, {'group': group}).status_code == 404
    assert not Order.objects.filter(offering__isnull=False).exists()


def test_an_order_must_be_posted(nina):
    assert nina.get(ADVICE).status_code == 405


def test_a_customer_without_a_sponsor_is_told_who_to_ask(bank, client):
    ConsumerRole.objects.filter(relationship__name='firsttown-bank-ana', role='sponsor').delete()
    client.force_login(consumer('ana-garcia'))
    page = client.post('/portal/offerings/basic-savings/order/', {'group': 'students'}, follow=True).content.decode()
    assert 'nobody sponsors FirstTown Bank – Ana Garcia yet: ask FirstTown Bank to name your sponsor.' in page
    assert Order.objects.get(offering__name='basic-savings').requested_by.name == 'ana-garcia'


def test_an_individual_who_is_her_own_sponsor_approves_her_own_order(bank, client):
    client.force_login(consumer('ana-garcia'))
    client.post('/portal/offerings/basic-savings/order/', {'group': 'students'})
    order = Order.objects.get(offering__name='basic-savings')
    assert 'Awaiting your approval' in client.get('/portal/requests/').content.decode()
    client.post(f'/portal/requests/{order.name}/decide/', {'decision': 'approve', 'comment': 'I can afford it.'})
    order.refresh_from_db()
    assert (order.status, order.decided_by.name) == ('approved', 'ana-garcia')


def test_the_sponsor_approves_and_the_bank_fulfils_it_in_the_work_queue_which_creates_the_subscription(nina):
    order, _page = order_advice(nina)
    nina.post(f'/portal/requests/{order.name}/decide/', {'decision': 'approve', 'comment': 'Go ahead.'})
    staff = Client()
    signed_in(staff, 'li-wei', Role.PRACTITIONER)
    queue = staff.get('/work-queue/').content.decode()
    assert 'Subscribe to Personal Advice' in queue and f'/orders/{order.name}/fulfil/' in queue
    form = staff.get(f'/orders/{order.name}/fulfil/')
    assert list(form.context['form'].fields) == [], 'an offering order has no items to choose'
    assert staff.post(f'/orders/{order.name}/fulfil/', {'next': '/work-queue/'}).status_code == 302
    subscription = Subscription.objects.get(relationship__name='firsttown-bank-northwind-traders',
                                            offering__name='personal-advice')
    assert subscription.group.name == 'everyday-customers'
    page = nina.get('/portal/requests/').content.decode()
    assert 'Fulfilled' in page
    assert 'Order Personal Advice' not in nina.get('/portal/').content.decode()


def test_my_catalogue_runs_as_many_queries_with_offerings_on_order_as_without(nina):
    with CaptureQueriesContext(connection) as none_ordered:
        nina.get('/portal/')
    order_advice(nina)
    nina.post('/portal/offerings/basic-savings/order/', EVERYDAY)
    with CaptureQueriesContext(connection) as two_ordered:
        page = nina.get('/portal/').content.decode()
    assert page.count('On order: ') == 2
    assert len(two_ordered) == len(none_ordered)

"""Requests in the portal: Northwind's user orders, its sponsor decides with a comment, nobody else sees or acts."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accord.core.choices import ChangeSource
from accord.core.models import ObjectChange
from accord.portal.tests.test_portal import consumer
from accord.provision.models import Order
from accord.relationships.models import ConsumerRole

pytestmark = pytest.mark.django_db
CHECKBOOK = {'subscription': 'northwind-standard-checking', 'item': 'order-checkbook'}


@pytest.fixture
def people(bank) -> dict:
    return {name: consumer(name) for name in ('omar-haddad', 'nina-park', 'ana-garcia')}


def logged(order: Order) -> list[tuple[str, str]]:
    return list(ObjectChange.objects.filter(changed_object_id=order.pk, changed_object_type__model='order')
                .order_by('id').values_list('source', 'action'))


def signed_in(client, people: dict, name: str):
    client.force_login(people[name])
    return client


def order_as_omar(client, people: dict, data: dict = CHECKBOOK) -> str:
    """Omar orders, and reads the page the order sends him back to (which says what happened)."""
    response = signed_in(client, people, 'omar-haddad').post('/portal/requests/', data, follow=True)
    assert response.redirect_chain == [('/portal/requests/', 302)], response.content.decode()
    return response.content.decode()


def place(client, people: dict, data: dict = CHECKBOOK) -> Order:
    order_as_omar(client, people, data)
    return Order.objects.latest('at')


def test_omar_orders_a_checkbook_in_his_own_name_and_it_awaits_the_sponsor(people, client):
    page = order_as_omar(client, people)
    order = Order.objects.latest('at')
    assert (order.requested_by.name, order.subscription.name, order.request_item.name, order.status) == (
        'omar-haddad', 'northwind-standard-checking', 'order-checkbook', 'submitted')
    assert logged(order) == [(ChangeSource.UI, 'create')]
    assert 'Order a checkbook ordered; it awaits a sponsor&#x27;s approval.' in page
    assert "Submitted</span>, awaiting a sponsor's approval" in page
    assert 'Awaiting your approval' not in page, 'Omar sponsors nothing'


def test_the_request_catalogue_lists_only_the_items_of_what_we_subscribe_to(people, client):
    page = signed_in(client, people, 'omar-haddad').get('/portal/requests/').content.decode()
    assert 'Order a checkbook' in page and 'Replace my card' in page
    assert 'Book an advice session' not in page, 'Northwind does not subscribe to Personal Advice'


def test_an_item_that_needs_no_approval_is_approved_as_it_is_ordered(people, client):
    page = order_as_omar(client, people, {**CHECKBOOK, 'item': 'replace-card'})
    assert 'Replace my card ordered; it is approved.' in page
    assert Order.objects.latest('at').status == 'approved'


def test_an_order_without_its_item_is_refused_at_the_top_of_the_form(people, client):
    omar = signed_in(client, people, 'omar-haddad')
    response = omar.post('/portal/requests/', {'subscription': 'northwind-standard-checking'})
    assert response.status_code == 200 and 'item: This field is required.' in response.content.decode()


def test_an_item_of_an_offering_we_do_not_subscribe_to_is_refused_with_a_clear_error(people, client):
    orders = Order.objects.count()
    response = signed_in(client, people, 'omar-haddad').post(
        '/portal/requests/', {**CHECKBOOK, 'item': 'book-advice-session'})
    assert response.status_code == 200
    assert ('book-advice-session is not a request item of Standard Checking, which you subscribe to in '
            'northwind-standard-checking') in response.content.decode()
    response = client.post('/portal/requests/', {'subscription': 'ana-student-checking', 'item': 'replace-card'})
    assert 'ana-student-checking is not a subscription your organization actively holds' in response.content.decode()
    assert Order.objects.count() == orders


def test_the_verbs_refusal_is_shown_in_the_page_never_a_500(people, client):
    ConsumerRole.objects.filter(person__name='omar-haddad').delete()
    response = signed_in(client, people, 'omar-haddad').post('/portal/requests/', CHECKBOOK)
    assert response.status_code == 200
    assert ('omar-haddad holds no user or customer role in firsttown-bank-northwind-traders'
            in response.content.decode())


def test_the_person_who_ordered_cancels_it_and_nobody_else_may(people, client):
    order = place(client, people)
    nina = signed_in(client, people, 'nina-park')
    assert f'/portal/requests/{order.name}/cancel/' not in nina.get('/portal/requests/').content.decode()
    refused = nina.post(f'/portal/requests/{order.name}/cancel/')
    assert 'Only Omar Haddad, who placed this order, may cancel it.' in refused.content.decode()
    omar = signed_in(client, people, 'omar-haddad')
    assert f'/portal/requests/{order.name}/cancel/' in omar.get('/portal/requests/').content.decode()
    assert omar.post(f'/portal/requests/{order.name}/cancel/').status_code == 302
    order.refresh_from_db()
    assert order.status == 'cancelled'


def test_a_fulfilled_order_offers_no_cancel_and_a_cancel_is_refused_in_the_page(people, client):
    omar = signed_in(client, people, 'omar-haddad')
    page = omar.get('/portal/requests/northwind-checkbook-2025-03/').content.decode()
    assert 'Fulfilled' in page and 'Approved by Nina Park on 2025-03-05 14:00' in page and '/cancel/' not in page
    refused = omar.post('/portal/requests/northwind-checkbook-2025-03/cancel/')
    assert refused.status_code == 200
    assert 'northwind-checkbook-2025-03 is fulfilled: it cannot be cancelled' in refused.content.decode()


@pytest.mark.parametrize(('decision', 'status'), [('approve', 'approved'), ('reject', 'rejected')])
def test_the_sponsor_decides_with_a_comment_that_the_user_then_reads(people, client, decision, status):
    order = place(client, people)
    nina = signed_in(client, people, 'nina-park')
    awaiting = nina.get('/portal/requests/').content.decode().split('Ask for something')[0]
    assert 'Awaiting your approval' in awaiting and f'/portal/requests/{order.name}/decide/' in awaiting
    response = nina.post(f'/portal/requests/{order.name}/decide/', {'decision': decision, 'comment': 'Two is plenty.'})
    assert response.status_code == 302
    order.refresh_from_db()
    assert (order.status, order.decided_by.name, order.decision_comment) == (status, 'nina-park', 'Two is plenty.')
    assert logged(order) == [(ChangeSource.UI, 'create'), (ChangeSource.UI, 'update')]
    assert 'Nothing awaits your approval.' in nina.get('/portal/requests/').content.decode()
    page = signed_in(client, people, 'omar-haddad').get(f'/portal/requests/{order.name}/').content.decode()
    assert f'{status.capitalize()} by Nina Park on ' in page and '“Two is plenty.”' in page


def test_someone_who_is_not_a_sponsor_sees_no_approval_and_cannot_decide(people, client):
    order = place(client, people)
    omar = signed_in(client, people, 'omar-haddad')
    assert '/decide/' not in omar.get(f'/portal/requests/{order.name}/').content.decode()
    refused = omar.post(f'/portal/requests/{order.name}/decide/', {'decision': 'approve', 'comment': 'Me!'})
    assert refused.status_code == 200
    assert 'omar-haddad is not a sponsor of firsttown-bank-northwind-traders' in refused.content.decode()
    order.refresh_from_db()
    assert (order.status, order.decided_by) == ('submitted', None)


def test_another_organizations_orders_are_404_and_never_listed(people, client):
    order = place(client, people)
    ana = signed_in(client, people, 'ana-garcia')
    page = ana.get('/portal/requests/').content.decode()
    assert 'Order a checkbook' not in page and 'northwind' not in page.lower() and 'Omar' not in page
    for address in (f'/portal/requests/{order.name}/', '/portal/requests/northwind-checkbook-2025-03/'):
        assert ana.get(address).status_code == 404
    assert ana.post(f'/portal/requests/{order.name}/cancel/').status_code == 404
    assert ana.post(f'/portal/requests/{order.name}/decide/', {'decision': 'approve'}).status_code == 404
    order.refresh_from_db()
    assert order.status == 'submitted'


def test_a_decision_or_a_cancel_must_be_posted(people, client):
    order = place(client, people)
    assert client.get(f'/portal/requests/{order.name}/cancel/').status_code == 405
    assert client.get(f'/portal/requests/{order.name}/decide/').status_code == 405


def test_the_requests_page_runs_the_same_number_of_queries_for_one_order_as_for_five(
        people, client, django_assert_max_num_queries):
    nina = signed_in(client, people, 'nina-park')

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert nina.get('/portal/requests/').status_code == 200
        return len(captured)

    place(client, people)
    signed_in(client, people, 'nina-park')
    one = queries()
    for _ in range(4):
        place(client, people, {**CHECKBOOK, 'item': 'replace-card'})
        place(client, people)
    signed_in(client, people, 'nina-park')
    assert queries() == one
    with django_assert_max_num_queries(12):  # 11, and the menu's one read of the reader's roles (Money, Service levels)
        nina.get('/portal/requests/')

"""The fulfilment pages: each form calls its provision verb, lands in the history, and shows a refusal at its field."""

import pytest

from accord.core.roles import Role
from accord.provision.models import AccessGrant, ActionInstance, GoodsDelivery, Order
from accord.provision.tests.conftest import history_of, signed_in, written
from accord.resources.models import Item

pytestmark = pytest.mark.django_db


@pytest.fixture
def practitioner(client, bank):
    return signed_in(client, 'li-wei', Role.PRACTITIONER)


def test_a_practitioner_fulfils_the_checkbook_order_with_an_item_the_bank_still_owns(client, practitioner, open_work):
    order = open_work['checkbook']
    form = client.get(f'/orders/{order.name}/fulfil/').context['form']
    assert [name for name, _label in form.fields['items'].choices] == ['checkbook-0003']  # 0001 and 0002 are owned
    response = client.post(f'/orders/{order.name}/fulfil/', {'items': ['checkbook-0003'], 'next': '/work-queue/'})
    assert response.status_code == 302 and response['Location'] == '/work-queue/'
    order.refresh_from_db()
    assert order.status == 'fulfilled'
    assert Item.objects.get(name='checkbook-0003').owner.name == 'northwind-traders'
    assert history_of(order)[-1] == ('update', 'ui', 'li-wei')
    delivery = GoodsDelivery.objects.get(items__name='checkbook-0003')
    assert history_of(delivery) == [('create', 'ui', 'li-wei')]


def test_a_second_submission_is_refused_with_a_clear_message_and_writes_nothing(client, practitioner, open_work):
    order = open_work['checkbook']
    assert client.post(f'/orders/{order.name}/fulfil/', {'quantity': '1'}).status_code == 302
    before = written(GoodsDelivery, Order)
    again = client.post(f'/orders/{order.name}/fulfil/', {'quantity': '1'})
    assert again.status_code == 409
    assert again.context['form'].non_field_errors() == [
        f'Nothing was done: {order.name} is fulfilled: it cannot be fulfilled. Someone may have done it since you '
        'opened this page; reload it to see the record as it is now.']
    assert written(GoodsDelivery, Order) == before
    assert client.get(f'/orders/{order.name}/fulfil/').context['settled'] == (
        'This order is fulfilled: only an approved order is fulfilled.')


def test_an_order_is_fulfilled_with_items_or_a_quantity_not_both(client, practitioner, open_work):
    url = f'/orders/{open_work["checkbook"].name}/fulfil/'
    both = client.post(url, {'items': ['checkbook-0003'], 'quantity': '2'})
    assert both.status_code == 200
    assert both.context['form'].non_field_errors() == ['Choose the items to deliver or a quantity, not both.']
    assert client.post(url, {'quantity': '2'}).status_code == 302
    assert GoodsDelivery.objects.get(subscription__name='northwind-standard-checking', quantity=2).items.count() == 0


def test_an_auditor_may_not_fulfil_and_sees_no_button(client, open_work):
    signed_in(client, 'james-okafor', Role.AUDITOR)
    order = open_work['checkbook']
    assert 'Fulfil' not in client.get(f'/orders/{order.name}/').content.decode()
    assert client.post(f'/orders/{order.name}/fulfil/', {'quantity': '1'}).status_code == 403
    order.refresh_from_db()
    assert order.status == 'approved'


def test_the_records_pages_show_the_verbs_that_apply_now(client, practitioner, open_work):
    order, action = open_work['checkbook'], open_work['late']
    assert f'href="/orders/{order.name}/fulfil/"' in client.get(f'/orders/{order.name}/').content.decode()
    page = client.get(f'/action-instances/{action.name}/').content.decode()
    assert 'href="/action-instances/northwind-late-card/start/"' in page
    assert 'href="/action-instances/northwind-late-card/complete/"' in page
    page = client.get('/subscriptions/northwind-standard-checking/').content.decode()
    assert 'href="/subscriptions/northwind-standard-checking/deliver/"' in page
    assert 'href="/subscriptions/northwind-standard-checking/grant/"' in page
    client.post(f'/orders/{order.name}/fulfil/', {'quantity': '1'})
    assert '/fulfil/' not in client.get(f'/orders/{order.name}/').content.decode()


def test_goods_are_delivered_from_the_subscription_and_a_refusal_is_shown_at_its_field(client, practitioner):
    url = '/subscriptions/northwind-standard-checking/deliver/'
    refused = client.post(url, {'element': 'checkbook'})
    assert refused.status_code == 200
    assert refused.context['form'].errors == {'items': ['a delivery names its items or a quantity, one of the two']}
    response = client.post(url, {'element': 'checkbook', 'items': ['checkbook-0003']})
    assert response.status_code == 302
    delivery = GoodsDelivery.objects.get(items__name='checkbook-0003')
    assert response['Location'] == f'/goods-deliveries/{delivery.name}/'
    assert history_of(delivery) == [('create', 'ui', 'li-wei')]


def test_access_is_granted_to_a_member_of_the_consumer_within_the_dates_given(client, practitioner):
    url = '/subscriptions/northwind-standard-checking/grant/'
    refused = client.post(url, {'element': 'online-banking', 'grantee': 'person:omar-haddad',
                                'valid_from': '2026-01-10T09:00', 'valid_to': '2026-01-09T09:00'})
    assert refused.status_code == 200
    assert list(refused.context['form'].errors) == ['valid_to']
    response = client.post(url, {'element': 'online-banking', 'grantee': 'person:omar-haddad',
                                 'valid_from': '2026-01-10T09:00', 'valid_to': '2026-02-10T09:00'})
    assert response.status_code == 302
    grant = AccessGrant.objects.get(grantee_person__name='omar-haddad', element__name='online-banking',
                                    valid_to__isnull=False)
    assert (grant.valid_from.isoformat(), grant.valid_to.isoformat()) == (
        '2026-01-10T09:00:00+00:00', '2026-02-10T09:00:00+00:00')
    assert history_of(grant) == [('create', 'ui', 'li-wei')]


def test_a_grant_is_revoked_with_a_reason_once(client, practitioner, actor):
    grant = AccessGrant.objects.get(name='ana-online-banking')
    url = f'/access-grants/{grant.name}/revoke/'
    assert f'href="{url}"' in client.get(f'/access-grants/{grant.name}/').content.decode()
    assert client.post(url, {'reason': '  '}).context['form'].errors == {'reason': ['This field is required.']}
    assert client.post(url, {'reason': 'Card reported stolen'}).status_code == 302
    grant.refresh_from_db()
    assert grant.revoke_reason == 'Card reported stolen' and grant.revoked_at is not None
    assert history_of(grant)[-1] == ('update', 'ui', 'li-wei')
    again = client.post(url, {'reason': 'Twice'})
    assert again.status_code == 409
    assert 'was revoked already' in again.context['form'].non_field_errors()[0]


def test_an_action_is_started_by_its_performers_then_completed_and_scored(client, practitioner, open_work):
    action = open_work['late']
    url = f'/action-instances/{action.name}/'
    form = client.get(f'{url}start/').context['form']
    assert {'li-wei', 'tom-becker'} <= {name for name, _label in form.fields['performers'].choices}
    assert 'omar-haddad' not in dict(form.fields['performers'].choices)
    assert client.post(f'{url}start/', {'performers': ['li-wei']}).status_code == 302
    assert client.post(f'{url}start/', {'performers': ['li-wei']}).status_code == 409
    out_of_range = client.post(f'{url}complete/', {'quality': '6', 'consumer_present': 'true'})
    assert list(out_of_range.context['form'].errors) == ['quality']
    assert client.post(f'{url}complete/', {'quality': '5', 'consumer_present': 'true',
                                           'performers': ['tom-becker']}).status_code == 302
    action = ActionInstance.objects.get(pk=action.pk)
    assert (action.quality, action.consumer_present, action.completed_at is not None) == (5, True, True)
    assert sorted(action.performers.values_list('name', flat=True)) == ['li-wei', 'tom-becker']
    assert history_of(action)[-2:] == [('update', 'ui', 'li-wei'), ('update', 'ui', 'li-wei')]
    assert '/complete/' not in client.get(url).content.decode()


def test_a_record_of_another_provider_is_404(client, open_work):
    signed_in(client, 'cardnet-practitioner', Role.PRACTITIONER, 'cardnet')
    assert client.get(f'/orders/{open_work["checkbook"].name}/fulfil/').status_code == 404
    assert client.post('/action-instances/northwind-late-card/complete/', {}).status_code == 404
    assert client.get('/subscriptions/northwind-standard-checking/grant/').status_code == 404
    assert ActionInstance.objects.get(name='northwind-late-card').completed_at is None

"""Orders through the verbs: placed by a user or customer, decided by a sponsor where the request item asks,
fulfilled by the provider into the record the work makes, each transition of the declared table logged.
"""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError

from accord.catalog.choices import Approval
from accord.core.models import ObjectChange
from accord.provision import services
from accord.provision.models import AccessGrant, ActionInstance, GoodsDelivery, Order
from accord.provision.services import TransitionRefused
from accord.provision.tests.conftest import instant, person, written
from accord.relationships.models import Subscription
from accord.resources.models import Item

AT = instant('2025-03-03T09:00')


def ask_for_approval(subscription, request_item: str) -> None:
    subscription.offering.request_items.filter(name=request_item).update(approval=Approval.SPONSOR)


def checkbook_order(northwind, actor):
    ask_for_approval(northwind, 'order-checkbook')
    return services.place_order(northwind.relationship, person('omar-haddad'), subscription=northwind,
                                request_item=northwind.offering.request_items.get(name='order-checkbook'), at=AT,
                                actor=actor)


def test_an_order_for_an_item_that_needs_no_approval_is_approved_as_it_is_placed(ben, actor):
    order = services.place_order(ben.relationship, person('ben-okoro'), subscription=ben,
                                 request_item=ben.offering.request_items.get(name='replace-card'), at=AT, actor=actor)
    assert order.status == 'approved' and order.name == 'ben-okoro-order-20250303-090000'
    assert ObjectChange.objects.filter(changed_object_type=ContentType.objects.get_for_model(Order),
                                       changed_object_id=order.pk, action='create').exists()


def test_an_order_that_asks_for_a_sponsor_waits_for_one_and_each_transition_is_logged(northwind, actor):
    order = checkbook_order(northwind, actor)
    assert order.status == 'submitted'
    services.approve(order, by=person('nina-park'), at=instant('2025-03-03T11:00'), actor=actor)
    order.refresh_from_db()
    assert (order.status, order.decided_by.name) == ('approved', 'nina-park')
    logged = ObjectChange.objects.filter(changed_object_type=ContentType.objects.get_for_model(Order),
                                         changed_object_id=order.pk).order_by('id')
    assert [(change.action, change.after['status']) for change in logged] == [
        ('create', 'submitted'), ('update', 'approved')]


def test_an_order_for_a_request_item_of_an_offering_not_subscribed_to_is_refused(ben, actor):
    from accord.catalog.models import RequestItem

    advice = RequestItem.objects.get(name='book-advice-session')
    before = written(Order)
    with pytest.raises(ValidationError) as error:
        services.place_order(ben.relationship, person('ben-okoro'), subscription=ben, request_item=advice, at=AT,
                             actor=actor)
    assert error.value.message_dict['request_item'] == [
        'book-advice-session is a request item of personal-advice, which ben does not subscribe to in '
        'ben-standard-checking']
    assert written(Order) == before


def test_an_order_within_a_subscription_that_has_ended_is_refused(ben, actor):
    Subscription.objects.filter(pk=ben.pk).update(status='ended', end='2025-02-28')
    ben.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        services.place_order(ben.relationship, person('ben-okoro'), subscription=ben,
                             request_item=ben.offering.request_items.get(name='replace-card'), at=AT, actor=actor)
    assert 'ben does not actively subscribe to standard-checking' in error.value.message_dict['subscription'][0]


def test_an_order_by_a_person_without_a_user_or_customer_role_is_refused(northwind, actor):
    with pytest.raises(ValidationError) as error:
        services.place_order(northwind.relationship, person('priya-shah'), subscription=northwind,
                             request_item=northwind.offering.request_items.get(name='replace-card'), at=AT,
                             actor=actor)
    assert error.value.message_dict['requested_by'] == [
        'priya-shah holds no user or customer role in firsttown-bank-northwind-traders']
    assert not Order.objects.filter(requested_by__name='priya-shah').exists()


def test_approval_by_someone_who_is_not_a_sponsor_is_refused(northwind, actor):
    order = checkbook_order(northwind, actor)
    before = written(Order)
    with pytest.raises(ValidationError) as error:
        services.approve(order, by=person('omar-haddad'), actor=actor)
    assert error.value.message_dict['decided_by'] == [
        'omar-haddad is not a sponsor of firsttown-bank-northwind-traders']
    order.refresh_from_db()
    assert written(Order) == before and order.status == 'submitted'


def test_approving_an_order_that_needs_no_approval_is_refused(northwind, actor):
    order = services.place_order(northwind.relationship, person('omar-haddad'), subscription=northwind,
                                 request_item=northwind.offering.request_items.get(name='replace-card'), at=AT,
                                 actor=actor)
    with pytest.raises(TransitionRefused) as error:
        services.approve(order, by=person('nina-park'), actor=actor)
    assert error.value.message_dict['status'] == [
        f'{order.name} needs no approval: replace-card is approved as it is ordered']


def test_approving_twice_is_refused(northwind, actor):
    order = checkbook_order(northwind, actor)
    services.approve(order, by=person('nina-park'), actor=actor)
    before = written(Order)
    with pytest.raises(TransitionRefused) as error:
        services.approve(order, by=person('nina-park'), actor=actor)
    assert error.value.message_dict['status'] == [f'{order.name} is approved: it cannot be approved']
    assert written(Order) == before


def test_fulfilling_a_rejected_order_is_refused(northwind, actor):
    order = checkbook_order(northwind, actor)
    services.reject(order, by=person('nina-park'), actor=actor)
    before = written(Order, GoodsDelivery)
    with pytest.raises(TransitionRefused) as error:
        services.fulfil(order, actor=actor)
    assert error.value.message_dict['status'] == [f'{order.name} is rejected: it cannot be fulfilled']
    assert written(Order, GoodsDelivery) == before


def test_fulfilling_a_checkbook_order_delivers_the_checkbook_to_the_consumer(northwind, actor):
    order = checkbook_order(northwind, actor)
    services.approve(order, by=person('nina-park'), actor=actor)
    delivery = services.fulfil(order, at=instant('2025-03-05T10:00'),
                               items=[Item.objects.get(name='checkbook-0003')], actor=actor)
    assert isinstance(delivery, GoodsDelivery)
    assert Item.objects.get(name='checkbook-0003').owner.name == 'northwind-traders'
    order.refresh_from_db()
    assert order.status == 'fulfilled'


def test_fulfilling_a_card_replacement_order_requests_the_action_when_it_was_ordered(ben, actor):
    order = services.place_order(ben.relationship, person('ben-okoro'), subscription=ben,
                                 request_item=ben.offering.request_items.get(name='replace-card'), at=AT, actor=actor)
    action = services.fulfil(order, at=instant('2025-03-03T10:00'), actor=actor)
    assert isinstance(action, ActionInstance)
    assert (action.requested_at, action.due_at) == (AT, instant('2025-03-10T09:00'))


def test_fulfilling_an_access_order_grants_the_person_who_ordered(ben, actor):
    from accord.catalog.models import RequestItem

    element = ben.offering.elements.get(name='online-banking')
    RequestItem.objects.create(offering=ben.offering, name='online-banking-access', element=element)
    order = services.place_order(ben.relationship, person('ben-okoro'), subscription=ben,
                                 request_item=ben.offering.request_items.get(name='online-banking-access'), at=AT,
                                 actor=actor)
    grant = services.fulfil(order, at=AT, actor=actor)
    assert isinstance(grant, AccessGrant) and grant.grantee_person.name == 'ben-okoro'


def test_fulfilling_an_approved_order_for_an_offering_creates_the_subscription(northwind, actor):
    from accord.catalog.models import ServiceOffering
    from accord.parties.models import ConsumerGroup

    order = services.place_order(northwind.relationship, person('omar-haddad'),
                                 offering=ServiceOffering.objects.get(name='basic-savings'),
                                 group=ConsumerGroup.objects.get(name='everyday-customers'), at=AT, actor=actor)
    services.approve(order, by=person('nina-park'), actor=actor)
    subscription = services.fulfil(order, at=instant('2025-03-04T10:00'), actor=actor)
    assert (subscription.name, subscription.offering.name, str(subscription.start)) == (
        'northwind-traders-basic-savings', 'basic-savings', '2025-03-04')


def test_a_cancelled_order_cannot_be_fulfilled(ben, actor):
    order = services.place_order(ben.relationship, person('ben-okoro'), subscription=ben,
                                 request_item=ben.offering.request_items.get(name='replace-card'), at=AT, actor=actor)
    services.cancel(order, actor=actor)
    with pytest.raises(TransitionRefused):
        services.fulfil(order, actor=actor)
    assert not ActionInstance.objects.filter(requested_at=AT).exists()

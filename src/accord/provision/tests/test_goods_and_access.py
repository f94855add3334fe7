"""Goods change owner as they are delivered, never to be taken back; access is granted within the subscription's
term, revoked with a reason, converted into a good, and ended with its subscription.
"""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from accord.catalog.models import OfferingElement
from accord.provision import services
from accord.provision.models import AccessGrant, DeliveredItem, GoodsDelivery, OwnershipTransfer
from accord.provision.ownership import owner_at
from accord.provision.services import TransitionRefused
from accord.provision.tests.conftest import element, instant, person, written
from accord.relationships.services import end_subscription
from accord.resources.models import Item

AT = instant('2025-03-04T10:00')


def item(name: str) -> Item:
    return Item.objects.select_related('owner').get(name=name)


def test_a_delivered_item_changes_owner_in_the_same_transaction_with_its_transfer(ben, actor):
    delivery = services.deliver_goods(ben, element(ben, 'checkbook'), items=[item('checkbook-0003')], at=AT,
                                      actor=actor)
    assert item('checkbook-0003').owner.name == 'ben'
    (transfer,) = OwnershipTransfer.objects.filter(delivery=delivery)
    assert (transfer.delivery, transfer.from_owner.name, transfer.to_owner.name, transfer.at) == (
        delivery, 'firsttown-bank', 'ben', AT)
    assert owner_at(item('checkbook-0003'), instant('2025-03-01T00:00')).name == 'firsttown-bank'


def test_delivering_an_access_or_an_action_element_is_refused(ben, actor):
    before = written(GoodsDelivery, OwnershipTransfer)
    for name in ('debit-card', 'card-replacement'):
        with pytest.raises(ValidationError) as error:
            services.deliver_goods(ben, element(ben, name), quantity=1, at=AT, actor=actor)
        assert error.value.message_dict['element'][0].startswith(f'{name} is an a')
    assert written(GoodsDelivery, OwnershipTransfer) == before


def test_delivering_an_item_the_provider_does_not_own_is_refused(ben, actor):
    Item.objects.filter(name='checkbook-0003').update(owner=person('carla-diaz').member_of.get())
    before = written(GoodsDelivery, Item)
    with pytest.raises(ValidationError) as error:
        services.deliver_goods(ben, element(ben, 'checkbook'), items=[item('checkbook-0003')], at=AT, actor=actor)
    assert error.value.message_dict['items'] == ['checkbook-0003 is owned by carla, not by the provider firsttown-bank']
    assert written(GoodsDelivery, Item) == before and item('checkbook-0003').owner.name == 'carla'


def test_delivering_the_same_item_twice_is_refused_a_good_is_never_taken_back(ben, northwind, actor):
    services.deliver_goods(ben, element(ben, 'checkbook'), items=[item('checkbook-0003')], at=AT, actor=actor)
    before = written(GoodsDelivery, DeliveredItem, OwnershipTransfer)
    with pytest.raises(ValidationError) as error:
        services.deliver_goods(northwind, element(northwind, 'checkbook'), items=[item('checkbook-0003')],
                               at=instant('2025-03-05T10:00'), actor=actor)
    assert error.value.message_dict['items'] == [
        'checkbook-0003 has been delivered already: a delivered good is never taken back']
    assert written(GoodsDelivery, DeliveredItem, OwnershipTransfer) == before


def test_granting_a_good_element_is_refused(ben, actor):
    before = written(AccessGrant)
    with pytest.raises(ValidationError) as error:
        services.grant_access(ben, element(ben, 'checkbook'), person('ben-okoro'), valid_from=AT, actor=actor)
    assert error.value.message_dict['element'] == ['checkbook is a good element, not an access element']
    assert written(AccessGrant) == before


def test_a_grant_that_starts_before_or_ends_after_its_subscriptions_term_is_refused(ben, actor):
    before = written(AccessGrant)
    with pytest.raises(ValidationError) as early:
        services.grant_access(ben, element(ben, 'debit-card'), person('ben-okoro'),
                              valid_from=instant('2024-12-31T12:00'), actor=actor)
    assert 'the grant starts outside the term of ben-standard-checking' in early.value.message_dict['valid_from'][0]
    ben.end = ben.start.replace(month=3, day=31)
    ben.save()
    with pytest.raises(ValidationError) as late:
        services.grant_access(ben, element(ben, 'debit-card'), person('ben-okoro'), valid_from=AT,
                              valid_to=instant('2025-04-02T00:00'), actor=actor)
    assert late.value.message_dict['valid_to'] == [
        'the grant ends after ben-standard-checking ends at 2025-04-01T00:00:00+00:00']
    assert written(AccessGrant) == before


def test_a_grant_without_an_end_lasts_until_its_subscription_ends(ben, actor):
    grant = services.grant_access(ben, element(ben, 'debit-card'), person('ben-okoro'), valid_from=AT, actor=actor)
    assert grant.ends_at() is None
    ben.end = ben.start.replace(month=6, day=30)
    assert grant.ends_at() == instant('2025-07-01T00:00')


def test_ending_a_subscription_ends_its_open_grants_at_that_instant(ben, actor):
    open_grant = services.grant_access(ben, element(ben, 'debit-card'), person('ben-okoro'), valid_from=AT,
                                       actor=actor)
    short = services.grant_access(ben, element(ben, 'online-banking'), person('ben-okoro'), valid_from=AT,
                                  valid_to=instant('2025-03-10T00:00'), actor=actor)
    end_subscription(ben, at=instant('2025-03-20T15:00'), actor=actor)
    open_grant.refresh_from_db()
    short.refresh_from_db()
    assert open_grant.valid_to == instant('2025-03-20T15:00')
    assert short.valid_to == instant('2025-03-10T00:00')


def test_a_revocation_needs_a_reason_and_never_comes_before_the_grant_starts(ben, actor):
    grant = services.grant_access(ben, element(ben, 'debit-card'), person('ben-okoro'), valid_from=AT, actor=actor)
    before = written(AccessGrant)
    with pytest.raises(ValidationError) as early:
        services.revoke_access(grant, reason='lost', at=instant('2025-03-04T09:00'), actor=actor)
    assert early.value.message_dict['revoked_at'] == ['a grant cannot be revoked before it starts']
    with pytest.raises(ValidationError) as silent:
        services.revoke_access(grant, reason='  ', actor=actor)
    assert silent.value.message_dict['revoke_reason'] == ['a revocation gives its reason']
    assert written(AccessGrant) == before
    revoked = services.revoke_access(grant, reason='Card reported lost', at=instant('2025-03-12T08:00'), actor=actor)
    assert revoked.ends_at() == instant('2025-03-12T08:00')
    with pytest.raises(TransitionRefused):
        services.revoke_access(grant, reason='again', actor=actor)


@pytest.fixture
def keychain(ben):
    """An ATM keychain the consumer may keep for 6.00: a convertible access element covering the ATM fleet."""
    return OfferingElement.objects.create(offering=ben.offering, name='atm-keychain', kind='access',
                                          product=element(ben, 'own-atms').product,
                                          component=element(ben, 'own-atms').component,
                                          conversion_price=Decimal('6.00'), position=9)


def test_converting_a_granted_item_transfers_it_to_the_consumer(ben, keychain, actor):
    grant = services.grant_access(ben, keychain, person('ben-okoro'), item=item('atm-01'), valid_from=AT, actor=actor)
    services.convert_to_good(grant, at=instant('2025-03-06T10:00'), actor=actor)
    assert item('atm-01').owner.name == 'ben'
    (transfer,) = OwnershipTransfer.objects.filter(grant=grant)
    assert (transfer.reason, transfer.grant, transfer.at) == ('conversion', grant, instant('2025-03-06T10:00'))
    grant.refresh_from_db()
    assert grant.ends_at() == instant('2025-03-06T10:00')


def test_converting_an_element_that_is_not_convertible_is_refused(ben, actor):
    grant = services.grant_access(ben, element(ben, 'own-atms'), person('ben-okoro'), item=item('atm-02'),
                                  valid_from=AT, actor=actor)
    before = written(AccessGrant, OwnershipTransfer, Item)
    with pytest.raises(ValidationError) as error:
        services.convert_to_good(grant, actor=actor)
    assert error.value.message_dict['converted_at'] == ['own-atms is not convertible to a good']
    assert written(AccessGrant, OwnershipTransfer, Item) == before
    assert item('atm-02').owner.name == 'firsttown-bank'

"""Converting an access grant to a good in the console: the price shown first, the refusals said, never a 500."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from accord.catalog.models import OfferingElement
from accord.core.roles import Role
from accord.portal.tests.test_portal import consumer
from accord.provision import services
from accord.provision.models import AccessGrant, OwnershipTransfer
from accord.provision.tests.conftest import element, history_of, person, signed_in, written
from accord.resources.models import Item

pytestmark = pytest.mark.django_db


@pytest.fixture
def keychain(ben) -> OfferingElement:
    """An ATM keychain Ben may keep for 6.00: a convertible access element covering the ATM fleet."""
    return OfferingElement.objects.create(offering=ben.offering, name='atm-keychain', kind='access',
                                          product=element(ben, 'own-atms').product,
                                          component=element(ben, 'own-atms').component,
                                          conversion_price=Decimal('6.00'), position=9)


def grant(ben, actor, element_: OfferingElement, item: str = 'atm-01') -> AccessGrant:
    return services.grant_access(ben, element_, person('ben-okoro'), item=Item.objects.get(name=item),
                                 valid_from=timezone.now() - datetime.timedelta(days=1), actor=actor)


@pytest.fixture
def practitioner(client, bank):
    return signed_in(client, 'li-wei', Role.PRACTITIONER)


def owner(item: str) -> str:
    return Item.objects.get(name=item).owner.name


def test_the_page_shows_the_price_and_converting_makes_the_item_the_consumers(client, practitioner, ben, keychain,
                                                                              actor):
    kept = grant(ben, actor, keychain)
    assert f'href="/access-grants/{kept.name}/convert/"' in client.get(f'/access-grants/{kept.name}/').content.decode()
    page = client.get(f'/access-grants/{kept.name}/convert/')
    assert dict(page.context['summary'])['Conversion price'] == '$6.00'
    assert page.context['settled'] == ''
    response = client.post(f'/access-grants/{kept.name}/convert/')
    assert response.status_code == 302 and response['Location'] == f'/access-grants/{kept.name}/'
    kept.refresh_from_db()
    assert kept.converted_at is not None and owner('atm-01') == 'ben'
    assert OwnershipTransfer.objects.get(grant=kept).reason == 'conversion'
    assert history_of(kept)[-1] == ('update', 'ui', 'li-wei')
    assert '/convert/' not in client.get(f'/access-grants/{kept.name}/').content.decode()
    again = client.post(f'/access-grants/{kept.name}/convert/')
    assert again.status_code == 409 and f'{kept.name} was converted already' in again.content.decode()


def test_a_revoked_grant_is_not_converted_and_the_page_says_why(client, practitioner, ben, keychain, actor):
    revoked = services.revoke_access(grant(ben, actor, keychain), reason='Card lost', actor=actor)
    assert '/convert/' not in client.get(f'/access-grants/{revoked.name}/').content.decode()
    assert client.get(f'/access-grants/{revoked.name}/convert/').context['settled'].startswith(
        'This grant was revoked at ')
    before = written(AccessGrant, OwnershipTransfer, Item)
    refused = client.post(f'/access-grants/{revoked.name}/convert/')
    assert refused.status_code == 200
    (message,) = refused.context['form'].non_field_errors()
    assert message.startswith(f'{revoked.name} was revoked at ') and message.endswith(
        'a revoked grant is not converted to a good')
    assert written(AccessGrant, OwnershipTransfer, Item) == before and owner('atm-01') == 'firsttown-bank'


def test_a_grant_of_an_element_that_is_not_convertible_is_refused_clearly(client, practitioner, ben, actor):
    plain = grant(ben, actor, element(ben, 'own-atms'), 'atm-02')
    assert '/convert/' not in client.get(f'/access-grants/{plain.name}/').content.decode()
    page = client.get(f'/access-grants/{plain.name}/convert/')
    assert dict(page.context['summary'])['Conversion price'] == 'not convertible'
    assert page.context['settled'] == ('The element own-atms is not convertible to a good: its offering sets no '
                                       'conversion price.')
    refused = client.post(f'/access-grants/{plain.name}/convert/')
    assert refused.status_code == 200
    assert refused.context['form'].non_field_errors() == ['own-atms is not convertible to a good']
    assert owner('atm-02') == 'firsttown-bank'


def test_a_consumer_gets_404_and_an_auditor_403(client, ben, keychain, actor):
    kept = grant(ben, actor, keychain)
    client.force_login(consumer('ben-okoro'))
    assert client.get(f'/access-grants/{kept.name}/convert/').status_code == 404
    assert client.post(f'/access-grants/{kept.name}/convert/').status_code == 404
    signed_in(client, 'james-okafor', Role.AUDITOR)
    assert client.post(f'/access-grants/{kept.name}/convert/').status_code == 403
    assert owner('atm-01') == 'firsttown-bank'

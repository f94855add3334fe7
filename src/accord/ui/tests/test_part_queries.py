"""A form with owned parts opens in a constant number of queries, however many parts the object has."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accord.catalog.models import Product, ProductComponent
from accord.relationships.models import Agreement, AgreementTarget, Measurement
from accord.resources.models import Item, Resource

pytestmark = pytest.mark.django_db
FORMS = ['/agreements/sla-northwind-2025/edit/', '/resources/atm-fleet/edit/', '/products/atm-access/edit/']


def queries(client) -> list[int]:
    counts = []
    for address in FORMS:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(address).status_code == 200
        counts.append(len(captured.captured_queries))
    return counts


def test_twenty_more_targets_items_and_components_cost_no_query(admin_client, bank):
    queries(admin_client)  # what a first request caches (content types, the session)
    before = queries(admin_client)
    agreement, fleet = Agreement.objects.get(name='sla-northwind-2025'), Resource.objects.get(name='atm-fleet')
    product = Product.objects.get(name='atm-access')
    for index in range(20):
        target = AgreementTarget.objects.create(agreement=agreement, name=f'target-{index}', kind='operational',
                                                comparator='>=', value=index)
        Measurement.objects.create(target=target, period='2025-01', value=index)
        Item.objects.create(name=f'atm-spare-{index}', resource=fleet, owner=agreement.relationship.consumer)
        resource = Resource.objects.create(name=f'kiosk-{index}', organization=fleet.organization,
                                           dimension='information-and-technology', kind='facility')
        ProductComponent.objects.create(product=product, resource=resource, position=10 + index)
    assert queries(admin_client) == before

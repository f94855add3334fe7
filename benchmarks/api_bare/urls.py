"""Accord's URLs plus the bare view: ``/bench/offerings/`` answers the API's first page of offerings.

``/bench/offerings/`` is what Django alone costs for the same 50 rows: one query of the offerings'
own columns and their provider's name, as JSON, with no authentication, permission gate,
serializer, pagination count or nested parts. ``/bench/offerings-nested/`` adds what the API nests
in each offering (its services' and target groups' names, its elements with their product and
component, its usage charges and request items): the same content, read with ``values()`` (no
model instances) in six queries, still without authentication, gate or serializer.
"""

from collections import defaultdict

from django.http import JsonResponse
from django.urls import include, path

from accord.catalog.models import OfferingElement, RequestItem, ServiceOffering, UsageCharge

FIELDS = ('id', 'name', 'title', 'description', 'labels', 'provider__name', 'lifecycle', 'currency',
          'fee_amount', 'fee_per', 'waivers', 'value')


def offerings(request):
    rows = list(ServiceOffering.objects.order_by('name').values(*FIELDS)[:50])
    for row in rows:
        row['provider'] = row.pop('provider__name')
        row['fee_amount'] = None if row['fee_amount'] is None else str(row['fee_amount'])
    return JsonResponse({'count': len(rows), 'results': rows})


def _by_offering(rows, key: str = 'offering_id') -> dict:
    grouped = defaultdict(list)
    for row in rows:
        grouped[row.pop(key)].append(row)
    return grouped


def offerings_nested(request):
    rows = list(ServiceOffering.objects.order_by('name').values(*FIELDS)[:50])
    ids = [row['id'] for row in rows]
    through = ServiceOffering.services.through.objects.filter(serviceoffering_id__in=ids)
    services = _by_offering(through.order_by('service__name').values('serviceoffering_id', 'service__name'),
                            'serviceoffering_id')
    through = ServiceOffering.target_groups.through.objects.filter(serviceoffering_id__in=ids)
    groups = _by_offering(through.order_by('consumergroup__name').values('serviceoffering_id', 'consumergroup__name'),
                          'serviceoffering_id')
    elements = _by_offering(OfferingElement.objects.filter(offering_id__in=ids).order_by('position', 'id').values(
        'offering_id', 'name', 'kind', 'product__name', 'component__name', 'quantity', 'window_from',
        'window_to', 'conversion_price', 'trigger', 'performed_by', 'requires_consumer_presence',
        'target_duration_amount', 'target_duration_unit'))
    charges = _by_offering(UsageCharge.objects.filter(offering_id__in=ids).order_by('event').values(
        'offering_id', 'event', 'amount', 'allowance'))
    items = _by_offering(RequestItem.objects.filter(offering_id__in=ids).order_by('name').values(
        'offering_id', 'name', 'element__name'))
    for row in rows:
        pk = row['id']
        row['provider'] = row.pop('provider__name')
        row['services'] = [s['service__name'] for s in services[pk]]
        row['targetGroups'] = [g['consumergroup__name'] for g in groups[pk]]
        row['elements'] = elements[pk]
        row['usage'] = charges[pk]
        row['requestItems'] = items[pk]
    return JsonResponse({'count': len(rows), 'results': rows})


urlpatterns = [
    path('bench/offerings/', offerings),
    path('bench/offerings-nested/', offerings_nested),
    path('', include('accord.urls')),
]

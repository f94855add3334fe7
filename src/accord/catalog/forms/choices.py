"""What an offering's form offers to choose, by name: only what the writer may view, of the offering's provider
(of the providers they may add an offering for, when the offering is new)."""

from typing import Any

from django.db import models
from django.http import QueryDict

from accord.catalog.models import Product, Service, ServiceOffering
from accord.core.querysets import sees_all, staff_organizations
from accord.parties.models import ConsumerGroup, Organization

Choices = list[tuple[str, str]]


def named(queryset: models.QuerySet) -> Choices:
    return [(name, title or name) for name, title in queryset.order_by('name').values_list('name', 'title')]


def offering_choices(user: Any, offering: ServiceOffering | None, document: dict,
                     data: QueryDict | None = None) -> dict[str, Choices]:
    """The choices of each field of the form and its rows, by field name."""
    providers: set[int] | None = {offering.provider_id} if offering is not None else None
    if offering is None and not sees_all(user, ServiceOffering, 'add'):
        providers = staff_organizations(user, ServiceOffering, 'add')
    scope = {} if providers is None else {'provider_id__in': providers}
    offerings = ServiceOffering.objects.restrict(user, 'view')
    if offering is not None:
        offerings = offerings.exclude(pk=offering.pk)
    return {
        'provider': named(Organization.objects.restrict(user, 'view').filter(
            **({} if providers is None else {'pk__in': providers}))),
        'services': named(Service.objects.restrict(user, 'view').filter(**scope)),
        'target_groups': named(ConsumerGroup.objects.restrict(user, 'view').filter(**scope)),
        'product': named(Product.objects.restrict(user, 'view').filter(**scope)),
        'offering': named(offerings),
        'element': element_choices(document, data),
    }


def element_choices(document: dict, data: QueryDict | None) -> Choices:
    """The elements a request item may name: the offering's, and those named in the form as sent (a new one, a
    new name), so that a request item can name an element added or renamed in the same write."""
    names = [element['name'] for element in document.get('elements', [])]
    if data is not None:
        total = data.get('elements-TOTAL_FORMS', '')
        names += [data.get(f'elements-{index}-name', '')
                  for index in range(min(int(total), 1000) if total.isdigit() else 0)]
    return [(name, name) for name in dict.fromkeys(names) if name]

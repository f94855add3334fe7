"""The console's object addresses as a consumer reads them, in the portal's shell.

An offering of the consumer's groups, and their organization's relationships, subscriptions,
orders and agreements open at the console's address (``/service-relationships/NAME/``); the
``ConsumerAddresses`` middleware sends a consumer account here and answers 404 for every other
console page. Each page shows what the API shows the reader: the object is found through
``restrict(user, 'view')``; each reference is read through the kind's API serializer ("—" where
the API reads ``null``; the relationship's manager named, as the API names it); an offering's
products and components are those its group sees (R2-R4, as *My catalogue*); a reference links
only to the pages a consumer opens.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.views.decorators.http import require_safe
from rest_framework.serializers import Serializer

from accord.analysis.catalogue import catalogue_view
from accord.catalog.api.serializers import ServiceOfferingSerializer
from accord.catalog.models import ServiceOffering
from accord.catalog.views import VALUE_HEADINGS, price_plan
from accord.parties.models import ConsumerGroup
from accord.portal.holdings import held
from accord.provision.api.serializers import OrderSerializer
from accord.provision.models import Order
from accord.relationships.api.serializers import (
    AgreementSerializer,
    ServiceRelationshipSerializer,
    SubscriptionSerializer,
)
from accord.relationships.models import Agreement, ServiceRelationship, Subscription
from accord.ui.routes import object_url, route_of
from accord.ui.values import EMPTY, Visibility, label, link, money


@dataclass(frozen=True)
class ConsumerPage:
    """One kind a consumer opens: its model, its API serializer, the fields of the representation shown as properties
    (the owned parts are shown by ``sections``, with the rest of the page)."""

    model: type[models.Model]
    serializer: type[Serializer]
    fields: tuple[str, ...]
    sections: Callable[[Any, Any], dict] = lambda user, obj: {}


def opens_for_consumers(obj: Any) -> bool:
    """Whether ``obj`` is of a kind whose page a consumer opens (a link to any other kind would answer 404)."""
    return route_of(type(obj)) in PAGES


def consumer_link(obj: Any) -> str:
    """A link to the object's page when a consumer opens it, else its label."""
    if obj is None:
        return EMPTY
    return link(obj) if opens_for_consumers(obj) else label(obj)


@require_safe
def object_page(request: HttpRequest, route: str, name: str) -> HttpResponse:
    """The page of the object ``name`` of the kind at ``route``; 404 for what the reader may not view."""
    page = PAGES[route]
    obj = page.model.objects.restrict(request.user, 'view').filter(name=name).first()
    if obj is None:
        raise Http404(f'No {page.model._meta.verbose_name} named {name!r} that you may view.')
    context = {'object': obj, 'kind': page.model._meta.verbose_name,
               'properties': properties(request, obj, page), **page.sections(request.user, obj)}
    return render(request, 'portal/object.html', context)


def properties(request: HttpRequest, obj: models.Model, page: ConsumerPage) -> list[tuple[str, Any]]:
    """The page's fields in words, each reference read through the kind's API serializer: an object the API names
    (linked when a consumer opens its page), "—" where it reads ``null``; choices by label, money with its currency."""
    api = {field.source: field for field in page.serializer(obj, context={'request': request}).fields.values()}
    rows = []
    for name in page.fields:
        field = obj._meta.get_field(name)
        if field.is_relation:
            found = api[name].get_attribute(obj)
            shown = list(found) if field.many_to_many else [found] if found is not None else []
            value = format_html_join(', ', '{}', ((consumer_link(item),) for item in shown)) if shown else EMPTY
        elif field.choices:
            value = getattr(obj, f'get_{name}_display')() or EMPTY
        elif isinstance(field, models.DecimalField):
            value = money(getattr(obj, name), getattr(obj, 'currency', ''))
        else:
            value = getattr(obj, name)
            value = EMPTY if value in (None, '') else value
        rows.append((field.verbose_name, value))
    return rows


def offering_card(user: Any, offering: ServiceOffering, includes: list[tuple[str, list[dict]]],
                  titles: dict[str, str] | None = None) -> dict:
    """An offering as *My catalogue* shows it: description, what it includes (per heading, the products and the
    component labels a group sees), the price plan in words, the value statement, the request items."""
    return {'name': offering.name, 'title': offering.display_title, 'description': offering.description,
            'url': object_url(offering), 'includes': includes, 'price_plan': price_plan(user, offering, titles),
            'value': [(heading, offering.value.get(key)) for key, heading in VALUE_HEADINGS
                      if offering.value.get(key)],
            'request_items': sorted(offering.request_items.all(), key=lambda item: item.name)}


def _offering(user: Any, offering: ServiceOffering) -> dict:
    """The catalogue entry, with the products each of the reader's groups it targets sees (none for an offering
    they only subscribe to, outside their groups' catalogue)."""
    includes = []
    for group in ConsumerGroup.objects.restrict(user).filter(offerings=offering).order_by('name'):
        entry = next((e for e in catalogue_view(group.name)['offerings'] if e['name'] == offering.name), None)
        if entry is not None:
            includes.append((f'What it includes for {group.display_title}', entry['products']))
    return {'offering': offering_card(user, offering, includes),
            'related': [('Our subscriptions to it', _visible(user, Subscription, offering=offering))]}


def _relationship(user: Any, relationship: ServiceRelationship) -> dict:
    visibility = Visibility(user)
    roles = list(relationship.roles.select_related('person').order_by('role', 'person__name'))
    visibility.load(role.person for role in roles)
    return {'roles': [(role.person, role.get_role_display()) for role in roles if visibility.sees(role.person)],
            'related': [('Subscriptions', _visible(user, Subscription, relationship=relationship)),
                        ('Agreements', _visible(user, Agreement, relationship=relationship)),
                        ('Orders', _visible(user, Order, relationship=relationship))]}


def _subscription(user: Any, subscription: Subscription) -> dict:
    return {'held': held(user, [subscription])[0],
            'related': [('Agreements', _visible(user, Agreement, subscriptions=subscription)),
                        ('Orders', _visible(user, Order, subscription=subscription))]}


def _agreement(user: Any, agreement: Agreement) -> dict:
    return {'targets': list(agreement.targets.prefetch_related('measurements').order_by('position', 'id'))}


def _order(user: Any, order: Order) -> dict:
    """The order's page in *Requests*, where its people follow, cancel or decide it."""
    follow = format_html('<a href="{}">{}</a>', reverse('portal:order', args=[order.name]), label(order))
    return {'related': [('Follow it in Requests', [follow])]}


def _visible(user: Any, model: type[models.Model], **lookup: Any) -> list:
    """Links to the objects of ``model`` matching ``lookup`` that the reader may view."""
    return [link(obj) for obj in model.objects.restrict(user).filter(**lookup).order_by('name')]


PAGES = {
    # An offering's services are the provider's: its API representation names none to a consumer.
    'service-offerings': ConsumerPage(ServiceOffering, ServiceOfferingSerializer, ('provider', 'target_groups',
                                                                                   'lifecycle'), _offering),
    'service-relationships': ConsumerPage(ServiceRelationship, ServiceRelationshipSerializer,
                                          ('provider', 'consumer', 'type', 'status', 'manager'), _relationship),
    'subscriptions': ConsumerPage(Subscription, SubscriptionSerializer, ('relationship', 'offering', 'group', 'start',
                                                                         'end', 'quantity', 'status', 'realizes'),
                                  _subscription),
    'agreements': ConsumerPage(Agreement, AgreementSerializer, ('relationship', 'kind', 'subscriptions',
                                                                'effective_from', 'effective_to'), _agreement),
    'orders': ConsumerPage(Order, OrderSerializer, ('relationship', 'requested_by', 'at', 'subscription',
                                                    'request_item', 'offering', 'group', 'status', 'decided_by',
                                                    'decided_at'), _order),
}

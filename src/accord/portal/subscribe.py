"""Order a new subscription from My catalogue: an offering of my group that my organization does not hold yet.

Ordering a subscription commits the organization, so only a person holding the *customer* role in the active
relationship with the offering's provider sees the button, and the POST refuses anyone else. The order is
placed through ``accord.provision.services.place_order``; it awaits a sponsor's approval (any new
subscription does), then the provider fulfils it in its work queue, which creates the subscription.
An offering or a group that is not one of mine is 404, as everywhere in the portal.
"""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from accord.analysis.catalogue import catalogue_view
from accord.catalog.models import ServiceOffering
from accord.core.choices import ChangeSource
from accord.core.querysets import consumer_organizations
from accord.core.services import Actor
from accord.parties.models import ConsumerGroup, Person
from accord.portal.standing import standing
from accord.portal.views import catalogue_page, consumer_page
from accord.provision import services
from accord.provision.models import Order
from accord.relationships.choices import ConsumerRoleKind
from accord.relationships.models import ServiceRelationship


def _offered(request: HttpRequest, name: str) -> tuple[ServiceOffering, ConsumerGroup]:
    """The offering, as offered to the posted group of mine: 404 for anything else."""
    group = ConsumerGroup.objects.restrict(request.user).filter(name=request.POST.get('group', '')).first()
    offering = ServiceOffering.objects.restrict(request.user).filter(name=name).first()
    if group is None or offering is None or name not in {
            entry['name'] for entry in catalogue_view(group.name)['offerings']}:
        raise Http404('No such offering in your catalogue.')
    return offering, group


def _refusal(offering: ServiceOffering, towards: dict[str, Any]) -> tuple[str, int]:
    """Why the reader may not order the offering now, and the status: held or on order 409, not a customer 403."""
    if towards.get('held'):
        return f'Your organization already subscribes to {offering.display_title}.', 409
    if towards.get('ordered'):
        order = towards['ordered']
        return (f'{offering.display_title} is on order already ({order.display_title}, '
                f'{order.get_status_display().lower()}): follow it in Requests.'), 409
    return (f'Only a customer of your organization may order a new subscription to {offering.display_title}: '
            'ask the person who holds the customer role in your relationship with the provider.'), 403


@require_POST
@consumer_page
def order_offering(request: HttpRequest, name: str) -> HttpResponse:
    """A customer orders a new subscription to an offering of their group; it then shows in Requests."""
    offering, group = _offered(request, name)
    towards = standing(request.user).towards(offering)
    relationship = towards.get('relationship')
    if relationship is None:
        message, status = _refusal(offering, towards)
        return catalogue_page(request, refused=(offering.name, message), status=status)
    person = Person.objects.get(pk=consumer_organizations(request.user)[1])
    try:
        order = services.place_order(relationship, person, offering=offering, group=group,
                                     actor=Actor(user=request.user, source=ChangeSource.UI))
    except ValidationError as refused:
        return catalogue_page(request, refused=(offering.name, ' '.join(refused.messages)), status=200)
    messages.success(request, _placed(order, relationship))
    return redirect('portal:requests')


def _placed(order: Order, relationship: ServiceRelationship) -> str:
    """What happens next, in words: a sponsor approves, then the provider sets the subscription up."""
    said = f'{order.offering.display_title} ordered for {order.group.display_title if order.group else "you"}; '
    if not relationship.roles.filter(role=ConsumerRoleKind.SPONSOR).exists():
        return said + (f"it awaits a sponsor's approval, and nobody sponsors {relationship.display_title} yet: "
                       f'ask {relationship.provider.display_title} to name your sponsor.')
    return said + f"it awaits a sponsor's approval, then {relationship.provider.display_title} sets it up."

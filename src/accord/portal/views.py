"""The consumer's journeys across apps: what my groups are offered and what my organization holds.

Every page starts from ``restrict(user, 'view')``, as the API and the console do, and is for
consumer accounts only (``is_consumer_only``): staff visiting the portal are sent to the console's
home, a visitor who is not signed in to the sign-in page.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from accord.analysis.catalogue import catalogue_view
from accord.catalog.models import RequestItem, ServiceOffering
from accord.catalog.views import waiver_titles
from accord.core.querysets import is_consumer_only
from accord.parties.models import ConsumerGroup
from accord.portal import holdings as held
from accord.portal.objects import offering_card
from accord.portal.standing import standing


def consumer_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Only consumer accounts read the portal: the anonymous sign in first, staff go to the console."""
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), reverse('ui:login'))
        if not is_consumer_only(request.user):
            return redirect('ui:home')
        return view(request, *args, **kwargs)
    return wrapped


@consumer_page
def catalogue(request: HttpRequest) -> HttpResponse:
    """My catalogue: each of my groups' live offerings as the group sees them, with price, value, requests."""
    return catalogue_page(request)


def catalogue_page(request: HttpRequest, refused: tuple[str, str] | None = None, status: int = 200) -> HttpResponse:
    """My catalogue, with beside each offering where we stand (held, on order, orderable) and a refusal if any.

    ``refused`` is an offering's name and why ordering it was refused: the page shows it in that offering.
    """
    groups = list(ConsumerGroup.objects.restrict(request.user).order_by('name'))
    views = [(group, catalogue_view(group.name)['offerings']) for group in groups]
    names = {entry['name'] for _group, entries in views for entry in entries}
    offerings = {o.name: o for o in ServiceOffering.objects.restrict(request.user).filter(name__in=names)
                 .prefetch_related('usage_charges', Prefetch('request_items', RequestItem.objects.order_by('name')))}
    stands = standing(request.user)
    titles = waiver_titles(request.user, offerings.values())
    sections = [(group, [{**offering_card(request.user, offerings[entry['name']],
                                          [('What it includes', entry['products'])], titles),
                          **stands.towards(offerings[entry['name']])}
                         for entry in entries if entry['name'] in offerings]) for group, entries in views]
    return render(request, 'portal/catalogue.html', {'sections': sections, 'refused': refused}, status=status)


@consumer_page
def holdings(request: HttpRequest) -> HttpResponse:
    """What we have: my organization's relationships, and per subscription its goods, access and actions."""
    return render(request, 'portal/holdings.html', held.holdings(request.user))

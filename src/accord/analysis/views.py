"""The console's question pages: the same parameters as ``/api/v1/questions/...``, answered as pages.

The parameters are read with the analysis' own readers (``parse_source``, ``parse_instant``); every
object named is looked up through ``restrict(user, 'view')``, and one the reader may not view reads
exactly as one that does not exist. Every object an answer lists is filtered the same way.
"""

from typing import Any
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path, reverse_lazy

from accord.analysis.catalogue import PARAMETERS as CATALOGUE
from accord.analysis.catalogue import component_reason
from accord.analysis.impact import PARAMETERS as IMPACT
from accord.analysis.impact import impact
from accord.analysis.page_parameters import asked, read_query
from accord.analysis.pictures import layered_picture
from accord.analysis.quote_page import quote_page
from accord.analysis.relationship_pages import agreement_page, health_page
from accord.catalog.choices import Lifecycle
from accord.catalog.models import ComponentView, Product, ProductComponent, ServiceOffering
from accord.parties.models import ConsumerGroup, Organization
from accord.relationships.models import Subscription
from accord.resources.models import Resource
from accord.ui.values import Visibility

signed_in = login_required(login_url=reverse_lazy('ui:login'))


@signed_in
def catalogue(request: HttpRequest) -> HttpResponse:
    """View as group: the group's catalogue as its members see it, and why each product and component shows."""
    groups = ConsumerGroup.objects.restrict(request.user).order_by('name')
    context: dict[str, Any] = {'groups': groups, 'chosen': request.GET.get('group', '')}
    if asked(request, CATALOGUE):
        values, context['errors'] = read_query(request, CATALOGUE)
        if values is not None:
            group = groups.filter(name=values['group']).first()
            if group is None:
                context['errors'] = [f'group: unknown consumer group {values["group"]!r}']
            else:
                context.update(group=group, offerings=explained_catalogue(request.user, group))
    return render(request, 'questions/catalogue.html', context)


def explained_catalogue(user: Any, group: ConsumerGroup) -> list[dict]:
    """Each live offering for the group, each product it uses shown or hidden, each component with its rule."""
    views = Prefetch('views', queryset=ComponentView.objects.filter(group=group), to_attr='group_views')
    components = ProductComponent.objects.select_related('resource').prefetch_related(views)
    products = Product.objects.prefetch_related('hidden_from', Prefetch('components', components))
    offerings = ServiceOffering.objects.restrict(user).filter(lifecycle=Lifecycle.LIVE, target_groups=group).order_by(
        'name').prefetch_related(Prefetch('services__products', products), Prefetch('elements__product', products))
    answer = []
    visibility = Visibility(user)
    for offering in offerings:
        used = {p.pk: p for s in offering.services.all() for p in s.products.all()}
        used.update({e.product.pk: e.product for e in offering.elements.all()})
        rows = []
        for product in sorted(visibility.only(used.values()), key=lambda p: p.name):
            if group in product.hidden_from.all():
                rows.append({'product': product, 'shown': False, 'components': [],
                             'reason': f'hidden: hiddenFrom names {group.display_title}'})
                continue
            visibility.load(c.resource for c in product.components.all())
            components = [(c, c.resource if visibility.sees(c.resource) else None,
                           *component_reason(c, c.group_views)) for c in product.components.all()]
            rows.append({'product': product, 'shown': True, 'components': components,
                         'reason': 'shown: not in hiddenFrom, and an offering for the group uses it'})
        answer.append({'offering': offering, 'products': rows})
    return answer


@signed_in
def impact_page(request: HttpRequest) -> HttpResponse:
    """What fails when an organization or resource fails: the walk to the end consumers, as a picture and tables."""
    context: dict[str, Any] = {'source': request.GET.get('source', ''), 'at': request.GET.get('at', ''),
                               'show_all': request.GET.get('all') == '1'}
    if asked(request, IMPACT):
        values, context['errors'] = read_query(request, IMPACT, ignore=('all',))
        if values is not None:
            kind, name = values['source']
            model = Organization if kind == 'organization' else Resource
            source = model.objects.restrict(request.user).filter(name=name).first()
            if source is None:
                context['errors'] = [f'source: unknown {kind} {name!r}']
            else:
                context.update(walk(request, source, values.get('at')))
    return render(request, 'questions/impact.html', context)


def walk(request: HttpRequest, source: Organization | Resource, at: Any) -> dict[str, Any]:
    """The impact of ``source`` failing, as the reader may see it: consumers, the picture, offerings, subscriptions."""
    result = impact(source, at)
    visible = set(Organization.objects.restrict(request.user).filter(
        name__in=list(result.consumers)).values_list('name', flat=True))
    consumers = {name: depth for name, depth in result.consumers.items() if name in visible}
    more_url = '?' + urlencode({**request.GET.dict(), 'all': '1'})
    return {
        'result': result, 'consumers': sorted(consumers.items(), key=lambda item: (item[1], item[0])),
        'picture': layered_picture(source.display_title, consumers, show_all=request.GET.get('all') == '1',
                                   more_url=more_url),
        'offerings': _visible(ServiceOffering, request.user, result.offerings),
        'subscriptions': _visible(Subscription, request.user, result.subscriptions),
    }


def _visible(model: type, user: Any, names: list[str]) -> list:
    return list(model.objects.restrict(user).filter(name__in=names).order_by('name'))


urlpatterns = [
    path('questions/catalogue/', catalogue, name='question-catalogue'),
    path('questions/impact/', impact_page, name='question-impact'),
    path('questions/quote/', signed_in(quote_page), name='question-quote'),
    path('questions/agreement/', signed_in(agreement_page), name='question-agreement'),
    path('questions/health/', signed_in(health_page), name='question-health'),
]

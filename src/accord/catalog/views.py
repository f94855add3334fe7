"""The console's pages of products, services and service offerings.

An offering's page reads like the catalogue entry it is: its elements grouped as goods, access and
actions; its price plan with the waiver in words; its value statement; the groups it targets.
"""

from collections.abc import Iterable
from typing import Any

from django.db.models import Prefetch
from django.http import HttpRequest

from accord.catalog import pricing
from accord.catalog.choices import ElementKind
from accord.catalog.filtersets import ProductFilterSet, ServiceFilterSet, ServiceOfferingFilterSet
from accord.catalog.models import (
    ComponentView,
    OfferingElement,
    Product,
    ProductComponent,
    Service,
    ServiceOffering,
)
from accord.ui.details import ObjectDetailView, attributes, referrers
from accord.ui.lists import Column, ObjectListView
from accord.ui.values import Visibility, money

VALUE_HEADINGS = (
    ('outcomes', 'Outcomes'), ('costsRemoved', 'Costs removed'), ('costsAdded', 'Costs added'),
    ('risksRemoved', 'Risks removed'), ('risksAdded', 'Risks added'),
)


class ProductList(ObjectListView):
    model = Product
    queryset = Product.objects.select_related('provider').prefetch_related('hidden_from')
    filterset_class = ProductFilterSet
    columns = (Column('Provider', 'provider', sort='provider__name'), Column('Hidden from', 'hidden_from'))


class ServiceList(ObjectListView):
    model = Service
    queryset = Service.objects.select_related('provider', 'owner').prefetch_related('products')
    filterset_class = ServiceFilterSet
    columns = (
        Column('Provider', 'provider', sort='provider__name'),
        Column('Owner', 'owner', sort='owner__name'),
        Column('Lifecycle', 'lifecycle', sort='lifecycle'),
        Column('Products', 'products'),
    )


class ServiceOfferingList(ObjectListView):
    model = ServiceOffering
    queryset = ServiceOffering.objects.select_related('provider').prefetch_related('target_groups')
    filterset_class = ServiceOfferingFilterSet
    columns = (
        Column('Provider', 'provider', sort='provider__name'),
        Column('Lifecycle', 'lifecycle', sort='lifecycle'),
        Column('Fee', 'fee_amount', sort='fee_amount', kind='money'),
        Column('Per', 'fee_per', sort='fee_per'),
        Column('Target groups', 'target_groups'),
    )


class ProductDetail(ObjectDetailView):
    model = Product
    template_name = 'catalog/product_detail.html'
    queryset = Product.objects.select_related('provider').prefetch_related(
        'hidden_from',
        Prefetch('components', ProductComponent.objects.select_related('resource').prefetch_related(
            Prefetch('views', ComponentView.objects.select_related('group')))),
    )

    def extra_context(self, request: HttpRequest, obj: Product) -> dict[str, Any]:
        """Each component with its resource and the groups' views, each named only if the reader may view it."""
        visibility = Visibility(request.user)
        components = list(obj.components.all())
        visibility.load([c.resource for c in components] + [v.group for c in components for v in c.views.all()])
        rows = [(c, c.resource if visibility.sees(c.resource) else None,
                 [v for v in c.views.all() if visibility.sees(v.group)]) for c in components]
        return {'attributes': attributes(obj, request.user), 'referrers': referrers(request.user, obj),
                'components': rows}


class ServiceOfferingDetail(ObjectDetailView):
    model = ServiceOffering
    template_name = 'catalog/offering_detail.html'
    queryset = ServiceOffering.objects.select_related('provider').prefetch_related(
        'services', 'target_groups', 'usage_charges', 'request_items__element',
        Prefetch('elements', OfferingElement.objects.select_related('product', 'component')),
    )

    def extra_context(self, request: HttpRequest, obj: ServiceOffering) -> dict[str, Any]:
        visibility = Visibility(request.user)
        elements = list(obj.elements.all())
        visibility.load([e.product for e in elements] + [e.component for e in elements if e.component])
        rows = [(e, e.product if visibility.sees(e.product) else None,
                 e.component if e.component and visibility.sees(e.component) else None) for e in elements]
        groups = [(label, [row for row in rows if row[0].kind == kind]) for kind, label in (
            (ElementKind.GOOD, 'Goods'), (ElementKind.ACCESS, 'Access to resources'),
            (ElementKind.ACTION, 'Service actions'))]
        return {
            'attributes': attributes(obj, request.user), 'referrers': referrers(request.user, obj),
            'element_groups': [(label, found) for label, found in groups if found],
            'services': visibility.only(obj.services.all()), 'target_groups': visibility.only(obj.target_groups.all()),
            'price_plan': price_plan(request.user, obj),
            'value': [(heading, obj.value.get(key) or []) for key, heading in VALUE_HEADINGS if obj.value.get(key)],
        }


def waiver_titles(user: Any, offerings: Iterable[ServiceOffering]) -> dict[str, str]:
    """The titles of the offerings the waivers of ``offerings`` name, among those ``user`` may view (one query)."""
    names = {name for offering in offerings if offering.waivers for name in pricing.check_condition(offering.waivers)}
    if not names:
        return {}
    return {o.name: o.title or o.name for o in ServiceOffering.objects.restrict(user).filter(name__in=names)}


def price_plan(user: Any, offering: ServiceOffering, titles: dict[str, str] | None = None) -> list[tuple[str, str]]:
    """The price plan as (what, how much) lines: the fee, its waiver in words, each usage charge.

    ``titles``: the waivers' offerings the reader may view (``waiver_titles``), read here when not given.
    """
    lines = []
    currency = offering.currency
    if offering.fee_amount is not None:
        lines.append(('Fee', f'{money(offering.fee_amount, currency)} per {offering.get_fee_per_display().lower()}'))
    if offering.waivers:
        titles = waiver_titles(user, [offering]) if titles is None else titles
        lines.append(('Waived', f'waived with {pricing.describe(offering.waivers, titles, offering.fee_per)}'))
    for charge in offering.usage_charges.all():
        included = f', the first {charge.allowance} included' if charge.allowance else ''
        lines.append((charge.event.replace('-', ' ').capitalize(), f'{money(charge.amount, currency)} each{included}'))
    return lines

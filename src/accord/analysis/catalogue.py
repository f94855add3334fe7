"""Catalogue view: what one consumer group sees of its provider's offerings (R1 to R4).

Consumers see live offerings by name, the products those offerings use by name, and of each
product only the components made visible to them, under the label chosen for their group.
Everything else (suppliers behind a product, the fraud engine, the hosting) stays hidden.
"""

from operator import itemgetter

from django.db.models import Prefetch

from accord.analysis.parameters import Parameter, Parameters
from accord.catalog.choices import ComponentVisibility, Lifecycle
from accord.catalog.models import ComponentView, OfferingElement, Product, ProductComponent, ServiceOffering
from accord.core.suggestions import did_you_mean
from accord.parties.models import ConsumerGroup
from accord.resources.choices import ResourceKind

PARAMETERS = Parameters(Parameter('group', 'The consumer group, by name.', required=True))


class CatalogueError(Exception):
    """A catalogue view asked for a group that does not exist."""


def catalogue_view(group: str) -> dict:
    """The catalogue of consumer group ``group``, as ``accord catalogue`` answers it.

    Runs the same number of queries however many offerings, products and components there are.
    """
    try:
        consumer_group = ConsumerGroup.objects.get(name=group)
    except ConsumerGroup.DoesNotExist:
        known = ConsumerGroup.objects.values_list('name', flat=True)
        raise CatalogueError(f'unknown consumer group {group!r}{did_you_mean(group, known)}') from None
    offerings = list(
        ServiceOffering.objects.filter(lifecycle=Lifecycle.LIVE, target_groups=consumer_group)
        .order_by('name')
        .only('id', 'name', 'title')
        .prefetch_related(
            Prefetch('services__products', queryset=Product.objects.only('id')),
            Prefetch('elements', queryset=OfferingElement.objects.only('id', 'offering_id', 'product_id')),
        )
    )
    used = {
        offering.pk: {p.pk for s in offering.services.all() for p in s.products.all()}
        | {e.product_id for e in offering.elements.all()}
        for offering in offerings
    }
    products = _visible_products(set().union(*used.values()), consumer_group)
    return {
        'group': consumer_group.name,
        'offerings': [
            {
                'name': offering.name,
                'title': offering.display_title,
                'products': sorted(
                    (products[pk] for pk in used[offering.pk] if pk in products), key=itemgetter('name')
                ),
            }
            for offering in offerings
        ],
    }


def _visible_products(ids: set[int], group: ConsumerGroup) -> dict[int, dict]:
    """R2: the products not hidden from the group, each with the labels of its visible components."""
    views = Prefetch('views', queryset=ComponentView.objects.filter(group=group), to_attr='group_views')
    components = Prefetch(
        'components', queryset=ProductComponent.objects.select_related('resource').prefetch_related(views)
    )
    found = Product.objects.filter(pk__in=ids).exclude(hidden_from=group).prefetch_related(components)
    return {
        product.pk: {
            'name': product.name,
            'title': product.display_title,
            'components': sorted(
                label for label in (component_label(c, c.group_views) for c in product.components.all()) if label
            ),
        }
        for product in found
    }


def component_label(component: ProductComponent, group_views: list[ComponentView]) -> str | None:
    """What a group sees of one component, or None when it is hidden from the group."""
    return component_reason(component, group_views)[0]


def component_reason(component: ProductComponent, group_views: list[ComponentView]) -> tuple[str | None, str]:
    """What a group sees of one component (None when hidden) and the rule that decides it.

    R3: a view naming the group shows it (with the view's label, else the resource's title);
    otherwise ``visibility: visible`` shows it to every group that sees the product. R4: a
    supplied-service component shows only through a view naming the group.
    """
    if group_views:
        label = group_views[0].label
        return label or component.resource.display_title, (
            f'shown: a views entry names the group{f" with the label {label!r}" if label else ""}')
    if component.resource.kind == ResourceKind.SUPPLIED_SERVICE:
        return None, 'hidden: a supplied service is kept hidden unless a views entry names the group'
    if component.visibility == ComponentVisibility.VISIBLE:
        return component.resource.display_title, (
            'shown: visibility: visible shows it to every group that sees the product')
    return None, 'hidden: components are hidden unless visibility: visible or a views entry names the group'

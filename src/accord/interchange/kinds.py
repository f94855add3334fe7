"""The kinds of the catalogue format, in the order of catalog-format.md's table: each maps a
document's spec to a model through its fields, and names what ``read`` needs prefetched.
"""

from collections.abc import Iterator
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

from django.db import models
from django.db.models import Prefetch

from accord.api.shapes import MISSING, Field, Reference
from accord.catalog.api.parts import Components, Elements, Pricing, RequestItems, ValueStatement
from accord.catalog.models import (
    ComponentView,
    OfferingElement,
    Product,
    ProductComponent,
    RequestItem,
    Service,
    ServiceOffering,
)
from accord.core.decimals import canonical_decimal
from accord.interchange.fields import DateValue, InstantValue, Ref, RefList, Value
from accord.interchange.parts import Dependencies
from accord.interchange.provision_parts import (
    Conversion,
    DeliveredItems,
    Grantee,
    ItemRef,
    OfferingPartRef,
    SubscriptionRef,
    UnitPrice,
)
from accord.parties.models import ConsumerGroup, Organization, Person
from accord.practices.models import Practice, PracticeAssignment
from accord.provision.models import (
    AccessGrant,
    ActionInstance,
    CapacitySlot,
    ConsumptionEvent,
    DeliveredItem,
    GoodsDelivery,
    Order,
    PeriodFact,
    Reservation,
)
from accord.relationships.api.parts import Factors, Roles, Targets
from accord.relationships.models import (
    Agreement,
    ConsumerRole,
    Feedback,
    RelationshipReview,
    ServiceRelationship,
    Subscription,
    ValueReview,
)
from accord.resources.api.parts import Capacity, Items
from accord.resources.models import Item, Resource

API_VERSION = 'accord/v1'


class Kind:
    """How documents of one kind are read from, written to and exported from the database."""

    def __init__(
        self,
        name: str,
        model: type[models.Model],
        fields: list[Field],
        *,
        select: tuple[str, ...] = (),
        prefetch: tuple[str | models.Prefetch, ...] = (),
        parent_key: str | None = None,
    ):
        self.name = name
        self.model = model
        self.fields = fields
        self.select = select
        self.prefetch = prefetch
        self.parent_key = parent_key

    def __repr__(self) -> str:
        return f'<Kind {self.name}>'

    def queryset(self) -> models.QuerySet:
        return self.model.objects.select_related(*self.select).prefetch_related(*self.prefetch)

    def normalize(self, spec: dict) -> dict:
        canonical = {}
        for field in self.fields:
            if field.key in spec:
                value = field.normalize_in(spec[field.key], spec)
                if value is not MISSING:
                    canonical[field.key] = value
        return canonical

    def read(self, obj: models.Model) -> dict:
        canonical = {}
        for field in self.fields:
            value = field.read(obj)
            if value is not MISSING:
                canonical[field.key] = value
        return canonical

    def references(self, spec: dict) -> Iterator[Reference]:
        for field in self.fields:
            if field.key in spec:
                for path, kind, name in field.references(spec[field.key]):
                    yield ('spec', *path), kind, name

    def attr_paths(self) -> dict[str, tuple]:
        paths = {'name': ('metadata', 'name'), 'title': ('metadata', 'title'),
                 'description': ('metadata', 'description'), 'labels': ('metadata', 'labels')}
        for field in self.fields:
            paths.update({attr: ('spec', *path) for attr, path in field.attr_paths().items()})
        return paths


def _with(lookup: str, model: type[models.Model], *related: str) -> Prefetch:
    """Prefetch owned parts joined to what they point to: one query, never an OR of many ids (Django #36116)."""
    return Prefetch(lookup, model.objects.select_related(*related))


class PracticeRef(Ref):
    """A practice by its name or a former name ("change-control" is change enablement)."""

    def __init__(self):
        super().__init__('practice', 'Practice')

    def normalize(self, value: Any) -> Any:
        """The practice's current name, so that a file using an alias is unchanged on re-apply."""
        try:
            return Practice.objects.get_by_name_or_alias(value).name
        except Practice.DoesNotExist:
            return value


KINDS: list[Kind] = [
    Kind('Organization', Organization, [
        Value('kind', default='legal-entity'),
        Ref('parent', 'Organization'),
        Value('external', default=False),
    ], select=('parent',), parent_key='parent'),
    Kind('Person', Person, [
        RefList('memberOf', 'Organization', 'member_of'),
        Value('email'),
    ], prefetch=('member_of',)),
    Kind('ConsumerGroup', ConsumerGroup, [
        Ref('provider', 'Organization'),
        Value('eligibility'),
        RefList('members', 'Organization'),
    ], select=('provider',), prefetch=('members',)),
    Kind('Resource', Resource, [
        Ref('organization', 'Organization'),
        Value('dimension'),
        Value('kind'),
        Dependencies(),
        Capacity(),
        Items(),
    ], select=('organization',), prefetch=('depends_on', _with('items', Item, 'owner'))),
    Kind('Product', Product, [
        Ref('provider', 'Organization'),
        Components(),
        RefList('hiddenFrom', 'ConsumerGroup', 'hidden_from'),
    ], select=('provider',), prefetch=(
        Prefetch('components', ProductComponent.objects.select_related('resource').prefetch_related(
            _with('views', ComponentView, 'group'))),
        'hidden_from',
    )),
    Kind('Service', Service, [
        Ref('provider', 'Organization'),
        Ref('owner', 'Person'),
        RefList('products', 'Product'),
        Value('lifecycle', default='live'),
    ], select=('provider', 'owner'), prefetch=('products',)),
    Kind('ServiceOffering', ServiceOffering, [
        Ref('provider', 'Organization'),
        RefList('services', 'Service'),
        RefList('targetGroups', 'ConsumerGroup', 'target_groups'),
        Value('lifecycle', default='live'),
        Elements(),
        Pricing(),
        ValueStatement(),
        RequestItems(),
    ], select=('provider',), prefetch=(
        'services', 'target_groups', 'usage_charges', _with('elements', OfferingElement, 'product', 'component'),
        _with('request_items', RequestItem, 'element'),
    )),
    Kind('ServiceRelationship', ServiceRelationship, [
        Ref('provider', 'Organization'),
        Ref('consumer', 'Organization'),
        Value('type', default='basic'),
        Value('status', default='active'),
        Ref('manager', 'Person'),
        Roles(),
    ], select=('provider', 'consumer', 'manager'), prefetch=(_with('roles', ConsumerRole, 'person'),)),
    Kind('Subscription', Subscription, [
        Ref('relationship', 'ServiceRelationship'),
        Ref('offering', 'ServiceOffering'),
        Ref('group', 'ConsumerGroup'),
        DateValue('start'),
        DateValue('end'),
        Value('quantity', default=1),
        Value('status', default='active'),
        Ref('realizes', 'Resource'),
    ], select=('relationship', 'offering', 'group', 'realizes')),
    Kind('Agreement', Agreement, [
        Ref('relationship', 'ServiceRelationship'),
        Value('kind'),
        RefList('subscriptions', 'Subscription'),
        DateValue('effectiveFrom', 'effective_from'),
        DateValue('effectiveTo', 'effective_to'),
        Targets(),
    ], select=('relationship',), prefetch=('subscriptions', 'targets__measurements')),
    Kind('PracticeAssignment', PracticeAssignment, [
        Ref('organization', 'Organization'),
        PracticeRef(),
        Ref('person', 'Person'),
        Value('role'),
        DateValue('from', 'valid_from'),
        DateValue('to', 'valid_to'),
    ], select=('organization', 'practice', 'person')),
    Kind('Feedback', Feedback, [
        Ref('relationship', 'ServiceRelationship'),
        Ref('person', 'Person'),
        InstantValue('at'),
        Value('score'),
        Value('comment'),
    ], select=('relationship', 'person')),
    Kind('ValueReview', ValueReview, [
        Ref('relationship', 'ServiceRelationship'),
        Value('period'),
        Ref('assessedBy', 'Person', 'assessed_by'),
        Value('overall'),
        Factors(),
    ], select=('relationship', 'assessed_by'), prefetch=('factors',)),
    Kind('RelationshipReview', RelationshipReview, [
        Ref('relationship', 'ServiceRelationship'),
        InstantValue('at'),
        RefList('attendees', 'Person'),
        Value('notes'),
        Value('actions', default=[], normalize=list, empty=[]),
    ], select=('relationship',), prefetch=('attendees',)),
    # The records of provision and consumption, in the order of the format's second table.
    Kind('Order', Order, [
        Ref('relationship', 'ServiceRelationship'),
        Ref('requestedBy', 'Person', 'requested_by'),
        InstantValue('at'),
        Ref('subscription', 'Subscription'),
        OfferingPartRef('requestItem', 'request_item', 'request_items', 'request item'),
        Ref('offering', 'ServiceOffering'),
        Ref('group', 'ConsumerGroup'),
        Value('status', default='submitted'),
        Ref('decidedBy', 'Person', 'decided_by'),
        InstantValue('decidedAt', 'decided_at'),
        Value('decisionComment', 'decision_comment'),
    ], select=('relationship', 'requested_by', 'subscription__offering', 'request_item', 'offering', 'group',
               'decided_by')),
    Kind('GoodsDelivery', GoodsDelivery, [
        SubscriptionRef(),
        OfferingPartRef('element', 'element', 'elements', 'element'),
        DeliveredItems(),
        Value('quantity', empty=None),
        InstantValue('at'),
    ], select=('subscription__relationship', 'subscription__offering', 'element'),
        prefetch=(_with('delivered_items', DeliveredItem, 'item'),)),
    Kind('AccessGrant', AccessGrant, [
        SubscriptionRef(),
        OfferingPartRef('element', 'element', 'elements', 'element'),
        Grantee(),
        ItemRef('item'),
        InstantValue('validFrom', 'valid_from'),
        InstantValue('validTo', 'valid_to'),
        InstantValue('revokedAt', 'revoked_at'),
        Value('revokeReason', 'revoke_reason'),
        Conversion(),
    ], select=('subscription__relationship', 'subscription__offering', 'element', 'grantee_person',
               'grantee_organization', 'item')),
    Kind('ActionInstance', ActionInstance, [
        SubscriptionRef(),
        OfferingPartRef('element', 'element', 'elements', 'element'),
        Ref('requestedBy', 'Person', 'requested_by'),
        InstantValue('requestedAt', 'requested_at'),
        InstantValue('startedAt', 'started_at'),
        InstantValue('completedAt', 'completed_at'),
        RefList('performers', 'Person'),
        Value('consumerPresent', 'consumer_present', default=False),
        Value('quality', empty=None),
    ], select=('subscription__relationship', 'subscription__offering', 'element', 'requested_by'),
        prefetch=('performers',)),
    Kind('ConsumptionEvent', ConsumptionEvent, [
        Ref('subscription', 'Subscription'),
        Value('event'),
        InstantValue('at'),
        Value('quantity', default=1),
        Value('attributes', default={}, normalize=lambda value: dict(sorted(value.items())), empty={}),
    ], select=('subscription',)),
    Kind('CapacitySlot', CapacitySlot, [
        Ref('resource', 'Resource'),
        InstantValue('start'),
        InstantValue('end'),
        Value('capacity', empty=None),
        UnitPrice(),
        Value('currency'),
    ], select=('resource',)),
    Kind('Reservation', Reservation, [
        Ref('slot', 'CapacitySlot'),
        Ref('subscription', 'Subscription'),
        Value('units', default=1),
        InstantValue('at'),
    ], select=('slot', 'subscription')),
    Kind('PeriodFact', PeriodFact, [
        Ref('subscription', 'Subscription'),
        Value('period'),
        Value('name', 'fact'),
        Value('value', normalize=canonical_decimal, to_model=Decimal, empty=None),
    ], select=('subscription',)),
]

KINDS_BY_NAME: dict[str, Kind] = {kind.name: kind for kind in KINDS}
KIND_ORDER: dict[str, int] = {kind.name: index for index, kind in enumerate(KINDS)}


def read_metadata(obj: models.Model) -> dict:
    metadata: dict[str, Any] = {'name': obj.name}
    if obj.title:
        metadata['title'] = obj.title
    if obj.description:
        metadata['description'] = obj.description
    if obj.labels:
        metadata['labels'] = dict(sorted(obj.labels.items()))
    return metadata


def normalize_metadata(metadata: dict) -> dict:
    return read_metadata(SimpleNamespace(  # a namespace, not a class per document: 20 times cheaper
        name=metadata['name'], title=metadata.get('title', ''),
        description=metadata.get('description', ''), labels=metadata.get('labels') or {},
    ))


def document(kind: Kind, metadata: dict, spec: dict) -> dict:
    """A whole document in canonical form (key order fixed)."""
    return {'apiVersion': API_VERSION, 'kind': kind.name, 'metadata': metadata, 'spec': spec}


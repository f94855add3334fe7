"""Endpoints of the provision records, their lifecycle actions, and the request catalogue of the signed-in person.

Records the verbs make are created with POST and never edited or deleted: they change only through their
actions (``POST /orders/ID/approve/``, ``/access-grants/ID/revoke/``...), which call the same verbs as the CLI
and the web app. A move the record's state does not allow (approving twice, fulfilling a rejected order)
answers 409; any other refusal 400, with messages by field. Facts (consumption events, period facts, capacity
slots) are written like any named model.
"""

import datetime
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models, transaction
from django.db.models import Prefetch
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response

from accord.api.views import (
    ERRORS,
    FIELD_ERRORS,
    ErrorsAutoSchema,
    ModelPermission,
    NamedModelViewSet,
    refusals_answered,
)
from accord.catalog.models import RequestItem
from accord.core.guards import check_in_reach
from accord.core.querysets import consumer_organizations
from accord.parties.models import Person
from accord.provision import services
from accord.provision.api import serializers as shapes
from accord.provision.filtersets import (
    AccessGrantFilterSet,
    ActionInstanceFilterSet,
    CapacitySlotFilterSet,
    ConsumptionEventFilterSet,
    GoodsDeliveryFilterSet,
    OrderFilterSet,
    OwnershipTransferFilterSet,
    PeriodFactFilterSet,
    ReservationFilterSet,
)
from accord.provision.models import (
    AccessGrant,
    ActionInstance,
    CapacitySlot,
    ConsumptionEvent,
    DeliveredItem,
    GoodsDelivery,
    Order,
    OwnershipTransfer,
    PeriodFact,
    Reservation,
)
from accord.relationships.models import Subscription
from accord.relationships.models.subscriptions import active_on

CONFLICT = ('The record is not in a state that allows this now (approved already, rejected, revoked).',
            FIELD_ERRORS)
TRANSITION_ERRORS = (400, 401, 403, 404, 406, 409, 413, 415)


class RecordSchema(ErrorsAutoSchema):
    """The error answers of a record's endpoint: a lifecycle action may also answer 409 with messages by field."""

    def _get_response_bodies(self, direction: str = 'response') -> dict:
        if getattr(self.view, 'action', None) not in getattr(self.view, 'transitions', ()):
            return super()._get_response_bodies(direction)
        responses = super(ErrorsAutoSchema, self)._get_response_bodies(direction)
        for code in TRANSITION_ERRORS:
            description, schema = CONFLICT if code == 409 else ERRORS[code]
            responses.setdefault(str(code), {'description': description,
                                             'content': {'application/json': {'schema': schema}}})
        return responses


class RecordViewSet(NamedModelViewSet):
    """List, get and create (through a verb) a record that changes only through its lifecycle actions."""

    http_method_names = ['get', 'post', 'head', 'options']
    schema = RecordSchema()
    # Lifecycle actions and the permission each needs on the record (``view``: the verb decides who may).
    transitions: dict[str, str] = {}

    @property
    def permission_action(self) -> str:
        return self.transitions.get(self.action) or super().permission_action

    def transition(self, request: Request, body: type[serializers.Serializer], verb: Any) -> Response:
        """Parse the action's body, run the verb on the locked record, answer the record as it is now."""
        record = self.get_object()
        parsed = body(data=request.data, context=self.get_serializer_context())
        parsed.is_valid(raise_exception=True)
        try:
            with transaction.atomic():
                verb(record, parsed.validated_data, shapes.api_actor(request))
        except services.TransitionRefused as error:
            return Response(error.message_dict, status=status.HTTP_409_CONFLICT)
        except DjangoValidationError as error:
            raise serializers.ValidationError(self.get_serializer().api_errors(error)) from None
        self._etag_object = self.get_queryset().model.objects.get(pk=record.pk)
        return Response(self.get_serializer(self._etag_object).data)


def _person(request: Request) -> Person:
    """The signed-in user's person: who approves, rejects or cancels in their own name."""
    person = Person.objects.filter(user=request.user).first()
    if person is None:
        raise PermissionDenied('Only a person of the consumer may do this: your account is linked to none.')
    return person


class OrderPermission(ModelPermission):
    """A consumer's person may place orders (the verb checks their role in the relationship); staff as usual."""

    def has_permission(self, request: Request, view: Any) -> bool:
        if view.action == 'create' and request.user.is_authenticated and Person.objects.filter(
                user=request.user).exists():
            return True
        return super().has_permission(request, view)


class OrderViewSet(RecordViewSet):
    queryset = Order.objects.select_related('relationship', 'requested_by', 'subscription__offering',
                                            'request_item', 'offering', 'group', 'decided_by')
    serializer_class = shapes.OrderSerializer
    filterset_class = OrderFilterSet
    permission_classes = [OrderPermission]
    transitions = {'approve': 'view', 'reject': 'view', 'cancel': 'view', 'fulfil': 'change'}

    def perform_create(self, serializer: Any) -> None:
        with refusals_answered(), transaction.atomic():
            self._etag_object = serializer.save()
            check_in_reach(self._etag_object, self.request.user, 'view')

    @extend_schema(request=shapes.DecisionSerializer, responses=shapes.OrderSerializer)
    @action(detail=True, methods=['post'])
    def approve(self, request: Request, pk: str) -> Response:
        """A sponsor of the relationship approves the order, in their own name, with an optional comment."""
        by = _person(request)
        return self.transition(request, shapes.DecisionSerializer, lambda order, data, actor: services.approve(
            order, by=by, at=data.get('at'), comment=data['comment'], actor=actor))

    @extend_schema(request=shapes.DecisionSerializer, responses=shapes.OrderSerializer)
    @action(detail=True, methods=['post'])
    def reject(self, request: Request, pk: str) -> Response:
        """A sponsor of the relationship rejects the order, in their own name, with an optional comment."""
        by = _person(request)
        return self.transition(request, shapes.DecisionSerializer, lambda order, data, actor: services.reject(
            order, by=by, at=data.get('at'), comment=data['comment'], actor=actor))

    @extend_schema(request=shapes.WhenSerializer, responses=shapes.OrderSerializer)
    @action(detail=True, methods=['post'])
    def cancel(self, request: Request, pk: str) -> Response:
        """The person who ordered, or the provider's staff, withdraw an order not yet fulfilled."""
        order = self.get_object()
        may_change = Order.objects.restrict(request.user, 'change').filter(pk=order.pk).exists()
        if not may_change and order.requested_by.user_id != request.user.pk:
            raise PermissionDenied('Only the person who ordered, or the provider, may cancel this order.')
        return self.transition(request, shapes.WhenSerializer,
                               lambda order, data, actor: services.cancel(order, actor=actor))

    @extend_schema(request=shapes.FulfilSerializer, responses=shapes.OrderSerializer)
    @action(detail=True, methods=['post'])
    def fulfil(self, request: Request, pk: str) -> Response:
        """The provider does what the order asks: the subscription, delivery, grant or action is created."""
        return self.transition(request, shapes.FulfilSerializer, lambda order, data, actor: services.fulfil(
            order, at=data.get('at'), items=data.get('items', []), actor=actor))


class GoodsDeliveryViewSet(RecordViewSet):
    queryset = GoodsDelivery.objects.select_related('subscription', 'element').prefetch_related(
        Prefetch('delivered_items', DeliveredItem.objects.select_related('item')), 'items')
    serializer_class = shapes.GoodsDeliverySerializer
    filterset_class = GoodsDeliveryFilterSet


class OwnershipTransferViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """The ownership history of items: read only, derived from deliveries and conversions."""

    queryset = OwnershipTransfer.objects.select_related('item', 'from_owner', 'to_owner', 'delivery', 'grant')
    serializer_class = shapes.OwnershipTransferSerializer
    filterset_class = OwnershipTransferFilterSet
    schema = ErrorsAutoSchema()
    permission_classes = [ModelPermission]
    filter_backends = NamedModelViewSet.filter_backends[:1] + NamedModelViewSet.filter_backends[2:]
    ordering_fields = ['at', 'id']
    ordering = ['item__name', 'at', 'id']

    def get_queryset(self) -> models.QuerySet:
        return super().get_queryset().restrict(self.request.user, 'view')


class AccessGrantViewSet(RecordViewSet):
    queryset = AccessGrant.objects.select_related('subscription', 'element', 'grantee_person',
                                                  'grantee_organization', 'item')
    serializer_class = shapes.AccessGrantSerializer
    filterset_class = AccessGrantFilterSet
    transitions = {'revoke': 'change', 'convert': 'change'}

    @extend_schema(request=shapes.RevokeSerializer, responses=shapes.AccessGrantSerializer)
    @action(detail=True, methods=['post'])
    def revoke(self, request: Request, pk: str) -> Response:
        """End the grant now (or at ``at``), with a reason."""
        return self.transition(request, shapes.RevokeSerializer, lambda grant, data, actor: services.revoke_access(
            grant, reason=data['reason'], at=data.get('at'), actor=actor))

    @extend_schema(request=shapes.WhenSerializer, responses=shapes.AccessGrantSerializer)
    @action(detail=True, methods=['post'])
    def convert(self, request: Request, pk: str) -> Response:
        """The consumer keeps the granted item: it changes owner, at the element's conversion price."""
        return self.transition(request, shapes.WhenSerializer, lambda grant, data, actor: services.convert_to_good(
            grant, at=data.get('at'), actor=actor))


class ActionInstanceViewSet(RecordViewSet):
    queryset = ActionInstance.objects.select_related('subscription', 'element', 'requested_by').prefetch_related(
        'performers')
    serializer_class = shapes.ActionInstanceSerializer
    filterset_class = ActionInstanceFilterSet
    transitions = {'start': 'change', 'complete': 'change'}

    @extend_schema(request=shapes.StartSerializer, responses=shapes.ActionInstanceSerializer)
    @action(detail=True, methods=['post'])
    def start(self, request: Request, pk: str) -> Response:
        """The work begins, by these performers."""
        return self.transition(request, shapes.StartSerializer, lambda action, data, actor: services.start_action(
            action, at=data.get('at'), performers=data.get('performers', []), actor=actor))

    @extend_schema(request=shapes.CompleteSerializer, responses=shapes.ActionInstanceSerializer)
    @action(detail=True, methods=['post'])
    def complete(self, request: Request, pk: str) -> Response:
        """The work is done: by whom, with the consumer present or not, and how well (1 to 5)."""
        return self.transition(request, shapes.CompleteSerializer, lambda action, data, actor: services.complete_action(
            action, at=data.get('at'), performers=data.get('performers', []),
            consumer_present=data.get('consumer_present'), quality=data.get('quality'), actor=actor))


class ReservationViewSet(RecordViewSet):
    queryset = Reservation.objects.select_related('slot', 'subscription')
    serializer_class = shapes.ReservationSerializer
    filterset_class = ReservationFilterSet


class ConsumptionEventViewSet(NamedModelViewSet):
    queryset = ConsumptionEvent.objects.select_related('subscription')
    serializer_class = shapes.ConsumptionEventSerializer
    filterset_class = ConsumptionEventFilterSet
    ordering_fields = ['name', 'id', 'at']


class PeriodFactViewSet(NamedModelViewSet):
    queryset = PeriodFact.objects.select_related('subscription')
    serializer_class = shapes.PeriodFactSerializer
    filterset_class = PeriodFactFilterSet


class CapacitySlotViewSet(NamedModelViewSet):
    queryset = CapacitySlot.objects.select_related('resource')
    serializer_class = shapes.CapacitySlotSerializer
    filterset_class = CapacitySlotFilterSet
    ordering_fields = ['name', 'id', 'start']


class RequestCatalogueViewSet(viewsets.GenericViewSet):
    """What the signed-in person may request: per subscription their organization actively holds today, the
    request items of its offering (R5). An entry's id is its subscription's; entries are sorted by subscription,
    request items by name.
    """

    schema = ErrorsAutoSchema()
    serializer_class = shapes.RequestCatalogueSerializer
    filter_backends: list = []

    def get_queryset(self) -> models.QuerySet:
        if getattr(self, 'swagger_fake_view', False):  # drf-spectacular reads the model, for no user
            return Subscription.objects.none()
        organizations, _person_id = consumer_organizations(self.request.user)
        return Subscription.objects.filter(
            active_on(datetime.date.today()), relationship__consumer__in=organizations,
        ).select_related('relationship', 'offering').prefetch_related(
            Prefetch('offering__request_items', RequestItem.objects.select_related('element').order_by('name')),
        ).order_by('name', 'pk')

    @staticmethod
    def entry(subscription: Subscription) -> dict:
        return {
            'id': subscription.pk, 'subscription': subscription.name, 'relationship': subscription.relationship.name,
            'offering': subscription.offering.name,
            'items': [{'name': item.name, 'title': item.title or item.name, 'element': item.element.name,
                       'kind': item.element.kind, 'approval': item.approval}
                      for item in subscription.offering.request_items.all()],
        }

    def list(self, request: Request) -> Response:
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(self.get_serializer([self.entry(s) for s in page], many=True).data)

    @extend_schema(parameters=[OpenApiParameter('id', int, OpenApiParameter.PATH,
                                                description="The subscription's id.")])
    def retrieve(self, request: Request, pk: str) -> Response:
        return Response(self.get_serializer(self.entry(self.get_object())).data)

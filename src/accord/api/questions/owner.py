"""``/api/v1/questions/owner/``: ``accord owner``, for an item the user may see.

A consumer sees the items their organization owns or was ever handed (a delivery, a conversion); staff see
their organization's items and those it owns.
"""

from django.db.models import Q
from drf_spectacular.utils import OpenApiExample, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from accord.analysis.ownership import PARAMETERS, ownership
from accord.api.questions.base import ObjectNotFound, QuestionView, errors, query_parameters
from accord.core.querysets import consumer_organizations
from accord.resources.models import Item

OWNER_ANSWER = inline_serializer('OwnerAnswer', {
    'item': serializers.CharField(),
    'at': serializers.DateTimeField(allow_null=True, help_text='The instant asked about; null for now.'),
    'owner': serializers.CharField(help_text='The owning organization then.'),
    'history': inline_serializer('OwnershipTransferAnswer', {
        'at': serializers.DateTimeField(),
        'from': serializers.CharField(),
        'to': serializers.CharField(),
        'reason': serializers.ChoiceField(choices=['delivery', 'conversion']),
        'record': serializers.CharField(help_text='`GoodsDelivery:NAME` or `AccessGrant:NAME`: what caused it.'),
    }, many=True, help_text='Every transfer of the item, in time order (beyond the contract).'),
})


def visible_items(user) -> 'Q':
    """Items the gate shows ``user``, and those their organizations own or were handed."""
    organizations, _person = consumer_organizations(user)
    return (Q(pk__in=Item.objects.restrict(user, 'view').values('pk')) | Q(owner__in=organizations)
            | Q(ownership_transfers__to_owner__in=organizations))


class OwnerView(QuestionView):
    parameters = PARAMETERS

    @extend_schema(
        operation_id='question_owner',
        summary='Owner of an item',
        description='Who owns the item at the instant, and its ownership history (`accord owner`).',
        parameters=query_parameters(PARAMETERS),
        responses={200: OWNER_ANSWER, **errors({'at': ["'2025-03-04' has no UTC offset (add one, e.g. +01:00 or Z)"]},
                                               {'item': ["unknown item 'checkbook-9999'"]})},
        examples=[OpenApiExample('A delivered checkbook', response_only=True, value={
            'item': 'checkbook-0001', 'at': None, 'owner': 'ben', 'history': [
                {'at': '2025-03-04T10:00:00+00:00', 'from': 'firsttown-bank', 'to': 'ben', 'reason': 'delivery',
                 'record': 'GoodsDelivery:ben-checkbook'}]})],
        tags=['questions'],
    )
    def get(self, request: Request) -> Response:
        params = self.read(request)
        item = Item.objects.filter(visible_items(request.user), name=params['item']).select_related('owner').first()
        if item is None:
            raise ObjectNotFound('item', f'unknown item {params["item"]!r}')
        return Response(ownership(item, params.get('at')))

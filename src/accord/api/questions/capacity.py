"""``/api/v1/questions/capacity/`` and ``/api/v1/questions/characteristics/``: the provider's own measures.

Capacity is asked of a resource the user may see (its organization's staff); characteristics of an offering the
user may see, by staff only: they measure the provider's work (performers, lost revenue), which no consumer
sees, so a consumer gets 404 as for an offering that does not exist.
"""

from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from accord.analysis import capacity as capacity_question
from accord.analysis import characteristics as characteristics_question
from accord.api.questions.base import ObjectNotFound, QuestionView, bad_parameter, errors, query_parameters
from accord.catalog.models import ServiceOffering
from accord.core.querysets import is_consumer_only
from accord.resources.models import Resource

SLOT = {
    'slot': serializers.CharField(),
    'start': serializers.DateTimeField(),
    'end': serializers.DateTimeField(),
    'capacity': serializers.IntegerField(),
    'used': serializers.IntegerField(help_text='Units reserved.'),
    'perished': serializers.IntegerField(help_text='Units unused once the slot ended (0 while it is open).'),
    'utilization': serializers.CharField(help_text='Used over capacity, two decimals.'),
    'unrealizedRevenue': serializers.CharField(allow_null=True, help_text='Perished units at the unit price.'),
    'currency': serializers.CharField(allow_null=True),
}
CAPACITY_ANSWER = inline_serializer('CapacityAnswer', {
    'resource': serializers.CharField(),
    'slots': inline_serializer('CapacitySlotFigures', SLOT, many=True),
})
FIGURE = {'allow_null': True, 'help_text': 'Two decimals; null without data.'}
SPREAD = {
    'actions': serializers.IntegerField(),
    'meanMinutes': serializers.CharField(**FIGURE),
    'stdevMinutes': serializers.CharField(allow_null=True, help_text='Sample standard deviation; null below two.'),
    'cv': serializers.CharField(allow_null=True, help_text='Coefficient of variation: stdev over mean.'),
}
CHARACTERISTICS_ANSWER = inline_serializer('CharacteristicsAnswer', {
    'offering': serializers.CharField(),
    'from': serializers.DateField(allow_null=True),
    'to': serializers.DateField(allow_null=True),
    'intangibility': inline_serializer('Intangibility', {
        'goodsShare': serializers.CharField(**FIGURE), 'elements': serializers.IntegerField(),
        'goods': serializers.IntegerField(), 'access': serializers.IntegerField(),
        'actions': serializers.IntegerField()}),
    'heterogeneity': inline_serializer('Heterogeneity', {**SPREAD, 'perPerformer': inline_serializer(
        'PerformerSpread', {'performer': serializers.CharField(), **SPREAD}, many=True)}),
    'inseparability': inline_serializer('Inseparability', {
        'presenceShare': serializers.CharField(**FIGURE), 'actionElements': serializers.IntegerField(),
        'requiringPresence': serializers.IntegerField(), 'actions': serializers.IntegerField(),
        'consumerPresent': serializers.IntegerField(), 'consumerPresentShare': serializers.CharField(**FIGURE)}),
    'perishability': inline_serializer('Perishability', {
        'slots': serializers.IntegerField(), 'capacity': serializers.IntegerField(),
        'used': serializers.IntegerField(), 'perished': serializers.IntegerField(),
        'utilization': serializers.CharField(**FIGURE),
        'unrealizedRevenue': serializers.DictField(child=serializers.CharField(), help_text='By currency.'),
        'resources': serializers.IntegerField(help_text='Resources the offering’s elements cover.')}),
})


class CapacityView(QuestionView):
    parameters = capacity_question.PARAMETERS

    @extend_schema(
        operation_id='question_capacity',
        summary='Capacity of a resource',
        description='Per slot overlapping the span: capacity, used, perished, utilization and unrealized revenue '
        '(`accord capacity`).',
        parameters=query_parameters(capacity_question.PARAMETERS),
        responses={200: CAPACITY_ANSWER, **errors({'to': ['the span ends at ..., not after it starts at ...']},
                                                  {'resource': ["unknown resource 'atm-flet'"]})},
        tags=['questions'],
    )
    def get(self, request: Request) -> Response:
        params = self.read(request)
        resource = self.find(Resource, params['resource'], 'resource', 'resource')
        try:
            return Response(capacity_question.capacity(resource.name, params['from'], params['to']))
        except capacity_question.CapacityError as error:
            raise bad_parameter(error.parameter, str(error)) from None


class CharacteristicsView(QuestionView):
    parameters = characteristics_question.PARAMETERS

    @extend_schema(
        operation_id='question_characteristics',
        summary='Service characteristics of an offering',
        description='Intangibility, heterogeneity, inseparability and perishability measured, each with its '
        'inputs (`accord characteristics`). Staff only: a consumer gets 404.',
        parameters=query_parameters(characteristics_question.PARAMETERS),
        responses={200: CHARACTERISTICS_ANSWER, **errors({'from': ['day is out of range for month']},
                                                         {'offering': ["unknown offering 'gold-checking'"]})},
        tags=['questions'],
    )
    def get(self, request: Request) -> Response:
        params = self.read(request)
        if is_consumer_only(request.user):
            raise ObjectNotFound('offering', f'unknown offering {params["offering"]!r}')
        offering = self.find(ServiceOffering, params['offering'], 'offering', 'offering')
        try:
            return Response(characteristics_question.characteristics(offering.name, params.get('from'),
                                                                     params.get('to')))
        except characteristics_question.CharacteristicsError as error:
            raise bad_parameter(error.parameter, str(error)) from None

"""``/api/v1/questions/health/``: ``accord health``, for a relationship the user may see."""

from drf_spectacular.utils import OpenApiExample, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from accord.analysis.health import PARAMETERS, HealthError, relationship_health
from accord.api.questions.base import QuestionView, bad_parameter, errors, query_parameters
from accord.relationships.models import ServiceRelationship

HEALTH_ANSWER = inline_serializer('HealthAnswer', {
    'relationship': serializers.CharField(),
    'period': serializers.CharField(),
    'score': serializers.CharField(help_text='Two decimals, rounded half-up.'),
    'band': serializers.ChoiceField(choices=['healthy', 'watch', 'at-risk']),
    'components': inline_serializer('HealthComponents', {
        'satisfaction': serializers.CharField(allow_null=True),
        'targets': serializers.CharField(allow_null=True),
        'value': serializers.CharField(allow_null=True),
        'engagement': serializers.CharField(),
    }),
})


class HealthView(QuestionView):
    parameters = PARAMETERS

    @extend_schema(
        operation_id='question_health',
        summary='Relationship health for a month',
        description='The health score, its band and its four components (`accord health`).',
        parameters=query_parameters(PARAMETERS),
        responses={200: HEALTH_ANSWER, **errors(
            {'period': ['This field is required.']},
            {'relationship': ["unknown relationship 'nobody-nowhere'"]},
        )},
        examples=[OpenApiExample('Northwind Traders', response_only=True, value={
            'relationship': 'firsttown-bank-northwind-traders', 'period': '2025-03', 'score': '0.35',
            'band': 'at-risk',
            'components': {'satisfaction': '0.38', 'targets': '0.00', 'value': '0.50', 'engagement': '1.00'},
        })],
        tags=['questions'],
    )
    def get(self, request: Request) -> Response:
        params = self.read(request)
        relationship = self.find(ServiceRelationship, params['relationship'], 'relationship', 'relationship')
        try:
            return Response(relationship_health(relationship, params['period']))
        except HealthError as error:
            raise bad_parameter('period', str(error)) from None

"""``/api/v1/questions/agreement/``: ``accord agreement``, for an agreement the user may see."""

from drf_spectacular.utils import OpenApiExample, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from accord.analysis.agreements import PARAMETERS, AgreementError, agreement_status
from accord.api.questions.base import QuestionView, StatusField, bad_parameter, errors, query_parameters
from accord.relationships.models import Agreement

AGREEMENT_ANSWER = inline_serializer('AgreementAnswer', {
    'agreement': serializers.CharField(),
    'period': serializers.CharField(),
    'targets': inline_serializer('AgreementTargetStatus', {
        'name': serializers.CharField(),
        'kind': serializers.ChoiceField(choices=['operational', 'experience', 'outcome']),
        'comparator': serializers.CharField(),
        'value': serializers.CharField(help_text='As recorded.'),
        'actual': serializers.CharField(allow_null=True, help_text='The period’s measurement; null if none.'),
        'met': serializers.BooleanField(allow_null=True, help_text='Null when not measured.'),
    }, many=True),
    'operationalStatus': StatusField(allow_null=True, help_text='Over measured operational targets.'),
    'overallStatus': StatusField(allow_null=True, help_text='Over every measured target.'),
    'watermelon': serializers.BooleanField(),
})


class AgreementView(QuestionView):
    parameters = PARAMETERS

    @extend_schema(
        operation_id='question_agreement',
        summary='Agreement status for a month',
        description='Per target met or missed, operational-only and overall status, and the watermelon flag '
        '(`accord agreement`).',
        parameters=query_parameters(PARAMETERS),
        responses={200: AGREEMENT_ANSWER, **errors(
            {'period': ["'2025-13' is not a period YYYY-MM"]},
            {'agreement': ["unknown agreement 'sla-nowhere'"]},
        )},
        examples=[OpenApiExample('A watermelon', response_only=True, value={
            'agreement': 'sla-northwind-2025', 'period': '2025-03',
            'targets': [{'name': 'customer-satisfaction', 'kind': 'experience', 'comparator': '>=', 'value': '4',
                         'actual': '3.2', 'met': False}],
            'operationalStatus': 'green', 'overallStatus': 'red', 'watermelon': True,
        })],
        tags=['questions'],
    )
    def get(self, request: Request) -> Response:
        params = self.read(request)
        agreement = self.find(Agreement, params['agreement'], 'agreement', 'agreement')
        try:
            return Response(agreement_status(agreement, params['period']))
        except AgreementError as error:
            raise bad_parameter('period', str(error)) from None

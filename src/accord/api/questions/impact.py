"""``/api/v1/questions/impact/``: ``accord impact``, listing only what the user may see."""

from drf_spectacular.utils import OpenApiExample, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from accord.analysis.impact import PARAMETERS, ImpactError, impact
from accord.api.questions.base import QuestionView, bad_parameter, errors, names, query_parameters
from accord.catalog.models import Product, Service, ServiceOffering
from accord.parties.models import Organization
from accord.relationships.models import Subscription
from accord.resources.models import Resource

IMPACT_ANSWER = inline_serializer('ImpactAnswer', {
    'source': serializers.CharField(help_text='`organization:NAME` or `resource:NAME`, as asked.'),
    'at': serializers.DateTimeField(allow_null=True, help_text='The instant asked about; null for now.'),
    'consumers': inline_serializer('ImpactConsumer', {
        'organization': serializers.CharField(),
        'depth': serializers.IntegerField(min_value=1, help_text='Organizations in the chain, 1 for direct.'),
    }, many=True),
    'resources': names('Resources of other organizations reached (and, for a failed resource, those inside it).'),
    'products': names('Products reached.'),
    'services': names('Services reached.'),
    'offerings': names('Offerings reached, with the failed organization’s own.'),
    'subscriptions': names('Active subscriptions affected.'),
})


IMPACT_KINDS = {
    'resources': Resource,
    'products': Product,
    'services': Service,
    'offerings': ServiceOffering,
    'subscriptions': Subscription,
}


class ImpactView(QuestionView):
    parameters = PARAMETERS

    @extend_schema(
        operation_id='question_impact',
        summary='Impact of failure',
        description='Who and what is affected when an organization or a resource fails (`accord impact`). '
        'Lists only what the user may see.',
        parameters=query_parameters(PARAMETERS),
        responses={200: IMPACT_ANSWER, **errors(
            {'source': ["'cardnet' is not organization:NAME or resource:NAME"]},
            {'source': ["unknown organization 'nobody'"]},
        )},
        examples=[OpenApiExample('CardNet fails', response_only=True, value={
            'source': 'organization:cardnet', 'at': '2025-03-10T12:00:00+01:00',
            'consumers': [{'organization': 'ana', 'depth': 2}, {'organization': 'ben', 'depth': 2},
                          {'organization': 'firsttown-bank', 'depth': 1},
                          {'organization': 'northwind-traders', 'depth': 2}],
            'resources': ['atm-fleet', 'card-processing'], 'products': ['atm-access', 'debit-card'],
            'services': ['everyday-banking'],
            'offerings': ['cardnet-card-processing', 'standard-checking', 'student-checking'],
            'subscriptions': ['ana-student-checking', 'ben-standard-checking', 'ftb-card-processing',
                              'northwind-standard-checking'],
        })],
        tags=['questions'],
    )
    def get(self, request: Request) -> Response:
        params = self.read(request)
        kind, name = params['source']
        source = self.find(Organization if kind == 'organization' else Resource, name, 'source', kind)
        try:
            answer = impact(source, params.get('at')).to_json()
        except ImpactError as error:
            raise bad_parameter('at', str(error)) from None
        consumers = self.visible(Organization, (c['organization'] for c in answer['consumers']))
        answer['consumers'] = [c for c in answer['consumers'] if c['organization'] in consumers]
        for key, model in IMPACT_KINDS.items():
            seen = self.visible(model, answer[key])
            answer[key] = [name for name in answer[key] if name in seen]
        return Response(answer)

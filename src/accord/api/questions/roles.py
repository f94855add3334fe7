"""``/api/v1/questions/roles/``: ``accord roles``, counting only relationships the user may see."""

from drf_spectacular.utils import OpenApiExample, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from accord.analysis.roles import PARAMETERS, organization_roles
from accord.api.questions.base import QuestionView, errors, names, query_parameters
from accord.parties.models import Organization
from accord.relationships.models import ServiceRelationship

ROLES_ANSWER = inline_serializer('RolesAnswer', {
    'organization': serializers.CharField(),
    'roles': serializers.ListField(child=serializers.ChoiceField(choices=['consumer', 'provider'])),
    'consumerIn': names('Relationships not terminated in which it is the consumer.'),
    'providerIn': names('Relationships not terminated in which it is the provider.'),
})


class RolesView(QuestionView):
    parameters = PARAMETERS

    @extend_schema(
        operation_id='question_roles',
        summary='Roles of an organization',
        description='Provider, consumer or both, and in which relationships not terminated (`accord roles`). '
        'Counts only relationships the user may see.',
        parameters=query_parameters(PARAMETERS),
        responses={200: ROLES_ANSWER, **errors(
            {'organization': ['This field is required.']},
            {'organization': ["unknown organization 'nobody'"]},
        )},
        examples=[OpenApiExample('FirstTown Bank', response_only=True, value={
            'organization': 'firsttown-bank', 'roles': ['consumer', 'provider'],
            'consumerIn': ['advisordesk-firsttown-bank', 'armorguard-firsttown-bank', 'cardnet-firsttown-bank',
                           'hostify-firsttown-bank', 'printco-firsttown-bank'],
            'providerIn': ['firsttown-bank-ana', 'firsttown-bank-ben', 'firsttown-bank-carla',
                           'firsttown-bank-northwind-traders'],
        })],
        tags=['questions'],
    )
    def get(self, request: Request) -> Response:
        params = self.read(request)
        organization = self.find(Organization, params['organization'], 'organization', 'organization')
        return Response(organization_roles(
            organization, relationships=ServiceRelationship.objects.restrict(request.user, 'view')
        ))

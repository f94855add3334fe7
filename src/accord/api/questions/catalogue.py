"""``/api/v1/questions/catalogue/``: ``accord catalogue``, listing only offerings and products the user may see."""

from drf_spectacular.utils import OpenApiExample, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from accord.analysis.catalogue import PARAMETERS, CatalogueError, catalogue_view
from accord.api.questions.base import ObjectNotFound, QuestionView, errors, names, query_parameters
from accord.catalog.models import Product, ServiceOffering
from accord.parties.models import ConsumerGroup

CATALOGUE_ANSWER = inline_serializer('CatalogueAnswer', {
    'group': serializers.CharField(),
    'offerings': inline_serializer('CatalogueOffering', {
        'name': serializers.CharField(),
        'title': serializers.CharField(),
        'products': inline_serializer('CatalogueProduct', {
            'name': serializers.CharField(),
            'title': serializers.CharField(),
            'components': names('What the group sees of each visible component: its label.'),
        }, many=True),
    }, many=True),
})


class CatalogueView(QuestionView):
    parameters = PARAMETERS

    @extend_schema(
        operation_id='question_catalogue',
        summary='Catalogue view of a consumer group',
        description='What a consumer group sees: live offerings, their products and visible components '
        '(`accord catalogue`, rules R1 to R4). Lists only offerings and products the user may see.',
        parameters=query_parameters(PARAMETERS),
        responses={200: CATALOGUE_ANSWER, **errors(
            {'group': ['This field is required.']},
            {'group': ["unknown consumer group 'pensioners'"]},
        )},
        examples=[OpenApiExample('Students', response_only=True, value={
            'group': 'students',
            'offerings': [{'name': 'student-checking', 'title': 'Student Checking', 'products': [
                {'name': 'atm-access', 'title': 'ATM Access', 'components': ['40 FirstTown ATMs – free withdrawals']},
                {'name': 'debit-card', 'title': 'Debit Card', 'components': []},
            ]}],
        })],
        tags=['questions'],
    )
    def get(self, request: Request) -> Response:
        params = self.read(request)
        group = self.find(ConsumerGroup, params['group'], 'group', 'consumer group')
        try:
            answer = catalogue_view(group.name)
        except CatalogueError as error:  # the group was deleted in between
            raise ObjectNotFound('group', str(error)) from None
        offerings = self.visible(ServiceOffering, (o['name'] for o in answer['offerings']))
        products = self.visible(Product, (p['name'] for o in answer['offerings'] for p in o['products']))
        answer['offerings'] = [
            {**o, 'products': [p for p in o['products'] if p['name'] in products]}
            for o in answer['offerings'] if o['name'] in offerings
        ]
        return Response(answer)

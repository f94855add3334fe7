"""``/api/v1/questions/access/``: ``accord access``, for a grantee the user may see and a target they may know of.

The target is one the gate shows the user, or one that a grant of a subscription they may see covers (a consumer
knows the card they were granted, not the bank's other resources); anything else is 404 like a name that does
not exist.
"""

from drf_spectacular.utils import OpenApiExample, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from accord.analysis.access import GRANTEE_KINDS, PARAMETERS, TARGET_KINDS, AccessError, access, covering
from accord.api.questions.base import ObjectNotFound, QuestionView, bad_parameter, errors, query_parameters
from accord.api.questions.owner import visible_items
from accord.provision.models import AccessGrant
from accord.relationships.models import Subscription
from accord.resources.models import Item

ACCESS_ANSWER = inline_serializer('AccessAnswer', {
    'grantee': serializers.CharField(help_text='`person:NAME` or `organization:NAME`, as asked.'),
    'target': serializers.CharField(help_text='`item:NAME` or `resource:NAME`, as asked.'),
    'at': serializers.DateTimeField(allow_null=True, help_text='The instant asked about; null for now.'),
    'access': serializers.BooleanField(),
    'grant': serializers.CharField(allow_null=True, help_text='The grant by which access holds; null without.'),
    'reason': serializers.CharField(help_text='The grant’s terms, or grant by grant why none holds.'),
})


class AccessView(QuestionView):
    parameters = PARAMETERS

    @extend_schema(
        operation_id='question_access',
        summary='Access of a person or organization',
        description='Whether the grantee may use the item or resource at the instant, and by which grant '
        '(`accord access`).',
        parameters=query_parameters(PARAMETERS),
        responses={200: ACCESS_ANSWER, **errors({'target': ["'room:101' is not item:NAME or resource:NAME"]},
                                                {'grantee': ["unknown person 'ben-okor'"]})},
        examples=[OpenApiExample('A lost card', response_only=True, value={
            'grantee': 'person:ben-okoro', 'target': 'resource:card-processing', 'at': '2025-03-13T00:00:00+00:00',
            'access': False, 'grant': None,
            'reason': 'ben-debit-card: revoked at 2025-03-12T08:00:00+00:00: Card reported lost'})],
        tags=['questions'],
    )
    def get(self, request: Request) -> Response:
        params = self.read(request)
        kind, name = params['grantee']
        self.find(GRANTEE_KINDS[kind], name, 'grantee', kind)
        self._find_target(*params['target'])
        try:
            return Response(access(params['grantee'], params['target'], params.get('at')))
        except AccessError as error:
            raise bad_parameter(error.parameter, str(error)) from None

    def _find_target(self, kind: str, name: str) -> None:
        user = self.request.user
        model = TARGET_KINDS[kind]
        found = (Item.objects.filter(visible_items(user), name=name) if model is Item
                 else model.objects.restrict(user, 'view').filter(name=name)).first()
        if found is None:
            target = model.objects.filter(name=name).first()
            granted = Subscription.objects.restrict(user, 'view')
            if target is None or not AccessGrant.objects.filter(covering(target), subscription__in=granted).exists():
                raise ObjectNotFound('target', f'unknown {kind} {name!r}')

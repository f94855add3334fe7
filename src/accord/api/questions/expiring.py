"""``/api/v1/questions/expiring/``: ``accord expiring``, over the subscriptions and agreements the user may see."""

from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from accord.analysis.expiring import PARAMETERS, expiring
from accord.api.questions.base import QuestionView, errors, query_parameters
from accord.relationships.models import Agreement, Subscription

DAYS_LEFT = serializers.IntegerField(min_value=0, help_text='Whole days from the reference day to the last day.')
EXPIRING_ANSWER = inline_serializer('ExpiringAnswer', {
    'at': serializers.DateTimeField(allow_null=True, help_text='Counted from; null for now.'),
    'within': serializers.CharField(help_text='`Nd`, as asked.'),
    'until': serializers.DateField(help_text='The last day of the window.'),
    'relationships': inline_serializer('ExpiringRelationship', {
        'relationship': serializers.CharField(),
        'provider': serializers.CharField(),
        'consumer': serializers.CharField(),
        'subscriptions': inline_serializer('ExpiringSubscription', {
            'name': serializers.CharField(), 'offering': serializers.CharField(), 'end': serializers.DateField(),
            'daysLeft': DAYS_LEFT}, many=True),
        'agreements': inline_serializer('ExpiringAgreement', {
            'name': serializers.CharField(), 'kind': serializers.CharField(),
            'effectiveTo': serializers.DateField(), 'daysLeft': DAYS_LEFT}, many=True),
        'accessGrants': inline_serializer('ExpiringAccessGrant', {
            'name': serializers.CharField(), 'subscription': serializers.CharField(),
            'element': serializers.CharField(), 'grantee': serializers.CharField(),
            'validTo': serializers.DateTimeField(), 'daysLeft': DAYS_LEFT}, many=True),
    }, many=True),
})


class ExpiringView(QuestionView):
    parameters = PARAMETERS

    @extend_schema(
        operation_id='question_expiring',
        summary='What ends soon',
        description='Subscriptions, agreements and access grants the user may see that end within the window, '
        'per relationship (`accord expiring`).',
        parameters=query_parameters(PARAMETERS),
        responses={200: EXPIRING_ANSWER, **errors({'within': ["'a month' is not a number of days such as 30d"]},
                                                  {'within': ['never: the question names no object']})},
        tags=['questions'],
    )
    def get(self, request: Request) -> Response:
        params = self.read(request)
        return Response(expiring(params['within'], params.get('at'),
                                 subscriptions=Subscription.objects.restrict(request.user, 'view'),
                                 agreements=Agreement.objects.restrict(request.user, 'view')))

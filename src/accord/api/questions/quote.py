"""``/api/v1/questions/quote/``: ``accord quote``, choosing and naming only groups the user may see."""

from drf_spectacular.utils import OpenApiExample, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from accord.analysis.quotes import PARAMETERS, QuoteError, quote
from accord.api.questions.base import ObjectNotFound, QuestionView, bad_parameter, errors, query_parameters
from accord.catalog.models import ServiceOffering
from accord.parties.models import ConsumerGroup

QUOTE_ANSWER = inline_serializer('QuoteAnswer', {
    'offering': serializers.CharField(),
    'group': serializers.CharField(allow_null=True),
    'currency': serializers.CharField(allow_null=True, help_text='ISO 4217; null for an unpriced offering.'),
    'quantity': serializers.IntegerField(min_value=1),
    'lines': inline_serializer('QuoteLine', {
        'kind': serializers.ChoiceField(choices=['fee', 'usage']),
        'amount': serializers.CharField(help_text='Money with the currency’s decimals.'),
        'waived': serializers.BooleanField(required=False, help_text='Fee lines only.'),
        'reason': serializers.CharField(required=False, help_text='Fee lines only: why this amount.'),
        'event': serializers.CharField(required=False, help_text='Usage lines only: the event type.'),
        'count': serializers.IntegerField(required=False, help_text='Usage lines only: events in the period.'),
        'free': serializers.IntegerField(required=False, help_text='Usage lines only: events within the allowance.'),
    }, many=True),
    'total': serializers.CharField(),
})


class QuoteView(QuestionView):
    parameters = PARAMETERS

    @extend_schema(
        operation_id='question_quote',
        summary='Quote',
        description='The charge of an offering for one period with the facts given (`accord quote`). '
        'Only groups the user may see are chosen or named.',
        parameters=query_parameters(PARAMETERS),
        responses={200: QUOTE_ANSWER, **errors(
            {'fact': ["fact direct-deposit: 'yes' is not a decimal number"]},
            {'offering': ["unknown offering 'gold-checking'"]},
        )},
        examples=[OpenApiExample('Student Checking, two foreign withdrawals', response_only=True, value={
            'offering': 'student-checking', 'group': 'students', 'currency': 'USD', 'quantity': 1,
            'lines': [
                {'kind': 'fee', 'amount': '5.00', 'waived': False, 'reason': '5.00 per month × 1; not waived: '
                 'direct-deposit = 0, not >= 1 and not subscribed to basic-savings'},
                {'kind': 'usage', 'event': 'foreign-atm-withdrawal', 'count': 2, 'free': 0, 'amount': '5.00'},
            ],
            'total': '10.00',
        })],
        tags=['questions'],
    )
    def get(self, request: Request) -> Response:
        params = self.read(request)
        offering = self.find(ServiceOffering, params['offering'], 'offering', 'offering')
        if 'group' in params:
            self.find(ConsumerGroup, params['group'], 'group', 'consumer group')
        subscribed = set(params['subscribed'])
        unknown = sorted(subscribed - self.visible(ServiceOffering, subscribed))
        if unknown:
            raise ObjectNotFound('subscribed', f'unknown offering {unknown[0]!r} (subscribed to)')
        try:
            answer = quote(
                offering.name,
                group=params.get('group'),
                quantity=params['quantity'],
                facts=params['fact'],
                subscribed=subscribed,
                groups=ConsumerGroup.objects.restrict(request.user, 'view'),
                offerings=ServiceOffering.objects.restrict(request.user, 'view'),
            )
        except QuoteError as error:
            raise bad_parameter(error.parameter or 'offering', str(error)) from None
        return Response(answer)

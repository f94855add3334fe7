"""``/api/v1/questions/charges/`` and ``/api/v1/questions/bill-run/``: ``accord charges`` and ``accord charges --all``.

A charge is asked of a subscription the user may see (a consumer: their own organization's); the bill run
charges every subscription the user may see. Waivers naming an offering hidden from the user read as
``quote`` reads them.
"""

from drf_spectacular.utils import OpenApiExample, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from accord.analysis.charges import BILL_RUN_PARAMETERS, PARAMETERS, ChargesError, bill_run, charges
from accord.api.questions.base import QuestionView, bad_parameter, errors, query_parameters
from accord.catalog.models import ServiceOffering
from accord.relationships.models import Subscription

CHARGE_LINE = inline_serializer('ChargeLine', {
    'kind': serializers.ChoiceField(choices=['fee', 'usage', 'conversion']),
    'amount': serializers.CharField(help_text='Money with the currency’s decimals.'),
    'reason': serializers.CharField(help_text='Why this amount: the waiver that held or not, the events counted, '
                                              'the item kept.'),
    'waived': serializers.BooleanField(required=False, help_text='Fee lines only.'),
    'event': serializers.CharField(required=False, help_text='Usage lines only: the event type.'),
    'count': serializers.IntegerField(required=False, help_text='Usage lines only: events in the month.'),
    'free': serializers.IntegerField(required=False, help_text='Usage lines only: events within the allowance.'),
    'grant': serializers.CharField(required=False, help_text='Conversion lines only: the access grant converted.'),
    'element': serializers.CharField(required=False, help_text='Conversion lines only: the access element.'),
    'item': serializers.CharField(required=False, allow_null=True, help_text='Conversion lines only: the item kept.'),
}, many=True)

CHARGES_ANSWER = inline_serializer('ChargesAnswer', {
    'offering': serializers.CharField(),
    'subscription': serializers.CharField(),
    'period': serializers.CharField(),
    'currency': serializers.CharField(allow_null=True, help_text='ISO 4217; null for an unpriced offering.'),
    'quantity': serializers.IntegerField(min_value=1),
    'lines': CHARGE_LINE,
    'total': serializers.CharField(help_text='"0.00" with no lines for a month the subscription does not hold in.'),
})

BILL_RUN_ANSWER = inline_serializer('BillRunAnswer', {
    'period': serializers.CharField(),
    'subscriptions': inline_serializer('BillRunLine', {
        'subscription': serializers.CharField(),
        'offering': serializers.CharField(),
        'provider': serializers.CharField(),
        'consumer': serializers.CharField(),
        'currency': serializers.CharField(),
        'quantity': serializers.IntegerField(min_value=1),
        'lines': CHARGE_LINE,
        'total': serializers.CharField(),
    }, many=True),
    'totals': inline_serializer('BillRunTotal', {
        'provider': serializers.CharField(),
        'currency': serializers.CharField(),
        'subscriptions': serializers.IntegerField(min_value=1),
        'total': serializers.CharField(),
    }, many=True),
    'unpriced': inline_serializer('BillRunUnpriced', {
        'subscription': serializers.CharField(),
        'offering': serializers.CharField(),
        'provider': serializers.CharField(),
        'consumer': serializers.CharField(),
    }, many=True, help_text='Subscriptions of offerings without a price plan: nothing to invoice, in no total.'),
})

EXAMPLE = {
    'offering': 'student-checking', 'subscription': 'ana-student-checking', 'period': '2025-03', 'currency': 'USD',
    'quantity': 1, 'lines': [
        {'kind': 'fee', 'amount': '5.00', 'waived': False, 'reason': '5.00 per month × 1; not waived: '
         'direct-deposit = 0, not >= 1 and not subscribed to basic-savings'},
        {'kind': 'usage', 'event': 'foreign-atm-withdrawal', 'count': 2, 'free': 0, 'amount': '5.00',
         'reason': '2 foreign-atm-withdrawal event(s) in 2025-03, 0 free, 2.50 each beyond them'},
    ], 'total': '10.00',
}


class ChargesView(QuestionView):
    parameters = PARAMETERS

    @extend_schema(
        operation_id='question_charges',
        summary='Charges of a subscription for a month',
        description='The month’s charge computed from stored consumption events, period facts, subscriptions '
        'and conversions (`accord charges`): the lines of a quote, each saying why.',
        parameters=query_parameters(PARAMETERS),
        responses={200: CHARGES_ANSWER, **errors(
            {'period': ["'2025-13' is not a period YYYY-MM"]},
            {'subscription': ["unknown subscription 'ana-savings'"]},
        )},
        examples=[OpenApiExample('Ana, two foreign withdrawals and no deposit', response_only=True, value=EXAMPLE)],
        tags=['questions'],
    )
    def get(self, request: Request) -> Response:
        params = self.read(request)
        subscription = self.find(Subscription, params['subscription'], 'subscription', 'subscription')
        try:
            return Response(charges(subscription, params['period'],
                                    offerings=ServiceOffering.objects.restrict(request.user, 'view')))
        except ChargesError as error:
            raise bad_parameter(error.parameter, str(error)) from None


class BillRunView(QuestionView):
    parameters = BILL_RUN_PARAMETERS

    @extend_schema(
        operation_id='question_bill_run',
        summary='Bill run for a month',
        description='Every subscription the user may see that holds in the month, charged, with totals per '
        'provider and currency (`accord charges --all`).',
        parameters=query_parameters(BILL_RUN_PARAMETERS),
        responses={200: BILL_RUN_ANSWER, **errors({'period': ["'2025-13' is not a period YYYY-MM"]},
                                                  {'period': ['never: a bill run names no object']})},
        tags=['questions'],
    )
    def get(self, request: Request) -> Response:
        params = self.read(request)
        try:
            return Response(bill_run(params['period'],
                                     subscriptions=Subscription.objects.restrict(request.user, 'view'),
                                     offerings=ServiceOffering.objects.restrict(request.user, 'view')))
        except ChargesError as error:
            raise bad_parameter(error.parameter, str(error)) from None

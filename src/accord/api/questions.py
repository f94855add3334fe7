"""The question endpoints: ``/api/v1/questions/{impact,quote,catalogue,roles,agreement,health}/``.

Each answers with exactly the JSON of the matching ``accord QUESTION --format json`` (catalog-format.md
section 4), takes the command's arguments and options as query parameters, and reads their values
with the same functions (``accord.analysis``, ``accord.relationships.periods``), so a value the CLI
refuses is refused here with the same message.

- A bad parameter answers 400 ``{"PARAMETER": ["message", ...]}``; so does a missing required one
  and one the question does not take (a typo would otherwise be silently ignored).
- Every object named in a parameter is looked up through ``restrict(user, 'view')``: one the user
  may not see answers 404 with exactly the body of one that does not exist.
- Every object an answer lists is filtered through ``restrict`` too (impact's lists, the roles'
  relationships, the catalogue's offerings and products; a quote only chooses and names groups the
  user may see). What a user who sees only their own organization may learn is in
  ``docs/api-questions.md``.
- Each question runs a fixed number of queries, however large the catalogue (lists are checked
  5,000 names a query, like the analysis itself).
"""

import re
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Model
from django.urls import path
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema, extend_schema_field, inline_serializer
from rest_framework import serializers, status
from rest_framework.exceptions import APIException, ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accord.analysis.agreements import AgreementError, agreement_status
from accord.analysis.catalogue import CatalogueError, catalogue_view
from accord.analysis.health import HealthError, relationship_health
from accord.analysis.impact import ImpactError, impact, parse_instant, parse_source
from accord.analysis.quotes import QuoteError, parse_fact, parse_facts, quote
from accord.analysis.roles import organization_roles
from accord.catalog.models import Product, Service, ServiceOffering
from accord.parties.models import ConsumerGroup, Organization
from accord.relationships.models import Agreement, ServiceRelationship, Subscription
from accord.relationships.periods import PERIOD_PATTERN, parse_period
from accord.resources.models import Resource

CHUNK = 5000  # names per query: below SQLite's limit on bound variables
ALWAYS_ALLOWED = {'format'}  # DRF's own: ?format=json picks the renderer
UNENCODED_PLUS = re.compile(r'(T[0-9:.,]+) ([0-9]{2}(?::?[0-9]{2})?)$')


# Errors.


class ObjectNotFound(APIException):
    """404 naming the parameter: the same body whether the object does not exist or is hidden from the user."""

    status_code = status.HTTP_404_NOT_FOUND
    default_code = 'not_found'

    def __init__(self, parameter: str, message: str):
        super().__init__({parameter: [message]})


def bad_parameter(parameter: str, message: str) -> ValidationError:
    """400 naming the parameter, in the shape DRF gives a field error."""
    return ValidationError({parameter: [message]})


# Reading parameters: the CLI's readers, behind DRF fields.


@extend_schema_field({'type': 'string', 'pattern': r'^(organization|resource):.+$', 'example': 'organization:cardnet'})
class SourceField(serializers.CharField):
    """``organization:NAME`` or ``resource:NAME``, read as ``accord impact`` reads its SOURCE."""

    def to_internal_value(self, data: Any) -> tuple[str, str]:
        text = super().to_internal_value(data)
        # The validators (no NUL: PostgreSQL refuses it, a 500) while it is text: on the pair they miss it.
        self.run_validators(text)
        try:
            return parse_source(text)
        except ImpactError as error:
            raise serializers.ValidationError(str(error)) from None


@extend_schema_field(OpenApiTypes.DATETIME)
class InstantField(serializers.CharField):
    """An ISO 8601 instant with a UTC offset, read as ``accord impact --at`` reads it.

    An unencoded ``+`` in a query string arrives as a space: ``...T12:00:00 01:00`` is read as
    ``+01:00``, since nothing else could have been meant.
    """

    def to_internal_value(self, data: Any) -> Any:
        text = super().to_internal_value(data)
        try:
            return parse_instant(text)
        except ImpactError as error:
            if UNENCODED_PLUS.search(text):
                try:
                    return parse_instant(UNENCODED_PLUS.sub(r'\1+\2', text))
                except ImpactError:
                    pass
            raise serializers.ValidationError(str(error)) from None


@extend_schema_field({'type': 'string', 'pattern': PERIOD_PATTERN.pattern, 'example': '2025-03'})
class PeriodField(serializers.CharField):
    """A month ``YYYY-MM``, read as ``--period`` is."""

    def to_internal_value(self, data: Any) -> str:
        text = super().to_internal_value(data)
        try:
            parse_period(text)
        except DjangoValidationError as error:
            raise serializers.ValidationError(error.messages) from None
        return text


class FactsField(serializers.ListField):
    """Repeated ``fact=NAME=VALUE``, read as ``accord quote --fact`` is, into exact decimals by name."""

    child = serializers.CharField(allow_blank=True, trim_whitespace=False)

    def to_internal_value(self, data: Any) -> Any:
        try:
            return parse_facts(parse_fact(text) for text in super().to_internal_value(data))
        except QuoteError as error:
            raise serializers.ValidationError(str(error)) from None


class ImpactParameters(serializers.Serializer):
    source = SourceField(help_text='What fails: `organization:NAME` or `resource:NAME`.')
    at = InstantField(
        required=False,
        help_text='ISO 8601 instant with a UTC offset (encode `+` as `%2B`); subscriptions active on its day '
        'in UTC are followed. Default: now, answered as `"at": null`.',
    )


class QuoteParameters(serializers.Serializer):
    offering = serializers.CharField(help_text='The offering quoted, by name.')
    group = serializers.CharField(
        required=False, help_text='The target group quoted for (needed when the offering targets several).'
    )
    quantity = serializers.IntegerField(
        required=False, default=1, help_text='Users, nights or units: at least 1 (default 1).'
    )
    fact = FactsField(
        required=False,
        default=list,
        help_text='`NAME=VALUE`, repeatable: a waiver fact, or `EVENT=N` events of a type.',
    )
    subscribed = serializers.ListField(
        child=serializers.CharField(allow_blank=True),
        required=False,
        default=list,
        help_text='An offering the consumer also subscribes to, by name (repeatable).',
    )


class CatalogueParameters(serializers.Serializer):
    group = serializers.CharField(help_text='The consumer group, by name.')


class RolesParameters(serializers.Serializer):
    organization = serializers.CharField(help_text='The organization, by name.')


class AgreementParameters(serializers.Serializer):
    agreement = serializers.CharField(help_text='The agreement, by name.')
    period = PeriodField(help_text='The month assessed, `YYYY-MM`.')


class HealthParameters(serializers.Serializer):
    relationship = serializers.CharField(help_text='The service relationship, by name.')
    period = PeriodField(help_text='The month assessed, `YYYY-MM`.')


# The answers, as documented in the schema (the views answer the analysis' dicts as they are).


@extend_schema_field({'type': 'string', 'pattern': '^(green|red)$', 'nullable': True})
class StatusField(serializers.CharField):
    """``green``, ``red``, or null when nothing is measured.

    A pattern rather than an enum: two enum properties with one choice set would need a name
    override in the settings to avoid a schema warning.
    """


def names(help_text: str) -> serializers.ListField:
    return serializers.ListField(child=serializers.CharField(), help_text=help_text)


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
ROLES_ANSWER = inline_serializer('RolesAnswer', {
    'organization': serializers.CharField(),
    'roles': serializers.ListField(child=serializers.ChoiceField(choices=['consumer', 'provider'])),
    'consumerIn': names('Relationships not terminated in which it is the consumer.'),
    'providerIn': names('Relationships not terminated in which it is the provider.'),
})
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
PARAMETER_ERRORS = {
    'type': 'object',
    'description': 'Messages by the parameter at fault.',
    'additionalProperties': {'oneOf': [
        {'type': 'array', 'items': {'type': 'string'}},
        {'type': 'object', 'description': 'Messages by the position of a repeated parameter (`fact`).',
         'additionalProperties': {'type': 'array', 'items': {'type': 'string'}}},
    ]},
}
UNAUTHENTICATED = OpenApiResponse(
    {'type': 'object', 'properties': {'detail': {'type': 'string'}}},
    description='No valid credentials: sign in, or send `Authorization: Bearer <key>`.',
)


NOT_ACCEPTABLE = OpenApiResponse(
    {'type': 'object', 'properties': {'detail': {'type': 'string'}}},
    description='The Accept header asks for no media type the API answers (JSON, or the browsable page).',
)


def errors(bad: dict, missing: dict) -> dict:
    """The 400, 401, 404 and 406 responses of a question, with an example of each kind of bad parameter."""
    return {
        400: OpenApiResponse(PARAMETER_ERRORS, description='A parameter is missing, unknown or malformed.',
                             examples=[OpenApiExample('Bad parameter', value=bad, status_codes=[400])]),
        401: UNAUTHENTICATED,
        404: OpenApiResponse(
            PARAMETER_ERRORS,
            description='An object named in a parameter does not exist or is hidden from the user (the same answer).',
            examples=[OpenApiExample('Unknown object', value=missing, status_codes=[404])],
        ),
        406: NOT_ACCEPTABLE,
    }


# The views.


class QuestionView(APIView):
    """One question: read the parameters, look up what they name through the permission gate, answer."""

    permission_classes = [IsAuthenticated]
    parameters: type[serializers.Serializer]

    def read(self, request: Request) -> dict[str, Any]:
        """The validated parameters; every problem with them at once, as 400.

        The query is handed over as a plain dict, not as form data: DRF reads an empty form
        field as absent, but ``group=`` is a value, refused as the CLI refuses ``--group ''``.
        """
        query = request.query_params
        fields = self.parameters().fields
        data = {
            name: query.getlist(name) if isinstance(field, serializers.ListField) else query[name]
            for name, field in fields.items() if name in query
        }
        serializer = self.parameters(data=data)
        problems = {
            name: [f'unknown parameter: this question takes {", ".join(fields)}']
            for name in sorted(set(query) - set(fields) - ALWAYS_ALLOWED)
        }
        if not serializer.is_valid():
            problems.update(serializer.errors)
        if problems:
            raise ValidationError(problems)
        return serializer.validated_data

    def find(self, model: type[Model], name: str, parameter: str, label: str) -> Any:
        """The object ``name`` if the user may see it; else 404, the same as for one that does not exist."""
        try:
            return model.objects.restrict(self.request.user, 'view').get(name=name)
        except model.DoesNotExist:
            raise ObjectNotFound(parameter, f'unknown {label} {name!r}') from None

    def visible(self, model: type[Model], names: Iterable[str]) -> set[str]:
        """Those of ``names`` the user may see, 5,000 a query (no query at all for none)."""
        wanted = sorted(set(names))
        found: set[str] = set()
        for start in range(0, len(wanted), CHUNK):
            chunk = wanted[start:start + CHUNK]
            found.update(model.objects.restrict(self.request.user, 'view').filter(name__in=chunk)
                         .values_list('name', flat=True))
        return found


IMPACT_KINDS = {
    'resources': Resource,
    'products': Product,
    'services': Service,
    'offerings': ServiceOffering,
    'subscriptions': Subscription,
}


class ImpactView(QuestionView):
    parameters = ImpactParameters

    @extend_schema(
        operation_id='question_impact',
        summary='Impact of failure',
        description='Who and what is affected when an organization or a resource fails (`accord impact`). '
        'Lists only what the user may see.',
        parameters=[ImpactParameters],
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


class QuoteView(QuestionView):
    parameters = QuoteParameters

    @extend_schema(
        operation_id='question_quote',
        summary='Quote',
        description='The charge of an offering for one period with the facts given (`accord quote`). '
        'Only groups the user may see are chosen or named.',
        parameters=[QuoteParameters],
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
                facts=params['fact'] or {},
                subscribed=subscribed,
                groups=ConsumerGroup.objects.restrict(request.user, 'view'),
                offerings=ServiceOffering.objects.restrict(request.user, 'view'),
            )
        except QuoteError as error:
            raise bad_parameter(error.parameter or 'offering', str(error)) from None
        return Response(answer)


class CatalogueView(QuestionView):
    parameters = CatalogueParameters

    @extend_schema(
        operation_id='question_catalogue',
        summary='Catalogue view of a consumer group',
        description='What a consumer group sees: live offerings, their products and visible components '
        '(`accord catalogue`, rules R1 to R4). Lists only offerings and products the user may see.',
        parameters=[CatalogueParameters],
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


class RolesView(QuestionView):
    parameters = RolesParameters

    @extend_schema(
        operation_id='question_roles',
        summary='Roles of an organization',
        description='Provider, consumer or both, and in which relationships not terminated (`accord roles`). '
        'Counts only relationships the user may see.',
        parameters=[RolesParameters],
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


class AgreementView(QuestionView):
    parameters = AgreementParameters

    @extend_schema(
        operation_id='question_agreement',
        summary='Agreement status for a month',
        description='Per target met or missed, operational-only and overall status, and the watermelon flag '
        '(`accord agreement`).',
        parameters=[AgreementParameters],
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


class HealthView(QuestionView):
    parameters = HealthParameters

    @extend_schema(
        operation_id='question_health',
        summary='Relationship health for a month',
        description='The health score, its band and its four components (`accord health`).',
        parameters=[HealthParameters],
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


urlpatterns = [
    path('impact/', ImpactView.as_view(), name='question-impact'),
    path('quote/', QuoteView.as_view(), name='question-quote'),
    path('catalogue/', CatalogueView.as_view(), name='question-catalogue'),
    path('roles/', RolesView.as_view(), name='question-roles'),
    path('agreement/', AgreementView.as_view(), name='question-agreement'),
    path('health/', HealthView.as_view(), name='question-health'),
]

"""What the question endpoints share: reading parameters, looking objects up through the gate, errors.

The parameters are the question's ``PARAMETERS``, declared beside its analysis and read by the CLI
too; here they become DRF's 400 and OpenAPI's query parameters.
"""

from collections.abc import Iterable
from typing import Any

from django.db.models import Model
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse, extend_schema_field
from rest_framework import serializers, status
from rest_framework.exceptions import APIException, ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.views import APIView

from accord.analysis.parameters import Parameter, ParameterError, Parameters

CHUNK = 5000  # names per query: below SQLite's limit on bound variables
ALWAYS_ALLOWED = {'format'}  # DRF's own: ?format=json picks the renderer


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


# The schema: the parameters as OpenAPI query parameters, the answers as the views answer the analysis' dicts.


def query_parameters(parameters: Parameters) -> list[OpenApiParameter]:
    """A question's ``PARAMETERS`` as documented query parameters."""
    return [query_parameter(parameter) for parameter in parameters]


def query_parameter(parameter: Parameter) -> OpenApiParameter:
    schema = dict(parameter.schema)
    if parameter.repeated:
        schema = {'type': 'array', 'items': schema}
    else:
        if parameter.default is not None:
            schema['default'] = parameter.default()
        if schema.get('type') == 'string' and not parameter.blank:
            schema['minLength'] = 1
    return OpenApiParameter(parameter.name, schema, OpenApiParameter.QUERY, required=parameter.required,
                            description=parameter.help)


@extend_schema_field({'type': 'string', 'pattern': '^(green|red)$', 'nullable': True})
class StatusField(serializers.CharField):
    """``green``, ``red``, or null when nothing is measured.

    A pattern rather than an enum: two enum properties with one choice set would need a name
    override in the settings to avoid a schema warning.
    """


def names(help_text: str) -> serializers.ListField:
    return serializers.ListField(child=serializers.CharField(), help_text=help_text)


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
    parameters: Parameters

    def read(self, request: Request) -> dict[str, Any]:
        """The parameters read by the question's ``PARAMETERS``; every problem with them at once, as 400.

        Every value given is handed over, not DRF's form reading: an empty ``group=`` is a value,
        refused as the CLI refuses ``--group ''``, not taken for an absent one.
        """
        query = request.query_params
        try:
            return self.parameters.read({name: query.getlist(name) for name in query}, ignore=ALWAYS_ALLOWED)
        except ParameterError as error:
            raise ValidationError(error.errors) from None

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


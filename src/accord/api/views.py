"""The base viewset of every model endpoint.

- The queryset is ``restrict(user, action)``: list and retrieve need view, create add, update
  change, destroy delete. An object outside what the user may see is 404; one the user may see
  but not change or delete is 403.
- Optimistic concurrency: reads carry an ``ETag`` (a hash of id and last update); PUT, PATCH and
  DELETE honour ``If-Match`` and answer 412 when the object changed since. A write runs in one
  transaction that first locks the object's row (``SELECT ... FOR UPDATE`` on PostgreSQL; on
  SQLite the transaction itself is the lock, as it begins ``IMMEDIATE``), then reads the object,
  compares its ETag and saves: two writers that read the same state cannot both pass the check,
  so an edit is never lost (``accord.api.tests.test_concurrency``).
- Deleting an object others refer to answers 409 with ``referencedBy``.
- The guards themselves (lock, version, reach, referrers) are ``accord.core.services``'s, shared with
  every other writer; this module only translates headers into their arguments and their refusals
  into status codes.
- Errors are documented in the OpenAPI schema (``ErrorsAutoSchema``): 400, 401, 403, 404, 406, 409,
  412, 413 and 415 where the action can answer them, so that clients, and schemathesis, know them.
- Pagination is limit/offset (``?limit=&offset=``, with a total ``count``): clients and the UI
  page by number and show totals; counting costs one indexed query per list (about 14 ms at
  100k rows on PostgreSQL). Switch a viewset to cursor pagination when a list grows past that.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import filters, mixins, permissions, status, viewsets
from rest_framework.decorators import api_view, permission_classes, schema
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.exceptions import ValidationError as APIValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.settings import api_settings

from accord.api.caching import representations
from accord.api.errors import PreconditionFailed
from accord.api.lookup import IdOrNameLookup
from accord.core.choices import ChangeSource
from accord.core.guards import (
    OutOfReach,
    StaleVersion,
    StillReferenced,
    check_version,
    guarded_delete,
    guarded_write,
    lock_and_refresh,
    object_version,
    referrers_seen_by,
)
from accord.core.prefetch import forget_prefetched
from accord.core.querysets import endpoint_hidden, may_add
from accord.core.services import Actor
from accord.core.versions import data_version

ACTIONS = {
    'list': 'view',
    'retrieve': 'view',
    'create': 'add',
    'update': 'change',
    'partial_update': 'change',
    'destroy': 'delete',
}

IF_MATCH = OpenApiParameter(
    'If-Match', str, OpenApiParameter.HEADER, required=False,
    description='The ETag read last; the write answers 412 if the object changed since.',
)


DETAIL = {'type': 'object', 'properties': {'detail': {'type': 'string'}}, 'required': ['detail']}
FIELD_ERRORS = {
    'type': 'object',
    'description': 'Messages by field (or filter), nested as the body nests its parts; '
                   '`non_field_errors` for the object as a whole.',
    'additionalProperties': {},
}
REFERENCED = {
    'type': 'object',
    'properties': {
        'detail': {'type': 'string'},
        'referencedBy': {'type': 'array', 'items': {
            'type': 'object',
            'properties': {'kind': {'type': 'string'}, 'id': {'type': 'integer'}, 'name': {'type': 'string'}},
            'required': ['kind'],
        }},
    },
    'required': ['detail', 'referencedBy'],
}
ERRORS = {
    400: ('The request is malformed: messages by field or filter.', FIELD_ERRORS),
    401: ('No valid credentials: sign in, or send `Authorization: Bearer <key>`.', DETAIL),
    403: ('The user may not do this.', DETAIL),
    404: ('No such object, or one hidden from the user (the same answer).', DETAIL),
    409: ('Other objects refer to this one: it cannot be deleted.', REFERENCED),
    412: ('If-Match does not match the ETag: the object changed since it was read.', DETAIL),
    413: ('The request body is larger than the server accepts.', DETAIL),
    415: ('The request body is not JSON (nor a form).', DETAIL),
    406: ('The Accept header asks for no media type the API answers (JSON, or the browsable page).', DETAIL),
}
ERRORS_BY_ACTION = {
    'list': (400, 401, 403, 406),
    'retrieve': (401, 403, 404, 406),
    'create': (400, 401, 403, 406, 413, 415),
    'update': (400, 401, 403, 404, 406, 412, 413, 415),
    'partial_update': (400, 401, 403, 404, 406, 412, 413, 415),
    'destroy': (401, 403, 404, 406, 409, 412),
    'revoke': (401, 403, 404, 406, 412),
}


class ErrorsAutoSchema(AutoSchema):
    """drf-spectacular's schema of an operation, plus the error answers its action can give."""

    def _get_response_bodies(self, direction: str = 'response') -> dict:
        responses = super()._get_response_bodies(direction)
        for code in ERRORS_BY_ACTION.get(getattr(self.view, 'action', None), (401, 403, 406)):
            description, schema = ERRORS[code]
            responses.setdefault(str(code), {
                'description': description,
                'content': {'application/json': {'schema': schema}},
            })
        return responses


def etag(obj: models.Model) -> str:
    """The object's version (``accord.core.guards.object_version``), quoted as HTTP wants an ETag."""
    return f'"{object_version(obj)}"'


@contextmanager
def refusals_answered() -> Iterator[None]:
    """The guards' refusals as the API answers them: a stale version 412, out of reach 403."""
    try:
        yield
    except StaleVersion:
        raise PreconditionFailed() from None
    except OutOfReach as refused:
        raise PermissionDenied(str(refused)) from None


class FilterBackend(DjangoFilterBackend):
    """django-filter's backend, skipped when the query string holds only paging, search, ordering or format.

    Without a filter parameter the filterset filters nothing, but building and validating its form
    (a deep copy of every form field and widget) cost a tenth of a list of 50 offerings.
    """

    NOT_FILTERS = frozenset({'limit', 'offset', api_settings.SEARCH_PARAM, api_settings.ORDERING_PARAM,
                             api_settings.URL_FORMAT_OVERRIDE})

    def filter_queryset(self, request: Request, queryset: models.QuerySet, view: Any) -> models.QuerySet:
        if self.NOT_FILTERS.issuperset(request.query_params):
            return queryset
        return super().filter_queryset(request, queryset, view)


class SearchFilter(filters.SearchFilter):
    """DRF's ``?search=``, whose refusal (a null character) names the parameter, as a filter's does."""

    def get_search_terms(self, request: Request) -> list[str]:
        try:
            return super().get_search_terms(request)
        except APIValidationError as error:
            raise APIValidationError({self.search_param: error.detail}) from None


@api_view(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'])
@permission_classes([permissions.AllowAny])
@schema(None)
def not_found(request: Request, *args: Any, **kwargs: Any) -> Response:
    """Any other URL under ``/api/``: a JSON 404, as every API error is JSON (not Django's HTML page)."""
    raise NotFound()


class ModelPermission(permissions.IsAuthenticated):
    """Authenticated; an endpoint a consumer never sees is 404 for every action; create needs a role (or
    permission) that may add the model somewhere. Other actions rely on the restricted queryset."""

    def has_permission(self, request: Request, view: Any) -> bool:
        if not super().has_permission(request, view):
            return False
        model = view.queryset.model
        if endpoint_hidden(request.user, model):
            raise NotFound()
        if getattr(view, 'action', None) == 'create':
            return may_add(request.user, model)
        return True


@extend_schema_view(
    update=extend_schema(parameters=[IF_MATCH]),
    partial_update=extend_schema(parameters=[IF_MATCH]),
    destroy=extend_schema(parameters=[IF_MATCH]),
)
class NamedModelViewSet(IdOrNameLookup, viewsets.ModelViewSet):
    """list, retrieve, create, update, partial update and delete of one named model."""

    queryset: models.QuerySet
    schema = ErrorsAutoSchema()
    permission_classes = [ModelPermission]
    filter_backends = [FilterBackend, SearchFilter, filters.OrderingFilter]
    search_fields = ['name', 'title']
    ordering_fields = ['name', 'id']
    ordering = ['name']
    # Lists serve kept representations (``list``): only for models whose every shown column changes by
    # a write that moves the data version (``accord.core.versions``).
    keep_representations = True

    @property
    def permission_action(self) -> str:
        return ACTIONS.get(self.action, 'view')

    def get_queryset(self) -> models.QuerySet:
        return super().get_queryset().restrict(self.request.user, self.permission_action)

    @staticmethod
    def lock_and_refresh(obj: models.Model) -> None:
        """``accord.core.guards.lock_and_refresh``, dropping the parts ``prefetched()`` into lists too, so
        that the answer reads them as written."""
        forget_prefetched(obj)
        lock_and_refresh(obj)

    def get_object(self) -> models.Model:
        try:
            return super().get_object()
        except Http404:
            if self.permission_action != 'view':
                lookup = {self.lookup_field: self.kwargs[self.lookup_url_kwarg or self.lookup_field]}
                visible = self.queryset.model.objects.restrict(self.request.user, 'view')
                try:
                    exists = visible.filter(**lookup).exists()
                except (TypeError, ValueError, ValidationError):  # not a valid key (``/null/``): 404
                    exists = False
                if exists:
                    raise PermissionDenied(f'You may not {self.permission_action} this object.') from None
            raise

    def expected_version(self) -> set[str] | None:
        """The versions ``If-Match`` accepts (its quoted ETags, weak or strong); ``None`` for none or ``*``."""
        wanted = self.request.headers.get('If-Match')
        if wanted is None or wanted.strip() == '*':
            return None
        tags = (tag.strip().removeprefix('W/') for tag in wanted.split(','))
        return {tag[1:-1] for tag in tags if len(tag) >= 2 and tag[0] == tag[-1] == '"'}

    def check_if_match(self, obj: models.Model) -> None:
        try:
            check_version(obj, self.expected_version())
        except StaleVersion:
            raise PreconditionFailed() from None

    def finalize_response(self, request: Request, response: Response, *args: Any, **kwargs: Any) -> Response:
        response = super().finalize_response(request, response, *args, **kwargs)
        obj = getattr(self, '_etag_object', None)
        if obj is not None and response.status_code in (200, 201):
            response['ETag'] = etag(obj)
        return response

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        self._etag_object = self.get_object()
        return Response(self.get_serializer(self._etag_object).data)

    def perform_create(self, serializer: Any) -> None:
        with refusals_answered():
            self._etag_object = guarded_write(serializer.save, user=self.request.user)

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        partial = kwargs.pop('partial', False)
        instance = self.get_object()
        serializer = self.get_serializer(instance, data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        self.perform_update(serializer)
        return Response(serializer.data)

    def perform_update(self, serializer: Any) -> None:
        # Dropped before the lock: the answer reads the parts as written, not as prefetched.
        forget_prefetched(serializer.instance)
        with refusals_answered():
            self._etag_object = guarded_write(serializer.save, user=self.request.user, obj=serializer.instance,
                                              expected_version=self.expected_version())

    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        obj = self.get_object()
        try:
            with refusals_answered():
                guarded_delete(obj, actor=Actor(user=request.user, source=ChangeSource.API),
                               expected_version=self.expected_version())
        except StillReferenced as refused:
            return self.referenced(obj, refused.referrers)
        return Response(status=status.HTTP_204_NO_CONTENT)

    def referenced(self, obj: models.Model, referrers: Any) -> Response:
        """The 409 of a delete that other objects prevent, naming those the user may see."""
        return Response({
            'detail': str(StillReferenced(obj, ())),
            'referencedBy': [{key: value for key, value in asdict(referrer).items() if value is not None}
                             for referrer in referrers_seen_by(referrers, self.request.user)],
        }, status=status.HTTP_409_CONFLICT)

    # Last in the class: below it, ``list`` names this method, not the builtin.
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """A page of the objects the user may see, their representations kept between requests.

        The page is chosen afresh (restricted, filtered, ordered, counted) as ids only; the
        representations of those ids come from ``accord.api.caching`` when the data has not
        changed since they were made, else from the viewset's queryset, prefetches and all.
        """
        if not self.keep_representations:
            return super().list(request, *args, **kwargs)
        version = data_version()  # before the data: see accord.core.versions
        ids = self.paginate_queryset(
            self.filter_queryset(self.get_queryset()).select_related(None).prefetch_related(None)
            .values_list('pk', flat=True))
        # A representation names only what its reader may view (accord.api.serializers.NameField): kept
        # per reader, shared by the superusers, who view everything.
        reader = None if request.user.is_superuser else request.user.pk
        variant = (self.basename, request.build_absolute_uri('/'), self.format_kwarg, reader)
        found = representations.get_many(version, variant, ids)
        missing = [pk for pk in ids if pk not in found]
        if missing:
            objects = super().get_queryset().filter(pk__in=missing)
            made = {row['id']: row for row in self.get_serializer(objects, many=True).data}
            representations.put_many(version, variant, made)
            found.update(made)
        return self.get_paginated_response([found[pk] for pk in ids])


class ReadOnlyNamedModelViewSet(IdOrNameLookup, mixins.ListModelMixin, mixins.RetrieveModelMixin,
                                viewsets.GenericViewSet):
    """list and retrieve only: reference data that ships with Accord."""

    queryset: models.QuerySet
    schema = ErrorsAutoSchema()
    permission_classes = [ModelPermission]
    filter_backends = NamedModelViewSet.filter_backends
    search_fields = NamedModelViewSet.search_fields
    ordering_fields = NamedModelViewSet.ordering_fields
    ordering = NamedModelViewSet.ordering

    def get_queryset(self) -> models.QuerySet:
        return super().get_queryset().restrict(self.request.user, 'view')

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        obj = self.get_object()
        response = Response(self.get_serializer(obj).data)
        response['ETag'] = etag(obj)
        return response

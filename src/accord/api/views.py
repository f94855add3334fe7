"""The base viewset of every model endpoint.

- The queryset is ``restrict(user, action)``: list and retrieve need view, create add, update
  change, destroy delete. An object outside what the user may see is 404; one the user may see
  but not change or delete is 403.
- Optimistic concurrency: reads carry an ``ETag`` (a hash of id and last update); PUT, PATCH and
  DELETE honour ``If-Match`` and answer 412 when the object changed since.
- Deleting an object others refer to answers 409 with ``referencedBy``.
- Pagination is limit/offset (``?limit=&offset=``, with a total ``count``): clients and the UI
  page by number and show totals; counting costs one indexed query per list (about 14 ms at
  100k rows on PostgreSQL). Switch a viewset to cursor pagination when a list grows past that.
"""

import hashlib
from typing import Any

from django.db import models
from django.db.models import ProtectedError, RestrictedError
from django.http import Http404
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import filters, mixins, permissions, status, viewsets
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response

from accord.api.errors import PreconditionFailed
from accord.core.choices import ChangeSource
from accord.core.services import Actor, delete_object

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



def etag(obj: models.Model) -> str:
    """A strong validator of the object's state: its id and last update."""
    digest = hashlib.sha256(f'{obj.pk}:{obj.last_updated.isoformat()}'.encode()).hexdigest()[:32]
    return f'"{digest}"'


class ModelPermission(permissions.IsAuthenticated):
    """Authenticated, and for create the model's add permission; other actions rely on the restricted queryset."""

    def has_permission(self, request: Request, view: Any) -> bool:
        if not super().has_permission(request, view):
            return False
        if getattr(view, 'action', None) == 'create':
            meta = view.queryset.model._meta
            return request.user.has_perm(f'{meta.app_label}.add_{meta.model_name}')
        return True


@extend_schema_view(
    update=extend_schema(parameters=[IF_MATCH]),
    partial_update=extend_schema(parameters=[IF_MATCH]),
    destroy=extend_schema(parameters=[IF_MATCH]),
)
class NamedModelViewSet(viewsets.ModelViewSet):
    """list, retrieve, create, update, partial update and delete of one named model."""

    queryset: models.QuerySet
    permission_classes = [ModelPermission]
    filter_backends = [DjangoFilterBackend, filters.SearchFilter, filters.OrderingFilter]
    search_fields = ['name', 'title']
    ordering_fields = ['name', 'id']
    ordering = ['name']

    @property
    def permission_action(self) -> str:
        return ACTIONS.get(self.action, 'view')

    def get_queryset(self) -> models.QuerySet:
        return super().get_queryset().restrict(self.request.user, self.permission_action)

    def get_object(self) -> models.Model:
        try:
            return super().get_object()
        except Http404:
            if self.permission_action != 'view':
                lookup = {self.lookup_field: self.kwargs[self.lookup_url_kwarg or self.lookup_field]}
                visible = self.queryset.model.objects.restrict(self.request.user, 'view')
                if visible.filter(**lookup).exists():
                    raise PermissionDenied(f'You may not {self.permission_action} this object.') from None
            raise

    def check_if_match(self, obj: models.Model) -> None:
        wanted = self.request.headers.get('If-Match')
        if wanted is None or wanted.strip() == '*':
            return
        current = etag(obj)
        candidates = {tag.strip().removeprefix('W/') for tag in wanted.split(',')}
        if current not in candidates:
            raise PreconditionFailed()

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
        self._etag_object = serializer.save()

    def perform_update(self, serializer: Any) -> None:
        self.check_if_match(serializer.instance)
        self._etag_object = serializer.save()

    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        obj = self.get_object()
        self.check_if_match(obj)
        try:
            delete_object(obj, actor=Actor(user=request.user, source=ChangeSource.API))
        except (ProtectedError, RestrictedError) as error:
            referrers = error.protected_objects if isinstance(error, ProtectedError) else error.restricted_objects
            return Response({
                'detail': f'{obj} cannot be deleted: other objects refer to it.',
                'referencedBy': self.describe(referrers),
            }, status=status.HTTP_409_CONFLICT)
        return Response(status=status.HTTP_204_NO_CONTENT)

    def describe(self, objects: Any) -> list[dict]:
        """The referrers the user may see by kind, id and name; the others by kind only."""
        by_model: dict[type, list] = {}
        for referrer in objects:
            by_model.setdefault(type(referrer), []).append(referrer)
        result = []
        for model, referrers in by_model.items():
            kind = model.__name__
            manager = model._default_manager
            visible = set(manager.restrict(self.request.user, 'view').filter(
                pk__in=[r.pk for r in referrers]).values_list('pk', flat=True)
            ) if hasattr(manager, 'restrict') else set()
            for referrer in referrers:
                if referrer.pk in visible:
                    result.append({'kind': kind, 'id': referrer.pk, 'name': getattr(referrer, 'name', str(referrer))})
                else:
                    result.append({'kind': kind})
        return sorted(result, key=lambda r: (r['kind'], r.get('name') or '', r.get('id') or 0))


class ReadOnlyNamedModelViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """list and retrieve only: reference data that ships with Accord."""

    queryset: models.QuerySet
    permission_classes = [permissions.IsAuthenticated]
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

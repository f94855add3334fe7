"""The change log's endpoint: read-only, for the superuser and holders of ``core.view_objectchange``."""

from typing import Any

from django.db.models import QuerySet
from rest_framework import mixins, viewsets
from rest_framework.request import Request
from rest_framework.response import Response

from accord.api.views import ErrorsAutoSchema, ModelPermission, NamedModelViewSet
from accord.core.api.serializers import ObjectChangeSerializer
from accord.core.filtersets import ObjectChangeFilterSet
from accord.core.models import ObjectChange


class ObjectChangeViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Every write of every path (cli, import, api, ui, admin), newest first.

    An entry names objects of any organization, and of deleted objects, so no organization's role
    reaches it: it is shown to the superuser and to users holding Django's global
    ``core.view_objectchange`` permission (an installation's own auditors), to no one else.
    """

    queryset = ObjectChange.objects.select_related('changed_object_type')
    serializer_class = ObjectChangeSerializer
    filterset_class = ObjectChangeFilterSet
    schema = ErrorsAutoSchema()
    permission_classes = [ModelPermission]
    filter_backends = NamedModelViewSet.filter_backends
    search_fields = ['object_repr', 'user_name']
    ordering_fields = ['time', 'id']
    ordering = ['-time', '-id']

    def get_queryset(self) -> QuerySet:
        return super().get_queryset().restrict(self.request.user, 'view')

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """An entry never changes: its ETag is its id's."""
        change = self.get_object()
        response = Response(self.get_serializer(change).data)
        response['ETag'] = f'"change-{change.pk}"'
        return response

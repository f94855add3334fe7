"""Endpoints of the change log, of accounts and of API tokens."""

from typing import Any

from django.db import models, transaction
from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response

from accord.api.views import IF_MATCH, ErrorsAutoSchema, ModelPermission, NamedModelViewSet
from accord.core.api.serializers import (
    APITokenSerializer,
    NewAPITokenSerializer,
    ObjectChangeSerializer,
    UserSerializer,
)
from accord.core.choices import ChangeSource
from accord.core.filtersets import APITokenFilterSet, ObjectChangeFilterSet, UserFilterSet
from accord.core.models import APIToken, ObjectChange, User
from accord.core.services import Actor
from accord.core.tokens import revoke_token


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


def referrers(user: User) -> list[models.Model]:
    """What refers to the account (its change-log entries, tokens, role grants, person...), a few of each kind.

    Django would cascade or clear these; an account that acted or holds something is kept, and
    deactivated instead, so that history still names it.
    """
    found: list[models.Model] = []
    for relation in User._meta.related_objects:
        if relation.many_to_many:
            continue
        found.extend(relation.related_model._base_manager.filter(**{relation.field.name: user})[:5])
    return found


class UserViewSet(NamedModelViewSet):
    """Accounts: the superuser and holders of Django's user permissions manage them; everyone reads their own.

    Only a superuser changes or deletes a superuser's account.
    """

    queryset = User.objects.select_related('person')
    serializer_class = UserSerializer
    filterset_class = UserFilterSet
    # A login writes last_login without moving the data version: read afresh.
    keep_representations = False
    search_fields = ['username', 'first_name', 'last_name', 'email']
    ordering_fields = ['username', 'id']
    ordering = ['username']

    def get_queryset(self) -> QuerySet:
        queryset = super().get_queryset()
        if self.permission_action != 'view' and not self.request.user.is_superuser:
            queryset = queryset.exclude(is_superuser=True)
        return queryset

    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        user = self.get_object()
        if user.pk == request.user.pk:
            raise PermissionDenied('You may not delete your own account.')
        found = referrers(user)
        if found:
            return self.referenced(user, found)
        return super().destroy(request, *args, **kwargs)


@extend_schema_view(
    create=extend_schema(responses={201: NewAPITokenSerializer}),
    revoke=extend_schema(request=None, parameters=[IF_MATCH]),
)
class APITokenViewSet(NamedModelViewSet):
    """API tokens: each user lists, creates and revokes their own; the superuser sees and revokes everyone's.

    Written through ``accord.core.tokens``, as ``accord token`` and the admin are. A token is never
    changed, only revoked: DELETE revokes it (it stays listed, with its status), as ``revoke`` does.
    """

    queryset = APIToken.objects.select_related('user')
    serializer_class = APITokenSerializer
    filterset_class = APITokenFilterSet
    http_method_names = ['get', 'post', 'delete', 'head', 'options']
    # Token writes do not move the data version (last_used is written on use), and a status moves
    # with time: read afresh.
    keep_representations = False
    search_fields = ['name', 'key_prefix']
    ordering_fields = ['created', 'id']
    ordering = ['-created', '-id']

    @property
    def permission_action(self) -> str:
        return 'delete' if self.action == 'revoke' else super().permission_action

    def get_serializer_class(self) -> type:
        return NewAPITokenSerializer if self.action == 'create' else APITokenSerializer

    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Revokes the token: it stays, so that the list and the change log still show it."""
        self.revoke_object()
        return Response(status=status.HTTP_204_NO_CONTENT)

    @action(detail=True, methods=['post'])
    def revoke(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Revoke the token from now on; revoking a revoked token changes nothing."""
        token = self.revoke_object()
        return Response(self.get_serializer(token).data)

    def revoke_object(self) -> APIToken:
        token = self.get_object()
        with transaction.atomic():
            self.lock_and_refresh(token)
            self.check_if_match(token)
            revoke_token(token, actor=Actor(user=self.request.user, source=ChangeSource.API))
        self._etag_object = token
        return token

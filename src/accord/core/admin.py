"""The admin: a back door for staff, so every write in it goes through the audited write layer.

``AuditedModelAdmin`` routes saves and deletes, of the object and of its inlines, through
``save_object``/``delete_object`` so the change log sees the admin like any other path.
"""

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db import models, transaction
from django.forms import BaseFormSet, ModelForm
from django.http import HttpRequest, HttpResponse

from accord.core.choices import ChangeAction, ChangeSource
from accord.core.models import APIToken, AppliedFile, ObjectChange, User
from accord.core.services import REDACTED, Actor, delete_object, record_change, save_object, save_written
from accord.core.tokens import revoke_token


def admin_actor(request: HttpRequest) -> Actor:
    """The actor of an admin write: the logged-in staff member, source 'admin'."""
    return Actor(user=request.user, source=ChangeSource.ADMIN)


class AuditedModelAdmin(admin.ModelAdmin):
    """A ModelAdmin whose every write, inlines included, records an ObjectChange."""

    def save_model(self, request: HttpRequest, obj: models.Model, form: ModelForm, change: bool) -> None:
        save_written(obj, actor=admin_actor(request))  # a subscription ended here ends its grants, as elsewhere

    def delete_model(self, request: HttpRequest, obj: models.Model) -> None:
        delete_object(obj, actor=admin_actor(request))

    @transaction.atomic
    def delete_queryset(self, request: HttpRequest, queryset: models.QuerySet) -> None:
        # One row per object: a bulk delete would leave no trace in the change log.
        actor = admin_actor(request)
        for obj in queryset:
            delete_object(obj, actor=actor)

    def save_formset(self, request: HttpRequest, form: ModelForm, formset: BaseFormSet, change: bool) -> None:
        actor = admin_actor(request)
        instances = formset.save(commit=False)
        # Deletes first, so a row re-added under the same unique key does not collide with the old one.
        for obj in formset.deleted_objects:
            delete_object(obj, actor=actor)
        for obj in instances:
            save_object(obj, actor=actor)
        formset.save_m2m()


@admin.register(User)
class UserAdmin(AuditedModelAdmin, DjangoUserAdmin):
    """Django's user admin, audited; password hashes never reach the change log."""

    def user_change_password(self, request: HttpRequest, id: str, form_url: str = '') -> HttpResponse:
        # Django's view saves the user itself; compare hashes around it to log a real change only.
        with transaction.atomic():
            user = self.get_object(request, unquote(id))
            response = super().user_change_password(request, id, form_url)
            if user is not None:
                after = type(user).objects.filter(pk=user.pk).values_list('password', flat=True).first()
                if after is not None and after != user.password:
                    record_change(
                        user,
                        ChangeAction.UPDATE,
                        actor=admin_actor(request),
                        before={'password': REDACTED},
                        after={'password': REDACTED},
                    )
        return response


class ReadOnlyAdmin(admin.ModelAdmin):
    """Records the services keep and nobody edits."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: models.Model | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: models.Model | None = None) -> bool:
        return False


@admin.register(ObjectChange)
class ObjectChangeAdmin(ReadOnlyAdmin):
    """The change log, read-only: history is written by the services, never edited."""

    list_display = ('time', 'user_name', 'source', 'action', 'changed_object_type', 'object_repr')
    list_filter = ('source', 'action', 'changed_object_type')
    search_fields = ('object_repr', 'user_name')
    list_select_related = ('changed_object_type',)
    date_hierarchy = 'time'


@admin.register(AppliedFile)
class AppliedFileAdmin(ReadOnlyAdmin):
    """The files the command line's last ``accord apply`` applied, which the next one may skip, read-only."""

    list_display = ('path', 'sha256', 'accord_version', 'last_change', 'data_version', 'applied')
    search_fields = ('path',)


@admin.register(APIToken)
class APITokenAdmin(AuditedModelAdmin):
    """API tokens, to see and revoke. Created by ``accord token create``, which shows the key once."""

    list_display = ('key_prefix', 'name', 'user', 'status', 'created', 'expires', 'last_used', 'revoked_at')
    list_filter = ('revoked_at', 'expires')
    search_fields = ('key_prefix', 'name', 'user__username')
    list_select_related = ('user',)
    readonly_fields = ('user', 'name', 'key_prefix', 'created', 'expires', 'last_used', 'revoked_at')
    exclude = ('key_hash',)
    actions = ['revoke']

    @admin.display(description='status')
    def status(self, token: APIToken) -> str:
        return token.status()

    @admin.action(description='Revoke the selected tokens')
    def revoke(self, request: HttpRequest, queryset: models.QuerySet) -> None:
        with transaction.atomic():
            for token in queryset:
                revoke_token(token, actor=admin_actor(request))

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: APIToken | None = None) -> bool:
        return False  # the revoke action is the only change; it checks the delete permission

    def get_actions(self, request: HttpRequest) -> dict:
        actions = super().get_actions(request)
        if not self.has_delete_permission(request):
            actions.pop('revoke', None)
        return actions

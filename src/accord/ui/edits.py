"""The console's generic create, edit and delete pages of a kind, permitted exactly as the API permits.

An object the reader may not view answers 404 (a kind a consumer never sees, too); one they may
view but not change or delete answers 403, and so does ``new/`` for a reader who may add none.
Every write goes through the kind's API serializer under ``core.services``' guards: an edit is
checked against the version the form was opened at (a stale form is refused, nothing saved), a
delete that others refer to is refused naming the referrers the reader may see, as the API's 409.
"""

from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse, reverse_lazy
from django.views import View
from rest_framework.exceptions import ValidationError

from accord.api.router import router
from accord.core.choices import ChangeSource
from accord.core.guards import (
    OutOfReach,
    StaleVersion,
    StillReferenced,
    guarded_delete,
    guarded_write,
    object_version,
    referrers_seen_by,
)
from accord.core.querysets import endpoint_hidden, may_add
from accord.core.services import Actor
from accord.ui.forms import ObjectForm
from accord.ui.routes import route_of


def stale_message(kind: str) -> str:
    return (f'Someone changed this {kind} since you opened the form; nothing was saved. '
            'Reload the page to edit the current version.')


def reachable(request: HttpRequest, model: type[models.Model], name: str, action: str) -> models.Model:
    """The object named ``name``: 404 unless the reader may view it, 403 unless they may also ``action`` it."""
    obj = model.objects.restrict(request.user, 'view').filter(name=name).first()
    if obj is None:
        raise Http404(f'No {model._meta.verbose_name} named {name!r} that you may view.')
    if action != 'view' and not model.objects.restrict(request.user, action).filter(pk=obj.pk).exists():
        raise PermissionDenied(f'You may not {action} this {model._meta.verbose_name}.')
    return obj


class ObjectFormView(LoginRequiredMixin, View):
    """``/ROUTE/new/`` and ``/ROUTE/NAME/edit/``: the kind's ``form_class`` written through its serializer."""

    login_url = reverse_lazy('ui:login')
    model: type[models.Model]
    form_class: type[ObjectForm]
    template_name = 'ui/form.html'

    def get_object(self, request: HttpRequest, name: str | None) -> models.Model | None:
        if name is not None:
            return reachable(request, self.model, name, 'change')
        if endpoint_hidden(request.user, self.model):
            raise Http404(f'No {self.model._meta.verbose_name_plural} that you may view.')
        if not may_add(request.user, self.model):
            raise PermissionDenied(f'You may not add a {self.model._meta.verbose_name}.')
        return None

    def get(self, request: HttpRequest, name: str | None = None) -> HttpResponse:
        obj = self.get_object(request, name)
        document = self.document(request, obj)
        initial = self.form_class.initial_of(document, object_version(obj)) if obj is not None else {}
        return self.render(request, obj, self.form_class(initial=initial, user=request.user, document=document))

    def document(self, request: HttpRequest, obj: models.Model | None) -> dict | None:
        """The object as the API represents it: the form's initial values and its parts' unshown attributes.

        Read through the API endpoint's queryset (the console's route is the API's), whose prefetches
        read each list of parts in one query rather than one per part."""
        if obj is None:
            return None
        viewset = next((viewset for prefix, viewset, _ in router.registry if prefix == route_of(self.model)), None)
        if viewset is not None:
            obj = viewset.queryset.get(pk=obj.pk)
        return self.form_class.serializer_class(obj, context={'request': request}).data

    def post(self, request: HttpRequest, name: str | None = None) -> HttpResponse:
        obj = self.get_object(request, name)
        form = self.form_class(request.POST, user=request.user, document=self.document(request, obj))
        if not form.is_valid():
            return self.render(request, obj, form)
        serializer = self.form_class.serializer_class(
            obj, data=form.document(), partial=obj is not None,
            context={'request': request, 'source': ChangeSource.UI})
        if not serializer.is_valid():
            form.show_errors(serializer.errors)
            return self.render(request, obj, form)
        kind = self.model._meta.verbose_name
        try:
            written = guarded_write(serializer.save, user=request.user, obj=obj,
                                    expected_version=form.cleaned_data['version'] if obj is not None else None)
        except StaleVersion:
            form.add_error(None, stale_message(kind))
        except OutOfReach as refused:
            form.add_error(None, str(refused))
        except ValidationError as refused:  # the model's rules, checked as the serializer saves
            form.show_errors(refused.detail)
        else:
            messages.success(request, f'{written} saved.')
            return redirect(reverse(f'ui:{route_of(self.model)}-detail', args=[written.name]))
        return self.render(request, obj, form)

    def render(self, request: HttpRequest, obj: models.Model | None, form: ObjectForm) -> HttpResponse:
        return TemplateResponse(request, self.template_name, {
            'object': obj, 'form': form, 'kind': self.model._meta.verbose_name, 'route': route_of(self.model),
        })


class ObjectDeleteView(LoginRequiredMixin, View):
    """``/ROUTE/NAME/delete/``: a confirmation, then the delete; refused while others refer to the object."""

    login_url = reverse_lazy('ui:login')
    model: type[models.Model]
    template_name = 'ui/delete.html'

    def get(self, request: HttpRequest, name: str) -> HttpResponse:
        obj = reachable(request, self.model, name, 'delete')
        return self.render(request, obj, object_version(obj))

    def post(self, request: HttpRequest, name: str) -> HttpResponse:
        obj = reachable(request, self.model, name, 'delete')
        kind = self.model._meta.verbose_name
        try:
            guarded_delete(obj, actor=Actor(user=request.user, source=ChangeSource.UI),
                           expected_version=request.POST.get('version') or None)
        except StaleVersion:
            return self.render(request, obj, object_version(obj), error=stale_message(kind))
        except StillReferenced as refused:
            return self.render(request, obj, object_version(obj), error=str(StillReferenced(obj, ())),
                               referrers=referrers_seen_by(refused.referrers, request.user))
        messages.success(request, f'{obj} deleted.')
        return redirect(reverse(f'ui:{route_of(self.model)}-list'))

    def render(self, request: HttpRequest, obj: models.Model, version: str, **context: Any) -> HttpResponse:
        return TemplateResponse(request, self.template_name, {
            'object': obj, 'version': version, 'kind': self.model._meta.verbose_name,
            'route': route_of(self.model), **context,
        }, status=409 if context.get('referrers') is not None else 200)

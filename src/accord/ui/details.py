"""The detail page of any kind, by name, and its history tab; 404 for what the reader may not view.

A kind's page is a subclass of ``ObjectDetailView``; it may name its own template and add to the
context (``extra_context``). The generic page shows the object's fields in words, its references,
and what refers to it (each list restricted to what the reader may view), so related objects are
linked both ways.
"""

import json
import re
from decimal import Decimal
from typing import Any

from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse, reverse_lazy
from django.utils.html import format_html_join
from django.views import View

from accord.core.models import ObjectChange, User
from accord.core.querysets import staff_organizations
from accord.core.roles import SCOPES
from accord.ui.edits import ObjectDeleteView, ObjectFormView
from accord.ui.routes import actions_of, has_forms, has_history, object_urls, route_of
from accord.ui.values import EMPTY, Visibility, link, money

HIDDEN_FIELDS = {'id', 'name', 'title', 'description', 'labels', 'position'}
REFERRERS_SHOWN = 50
DECIMAL = re.compile(r'^-?[0-9]+\.[0-9]{3,}$')


class ObjectDetailView(LoginRequiredMixin, View):
    login_url = reverse_lazy('ui:login')
    model: type[models.Model]
    queryset: models.QuerySet | None = None
    template_name = 'ui/detail.html'
    tab = 'overview'

    def get_object(self, request: HttpRequest, name: str) -> models.Model:
        queryset = self.queryset if self.queryset is not None else self.model.objects.all()
        obj = queryset.restrict(request.user, 'view').filter(name=name).first()
        if obj is None:
            raise Http404(f'No {self.model._meta.verbose_name} named {name!r} that you may view.')
        return obj

    def get(self, request: HttpRequest, name: str) -> HttpResponse:
        obj = self.get_object(request, name)
        context = {
            'object': obj, 'model': self.model, 'route': route_of(self.model), 'tab': self.tab,
            'kind': self.model._meta.verbose_name,
            'may_see_history': has_history(route_of(self.model)) and may_see_history(request.user, obj),
            'object_actions': actions_of(request.user, obj),
            **self.action_urls(request, obj),
        }
        context.update(self.extra_context(request, obj))
        return TemplateResponse(request, self.template_name, context)

    def action_urls(self, request: HttpRequest, obj: models.Model) -> dict[str, str | None]:
        """The Edit and Delete buttons, each only for a reader who may change or delete the object."""
        route = route_of(self.model)
        if not has_forms(route):
            return {}
        allowed = {action: self.model.objects.restrict(request.user, action).filter(pk=obj.pk).exists()
                   for action in ('change', 'delete')}
        return {'edit_url': reverse(f'ui:{route}-edit', args=[obj.name]) if allowed['change'] else None,
                'delete_url': reverse(f'ui:{route}-delete', args=[obj.name]) if allowed['delete'] else None}

    def extra_context(self, request: HttpRequest, obj: models.Model) -> dict[str, Any]:
        return {'attributes': attributes(obj, request.user), 'referrers': referrers(request.user, obj)}


def attributes(obj: models.Model, user: Any) -> list[tuple[str, Any]]:
    """Each shown field of ``obj`` with its value in words: references linked (those the reader may view), choices
    by label. Accounts (a person's user) are not shown, as the API does not."""
    visibility = Visibility(user)
    rows = []
    for field in obj._meta.get_fields():
        if field.auto_created or field.name in HIDDEN_FIELDS or isinstance(field, models.JSONField):
            continue
        if field.is_relation and field.related_model is User:
            continue
        if field.many_to_many:
            related = visibility.only(getattr(obj, field.name).all())
            value = format_html_join(', ', '{}', ((link(item),) for item in related)) if related else EMPTY
            rows.append((field.verbose_name, value))
        elif field.is_relation:
            target = getattr(obj, field.name)
            rows.append((field.verbose_name, link(target) if visibility.only([target]) else EMPTY))
        elif isinstance(field, models.DecimalField):
            rows.append((field.verbose_name, money(getattr(obj, field.name), getattr(obj, 'currency', ''))))
        elif field.choices:
            rows.append((field.verbose_name, getattr(obj, f'get_{field.name}_display')() or EMPTY))
        elif isinstance(field, models.BooleanField):
            rows.append((field.verbose_name, 'yes' if getattr(obj, field.name) else 'no'))
        else:
            value = getattr(obj, field.name)
            rows.append((field.verbose_name, EMPTY if value in (None, '') else value))
    return rows


def referrers(user: Any, obj: models.Model) -> list[tuple[str, list[Any], int]]:
    """What refers to ``obj``, per kind that has pages: (heading, links, how many in all)."""
    sections = []
    for relation in obj._meta.related_objects:
        related_model = relation.related_model
        if route_of(related_model) is None:
            continue
        lookup = relation.field.name
        visible = related_model.objects.restrict(user, 'view').filter(**{lookup: obj}).order_by('name')
        found = list(visible[:REFERRERS_SHOWN])
        if not found:
            continue
        total = len(found) if len(found) < REFERRERS_SHOWN else visible.count()
        heading = f'{related_model._meta.verbose_name_plural} ({relation.field.verbose_name})'
        sections.append((heading, [link(item) for item in found], total))
    return sections


def may_see_history(user: Any, obj: models.Model) -> bool:
    """The change log of an object is for the staff whose roles reach it, and those who see every entry.

    A consumer who views an offering does not read who at the provider changed it, nor when.
    """
    if ObjectChange.objects.restrict(user, 'view').exists():
        return True
    scope = SCOPES.get(obj._meta.label_lower)
    if scope is None:
        return False
    organizations = staff_organizations(user, type(obj), 'view')
    if not organizations:
        return False
    if scope.staff is None:
        return True
    condition = models.Q()
    for path in scope.staff:
        condition |= models.Q(**{f'{path}__in': organizations})
    return type(obj)._base_manager.filter(condition, pk=obj.pk).exists()


class ObjectHistoryView(ObjectDetailView):
    """Each change of the object: when, who, from where (ui, api, cli, import), and what moved."""

    template_name = 'ui/history.html'
    tab = 'history'

    def extra_context(self, request: HttpRequest, obj: models.Model) -> dict[str, Any]:
        if not may_see_history(request.user, obj):
            raise Http404('No history that you may view.')
        changes = ObjectChange.objects.filter(
            changed_object_type=ContentType.objects.get_for_model(type(obj)), changed_object_id=obj.pk,
        ).order_by('-time', '-id')[:200]
        return {'changes': [(change, diff(change.before, change.after)) for change in changes]}


def flatten(document: Any, prefix: str = '') -> dict[str, Any]:
    """A change-log document as ``{'spec.fee.amount': '5.00', ...}``: nested mappings by dotted path."""
    if not isinstance(document, dict):
        return {prefix: document}
    flat: dict[str, Any] = {}
    for key, value in document.items():
        flat.update(flatten(value, f'{prefix}.{key}' if prefix else str(key)))
    return flat


def diff(before: dict | None, after: dict | None) -> list[tuple[str, Any, Any]]:
    """The paths whose value differs between ``before`` and ``after``: (path, old, new); lists as JSON."""
    before, after = flatten(before or {}), flatten(after or {})
    rows = []
    for key in sorted(set(before) | set(after)):
        if before.get(key) != after.get(key):
            rows.append((key, _shown(before, key), _shown(after, key)))
    return rows


def _shown(values: dict[str, Any], key: str) -> str:
    if key not in values or values[key] in (None, ''):
        return EMPTY
    value = values[key]
    if isinstance(value, list | bool):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, str) and DECIMAL.match(value):  # a money column as stored: '5.0000' reads '5.00'
        amount = Decimal(value).normalize()
        return f'{amount.quantize(Decimal("0.01")) if amount.as_tuple().exponent > -2 else amount:f}'
    return str(value)

def object_pages(route: str, list_view: type, detail_view: type | None = None, history: bool = True,
                 form: type | None = None) -> list:
    """The URL patterns of one kind: its list, its detail page (generic unless given), its history and, given
    its ``ObjectForm``, its create, edit and delete pages (``accord.ui.edits``)."""
    model = list_view.model
    form_view = type(f'{model.__name__}Form', (ObjectFormView,), {'model': model, 'form_class': form}) if form else None
    delete_view = type(f'{model.__name__}Delete', (ObjectDeleteView,), {'model': model}) if form else None
    detail_view = detail_view or type(f'{model.__name__}Detail', (ObjectDetailView,), {'model': model})
    history_view = type(f'{model.__name__}History', (ObjectHistoryView,), {
        'model': model, 'queryset': detail_view.queryset}) if history else None
    return object_urls(route, list_view.as_view(), detail_view.as_view(),
                       history_view.as_view() if history_view else None,
                       form_view.as_view() if form_view else None, delete_view.as_view() if delete_view else None)

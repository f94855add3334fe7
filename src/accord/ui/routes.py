"""Where each kind's pages live: ``/ROUTE/`` (list), ``/ROUTE/NAME/`` (detail), ``/ROUTE/NAME/history/``.

Each app's ``urls.py`` declares its kinds with ``object_urls``, which also records the route of the
model, so that any page can link to any object it shows (``object_url``) without knowing its app.
"""

from collections.abc import Callable
from typing import Any

from django.db import models
from django.urls import URLPattern, get_resolver, path, reverse

_routes: dict[str, str] = {}
_models: dict[str, type[models.Model]] = {}
_with_details: set[str] = set()
_with_history: set[str] = set()
_with_forms: set[str] = set()
_actions: dict[str, list[tuple[str, str, Callable[[Any, models.Model], bool]]]] = {}


def object_urls(route: str, list_view: Any, detail_view: Any = None, history_view: Any = None,
                form_view: Any = None, delete_view: Any = None) -> list[URLPattern]:
    """The URL patterns of one kind, named ``ROUTE-list``, ``ROUTE-detail``, ``ROUTE-history`` and, with a form,
    ``ROUTE-new``, ``ROUTE-edit`` and ``ROUTE-delete``."""
    model = list_view.view_class.model
    _routes[model._meta.label_lower] = route
    _models[route] = model
    patterns = [path(f'{route}/', list_view, name=f'{route}-list')]
    if form_view is not None:
        _with_forms.add(route)
        patterns += [path(f'{route}/new/', form_view, name=f'{route}-new'),
                     path(f'{route}/<str:name>/edit/', form_view, name=f'{route}-edit'),
                     path(f'{route}/<str:name>/delete/', delete_view, name=f'{route}-delete')]
    if detail_view is not None:
        _with_details.add(route)
        patterns.append(path(f'{route}/<str:name>/', detail_view, name=f'{route}-detail'))
    if history_view is not None:
        _with_history.add(route)
        patterns.append(path(f'{route}/<str:name>/history/', history_view, name=f'{route}-history'))
    return patterns


def route_of(model: type[models.Model]) -> str | None:
    return _routes.get(model._meta.label_lower)


def object_url(obj: models.Model) -> str | None:
    """The detail page of ``obj``, or None for a kind without pages (or an object without a name)."""
    route = route_of(type(obj))
    name = getattr(obj, 'name', None)
    if route not in _with_details or not name:
        return None
    return reverse(f'ui:{route}-detail', kwargs={'name': name})


def list_url(model: type[models.Model]) -> str | None:
    route = route_of(model)
    return reverse(f'ui:{route}-list') if route else None


def kinds() -> list[tuple[type[models.Model], str]]:
    """Every kind with pages and its route, in the order the URL configuration declares them."""
    _ = get_resolver().url_patterns  # the apps' urls.py declare the kinds as the configuration is first read
    return [(model, route) for route, model in _models.items()]


def has_history(route: str | None) -> bool:
    return route in _with_history


def has_forms(route: str | None) -> bool:
    """Whether the kind has the generic ``new/``, ``edit/`` and ``delete/`` pages."""
    return route in _with_forms


def object_action(route: str, verb: str, view: Any, label: str,
                  applies: Callable[[Any, models.Model], bool]) -> URLPattern:
    """The page of one verb on an object, ``/ROUTE/NAME/VERB/`` named ``ROUTE-VERB``; the object's page shows its
    button, labelled ``label``, to a reader for whom ``applies(user, obj)`` (who may, in a state that allows it)."""
    _actions.setdefault(route, []).append((label, f'ui:{route}-{verb}', applies))
    return path(f'{route}/<str:name>/{verb}/', view, name=f'{route}-{verb}')


def actions_of(user: Any, obj: models.Model) -> list[tuple[str, str]]:
    """The verbs' buttons on the page of ``obj``: (label, address) of each that applies for ``user`` now."""
    return [(label, reverse(url_name, args=[obj.name]))
            for label, url_name, applies in _actions.get(route_of(type(obj)) or '', ()) if applies(user, obj)]

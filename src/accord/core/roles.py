"""Roles of provider staff and how each model reaches organizations: the engine behind ``restrict()``.

A **role grant** gives a user one role for one organization; it covers that organization and its
units below it (business units, teams), as a service manager expects a grant on the bank to reach
the bank's teams. Core knows the roles and the machinery; it names no other app's model or lookup.
Each app declares, beside its models, how each of them reaches an organization and which roles
act on it, and registers that when it is ready:

- ``Scope`` per model: ``staff`` lookups to the organization whose staff manage the object,
  ``staff_view`` lookups that let staff view more, ``consumer`` what a consumer organization sees
  (R1, R5), ``writers`` the roles that add, change and delete it, ``viewers`` those that view it;
- ``OwnRows`` per model whose rows belong to one user (accounts, grants, tokens);
- a ``Directory``, from the app that keeps role grants, persons and organization units: where
  the engine reads a user's grants and organizations.

To give a new app's models their permissions (``provision``, say), declare them in the app's
``permissions.py`` and register them in its ``AppConfig.ready``; nothing in core changes::

    # accord/provision/permissions.py
    from accord.core.roles import Role, Scope, through, written_by
    from accord.provision.models import Order

    SCOPES = {
        Order: Scope(staff=('relationship__provider',), staff_view=('relationship__consumer',),
                     consumer=through('relationship__consumer'), writers=written_by(Role.RELATIONSHIP_MANAGER)),
    }

    # accord/provision/apps.py
    class ProvisionConfig(AppConfig):
        ...
        def ready(self) -> None:
            from accord.core.roles import register
            from accord.provision.permissions import SCOPES

            register(SCOPES)

``core.tests.test_roles`` checks that every model with a ``restrict`` manager is registered.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.db.models import Q


class Role(models.TextChoices):
    """What a member of the provider's staff may do for one organization."""

    ADMINISTRATOR = 'administrator', 'administrator'
    CATALOGUE_MANAGER = 'catalogue-manager', 'catalogue manager'
    RELATIONSHIP_MANAGER = 'relationship-manager', 'relationship manager'
    PRACTITIONER = 'practitioner', 'practitioner'
    AUDITOR = 'auditor', 'auditor'


VIEW = frozenset({'view'})
ALL = frozenset({'view', 'add', 'change', 'delete'})
EVERY_ROLE = frozenset(Role)
NO_ROLE: frozenset[str] = frozenset()


def written_by(*roles: str) -> frozenset[str]:
    """The roles that write a model: those given, and administrators, who write everything of their organization."""
    return frozenset({Role.ADMINISTRATOR, *roles})


ConsumerScope = Callable[[list[int], int | None], Q]


@dataclass(frozen=True)
class Scope:
    """How a model reaches organizations, and which roles act on it there.

    ``staff``: lookups to the organization whose staff manage the object (a role grant on it, or on
    a parent, covers the object); ``'pk'`` for an organization itself; ``None`` for reference data
    every staff member may view. ``staff_view``: extra lookups that let staff *view* (not write),
    e.g. a relationship where their organization is the consumer. ``consumer``: builds the Q of
    what consumer organizations ``orgs`` (and the person ``person``) see; ``None``: consumers get
    nothing, and the endpoint answers 404. ``writers`` add, change and delete; ``viewers`` view.
    """

    staff: tuple[str, ...] | None
    staff_view: tuple[str, ...] = ()
    consumer: ConsumerScope | None = field(default=None)
    writers: frozenset[str] = written_by()
    viewers: frozenset[str] = EVERY_ROLE


@dataclass(frozen=True)
class OwnRows:
    """Rows that belong to one user: the lookup from a row to its user's id, and what the user may do on them."""

    user: str
    actions: frozenset[str]


@dataclass(frozen=True)
class Directory:
    """Where the engine reads who a user is: kept by the app that records grants, persons and units.

    ``grants(user)``: the user's grants as (role, organization id); ``units(ids)``: the
    organizations and every unit below them; ``person(user)``: the id of the person the user is
    (or ``None``) and the ids of that person's organizations.
    """

    grants: Callable[[Any], list[tuple[str, int]]]
    units: Callable[[set[int]], set[int]]
    person: Callable[[Any], tuple[int | None, set[int]]]


# The registry: filled by each app's ``ready()``, read by ``accord.core.querysets``.
SCOPES: dict[str, Scope] = {}
OWN_ROWS: dict[str, OwnRows] = {}
ROLE_ACTIONS: dict[str, dict[str, frozenset[str]]] = {role: {} for role in Role}  # role → model label → actions
_directory: list[Directory] = []


def register(scopes: Mapping[type[models.Model], Scope] | None = None,
             own_rows: Mapping[type[models.Model], OwnRows] | None = None) -> None:
    """Declare the scopes and own rows of an app's models; call it from the app's ``AppConfig.ready``.

    Registering a model twice with the same declaration is harmless; with another one it is an error.
    """
    for model, scope in (scopes or {}).items():
        label = _claim(SCOPES, model, scope)
        for role in Role:
            actions = (VIEW if role in scope.viewers else NO_ROLE) | (ALL if role in scope.writers else NO_ROLE)
            if actions:
                ROLE_ACTIONS[role][label] = actions
    for model, own in (own_rows or {}).items():
        _claim(OWN_ROWS, model, own)


def _claim(table: dict[str, Any], model: type[models.Model], declaration: Any) -> str:
    label = model._meta.label_lower
    if table.get(label, declaration) != declaration:
        raise ImproperlyConfigured(f'{label} is registered twice with different permissions')
    table[label] = declaration
    return label


def register_directory(directory: Directory) -> None:
    """Tell the engine where grants, persons and units are read (one app does, when it is ready)."""
    _directory[:] = [directory]


def directory() -> Directory:
    if not _directory:
        raise ImproperlyConfigured('no app has registered the directory of role grants and persons')
    return _directory[0]


def role_permits(role: str, label: str, action: str) -> bool:
    """Whether ``role`` permits ``action`` on the model labelled ``label`` (``app.model``)."""
    return action in ROLE_ACTIONS.get(role, {}).get(label, frozenset())


def through(*paths: str) -> ConsumerScope:
    """A consumer scope: the objects that reach one of the consumer's organizations along one of ``paths``."""
    def build(orgs: list[int], person: int | None) -> Q:
        q = Q(pk__in=[])
        for path in paths:
            q |= Q(**{f'{path}__in': orgs})
        return q
    return build

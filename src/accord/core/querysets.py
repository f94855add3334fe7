"""The permission gate: every view, endpoint, export and search starts from ``restrict()``.

An object outside what the user may see is simply not in the queryset, so callers answer 404.
Who sees what (``accord.core.roles``, filled by each app's declarations):

- the superuser, and a user holding Django's model permission for the action, everything of that
  model (the permission is global; kept for service accounts and the admin's own staff);
- provider staff, per role grant: the actions their role permits on the objects of the granted
  organization and its units (``Scope.staff``); with any role they also view what their
  organization sees as a consumer (its suppliers' relationships and offerings);
- a consumer (a user linked to a Person): only what ``Scope.consumer`` gives the person's
  organizations, and only ever to view (R1, R5);
- every user, their own rows of the models in ``OWN_ROWS`` (their account, role grants and API tokens).

The scope is one filter (``pk IN (subquery)``), never a query per row: grants, the units below
them and the person's organizations are read once per user object (a few small queries, one per
level of units), then the model's lookups are OR-ed together. Staff also view, never write, what
``Scope.staff_view`` adds (their customers, the relationships where their organization consumes).
"""

from typing import Any

from django.apps import apps
from django.db import models
from django.db.models import Q

from accord.core.roles import OWN_ROWS, ROLE_ACTIONS, SCOPES, directory, role_permits


def _label(model: type[models.Model]) -> str:
    return model._meta.label_lower


def staff_organizations(user: Any, model: type[models.Model], action: str) -> set[int]:
    """The organizations (units included) where one of ``user``'s roles permits ``action`` on ``model``."""
    label = _label(model)
    scope = _user_scope(user)
    granted = {organization for role, organization in scope['grants'] if role_permits(role, label, action)}
    return set().union(*(scope['units'][organization] for organization in granted))


def _user_scope(user: Any) -> dict:
    """The user's grants, the units below each granted organization, their person and its organizations.

    Read once per user object and kept on it, as Django keeps its permission cache: a request loads
    its user afresh, so a grant given or taken applies from the next request on.
    """
    cached = getattr(user, '_accord_scope', None)
    if cached is not None:
        return cached
    known = directory()
    grants = known.grants(user)
    units = {organization: known.units({organization}) for organization in {o for _r, o in grants}}
    person, members = known.person(user)
    cached = {'grants': grants, 'units': units, 'person': person, 'members': members}
    user._accord_scope = cached
    return cached


def consumer_organizations(user: Any) -> tuple[set[int], int | None]:
    """The organizations ``user`` sees as a consumer of, and their person's id.

    The person's own organizations, plus (for staff) the organizations of their role grants: a
    bank's staff see their suppliers' offerings and relationships as the bank does.
    """
    scope = _user_scope(user)
    return set().union(scope['members'], *scope['units'].values()), scope['person']


def is_consumer_only(user: Any) -> bool:
    """A user linked to a Person who holds no role grant and is not superuser: a consumer account."""
    if user is None or not user.is_authenticated or user.is_superuser:
        return False
    scope = _user_scope(user)
    return scope['person'] is not None and not scope['grants']


def endpoint_hidden(user: Any, model: type[models.Model]) -> bool:
    """Whether ``model`` is out of sight for ``user`` as a whole: a consumer and a model consumers never see.

    Such endpoints answer 404 for every action, so a consumer cannot even learn they exist.
    """
    if not is_consumer_only(user) or _label(model) in OWN_ROWS:
        return False
    meta = model._meta
    if user.has_perm(f'{meta.app_label}.view_{meta.model_name}'):
        return False
    scope = SCOPES.get(_label(model))
    return scope is None or scope.consumer is None


def may_add(user: Any, model: type[models.Model]) -> bool:
    """Whether ``user`` may add some object of ``model`` (which one is re-checked after the write)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    meta = model._meta
    if user.is_superuser or user.has_perm(f'{meta.app_label}.add_{meta.model_name}'):
        return True
    own = OWN_ROWS.get(_label(model))
    if own is not None and 'add' in own.actions:
        return True
    return bool(staff_organizations(user, model, 'add'))


def sees_all(user: Any, model: type[models.Model], action: str = 'view') -> bool:
    """Whether ``restrict(user, action)`` keeps every object of ``model``: the superuser, a global permission."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    meta = model._meta
    return user.is_superuser or user.has_perm(f'{meta.app_label}.{action}_{meta.model_name}')


def holds_role(user: Any, role: str, organization_id: int) -> bool:
    """Whether ``user`` may already do everything ``role`` permits for the organization.

    So that no one grants themselves more than they have: an administrator of the bank holds
    every role for the bank and its units; an auditor holds none but auditor.
    """
    if user.is_superuser:
        return True
    for label, actions in ROLE_ACTIONS.get(role, {}).items():
        model = apps.get_model(label)
        for action in actions:
            if not (sees_all(user, model, action) or organization_id in staff_organizations(user, model, action)):
                return False
    return True


class RestrictedQuerySet(models.QuerySet):
    def restrict(self, user: Any, action: str = 'view') -> 'RestrictedQuerySet':
        """Only the objects ``user`` may perform ``action`` (view, add, change, delete) on."""
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        if sees_all(user, self.model, action):
            return self
        label = _label(self.model)
        q = Q(pk__in=[])
        own = OWN_ROWS.get(label)
        if own is not None and action in own.actions:
            q |= Q(**{own.user: user.pk})
        scope = SCOPES.get(label)
        if scope is not None:
            staff = staff_organizations(user, self.model, action)
            if staff:
                if scope.staff is None:
                    return self
                paths = scope.staff + (scope.staff_view if action == 'view' else ())
                for path in paths:
                    q |= Q(**{f'{path}__in': staff})
            if action == 'view' and scope.consumer is not None:
                orgs, person = consumer_organizations(user)
                if orgs or person is not None:
                    q |= scope.consumer(sorted(orgs), person)
        if q == Q(pk__in=[]):
            return self.none()
        base = self.model._base_manager.filter(q).values('pk')
        return self.filter(pk__in=base)

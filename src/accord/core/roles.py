"""Roles of provider staff and the scope of every model: the one declarative table behind ``restrict()``.

A **role grant** (``parties.RoleGrant``) gives a user one role for one organization; it covers
that organization and its units below it (business units, teams), as a service manager expects a
grant on the bank to reach the bank's teams. ``ROLE_ACTIONS`` says which actions each role permits
on which models; ``SCOPES`` says how each model reaches the organization whose staff manage it
(``staff``) and how a consumer organization sees it (``consumer``, R1 and R5). Core names models
by label and lookups by string only, so it depends on no domain app.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

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

PARTY_MODELS = ('parties.organization', 'parties.person')
CATALOGUE_MODELS = (
    'parties.consumergroup',
    'resources.resource', 'resources.resourcedependency', 'resources.item',
    'catalog.product', 'catalog.productcomponent', 'catalog.service',
    'catalog.serviceoffering', 'catalog.offeringelement',
)
RELATIONSHIP_MODELS = (
    'relationships.servicerelationship', 'relationships.consumerrole', 'relationships.subscription',
    'relationships.agreement', 'relationships.agreementtarget', 'relationships.feedback',
    'relationships.valuereview', 'relationships.relationshipreview',
)
PROVISION_MODELS = (
    'provision.order', 'provision.goodsdelivery', 'provision.ownershiptransfer', 'provision.accessgrant',
    'provision.actioninstance', 'provision.consumptionevent', 'provision.periodfact', 'provision.capacityslot',
    'provision.reservation',
)
PRACTICE_MODELS = ('practices.practice', 'practices.practiceassignment')
SCOPED_MODELS = PARTY_MODELS + CATALOGUE_MODELS + RELATIONSHIP_MODELS + PROVISION_MODELS + PRACTICE_MODELS


def _grant(*pairs: tuple[tuple[str, ...], frozenset[str]]) -> dict[str, frozenset[str]]:
    table: dict[str, frozenset[str]] = {}
    for labels, actions in pairs:
        for label in labels:
            table[label] = table.get(label, frozenset()) | actions
    return table


# Role → model label → actions. Practices are reference data: every role views them, none writes them.
ROLE_ACTIONS: dict[str, dict[str, frozenset[str]]] = {
    Role.ADMINISTRATOR: _grant(
        (SCOPED_MODELS[:-2] + ('parties.rolegrant',), ALL), (PRACTICE_MODELS, VIEW), (PRACTICE_MODELS[1:], ALL)),
    Role.CATALOGUE_MANAGER: _grant((SCOPED_MODELS, VIEW), (CATALOGUE_MODELS, ALL)),
    Role.RELATIONSHIP_MANAGER: _grant((SCOPED_MODELS, VIEW), (RELATIONSHIP_MODELS + PROVISION_MODELS, ALL)),
    Role.PRACTITIONER: _grant((SCOPED_MODELS, VIEW), (('practices.practiceassignment',), ALL)),
    Role.AUDITOR: _grant((SCOPED_MODELS + ('parties.rolegrant',), VIEW)),
}


# Models whose rows belong to one user: the lookup from a row to its user's id, and the actions every
# user may take on their own rows whatever their roles. An account reads itself (changing accounts is
# for the superuser and holders of Django's user permissions), and its role grants; API tokens are
# self-service, a revocation being the ``delete`` action, as in the admin.
OWN_ROWS: dict[str, tuple[str, frozenset[str]]] = {
    'core.user': ('pk', VIEW),
    'parties.rolegrant': ('user', VIEW),
    'core.apitoken': ('user', frozenset({'view', 'add', 'delete'})),
}


def role_permits(role: str, label: str, action: str) -> bool:
    """Whether ``role`` permits ``action`` on the model labelled ``label`` (``app.model``)."""
    return action in ROLE_ACTIONS.get(role, {}).get(label, frozenset())


@dataclass(frozen=True)
class Scope:
    """How a model reaches organizations.

    ``staff``: lookups to the organization whose staff manage the object (a role grant on it, or on
    a parent, covers the object); ``'pk'`` for an organization itself; ``None`` for reference data
    every staff member may view. ``staff_view``: extra lookups that let staff *view* (not write),
    e.g. a relationship where their organization is the consumer. ``consumer``: builds the Q of
    what consumer organizations ``orgs`` (and the person ``person``) see; ``None``: consumers get
    nothing, and the endpoint answers 404.
    """

    staff: tuple[str, ...] | None
    staff_view: tuple[str, ...] = ()
    consumer: Callable[[list[int], int | None], Q] | None = field(default=None)


def _paths(*paths: str) -> Callable[[list[int], int | None], Q]:
    def build(orgs: list[int], person: int | None) -> Q:
        q = Q(pk__in=[])
        for path in paths:
            q |= Q(**{f'{path}__in': orgs})
        return q
    return build


def _offering(orgs: list[int], person: int | None) -> Q:
    """R1: live offerings that target a group the organization is a member of; plus what it subscribes to."""
    return (Q(lifecycle='live', target_groups__members__in=orgs)
            | Q(lifecycle='live', target_groups__subscriptions__relationship__consumer__in=orgs)
            | Q(subscriptions__relationship__consumer__in=orgs))


def _group(orgs: list[int], person: int | None) -> Q:
    """Groups the organization is placed in, or belongs to through a subscription."""
    return Q(members__in=orgs) | Q(subscriptions__relationship__consumer__in=orgs)


def _organization(orgs: list[int], person: int | None) -> Q:
    """Its own organizations, and the providers it deals with (of its relationships and groups)."""
    return (Q(pk__in=orgs) | Q(provider_relationships__consumer__in=orgs)
            | Q(consumer_groups__members__in=orgs))


def _person(orgs: list[int], person: int | None) -> Q:
    """Itself and the members of its own organizations."""
    return Q(pk=person) | Q(member_of__in=orgs)


def _relationship_part(path: str) -> Scope:
    """A record of a relationship reached through ``path``: its provider's staff manage it, its consumer views it."""
    return Scope(staff=(f'{path}__provider',), staff_view=(f'{path}__consumer',), consumer=_paths(f'{path}__consumer'))


SCOPES: dict[str, Scope] = {
    'parties.organization': Scope(
        staff=('pk',), staff_view=('consumer_relationships__provider',), consumer=_organization),
    'parties.person': Scope(
        staff=('member_of',), staff_view=('member_of__consumer_relationships__provider',), consumer=_person),
    'parties.consumergroup': Scope(staff=('provider',), consumer=_group),
    'resources.resource': Scope(staff=('organization',)),
    'resources.resourcedependency': Scope(staff=('resource__organization',)),
    'resources.item': Scope(staff=('resource__organization',), staff_view=('owner',)),
    'catalog.product': Scope(staff=('provider',)),
    'catalog.productcomponent': Scope(staff=('product__provider',)),
    'catalog.service': Scope(staff=('provider',)),
    'catalog.serviceoffering': Scope(staff=('provider',), consumer=_offering),
    'catalog.offeringelement': Scope(staff=('offering__provider',)),
    'relationships.servicerelationship': Scope(
        staff=('provider',), staff_view=('consumer',), consumer=_paths('consumer')),
    'relationships.consumerrole': Scope(
        staff=('relationship__provider',), staff_view=('relationship__consumer',),
        consumer=_paths('relationship__consumer')),
    'relationships.subscription': Scope(
        staff=('relationship__provider',), staff_view=('relationship__consumer',),
        consumer=_paths('relationship__consumer')),
    'relationships.agreement': Scope(
        staff=('relationship__provider',), staff_view=('relationship__consumer',),
        consumer=_paths('relationship__consumer')),
    'relationships.agreementtarget': Scope(
        staff=('agreement__relationship__provider',), staff_view=('agreement__relationship__consumer',),
        consumer=_paths('agreement__relationship__consumer')),
    'relationships.feedback': Scope(
        staff=('relationship__provider',), staff_view=('relationship__consumer',),
        consumer=_paths('relationship__consumer')),
    'relationships.valuereview': Scope(
        staff=('relationship__provider',), staff_view=('relationship__consumer',),
        consumer=_paths('relationship__consumer')),
    'relationships.relationshipreview': Scope(
        staff=('relationship__provider',), staff_view=('relationship__consumer',),
        consumer=_paths('relationship__consumer')),
    # Provision: the records of a relationship (directly or through a subscription) as the relationship itself;
    # capacity slots as their resource, out of consumers' sight; ownership transfers by the owners they move.
    **{label: _relationship_part('relationship') for label in ('provision.order',)},
    **{label: _relationship_part('subscription__relationship') for label in (
        'provision.goodsdelivery', 'provision.accessgrant', 'provision.actioninstance', 'provision.consumptionevent',
        'provision.periodfact', 'provision.reservation')},
    'provision.ownershiptransfer': Scope(
        staff=('from_owner',), staff_view=('to_owner',), consumer=_paths('from_owner', 'to_owner')),
    'provision.capacityslot': Scope(staff=('resource__organization',)),
    'parties.rolegrant': Scope(staff=('organization',)),
    'practices.practice': Scope(staff=None),
    'practices.practiceassignment': Scope(staff=('organization',)),
}

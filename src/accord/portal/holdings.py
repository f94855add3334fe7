"""What an organization holds: its relationships and subscriptions, and per subscription its goods, access and actions.

Each kind is read once for the whole page through ``restrict(user, 'view')`` and grouped by subscription here, so the
page runs the same number of queries however many subscriptions, goods, grants and actions there are.
"""

from collections import defaultdict
from typing import Any

from accord.provision.models import AccessGrant, ActionInstance, OwnershipTransfer
from accord.relationships.models import ServiceRelationship, Subscription
from accord.ui.values import label


def holdings(user: Any) -> dict:
    """The relationships the user's organization consumes, and each subscription with what it holds."""
    relationships = list(ServiceRelationship.objects.restrict(user).select_related('provider', 'consumer')
                         .order_by('name'))
    subscriptions = list(Subscription.objects.restrict(user).select_related('offering', 'relationship', 'group')
                         .order_by('relationship__name', 'name'))
    return {'relationships': relationships, 'subscriptions': held(user, subscriptions)}


def held(user: Any, subscriptions: list[Subscription]) -> list[dict]:
    """Per subscription (each one the user may view) the goods owned, the access held and the actions requested."""
    owned, access, actions = defaultdict(list), defaultdict(list), defaultdict(list)
    transfers = (OwnershipTransfer.objects.restrict(user).filter(to_owner__in={s.relationship.consumer_id
                                                                              for s in subscriptions})
                 .select_related('item', 'delivery', 'grant').order_by('at', 'id'))
    for transfer in transfers:
        source = transfer.delivery or transfer.grant
        owned[source.subscription_id].append(transfer)
    grants = (AccessGrant.objects.restrict(user).filter(subscription__in=subscriptions)
              .select_related('subscription', 'element', 'item', 'grantee_person', 'grantee_organization')
              .order_by('valid_from', 'name'))
    for grant in grants:
        access[grant.subscription_id].append(_access(grant))
    for action in (ActionInstance.objects.restrict(user).filter(subscription__in=subscriptions)
                   .select_related('element', 'requested_by').order_by('-requested_at', 'name')):
        actions[action.subscription_id].append(action)
    return [{'subscription': s, 'owned': owned[s.pk], 'access': access[s.pk], 'actions': actions[s.pk]}
            for s in subscriptions]


def _access(grant: AccessGrant) -> dict:
    """One grant as the consumer reads it: what, who, since, until when, in which daily window, revoked why."""
    element = grant.element
    window = ''
    if element is not None and element.window_from is not None:
        window = f'daily {element.window_from:%H:%M}–{element.window_to:%H:%M}'
    what = grant.title or (label(grant.item) if grant.item else element.name.replace('-', ' ').capitalize()
                           if element else grant.name)
    return {'grant': grant, 'what': what, 'grantee': grant.grantee, 'since': grant.valid_from,
            'until': grant.ends_at(), 'window': window, 'revoked': grant.revoked_at, 'reason': grant.revoke_reason}

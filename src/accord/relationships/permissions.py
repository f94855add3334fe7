"""Who sees and changes relationships: the provider's staff write them; the consumer's staff and persons view them.

Registered by ``RelationshipsConfig.ready`` (``accord.core.roles`` explains the declarations).
Everything hanging off a relationship reaches the organizations through it.
"""

from accord.core.roles import Role, Scope, through, written_by
from accord.relationships.models import (
    Agreement,
    AgreementTarget,
    ConsumerRole,
    Feedback,
    RelationshipReview,
    ServiceRelationship,
    Subscription,
    ValueReview,
)

RELATIONSHIP_WORK = written_by(Role.RELATIONSHIP_MANAGER)


def _through(path: str) -> Scope:
    """The scope of an object reached through ``path``, a lookup to its relationship ('' for the relationship)."""
    return Scope(staff=(f'{path}provider',), staff_view=(f'{path}consumer',), consumer=through(f'{path}consumer'),
                 writers=RELATIONSHIP_WORK)


SCOPES = {
    ServiceRelationship: _through(''),
    ConsumerRole: _through('relationship__'),
    Subscription: _through('relationship__'),
    Agreement: _through('relationship__'),
    AgreementTarget: _through('agreement__relationship__'),
    Feedback: _through('relationship__'),
    ValueReview: _through('relationship__'),
    RelationshipReview: _through('relationship__'),
}

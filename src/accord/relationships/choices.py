"""Choices of service relationships: types, the status lifecycle, consumer roles, agreements, reviews."""

from django.db import models


class RelationshipType(models.TextChoices):
    BASIC = 'basic', 'Basic'
    COOPERATIVE = 'cooperative', 'Cooperative'
    PARTNERSHIP = 'partnership', 'Partnership'


class RelationshipStatus(models.TextChoices):
    PROSPECT = 'prospect', 'Prospect'
    AGREED = 'agreed', 'Agreed'
    ACTIVE = 'active', 'Active'
    SUSPENDED = 'suspended', 'Suspended'
    TERMINATED = 'terminated', 'Terminated'


# The declared lifecycle: from each status, the statuses a relationship may move to.
RELATIONSHIP_TRANSITIONS: dict[str, frozenset[str]] = {
    RelationshipStatus.PROSPECT: frozenset({RelationshipStatus.AGREED, RelationshipStatus.ACTIVE,
                                            RelationshipStatus.TERMINATED}),
    RelationshipStatus.AGREED: frozenset({RelationshipStatus.ACTIVE, RelationshipStatus.TERMINATED}),
    RelationshipStatus.ACTIVE: frozenset({RelationshipStatus.SUSPENDED, RelationshipStatus.TERMINATED}),
    RelationshipStatus.SUSPENDED: frozenset({RelationshipStatus.ACTIVE, RelationshipStatus.TERMINATED}),
    RelationshipStatus.TERMINATED: frozenset(),
}


class ConsumerRoleKind(models.TextChoices):
    CUSTOMER = 'customer', 'Customer'
    USER = 'user', 'User'
    SPONSOR = 'sponsor', 'Sponsor'


class SubscriptionStatus(models.TextChoices):
    ACTIVE = 'active', 'Active'
    ENDED = 'ended', 'Ended'
    CANCELLED = 'cancelled', 'Cancelled'


class AgreementKind(models.TextChoices):
    SLA = 'sla', 'Service level agreement'
    OLA = 'ola', 'Operational level agreement'
    UNDERPINNING_CONTRACT = 'underpinning-contract', 'Underpinning contract'
    CONTRACT = 'contract', 'Contract'
    TERMS_OF_SERVICE = 'terms-of-service', 'Terms of service'


class TargetKind(models.TextChoices):
    OPERATIONAL = 'operational', 'Operational'
    EXPERIENCE = 'experience', 'Experience'
    OUTCOME = 'outcome', 'Outcome'


class Comparator(models.TextChoices):
    AT_LEAST = '>=', 'at least'
    AT_MOST = '<=', 'at most'


class ValueAssessment(models.TextChoices):
    NEGATIVE = 'negative', 'Negative'
    NEUTRAL = 'neutral', 'Neutral'
    POSITIVE = 'positive', 'Positive'


class ValueFactorKind(models.TextChoices):
    OUTCOME = 'outcome', 'Outcome'
    OUTPUT = 'output', 'Output'
    COST = 'cost', 'Cost'
    RISK = 'risk', 'Risk'


class ValueFactorDirection(models.TextChoices):
    ACHIEVED = 'achieved', 'Achieved'
    NOT_ACHIEVED = 'not-achieved', 'Not achieved'
    INTRODUCED = 'introduced', 'Introduced'
    REMOVED = 'removed', 'Removed'

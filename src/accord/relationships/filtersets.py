"""Filtersets of relationships and what hangs off them: references by name and by id."""

from accord.core.filtersets import NamedModelFilterSet
from accord.relationships.models import (
    Agreement,
    Feedback,
    RelationshipReview,
    ServiceRelationship,
    Subscription,
    ValueReview,
)


class ServiceRelationshipFilterSet(NamedModelFilterSet):
    class Meta:
        model = ServiceRelationship
        fields = ['type', 'status']
        references = ('provider', 'consumer', 'manager')


class SubscriptionFilterSet(NamedModelFilterSet):
    class Meta:
        model = Subscription
        fields = ['status']
        references = ('relationship', 'offering', 'group', 'realizes')


class AgreementFilterSet(NamedModelFilterSet):
    class Meta:
        model = Agreement
        fields = ['kind']
        references = ('relationship', 'subscriptions')


class FeedbackFilterSet(NamedModelFilterSet):
    class Meta:
        model = Feedback
        fields = ['score']
        references = ('relationship', 'person')


class ValueReviewFilterSet(NamedModelFilterSet):
    class Meta:
        model = ValueReview
        fields = ['period', 'overall']
        references = ('relationship', 'assessed_by')


class RelationshipReviewFilterSet(NamedModelFilterSet):
    class Meta:
        model = RelationshipReview
        fields: list[str] = []
        references = ('relationship', 'attendees')

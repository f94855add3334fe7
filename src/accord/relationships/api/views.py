"""Endpoints of relationships, subscriptions, agreements, feedback and reviews."""

from django.db.models import Prefetch

from accord.api.views import NamedModelViewSet
from accord.relationships.api import serializers
from accord.relationships.filtersets import (
    AgreementFilterSet,
    FeedbackFilterSet,
    RelationshipReviewFilterSet,
    ServiceRelationshipFilterSet,
    SubscriptionFilterSet,
    ValueReviewFilterSet,
)
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


class ServiceRelationshipViewSet(NamedModelViewSet):
    queryset = ServiceRelationship.objects.select_related('provider', 'consumer', 'manager').prefetch_related(
        Prefetch('roles', ConsumerRole.objects.select_related('person')))
    serializer_class = serializers.ServiceRelationshipSerializer
    filterset_class = ServiceRelationshipFilterSet


class SubscriptionViewSet(NamedModelViewSet):
    queryset = Subscription.objects.select_related('relationship', 'offering', 'group', 'realizes')
    serializer_class = serializers.SubscriptionSerializer
    filterset_class = SubscriptionFilterSet


class AgreementViewSet(NamedModelViewSet):
    queryset = Agreement.objects.select_related('relationship').prefetch_related(
        'subscriptions', Prefetch('targets', AgreementTarget.objects.prefetch_related('measurements')))
    serializer_class = serializers.AgreementSerializer
    filterset_class = AgreementFilterSet


class FeedbackViewSet(NamedModelViewSet):
    queryset = Feedback.objects.select_related('relationship', 'person')
    serializer_class = serializers.FeedbackSerializer
    filterset_class = FeedbackFilterSet


class ValueReviewViewSet(NamedModelViewSet):
    queryset = ValueReview.objects.select_related('relationship', 'assessed_by').prefetch_related('factors')
    serializer_class = serializers.ValueReviewSerializer
    filterset_class = ValueReviewFilterSet


class RelationshipReviewViewSet(NamedModelViewSet):
    queryset = RelationshipReview.objects.select_related('relationship').prefetch_related('attendees')
    serializer_class = serializers.RelationshipReviewSerializer
    filterset_class = RelationshipReviewFilterSet

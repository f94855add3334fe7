"""The console's pages of relationships, subscriptions, agreements, feedback and reviews."""

from typing import Any

from django.http import HttpRequest

from accord.analysis.agreements import agreement_statuses
from accord.analysis.health import relationship_health
from accord.analysis.relationship_pages import current_period
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
    Feedback,
    RelationshipReview,
    ServiceRelationship,
    Subscription,
    ValueReview,
)
from accord.ui.details import ObjectDetailView, attributes, referrers
from accord.ui.lists import Column, ObjectListView
from accord.ui.values import Visibility

RELATIONSHIP = Column('Relationship', 'relationship', sort='relationship__name')


class ServiceRelationshipList(ObjectListView):
    model = ServiceRelationship
    queryset = ServiceRelationship.objects.select_related('provider', 'consumer', 'manager')
    filterset_class = ServiceRelationshipFilterSet
    columns = (
        Column('Provider', 'provider', sort='provider__name'),
        Column('Consumer', 'consumer', sort='consumer__name'),
        Column('Type', 'type', sort='type'),
        Column('Status', 'status', sort='status'),
        Column('Manager', 'manager', sort='manager__name'),
    )


class SubscriptionList(ObjectListView):
    model = Subscription
    queryset = Subscription.objects.select_related('relationship', 'offering', 'group')
    filterset_class = SubscriptionFilterSet
    columns = (
        RELATIONSHIP,
        Column('Offering', 'offering', sort='offering__name'),
        Column('Group', 'group', sort='group__name'),
        Column('Start', 'start', sort='start'),
        Column('Status', 'status', sort='status'),
    )


class AgreementList(ObjectListView):
    model = Agreement
    queryset = Agreement.objects.select_related('relationship')
    filterset_class = AgreementFilterSet
    columns = (
        RELATIONSHIP,
        Column('Kind', 'kind', sort='kind'),
        Column('Effective from', 'effective_from', sort='effective_from'),
        Column('Effective to', 'effective_to', sort='effective_to'),
    )


class FeedbackList(ObjectListView):
    model = Feedback
    queryset = Feedback.objects.select_related('relationship', 'person')
    filterset_class = FeedbackFilterSet
    columns = (
        RELATIONSHIP,
        Column('Person', 'person', sort='person__name'),
        Column('At', 'at', sort='at'),
        Column('Score', 'score', sort='score'),
    )


class ValueReviewList(ObjectListView):
    model = ValueReview
    queryset = ValueReview.objects.select_related('relationship', 'assessed_by')
    filterset_class = ValueReviewFilterSet
    columns = (
        RELATIONSHIP,
        Column('Period', 'period', sort='period'),
        Column('Overall', 'overall', sort='overall'),
        Column('Assessed by', 'assessed_by', sort='assessed_by__name'),
    )


class RelationshipReviewList(ObjectListView):
    model = RelationshipReview
    queryset = RelationshipReview.objects.select_related('relationship').prefetch_related('attendees')
    filterset_class = RelationshipReviewFilterSet
    columns = (RELATIONSHIP, Column('At', 'at', sort='at'), Column('Attendees', 'attendees'))



class ServiceRelationshipDetail(ObjectDetailView):
    """A relationship as its manager follows it: health and each agreement's lights for a month, then the rest."""

    model = ServiceRelationship
    template_name = 'relationships/relationship_detail.html'
    queryset = ServiceRelationship.objects.select_related('provider', 'consumer', 'manager')

    def extra_context(self, request: HttpRequest, obj: ServiceRelationship) -> dict[str, Any]:
        period = current_period()
        visibility = Visibility(request.user).load(
            [role.person for role in obj.roles.select_related('person')]
            + [item.person for item in Feedback.objects.filter(relationship=obj).select_related('person')])
        agreements = list(Agreement.objects.restrict(request.user).filter(relationship=obj).order_by('name'))
        feedback = Feedback.objects.restrict(request.user).filter(relationship=obj).select_related('person')
        return {
            'attributes': attributes(obj, request.user), 'referrers': referrers(request.user, obj), 'period': period,
            'health': relationship_health(obj, period),
            'agreements': list(zip(agreements, agreement_statuses(agreements, period), strict=True)),
            'roles': [role for role in obj.roles.select_related('person').order_by('role', 'person__name')
                      if visibility.sees(role.person)],
            'feedback': [(item, item.person if item.person and visibility.sees(item.person) else None)
                         for item in feedback.order_by('-at')[:20]],
        }

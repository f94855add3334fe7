"""The console's forms of subscriptions, feedback and relationship reviews (``accord.ui.forms``).

A review's actions (a list of owned parts) are not on its form yet: an edit keeps them as they are.
"""

from django import forms

from accord.catalog.models import ServiceOffering
from accord.parties.models import ConsumerGroup, Person
from accord.relationships.api.serializers import (
    FeedbackSerializer,
    RelationshipReviewSerializer,
    SubscriptionSerializer,
)
from accord.relationships.choices import SubscriptionStatus
from accord.relationships.models import ServiceRelationship
from accord.resources.models import Resource
from accord.ui.forms import DateInput, ObjectForm, ReferenceField, ReferencesField

INSTANT_HELP = 'ISO 8601, e.g. 2025-03-14T10:00Z'


class SubscriptionForm(ObjectForm):
    serializer_class = SubscriptionSerializer
    relationship = ReferenceField(ServiceRelationship)
    offering = ReferenceField(ServiceOffering)
    group = ReferenceField(ConsumerGroup, required=False)
    start = forms.DateField(widget=DateInput)
    end = forms.DateField(widget=DateInput, required=False)
    quantity = forms.IntegerField(min_value=1)
    status = forms.ChoiceField(choices=SubscriptionStatus.choices)
    realizes = ReferenceField(Resource, required=False)


class FeedbackForm(ObjectForm):
    serializer_class = FeedbackSerializer
    relationship = ReferenceField(ServiceRelationship)
    person = ReferenceField(Person)
    at = forms.DateTimeField(help_text=INSTANT_HELP)
    score = forms.IntegerField(min_value=0)
    comment = forms.CharField(widget=forms.Textarea(attrs={'rows': 3}), required=False)


class RelationshipReviewForm(ObjectForm):
    serializer_class = RelationshipReviewSerializer
    relationship = ReferenceField(ServiceRelationship)
    at = forms.DateTimeField(help_text=INSTANT_HELP)
    attendees = ReferencesField(Person, required=False)
    notes = forms.CharField(widget=forms.Textarea(attrs={'rows': 4}), required=False)

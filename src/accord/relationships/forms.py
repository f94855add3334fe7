"""The console's forms of relationships and what hangs from them (``accord.ui.forms``).

Owned parts are rows of a formset (``accord.ui.parts``): a relationship's consumer roles, an
agreement's targets (their measurements kept as they are), a value review's factors and a
relationship review's agreed actions.
"""

from typing import Any

from django import forms

from accord.catalog.models import ServiceOffering
from accord.parties.models import ConsumerGroup, Organization, Person
from accord.relationships.api.serializers import (
    AgreementSerializer,
    FeedbackSerializer,
    RelationshipReviewSerializer,
    ServiceRelationshipSerializer,
    SubscriptionSerializer,
    ValueReviewSerializer,
)
from accord.relationships.choices import (
    AgreementKind,
    Comparator,
    ConsumerRoleKind,
    RelationshipStatus,
    RelationshipType,
    SubscriptionStatus,
    TargetKind,
    ValueAssessment,
    ValueFactorDirection,
    ValueFactorKind,
)
from accord.relationships.models import ServiceRelationship, Subscription
from accord.resources.models import Resource
from accord.ui.forms import DateInput, ObjectForm, ReferenceField, ReferencesField
from accord.ui.parts import PartRow, part_formset

INSTANT_HELP = 'ISO 8601, e.g. 2025-03-14T10:00Z'
PERIOD_HELP = 'YYYY-MM'


def choices_or_none(choices: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """A row's choices with a blank first, so that the row left to add a part starts empty."""
    return [('', '—'), *choices]


class ConsumerRoleRow(PartRow):
    listed_as, heading = 'roles', 'Consumer roles'
    hint = 'a person of the consumer organization as customer, user or sponsor'
    person = ReferenceField(Person)
    role = forms.ChoiceField(choices=choices_or_none(ConsumerRoleKind.choices))


class ServiceRelationshipForm(ObjectForm):
    serializer_class = ServiceRelationshipSerializer
    parts = (part_formset(ConsumerRoleRow),)
    provider = ReferenceField(Organization)
    consumer = ReferenceField(Organization)
    type = forms.ChoiceField(choices=RelationshipType.choices)
    status = forms.ChoiceField(choices=RelationshipStatus.choices)
    manager = ReferenceField(Person, required=False, label='Relationship manager',
                             help_text='A member of the provider; a partnership names one.')


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


class TargetRow(PartRow):
    listed_as, heading, key = 'targets', 'Targets', 'name'
    hint = 'what each target measured is kept as it is'
    name = forms.CharField(max_length=100)
    kind = forms.ChoiceField(choices=choices_or_none(TargetKind.choices))
    comparator = forms.ChoiceField(choices=choices_or_none(Comparator.choices))
    value = forms.DecimalField(max_digits=20, decimal_places=4)
    unit = forms.CharField(max_length=50, required=False, help_text='e.g. %, hours')


class AgreementForm(ObjectForm):
    serializer_class = AgreementSerializer
    parts = (part_formset(TargetRow),)
    relationship = ReferenceField(ServiceRelationship)
    kind = forms.ChoiceField(choices=AgreementKind.choices)
    subscriptions = ReferencesField(Subscription, required=False, help_text='Of the same relationship.')
    effective_from = forms.DateField(widget=DateInput, required=False)
    effective_to = forms.DateField(widget=DateInput, required=False, help_text='Last day (inclusive).')


class FeedbackForm(ObjectForm):
    serializer_class = FeedbackSerializer
    relationship = ReferenceField(ServiceRelationship)
    person = ReferenceField(Person)
    at = forms.DateTimeField(help_text=INSTANT_HELP)
    score = forms.IntegerField(min_value=0)
    comment = forms.CharField(widget=forms.Textarea(attrs={'rows': 3}), required=False)


class FactorRow(PartRow):
    listed_as, heading = 'factors', 'Factors'
    kind = forms.ChoiceField(choices=choices_or_none(ValueFactorKind.choices))
    direction = forms.ChoiceField(choices=choices_or_none(ValueFactorDirection.choices))
    description = forms.CharField(required=False)
    amount = forms.DecimalField(max_digits=20, decimal_places=4, required=False)


class ValueReviewForm(ObjectForm):
    serializer_class = ValueReviewSerializer
    parts = (part_formset(FactorRow),)
    relationship = ReferenceField(ServiceRelationship)
    period = forms.CharField(max_length=7, help_text=PERIOD_HELP)
    assessed_by = ReferenceField(Person, help_text='A customer of the relationship.')
    overall = forms.ChoiceField(choices=ValueAssessment.choices)


class ActionRow(PartRow):
    """An action agreed at the review: in the API a sentence, not an object."""

    listed_as, heading = 'actions', 'Actions agreed'
    sentence = forms.CharField(max_length=500, label='Action')

    @classmethod
    def initial_of(cls, part: Any) -> dict:
        return {'sentence': part, 'original': ''}

    def part(self, before: dict[str, dict]) -> str:
        return self.cleaned_data['sentence']


class RelationshipReviewForm(ObjectForm):
    serializer_class = RelationshipReviewSerializer
    parts = (part_formset(ActionRow),)
    relationship = ReferenceField(ServiceRelationship)
    at = forms.DateTimeField(help_text=INSTANT_HELP)
    attendees = ReferencesField(Person, required=False)
    notes = forms.CharField(widget=forms.Textarea(attrs={'rows': 4}), required=False)

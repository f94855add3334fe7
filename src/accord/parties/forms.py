"""The console's forms of organizations, persons and consumer groups (``accord.ui.forms``)."""

from django import forms

from accord.parties.api.serializers import ConsumerGroupSerializer, OrganizationSerializer, PersonSerializer
from accord.parties.choices import OrganizationKind
from accord.parties.models import Organization
from accord.ui.forms import ObjectForm, ReferenceField, ReferencesField


class OrganizationForm(ObjectForm):
    serializer_class = OrganizationSerializer
    kind = forms.ChoiceField(choices=OrganizationKind.choices)
    parent = ReferenceField(Organization, required=False, label='Part of')
    external = forms.BooleanField(required=False, help_text='Its internals are not managed here.')


class PersonForm(ObjectForm):
    serializer_class = PersonSerializer
    email = forms.EmailField(required=False)
    member_of = ReferencesField(Organization, label='Member of')


class ConsumerGroupForm(ObjectForm):
    serializer_class = ConsumerGroupSerializer
    provider = ReferenceField(Organization)
    eligibility = forms.CharField(widget=forms.Textarea(attrs={'rows': 3}), required=False)
    members = ReferencesField(Organization, required=False)

"""The console's form of a practice assignment (``accord.ui.forms``)."""

from django import forms

from accord.parties.models import Organization, Person
from accord.practices.api.serializers import PracticeAssignmentSerializer
from accord.practices.choices import PracticeRole
from accord.practices.models import Practice
from accord.ui.forms import DateInput, ObjectForm, ReferenceField


class PracticeAssignmentForm(ObjectForm):
    serializer_class = PracticeAssignmentSerializer
    organization = ReferenceField(Organization)
    practice = ReferenceField(Practice)
    person = ReferenceField(Person)
    role = forms.ChoiceField(choices=PracticeRole.choices)
    valid_from = forms.DateField(widget=DateInput, required=False, label='Valid from')
    valid_to = forms.DateField(widget=DateInput, required=False, label='Valid to')

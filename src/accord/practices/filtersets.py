"""Filtersets of practices and practice assignments: references by name and by id."""

from accord.core.filtersets import NamedModelFilterSet
from accord.practices.models import Practice, PracticeAssignment


class PracticeFilterSet(NamedModelFilterSet):
    class Meta:
        model = Practice
        fields = ['category']


class PracticeAssignmentFilterSet(NamedModelFilterSet):
    class Meta:
        model = PracticeAssignment
        fields = ['role']
        references = ('organization', 'practice', 'person')

"""The console's pages of practices and practice assignments."""

from accord.practices.filtersets import PracticeAssignmentFilterSet, PracticeFilterSet
from accord.practices.models import Practice, PracticeAssignment
from accord.ui.lists import Column, ObjectListView


class PracticeList(ObjectListView):
    model = Practice
    queryset = Practice.objects.all()
    filterset_class = PracticeFilterSet
    columns = (Column('Category', 'category', sort='category'),)
    default_sort = 'category'


class PracticeAssignmentList(ObjectListView):
    model = PracticeAssignment
    queryset = PracticeAssignment.objects.select_related('organization', 'practice', 'person')
    filterset_class = PracticeAssignmentFilterSet
    columns = (
        Column('Practice', 'practice', sort='practice__name'),
        Column('Organization', 'organization', sort='organization__name'),
        Column('Person', 'person', sort='person__name'),
        Column('Role', 'role', sort='role'),
    )

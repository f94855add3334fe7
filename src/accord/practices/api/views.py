"""Endpoints of practices (read-only) and practice assignments."""

from accord.api.views import NamedModelViewSet, ReadOnlyNamedModelViewSet
from accord.practices.api.serializers import PracticeAssignmentSerializer, PracticeSerializer
from accord.practices.filtersets import PracticeAssignmentFilterSet, PracticeFilterSet
from accord.practices.models import Practice, PracticeAssignment


class PracticeViewSet(ReadOnlyNamedModelViewSet):
    queryset = Practice.objects.all()
    serializer_class = PracticeSerializer
    filterset_class = PracticeFilterSet


class PracticeAssignmentViewSet(NamedModelViewSet):
    queryset = PracticeAssignment.objects.select_related('organization', 'practice', 'person')
    serializer_class = PracticeAssignmentSerializer
    filterset_class = PracticeAssignmentFilterSet

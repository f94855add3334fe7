"""Spec fields with structure of the file format alone: a resource's dependencies.

The owned parts' fields are the API's (``accord.api.shapes``): ``catalog.api.parts``,
``resources.api.parts``, ``relationships.api.parts``.
"""

from accord.interchange.fields import MISSING, RefList, SpecError
from accord.resources.models import dependency_cycle


class Dependencies(RefList):
    """A resource's dependencies (R18 is checked over the whole graph once all are written)."""

    def __init__(self):
        super().__init__('dependsOn', 'Resource', 'depends_on', deferred=True)

    def write_related(self, obj, value, ctx) -> None:
        for index, name in enumerate([] if value is MISSING else value):
            if name == obj.name:
                raise SpecError(('dependsOn', index), dependency_cycle([name, name]))
        super().write_related(obj, value, ctx)

"""Spec fields with structure of the file format alone: a resource's dependencies.

The owned parts' fields are the API's (``accord.api.shapes``): ``catalog.api.parts``,
``resources.api.parts``, ``relationships.api.parts``.
"""

from accord.interchange.fields import RefList
from accord.resources import services as resources


class Dependencies(RefList):
    """A resource's dependencies, written by ``resources.services.set_dependencies``; R18 is checked over the
    whole graph once all the resources are written (``_Writer._check_dependency_cycles``)."""

    relations = {'depends_on': ('dependsOn',)}

    def __init__(self):
        super().__init__('dependsOn', 'Resource', 'depends_on', deferred=True)

    def write_related(self, obj, value, ctx) -> None:
        resources.set_dependencies(obj, self.resolved(value, ctx), actor=ctx.actor, check_cycles=False,
                                   save_owner=False)

"""Who sees and changes resources: the staff of the organization that controls them (``accord.core.roles``).

Registered by ``ResourcesConfig.ready``. Consumers see no resource: what they see of one is the
catalogue's components, under their group's label.
"""

from accord.core.roles import Role, Scope, written_by
from accord.resources.models import Item, Resource, ResourceDependency

CATALOGUE_WORK = written_by(Role.CATALOGUE_MANAGER)

SCOPES = {
    Resource: Scope(staff=('organization',), writers=CATALOGUE_WORK),
    ResourceDependency: Scope(staff=('resource__organization',), writers=CATALOGUE_WORK),
    Item: Scope(staff=('resource__organization',), staff_view=('owner',), writers=CATALOGUE_WORK),
}

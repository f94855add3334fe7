"""Who sees and changes practices: reference data every staff member views; practitioners assign them.

Registered by ``PracticesConfig.ready`` (``accord.core.roles`` explains the declarations).
"""

from accord.core.roles import NO_ROLE, Role, Scope, written_by
from accord.practices.models import Practice, PracticeAssignment

SCOPES = {
    Practice: Scope(staff=None, writers=NO_ROLE),
    PracticeAssignment: Scope(staff=('organization',), writers=written_by(Role.PRACTITIONER)),
}

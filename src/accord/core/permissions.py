"""Core's own rows: each user reads their account and manages their API tokens (``accord.core.roles``).

An account reads itself (changing accounts is for the superuser and holders of Django's user
permissions); API tokens are self-service, a revocation being the ``delete`` action, as in the admin.
Registered by ``CoreConfig.ready``.
"""

from accord.core.models import APIToken, User
from accord.core.roles import VIEW, OwnRows

OWN_ROWS = {
    User: OwnRows('pk', VIEW),
    APIToken: OwnRows('user', frozenset({'view', 'add', 'delete'})),
}

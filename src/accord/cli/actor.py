"""Who acts when the command line writes: the operating-system login, with the source of the path."""

import getpass

from accord.core.choices import ChangeSource
from accord.core.services import Actor


def cli_actor(source: str = ChangeSource.CLI) -> Actor:
    try:
        login = getpass.getuser()
    except (KeyError, OSError):
        login = ''
    return Actor(user=None, source=source, username=login)

"""Exit statuses of the ``accord`` command: 0 done, 1 bad input or a broken rule, 2 wrong usage."""

from enum import IntEnum


class ExitStatus(IntEnum):
    SUCCESS = 0
    ERROR = 1
    USAGE = 2


class CommandError(Exception):
    """Bad input or a broken rule: the message names what and where; no traceback is shown."""

    def __init__(self, message: str, status: ExitStatus = ExitStatus.ERROR):
        super().__init__(message)
        self.status = status

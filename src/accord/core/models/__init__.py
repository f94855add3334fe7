from .applied_files import AppliedFile
from .base import ChangeLoggedModel, NamedModel
from .change_logging import ObjectChange
from .tokens import APIToken
from .users import User
from .versions import DataVersion

__all__ = ['APIToken', 'AppliedFile', 'ChangeLoggedModel', 'DataVersion', 'NamedModel', 'ObjectChange', 'User']

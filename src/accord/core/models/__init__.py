from .base import ChangeLoggedModel, NamedModel
from .change_logging import ObjectChange
from .tokens import APIToken
from .users import User
from .versions import DataVersion

__all__ = ['APIToken', 'ChangeLoggedModel', 'DataVersion', 'NamedModel', 'ObjectChange', 'User']

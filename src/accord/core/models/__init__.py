from .base import ChangeLoggedModel, NamedModel
from .change_logging import ObjectChange
from .tokens import APIToken
from .users import User

__all__ = ['APIToken', 'ChangeLoggedModel', 'NamedModel', 'ObjectChange', 'User']

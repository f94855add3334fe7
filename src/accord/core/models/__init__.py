from .base import ChangeLoggedModel, NamedModel
from .change_logging import ObjectChange
from .users import User

__all__ = ['ChangeLoggedModel', 'NamedModel', 'ObjectChange', 'User']

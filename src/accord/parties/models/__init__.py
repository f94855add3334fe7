from .groups import ConsumerGroup
from .organizations import Organization
from .persons import Person
from .roles import RoleGrant

__all__ = ['ConsumerGroup', 'Organization', 'Person', 'RoleGrant']

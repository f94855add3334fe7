from .items import Item
from .resources import (
    Resource,
    ResourceDependency,
    check_no_dependency_cycle,
    dependency_cycle,
    find_dependency_cycle,
)

__all__ = ['Item', 'Resource', 'ResourceDependency', 'check_no_dependency_cycle', 'dependency_cycle',
           'find_dependency_cycle']

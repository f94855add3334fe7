from .groups import ConsumerGroup
from .organizations import Organization
from .persons import Person

__all__ = ['ConsumerGroup', 'Organization', 'Person']

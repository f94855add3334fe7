from .agreements import Agreement, AgreementTarget, Measurement
from .relationships import ConsumerRole, ServiceRelationship
from .reviews import Feedback, RelationshipReview, ValueFactor, ValueReview
from .subscriptions import Subscription

__all__ = [
    'Agreement',
    'AgreementTarget',
    'ConsumerRole',
    'Feedback',
    'Measurement',
    'RelationshipReview',
    'ServiceRelationship',
    'Subscription',
    'ValueFactor',
    'ValueReview',
]

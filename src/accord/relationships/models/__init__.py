from .agreements import Agreement, AgreementTarget, Measurement, check_own_subscriptions
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
    'check_own_subscriptions',
]

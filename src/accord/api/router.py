"""Routes of the model endpoints: each domain app registers its viewsets here."""

from rest_framework.routers import DefaultRouter

from accord.catalog.api.views import ProductViewSet, ServiceOfferingViewSet, ServiceViewSet
from accord.core.api.views import APITokenViewSet, ObjectChangeViewSet, UserViewSet
from accord.parties.api.views import ConsumerGroupViewSet, OrganizationViewSet, PersonViewSet, RoleGrantViewSet
from accord.practices.api.views import PracticeAssignmentViewSet, PracticeViewSet
from accord.provision.api import views as provision
from accord.relationships.api.views import (
    AgreementViewSet,
    FeedbackViewSet,
    RelationshipReviewViewSet,
    ServiceRelationshipViewSet,
    SubscriptionViewSet,
    ValueReviewViewSet,
)
from accord.resources.api.views import ItemViewSet, ResourceViewSet

router = DefaultRouter()
router.register('organizations', OrganizationViewSet)
router.register('persons', PersonViewSet)
router.register('consumer-groups', ConsumerGroupViewSet)
router.register('resources', ResourceViewSet)
router.register('items', ItemViewSet)
router.register('products', ProductViewSet)
router.register('services', ServiceViewSet)
router.register('service-offerings', ServiceOfferingViewSet)
router.register('practices', PracticeViewSet)
router.register('practice-assignments', PracticeAssignmentViewSet)
router.register('service-relationships', ServiceRelationshipViewSet)
router.register('subscriptions', SubscriptionViewSet)
router.register('agreements', AgreementViewSet)
router.register('feedback', FeedbackViewSet)
router.register('value-reviews', ValueReviewViewSet)
router.register('relationship-reviews', RelationshipReviewViewSet)
router.register('orders', provision.OrderViewSet)
router.register('goods-deliveries', provision.GoodsDeliveryViewSet)
router.register('ownership-transfers', provision.OwnershipTransferViewSet)
router.register('access-grants', provision.AccessGrantViewSet)
router.register('action-instances', provision.ActionInstanceViewSet)
router.register('consumption-events', provision.ConsumptionEventViewSet)
router.register('period-facts', provision.PeriodFactViewSet)
router.register('capacity-slots', provision.CapacitySlotViewSet)
router.register('reservations', provision.ReservationViewSet)
router.register('request-catalogue', provision.RequestCatalogueViewSet, basename='request-catalogue')
router.register('object-changes', ObjectChangeViewSet)
router.register('users', UserViewSet)
router.register('role-grants', RoleGrantViewSet)
router.register('tokens', APITokenViewSet)
urlpatterns = router.urls

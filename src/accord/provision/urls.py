"""The console's addresses of provision records and of fulfilment (included by ``accord.ui.urls``).

The verbs' pages come before each kind's own, so that their buttons show on the records' pages.
"""

from django.urls import path

from accord.catalog.choices import ElementKind
from accord.provision import views, work_views
from accord.provision.models import AccessGrant, GoodsDelivery
from accord.ui.details import object_pages
from accord.ui.routes import object_action

urlpatterns = [
    path('work-queue/', work_views.WorkQueueView.as_view(), name='work-queue'),
    object_action('orders', 'fulfil', work_views.FulfilView.as_view(), 'Fulfil', work_views.may_fulfil),
    object_action('access-grants', 'revoke', work_views.RevokeView.as_view(), 'Revoke', work_views.may_revoke),
    object_action('action-instances', 'start', work_views.StartView.as_view(), 'Start', work_views.may_start),
    object_action('action-instances', 'complete', work_views.CompleteView.as_view(), 'Complete',
                  work_views.may_complete),
    object_action('subscriptions', 'deliver', work_views.DeliverView.as_view(), 'Deliver goods',
                  work_views.records_of_kind(ElementKind.GOOD, GoodsDelivery)),
    object_action('subscriptions', 'grant', work_views.GrantView.as_view(), 'Grant access',
                  work_views.records_of_kind(ElementKind.ACCESS, AccessGrant)),
    *object_pages('orders', views.OrderList),
    *object_pages('goods-deliveries', views.GoodsDeliveryList),
    *object_pages('access-grants', views.AccessGrantList),
    *object_pages('action-instances', views.ActionInstanceList),
    *object_pages('consumption-events', views.ConsumptionEventList),
    *object_pages('period-facts', views.PeriodFactList),
    *object_pages('capacity-slots', views.CapacitySlotList),
    *object_pages('reservations', views.ReservationList),
]

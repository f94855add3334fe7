"""The console's addresses of provision records (included by ``accord.ui.urls``)."""

from accord.provision import views
from accord.ui.details import object_pages

urlpatterns = [
    *object_pages('orders', views.OrderList),
    *object_pages('goods-deliveries', views.GoodsDeliveryList),
    *object_pages('access-grants', views.AccessGrantList),
    *object_pages('action-instances', views.ActionInstanceList),
    *object_pages('consumption-events', views.ConsumptionEventList),
    *object_pages('period-facts', views.PeriodFactList),
    *object_pages('capacity-slots', views.CapacitySlotList),
    *object_pages('reservations', views.ReservationList),
]

"""The console's addresses of the catalogue (included by ``accord.ui.urls``)."""

from accord.catalog import views
from accord.ui.details import object_pages

urlpatterns = [
    *object_pages('products', views.ProductList, views.ProductDetail),
    *object_pages('services', views.ServiceList),
    *object_pages('service-offerings', views.ServiceOfferingList, views.ServiceOfferingDetail),
]

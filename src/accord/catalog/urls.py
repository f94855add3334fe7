"""The console's addresses of the catalogue (included by ``accord.ui.urls``)."""

from accord.catalog import edit_views, forms, views
from accord.ui.details import object_pages

urlpatterns = [
    *object_pages('products', views.ProductList, views.ProductDetail),
    *object_pages('services', views.ServiceList, form=forms.ServiceForm),
    *object_pages('service-offerings', views.ServiceOfferingList, views.ServiceOfferingDetail,
                  form_view=edit_views.ServiceOfferingForm),
]

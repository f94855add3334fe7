"""The console's addresses of the catalogue (included by ``accord.ui.urls``)."""

from django.urls import path

from accord.catalog import edit_views, forms, product_forms, views
from accord.ui.details import object_pages

urlpatterns = [
    *object_pages('products', views.ProductList, views.ProductDetail, form=product_forms.ProductForm),
    *object_pages('services', views.ServiceList, form=forms.ServiceForm),
    *object_pages('service-offerings', views.ServiceOfferingList, views.ServiceOfferingDetail),
    path('service-offerings/<str:name>/edit/', edit_views.ServiceOfferingEdit.as_view(), name='service-offerings-edit'),
]

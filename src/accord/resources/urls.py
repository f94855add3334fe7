"""The console's addresses of resources and items (included by ``accord.ui.urls``)."""

from accord.resources import forms, views
from accord.ui.details import object_pages

urlpatterns = [
    *object_pages('resources', views.ResourceList, form=forms.ResourceForm),
    *object_pages('items', views.ItemList),
]

"""The console's addresses of resources and items (included by ``accord.ui.urls``)."""

from accord.resources import views
from accord.ui.details import object_pages

urlpatterns = [
    *object_pages('resources', views.ResourceList),
    *object_pages('items', views.ItemList),
]

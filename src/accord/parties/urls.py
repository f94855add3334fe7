"""The console's addresses of the parties (included by ``accord.ui.urls``, under the ``ui`` namespace)."""

from accord.parties import views
from accord.ui.details import object_pages

urlpatterns = [
    *object_pages('organizations', views.OrganizationList, views.OrganizationDetail),
    *object_pages('persons', views.PersonList),
    *object_pages('consumer-groups', views.ConsumerGroupList),
]

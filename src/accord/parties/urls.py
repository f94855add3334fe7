"""The console's addresses of the parties (included by ``accord.ui.urls``, under the ``ui`` namespace)."""

from accord.parties import forms, views
from accord.ui.details import object_pages

urlpatterns = [
    *object_pages('organizations', views.OrganizationList, views.OrganizationDetail, form=forms.OrganizationForm),
    *object_pages('persons', views.PersonList, form=forms.PersonForm),
    *object_pages('consumer-groups', views.ConsumerGroupList, form=forms.ConsumerGroupForm),
]

"""The site's URLs: the home page, the admin and the API."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path('admin/', admin.site.urls),
    path('api/', include('accord.api.urls')),
    path('portal/', include('accord.portal.urls')),
    path('', include('accord.ui.urls')),
]

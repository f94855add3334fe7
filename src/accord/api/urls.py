"""The REST API: ``/api/v1/`` for every model and every question, the OpenAPI schema and its docs."""

from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from accord.api.views import not_found

urlpatterns = [
    path('v1/', include('accord.api.router')),
    path('v1/questions/', include('accord.api.questions')),
    path('schema/', SpectacularAPIView.as_view(), name='api-schema'),
    # The split view serves Swagger UI's set-up script as a file, as the Content-Security-Policy requires.
    path('docs/', SpectacularSwaggerSplitView.as_view(url_name='api-schema'), name='api-docs'),
    # Last: any other URL under /api/ ending in a slash answers a JSON 404. (Without the slash,
    # CommonMiddleware still redirects to the slashed URL first, as APPEND_SLASH does elsewhere.)
    re_path(r'^[\s\S]*/$', not_found),  # any character, a newline too: a key outside a detail URL's pattern
]

"""The portal's addresses: where a consumer lands, what they are offered and what they hold."""

from django.urls import path

from accord.portal import views

app_name = 'portal'
urlpatterns = [
    path('', views.catalogue, name='catalogue'),
    path('have/', views.holdings, name='holdings'),
]

"""The portal's addresses: where a consumer lands, what they are offered and what they hold."""

from django.urls import path

from accord.portal import levels, money, views

app_name = 'portal'
urlpatterns = [
    path('', views.catalogue, name='catalogue'),
    path('have/', views.holdings, name='holdings'),
    path('money/', money.money, name='money'),
    path('service-levels/', levels.service_levels, name='service-levels'),
]

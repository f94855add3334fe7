"""The portal's addresses: where a consumer lands, what they are offered and what they hold."""

from django.urls import path

from accord.portal import levels, money, requests, views

app_name = 'portal'
urlpatterns = [
    path('', views.catalogue, name='catalogue'),
    path('have/', views.holdings, name='holdings'),
    path('requests/', requests.requests, name='requests'),
    path('requests/<slug:name>/', requests.order, name='order'),
    path('requests/<slug:name>/cancel/', requests.cancel, name='order-cancel'),
    path('requests/<slug:name>/decide/', requests.decide, name='order-decide'),
    path('money/', money.money, name='money'),
    path('service-levels/', levels.service_levels, name='service-levels'),
]

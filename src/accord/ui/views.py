"""The home page: what the catalogue holds, counted through the permission gate."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from accord.catalog.models import Product, Service, ServiceOffering
from accord.parties.models import ConsumerGroup, Organization
from accord.resources.models import Resource


def home(request: HttpRequest) -> HttpResponse:
    counts = [
        (model._meta.verbose_name_plural, model.objects.restrict(request.user).count())
        for model in (Organization, ConsumerGroup, Resource, Product, Service, ServiceOffering)
    ]
    return render(request, 'ui/home.html', {'counts': counts})

"""Choices of resources: the four dimensions of service management and the kinds of resource."""

from django.db import models


class Dimension(models.TextChoices):
    ORGANIZATIONS_AND_PEOPLE = 'organizations-and-people', 'Organizations and people'
    INFORMATION_AND_TECHNOLOGY = 'information-and-technology', 'Information and technology'
    PARTNERS_AND_SUPPLIERS = 'partners-and-suppliers', 'Partners and suppliers'
    VALUE_STREAMS_AND_PROCESSES = 'value-streams-and-processes', 'Value streams and processes'


class ResourceKind(models.TextChoices):
    APPLICATION = 'application', 'Application'
    INFRASTRUCTURE = 'infrastructure', 'Infrastructure'
    FACILITY = 'facility', 'Facility'
    GOODS_STOCK = 'goods-stock', 'Goods stock'
    PEOPLE_CAPABILITY = 'people-capability', 'People capability'
    INFORMATION = 'information', 'Information'
    PROCESS = 'process', 'Process'
    SUPPLIED_SERVICE = 'supplied-service', 'Supplied service'

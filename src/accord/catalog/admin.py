"""Admin for the catalogue: products and their components, services, offerings, audited.

Several ``__str__`` methods name related objects (``product: resource``), so querysets here
select them to keep lists and inlines at a constant number of queries.
"""

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from accord.catalog.models import (
    ComponentView,
    OfferingElement,
    Product,
    ProductComponent,
    RequestItem,
    Service,
    ServiceOffering,
    UsageCharge,
)
from accord.core.admin import AuditedModelAdmin

PROVIDER_FILTER = ('provider', admin.RelatedOnlyFieldListFilter)


class ProductComponentInline(admin.TabularInline):
    model = ProductComponent
    fields = ('resource', 'role', 'visibility', 'position')
    autocomplete_fields = ('resource',)
    show_change_link = True  # the component's own page holds its per-group views
    extra = 0

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).select_related('product', 'resource')


class ComponentViewInline(admin.TabularInline):
    model = ComponentView
    fields = ('group', 'label')
    autocomplete_fields = ('group',)
    extra = 0

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).select_related('component__product', 'component__resource', 'group')


class OfferingElementInline(admin.StackedInline):
    model = OfferingElement
    autocomplete_fields = ('product', 'component')
    extra = 0

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).select_related('offering')


class UsageChargeInline(admin.TabularInline):
    model = UsageCharge
    fields = ('event', 'amount', 'allowance')
    extra = 0

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).select_related('offering')


class RequestItemInline(admin.TabularInline):
    model = RequestItem
    fields = ('name', 'title', 'element', 'approval')
    autocomplete_fields = ('element',)
    extra = 0

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).select_related('offering')


@admin.register(Product)
class ProductAdmin(AuditedModelAdmin):
    list_display = ('name', 'title', 'provider')
    list_filter = (PROVIDER_FILTER,)
    search_fields = ('name', 'title')
    autocomplete_fields = ('provider', 'hidden_from')
    list_select_related = ('provider',)
    inlines = (ProductComponentInline,)


@admin.register(ProductComponent)
class ProductComponentAdmin(AuditedModelAdmin):
    list_display = ('__str__', 'product', 'resource', 'role', 'visibility', 'position')
    list_filter = ('visibility',)
    search_fields = ('product__name', 'resource__name', 'role')
    autocomplete_fields = ('product', 'resource')
    list_select_related = ('product', 'resource')
    inlines = (ComponentViewInline,)

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        # Also serves the autocomplete of component views, whose labels name product and resource.
        return super().get_queryset(request).select_related('product', 'resource')


@admin.register(ComponentView)
class ComponentViewAdmin(AuditedModelAdmin):
    list_display = ('__str__', 'component', 'group', 'label')
    search_fields = ('component__product__name', 'component__resource__name', 'group__name', 'label')
    autocomplete_fields = ('component', 'group')
    list_select_related = ('component__product', 'component__resource', 'group')


@admin.register(Service)
class ServiceAdmin(AuditedModelAdmin):
    list_display = ('name', 'title', 'provider', 'owner', 'lifecycle')
    list_filter = ('lifecycle', PROVIDER_FILTER)
    search_fields = ('name', 'title')
    autocomplete_fields = ('provider', 'owner', 'products')
    list_select_related = ('provider', 'owner')


@admin.register(ServiceOffering)
class ServiceOfferingAdmin(AuditedModelAdmin):
    list_display = ('name', 'title', 'provider', 'lifecycle', 'currency', 'fee_amount', 'fee_per')
    list_filter = ('lifecycle', 'fee_per', PROVIDER_FILTER)
    search_fields = ('name', 'title')
    autocomplete_fields = ('provider', 'services', 'target_groups')
    list_select_related = ('provider',)
    inlines = (OfferingElementInline, UsageChargeInline, RequestItemInline)


@admin.register(OfferingElement)
class OfferingElementAdmin(AuditedModelAdmin):
    list_display = ('name', 'offering', 'kind', 'product', 'component', 'position')
    list_filter = ('kind',)
    search_fields = ('name', 'offering__name')
    autocomplete_fields = ('offering', 'product', 'component')
    list_select_related = ('offering', 'product', 'component')

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        # Also serves the autocomplete of request items, whose labels name the offering.
        return super().get_queryset(request).select_related('offering')


@admin.register(UsageCharge)
class UsageChargeAdmin(AuditedModelAdmin):
    list_display = ('event', 'offering', 'amount', 'allowance')
    search_fields = ('event', 'offering__name')
    autocomplete_fields = ('offering',)
    list_select_related = ('offering',)


@admin.register(RequestItem)
class RequestItemAdmin(AuditedModelAdmin):
    list_display = ('name', 'title', 'offering', 'element', 'approval')
    list_filter = ('approval',)
    search_fields = ('name', 'title', 'offering__name')
    autocomplete_fields = ('offering', 'element')
    list_select_related = ('offering', 'element__offering')

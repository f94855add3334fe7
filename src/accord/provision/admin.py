"""Admin for the records of provision and consumption.

Orders, deliveries, grants, actions and reservations change through the verbs of ``services.py`` (a delivery
moves ownership, a reservation locks its slot), so the admin shows them read-only; ownership transfers are
derived from deliveries and conversions. Consumption events, period facts and capacity slots are plain facts,
edited here with the change log.
"""

from django.contrib import admin
from django.db import models
from django.http import HttpRequest

from accord.core.admin import AuditedModelAdmin
from accord.provision.models import (
    AccessGrant,
    ActionInstance,
    CapacitySlot,
    ConsumptionEvent,
    GoodsDelivery,
    Order,
    OwnershipTransfer,
    PeriodFact,
    Reservation,
)

SUBSCRIPTION_FILTER = ('subscription', admin.RelatedOnlyFieldListFilter)


class RecordAdmin(AuditedModelAdmin):
    """A record the verbs write: viewed here, never added, changed or deleted."""

    def has_add_permission(self, request: HttpRequest, obj: models.Model | None = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: models.Model | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: models.Model | None = None) -> bool:
        return False


@admin.register(Order)
class OrderAdmin(RecordAdmin):
    list_display = ('name', 'relationship', 'requested_by', 'at', 'subscription', 'request_item', 'offering',
                    'status', 'decided_by')
    list_filter = ('status', ('relationship', admin.RelatedOnlyFieldListFilter))
    search_fields = ('name', 'title', 'relationship__name', 'requested_by__name')
    list_select_related = ('relationship', 'requested_by', 'subscription', 'request_item__offering', 'offering',
                           'decided_by')
    date_hierarchy = 'at'


@admin.register(GoodsDelivery)
class GoodsDeliveryAdmin(RecordAdmin):
    list_display = ('name', 'subscription', 'element', 'quantity', 'at')
    list_filter = (SUBSCRIPTION_FILTER,)
    search_fields = ('name', 'title', 'subscription__name')
    list_select_related = ('subscription', 'element__offering')
    date_hierarchy = 'at'


@admin.register(OwnershipTransfer)
class OwnershipTransferAdmin(RecordAdmin):
    list_display = ('__str__', 'item', 'from_owner', 'to_owner', 'at', 'reason', 'delivery', 'grant')
    list_filter = ('reason',)
    search_fields = ('item__name', 'from_owner__name', 'to_owner__name')
    list_select_related = ('item', 'from_owner', 'to_owner', 'delivery', 'grant')
    date_hierarchy = 'at'


@admin.register(AccessGrant)
class AccessGrantAdmin(RecordAdmin):
    list_display = ('name', 'subscription', 'element', 'grantee_person', 'grantee_organization', 'item',
                    'valid_from', 'valid_to', 'revoked_at', 'converted_at')
    list_filter = (SUBSCRIPTION_FILTER,)
    search_fields = ('name', 'title', 'subscription__name', 'grantee_person__name', 'grantee_organization__name')
    list_select_related = ('subscription', 'element__offering', 'grantee_person', 'grantee_organization', 'item')
    date_hierarchy = 'valid_from'


@admin.register(ActionInstance)
class ActionInstanceAdmin(RecordAdmin):
    list_display = ('name', 'subscription', 'element', 'requested_at', 'due_at', 'started_at', 'completed_at',
                    'quality')
    list_filter = ('quality', SUBSCRIPTION_FILTER)
    search_fields = ('name', 'title', 'subscription__name')
    list_select_related = ('subscription', 'element__offering', 'requested_by')
    date_hierarchy = 'requested_at'


@admin.register(Reservation)
class ReservationAdmin(RecordAdmin):
    list_display = ('name', 'slot', 'subscription', 'units', 'at')
    search_fields = ('name', 'slot__name', 'subscription__name')
    list_select_related = ('slot', 'subscription')
    date_hierarchy = 'at'


@admin.register(ConsumptionEvent)
class ConsumptionEventAdmin(AuditedModelAdmin):
    list_display = ('name', 'subscription', 'event', 'at', 'quantity')
    list_filter = ('event',)
    search_fields = ('name', 'event', 'subscription__name')
    autocomplete_fields = ('subscription',)
    list_select_related = ('subscription',)
    date_hierarchy = 'at'
    show_full_result_count = False  # millions of events: counting them all on every page is not worth it


@admin.register(PeriodFact)
class PeriodFactAdmin(AuditedModelAdmin):
    list_display = ('name', 'subscription', 'period', 'fact', 'value')
    list_filter = ('period', 'fact')
    search_fields = ('name', 'fact', 'subscription__name')
    autocomplete_fields = ('subscription',)
    list_select_related = ('subscription',)


@admin.register(CapacitySlot)
class CapacitySlotAdmin(AuditedModelAdmin):
    list_display = ('name', 'resource', 'start', 'end', 'capacity', 'unit_price', 'currency')
    list_filter = (('resource', admin.RelatedOnlyFieldListFilter),)
    search_fields = ('name', 'title', 'resource__name')
    autocomplete_fields = ('resource',)
    list_select_related = ('resource',)
    date_hierarchy = 'start'

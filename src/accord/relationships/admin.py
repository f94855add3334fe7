"""Admin for service relationships and what they carry: consumer roles, subscriptions, agreements with
their targets and measurements, feedback, value reviews and relationship reviews, audited.

Several ``__str__`` methods name related objects (``ada as customer in acme-it``, ``sla: availability``),
so querysets here select them to keep lists, inlines and autocompletes at a constant number of queries.
A rule between an agreement and its subscriptions spans a many-to-many relation, which the model's
``clean()`` cannot see before it is saved: the agreement's form checks it.
"""

from django import forms
from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from accord.core.admin import AuditedModelAdmin
from accord.relationships.models import (
    Agreement,
    AgreementTarget,
    ConsumerRole,
    Feedback,
    Measurement,
    RelationshipReview,
    ServiceRelationship,
    Subscription,
    ValueFactor,
    ValueReview,
    check_own_subscriptions,
)

RELATIONSHIP_FILTER = ('relationship', admin.RelatedOnlyFieldListFilter)


class ConsumerRoleInline(admin.TabularInline):
    model = ConsumerRole
    fields = ('person', 'role')
    autocomplete_fields = ('person',)
    extra = 0

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).select_related('relationship', 'person')


class AgreementTargetInline(admin.TabularInline):
    model = AgreementTarget
    fields = ('name', 'kind', 'comparator', 'value', 'unit', 'position')
    show_change_link = True  # the target's own page holds its measurements
    extra = 0

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).select_related('agreement')


class MeasurementInline(admin.TabularInline):
    model = Measurement
    fields = ('period', 'value')
    extra = 0

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).select_related('target')


class ValueFactorInline(admin.TabularInline):
    model = ValueFactor
    fields = ('kind', 'direction', 'description', 'amount', 'position')
    extra = 0

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).select_related('review')


class AgreementForm(forms.ModelForm):
    def clean(self) -> dict:
        cleaned = super().clean()
        relationship, subscriptions = cleaned.get('relationship'), cleaned.get('subscriptions')
        if relationship and subscriptions:
            check_own_subscriptions(relationship.pk, subscriptions)
        return cleaned


@admin.register(ServiceRelationship)
class ServiceRelationshipAdmin(AuditedModelAdmin):
    list_display = ('name', 'title', 'provider', 'consumer', 'type', 'status', 'manager')
    list_filter = (
        'type',
        'status',
        ('provider', admin.RelatedOnlyFieldListFilter),
        ('consumer', admin.RelatedOnlyFieldListFilter),
    )
    search_fields = ('name', 'title', 'provider__name', 'consumer__name')
    autocomplete_fields = ('provider', 'consumer', 'manager')
    list_select_related = ('provider', 'consumer', 'manager')
    inlines = (ConsumerRoleInline,)


@admin.register(ConsumerRole)
class ConsumerRoleAdmin(AuditedModelAdmin):
    list_display = ('__str__', 'relationship', 'person', 'role')
    list_filter = ('role', RELATIONSHIP_FILTER)
    search_fields = ('relationship__name', 'person__name')
    autocomplete_fields = ('relationship', 'person')
    list_select_related = ('relationship', 'person')


@admin.register(Subscription)
class SubscriptionAdmin(AuditedModelAdmin):
    list_display = ('name', 'relationship', 'offering', 'group', 'start', 'end', 'quantity', 'status', 'realizes')
    list_filter = (
        'status',
        ('offering', admin.RelatedOnlyFieldListFilter),
        ('group', admin.RelatedOnlyFieldListFilter),
    )
    search_fields = ('name', 'title', 'relationship__name', 'offering__name')
    autocomplete_fields = ('relationship', 'offering', 'group', 'realizes')
    list_select_related = ('relationship', 'offering', 'group', 'realizes')
    date_hierarchy = 'start'


@admin.register(Agreement)
class AgreementAdmin(AuditedModelAdmin):
    form = AgreementForm
    list_display = ('name', 'title', 'relationship', 'kind', 'effective_from', 'effective_to')
    list_filter = ('kind', RELATIONSHIP_FILTER)
    search_fields = ('name', 'title', 'relationship__name')
    autocomplete_fields = ('relationship', 'subscriptions')
    list_select_related = ('relationship',)
    inlines = (AgreementTargetInline,)


@admin.register(AgreementTarget)
class AgreementTargetAdmin(AuditedModelAdmin):
    list_display = ('__str__', 'agreement', 'name', 'kind', 'comparator', 'value', 'unit')
    list_filter = ('kind', 'comparator')
    search_fields = ('name', 'agreement__name')
    autocomplete_fields = ('agreement',)
    list_select_related = ('agreement',)
    inlines = (MeasurementInline,)

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        # Also serves the autocomplete of measurements, whose labels name the agreement.
        return super().get_queryset(request).select_related('agreement')


@admin.register(Measurement)
class MeasurementAdmin(AuditedModelAdmin):
    list_display = ('__str__', 'target', 'period', 'value')
    list_filter = ('target__kind', 'period')
    search_fields = ('period', 'target__name', 'target__agreement__name')
    autocomplete_fields = ('target',)
    list_select_related = ('target__agreement',)


@admin.register(Feedback)
class FeedbackAdmin(AuditedModelAdmin):
    list_display = ('name', 'relationship', 'person', 'at', 'score')
    list_filter = ('score', RELATIONSHIP_FILTER)
    search_fields = ('name', 'title', 'comment', 'relationship__name', 'person__name')
    autocomplete_fields = ('relationship', 'person')
    list_select_related = ('relationship', 'person')
    date_hierarchy = 'at'


@admin.register(ValueReview)
class ValueReviewAdmin(AuditedModelAdmin):
    list_display = ('name', 'relationship', 'period', 'assessed_by', 'overall')
    list_filter = ('overall', 'period', RELATIONSHIP_FILTER)
    search_fields = ('name', 'title', 'relationship__name', 'assessed_by__name')
    autocomplete_fields = ('relationship', 'assessed_by')
    list_select_related = ('relationship', 'assessed_by')
    inlines = (ValueFactorInline,)


@admin.register(ValueFactor)
class ValueFactorAdmin(AuditedModelAdmin):
    list_display = ('__str__', 'review', 'kind', 'direction', 'amount', 'position')
    list_filter = ('kind', 'direction')
    search_fields = ('description', 'review__name')
    autocomplete_fields = ('review',)
    list_select_related = ('review',)


@admin.register(RelationshipReview)
class RelationshipReviewAdmin(AuditedModelAdmin):
    list_display = ('name', 'title', 'relationship', 'at')
    list_filter = (RELATIONSHIP_FILTER,)
    search_fields = ('name', 'title', 'notes', 'relationship__name')
    autocomplete_fields = ('relationship', 'attendees')
    list_select_related = ('relationship',)
    date_hierarchy = 'at'

"""Admin for the parties: organizations, persons and consumer groups, audited."""

from django.contrib import admin

from accord.core.admin import AuditedModelAdmin
from accord.parties.models import ConsumerGroup, Organization, Person, RoleGrant


@admin.register(Organization)
class OrganizationAdmin(AuditedModelAdmin):
    list_display = ('name', 'title', 'kind', 'parent', 'external')
    list_filter = ('kind', 'external')
    search_fields = ('name', 'title')
    autocomplete_fields = ('parent',)
    list_select_related = ('parent',)


@admin.register(Person)
class PersonAdmin(AuditedModelAdmin):
    list_display = ('name', 'title', 'email', 'user')
    search_fields = ('name', 'title', 'email')
    autocomplete_fields = ('member_of', 'user')
    list_select_related = ('user',)


@admin.register(ConsumerGroup)
class ConsumerGroupAdmin(AuditedModelAdmin):
    list_display = ('name', 'title', 'provider')
    # Only providers that define groups: a filter of every organization would not fit the page.
    list_filter = (('provider', admin.RelatedOnlyFieldListFilter),)
    search_fields = ('name', 'title')
    autocomplete_fields = ('provider', 'members')
    list_select_related = ('provider',)


@admin.register(RoleGrant)
class RoleGrantAdmin(AuditedModelAdmin):
    list_display = ('user', 'role', 'organization')
    list_filter = ('role',)
    search_fields = ('user__username', 'organization__name')
    autocomplete_fields = ('user', 'organization')
    list_select_related = ('user', 'organization')

"""Admin for practices: the 34 practices are seeded reference data, so only assignments are edited."""

from django.contrib import admin
from django.http import HttpRequest

from accord.core.admin import AuditedModelAdmin
from accord.practices.models import Practice, PracticeAssignment


@admin.register(Practice)
class PracticeAdmin(admin.ModelAdmin):
    """Read-only: the practices come from a data migration and are referred to by name."""

    list_display = ('name', 'title', 'category')
    list_filter = ('category',)
    search_fields = ('name', 'title')

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Practice | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Practice | None = None) -> bool:
        return False


@admin.register(PracticeAssignment)
class PracticeAssignmentAdmin(AuditedModelAdmin):
    list_display = ('name', 'organization', 'practice', 'person', 'role', 'valid_from', 'valid_to')
    list_filter = ('role', 'practice__category', 'practice')
    search_fields = ('name', 'title', 'person__name', 'organization__name')
    autocomplete_fields = ('organization', 'person')
    list_select_related = ('organization', 'practice', 'person')

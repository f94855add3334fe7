"""Admin for resources, their items and dependencies, audited.

Dependencies are checked for cycles (R18) by the forms here, with the message of the services' check: a
``ResourceDependency`` alone does not check it, as the check reads the whole stored graph.
"""

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.forms import BaseInlineFormSet, ModelForm
from django.http import HttpRequest

from accord.core.admin import AuditedModelAdmin
from accord.resources.models import Item, Resource, ResourceDependency, check_no_dependency_cycle


def _check_edges(edges: list[tuple[int, int]]) -> None:
    """Raise a form-level error if ``edges`` close a dependency cycle."""
    try:
        check_no_dependency_cycle(edges)
    except ValidationError as error:
        raise ValidationError(error.messages) from None


class DependencyFormSet(BaseInlineFormSet):
    def clean(self) -> None:
        super().clean()
        if self.instance.pk is None:
            return  # nothing depends on a new resource yet, so its edges cannot close a cycle
        _check_edges(
            [
                (self.instance.pk, form.cleaned_data['depends_on'].pk)
                for form in self.forms
                if form.cleaned_data.get('depends_on') and not self._should_delete_form(form)
            ]
        )


class DependencyForm(ModelForm):
    def clean(self) -> dict:
        cleaned = super().clean()
        resource, depends_on = cleaned.get('resource'), cleaned.get('depends_on')
        if resource and depends_on:
            _check_edges([(resource.pk, depends_on.pk)])
        return cleaned


class ItemInline(admin.TabularInline):
    model = Item
    fields = ('name', 'title', 'owner')
    autocomplete_fields = ('owner',)
    extra = 0


class ResourceDependencyInline(admin.TabularInline):
    model = ResourceDependency
    fk_name = 'resource'
    formset = DependencyFormSet
    fields = ('depends_on',)
    autocomplete_fields = ('depends_on',)
    extra = 0

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).select_related('resource', 'depends_on')


@admin.register(Resource)
class ResourceAdmin(AuditedModelAdmin):
    list_display = ('name', 'title', 'organization', 'dimension', 'kind', 'capacity_amount', 'capacity_unit')
    list_filter = ('dimension', 'kind', ('organization', admin.RelatedOnlyFieldListFilter))
    search_fields = ('name', 'title')
    autocomplete_fields = ('organization',)
    list_select_related = ('organization',)
    inlines = (ItemInline, ResourceDependencyInline)


@admin.register(Item)
class ItemAdmin(AuditedModelAdmin):
    list_display = ('name', 'title', 'resource', 'owner')
    list_filter = ('resource__kind',)
    search_fields = ('name', 'title', 'resource__name')
    autocomplete_fields = ('resource', 'owner')
    list_select_related = ('resource', 'owner')


@admin.register(ResourceDependency)
class ResourceDependencyAdmin(AuditedModelAdmin):
    form = DependencyForm
    list_display = ('resource', 'depends_on')
    search_fields = ('resource__name', 'depends_on__name')
    autocomplete_fields = ('resource', 'depends_on')
    list_select_related = ('resource', 'depends_on')

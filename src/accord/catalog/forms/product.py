"""The console's form of a product: its provider, the groups it hides from, its components and what each
group sees of them (``accord.ui.forms``, ``accord.ui.parts``).

The API nests a component's views in the component (``views: {students: {label: Card}}``); the form
shows them as a second list, one row per component and group, so that each group's label has its
own field. A view's refusal (``components.0.views.students.label``) comes back at its row.
"""

from typing import Any

from django import forms

from accord.catalog.api.serializers import ProductSerializer
from accord.catalog.choices import ComponentVisibility
from accord.catalog.models import Product
from accord.parties.models import ConsumerGroup, Organization
from accord.resources.models import Resource
from accord.ui.forms import ObjectForm, ReferenceField, ReferencesField
from accord.ui.parts import PartFormSet, PartRow, error_paths, part_formset


class ComponentRow(PartRow):
    listed_as, heading = 'components', 'Components'
    hint = 'a resource of the provider with its role; hidden unless visible or shown to a group below'
    resource = ReferenceField(Resource)
    role = forms.CharField(max_length=100, required=False)
    visibility = forms.ChoiceField(choices=ComponentVisibility.choices, initial=ComponentVisibility.HIDDEN)


class ComponentViewRow(PartRow):
    listed_as, heading = 'views', 'Views per group'
    hint = "a group that sees a component, with what it reads instead of the resource's title"
    resource = ReferenceField(Resource, label='Component')
    group = ReferenceField(ConsumerGroup)
    label = forms.CharField(max_length=200, required=False)


def views_of(components: list[dict]) -> list[dict]:
    """The views nested in the API's components, one per component and group."""
    return [{'resource': component['resource'], 'group': group, 'label': (view or {}).get('label', '')}
            for component in components for group, view in (component.get('views') or {}).items()]


class ProductForm(ObjectForm):
    serializer_class = ProductSerializer
    parts = (part_formset(ComponentRow), part_formset(ComponentViewRow))
    provider = ReferenceField(Organization)
    hidden_from = ReferencesField(ConsumerGroup, required=False, label='Hidden from',
                                  help_text=Product._meta.get_field('hidden_from').help_text)

    def part_list(self, row: type[PartRow]) -> list:
        if row is ComponentViewRow:
            return views_of(self.before.get('components') or [])
        return super().part_list(row)

    @property
    def rows(self) -> dict[str, PartFormSet]:
        return {formset.prefix: formset for formset in self.formsets}

    def is_valid(self) -> bool:
        """Valid, and each view is of a component the form keeps."""
        if not super().is_valid():
            return False
        kept = {row.cleaned_data['resource'] for row in self.rows['components'].rows_sent()}
        strays = [row for row in self.rows['views'].rows_sent() if row.cleaned_data['resource'] not in kept]
        for row in strays:
            row.add_error('resource', 'not a component of this product: add it above first')
        return not strays

    def document(self) -> dict:
        """The components with their views nested, as the API has them."""
        document = super().document()
        views: dict[str, dict] = {}
        for view in document.pop('views'):
            views.setdefault(view.pop('resource'), {})[view.pop('group')] = view  # its label, if any
        for component in document['components']:
            if views.get(component['resource']):
                component['views'] = views[component['resource']]
        return document

    def show_part_errors(self, formset: PartFormSet, detail: Any) -> bool:
        """A view's refusal at its row of the views; a component's at its row."""
        if formset.prefix != 'components':
            return super().show_part_errors(formset, detail)
        components = formset.rows_sent()
        shown = True
        for path, message in error_paths(detail):
            if len(path) > 2 and path[1] == 'views' and path[0].isdigit() and int(path[0]) < len(components):
                shown = self.show_view_error(components[int(path[0])].cleaned_data['resource'], path, message) and shown
            else:
                shown = formset.show_error(path, message) and shown
        return shown

    def show_view_error(self, resource: str, path: tuple[str, ...], message: str) -> bool:
        """``(index, 'views', group, attribute)``: at the views' row of that component and group."""
        views = self.rows['views'].rows_sent()
        index = next((i for i, row in enumerate(views)
                      if (row.cleaned_data['resource'], row.cleaned_data['group']) == (resource, path[2])), None)
        return index is not None and self.rows['views'].show_error((str(index), *path[3:]), message)

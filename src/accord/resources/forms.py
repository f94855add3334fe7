"""The console's form of a resource: its organization, dimension and kind, what it depends on, its capacity
and its items (a formset of rows, ``accord.ui.parts``), written through the API's serializer."""

from typing import Any

from django import forms

from accord.parties.models import Organization
from accord.resources.api.serializers import ResourceSerializer
from accord.resources.choices import Dimension, ResourceKind
from accord.resources.models import Resource
from accord.ui.forms import ObjectForm, ReferenceField, ReferencesField
from accord.ui.parts import PartRow, part_formset

CAPACITY = {'capacity_amount': 'amount', 'capacity_unit': 'unit'}


class ItemRow(PartRow):
    listed_as, heading, key = 'items', 'Items', 'name'
    hint = "an item's owner is the resource's organization unless another is named"
    name = forms.CharField(max_length=100)
    title = forms.CharField(max_length=200, required=False)
    owner = ReferenceField(Organization, required=False)


class ResourceForm(ObjectForm):
    """The capacity is one part in the API (``capacity: {amount, unit}``), two fields here."""

    serializer_class = ResourceSerializer
    parts = (part_formset(ItemRow),)
    organization = ReferenceField(Organization, help_text=Resource._meta.get_field('organization').help_text)
    dimension = forms.ChoiceField(choices=Dimension.choices)
    kind = forms.ChoiceField(choices=ResourceKind.choices)
    depends_on = ReferencesField(Resource, required=False, label='Depends on',
                                 help_text='If one of these fails, this resource fails too.')
    capacity_amount = forms.DecimalField(label='Capacity', required=False, min_value=0, max_digits=20,
                                         decimal_places=4)
    capacity_unit = forms.CharField(label='Capacity unit', max_length=50, required=False)

    @classmethod
    def initial_of(cls, document: dict, version: str) -> dict:
        capacity = document.get('capacity') or {}
        return {**super().initial_of(document, version),
                **{field: capacity[key] for field, key in CAPACITY.items() if key in capacity}}

    def document(self) -> dict:
        document = super().document()
        capacity = {key: document.pop(self.api_name(field)) for field, key in CAPACITY.items()}
        document['capacity'] = None if capacity['amount'] is None and not capacity['unit'] else capacity
        return document

    def show_errors(self, detail: Any) -> None:
        """The capacity's refusals at its two fields."""
        if isinstance(detail, dict) and isinstance(detail.get('capacity'), dict):
            capacity = dict(detail['capacity'])
            detail = {**detail, **{self.api_name(field): capacity.pop(key)
                                   for field, key in CAPACITY.items() if key in capacity}}
            detail['capacity'] = capacity
            if not capacity:
                detail.pop('capacity')
        super().show_errors(detail)

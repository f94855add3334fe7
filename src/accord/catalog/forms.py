"""The console's form of a service offering: its description, price plan and elements (a formset, no JSON).

A form only translates: what it read is laid over the offering as the API represents it and
written through the API's serializer (the catalogue format's parts, the model's rules, the change
log) under ``guarded_write``, so a stale form is refused rather than overwriting a newer change,
and every refusal comes back as the same message the API would give, shown at its field.
"""

from collections.abc import Iterator
from typing import Any

from django import forms

from accord.catalog.api.serializers import ServiceSerializer
from accord.catalog.choices import ElementKind, FeePeriod, Lifecycle
from accord.catalog.models import Product, ServiceOffering
from accord.core.models.base import name_validator
from accord.parties.models import Organization, Person
from accord.ui.forms import ObjectForm, ReferenceField, ReferencesField


class OfferingForm(forms.Form):
    title = forms.CharField(max_length=200, required=False)
    description = forms.CharField(widget=forms.Textarea(attrs={'rows': 3}), required=False)
    lifecycle = forms.ChoiceField(choices=Lifecycle.choices)
    currency = forms.CharField(max_length=3, required=False, help_text='ISO 4217, e.g. USD')
    fee_amount = forms.DecimalField(label='Fee', required=False, min_value=0, max_digits=18, decimal_places=4)
    fee_per = forms.ChoiceField(label='Fee per', choices=[('', '—'), *FeePeriod.choices], required=False)
    version = forms.CharField(widget=forms.HiddenInput)

    def clean(self) -> dict:
        data = super().clean()
        if (data.get('fee_amount') is None) != (not data.get('fee_per')):
            self.add_error('fee_per', 'a fee has both an amount and a period')
        return data


class ElementForm(forms.Form):
    """One element; a row left blank (the extra one) is no element, a named one needs its kind and product."""

    original = forms.CharField(widget=forms.HiddenInput, required=False)
    name = forms.CharField(max_length=100, validators=[name_validator], required=False)
    kind = forms.ChoiceField(choices=[('', '—'), *ElementKind.choices], required=False)
    product = forms.ChoiceField(choices=(), required=False)
    quantity = forms.IntegerField(min_value=1, required=False, help_text='goods only')

    def __init__(self, *args: Any, products: list[tuple[str, str]] = (), **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields['product'].choices = [('', '—'), *products]

    def clean(self) -> dict:
        data = super().clean()
        if data.get('name'):
            for field in ('kind', 'product'):
                if not data.get(field):
                    self.add_error(field, 'an element names its kind and product')
        elif data.get('kind') or data.get('product') or data.get('quantity') is not None:
            self.add_error('name', 'an element has a name')
        if data.get('quantity') is not None and data.get('kind') != ElementKind.GOOD:
            self.add_error('quantity', 'only a good has a quantity')
        return data


ElementFormSet = forms.formset_factory(ElementForm, extra=1, can_delete=True)


def product_choices(user: Any, offering: ServiceOffering) -> list[tuple[str, str]]:
    """The provider's products the writer may view, by name."""
    products = Product.objects.restrict(user).filter(provider_id=offering.provider_id).order_by('name')
    return [(p.name, p.display_title) for p in products]


def initial(document: dict, version: str) -> tuple[dict, list[dict]]:
    """The form's and the formset's initial values from the offering as the API represents it."""
    pricing = document.get('pricing') or {}
    fee = pricing.get('fee') or {}
    offering = {'title': document.get('title', ''), 'description': document.get('description', ''),
                'lifecycle': document.get('lifecycle'), 'currency': pricing.get('currency', ''),
                'fee_amount': fee.get('amount'), 'fee_per': fee.get('per', ''), 'version': version}
    elements = [{'original': e['name'], 'name': e['name'], 'kind': e['kind'], 'product': e['product'],
                 'quantity': e.get('quantity')} for e in document.get('elements', [])]
    return offering, elements


def changes(document: dict, form: OfferingForm, formset: Any) -> dict:
    """The write the form asks for, in the API's shape: what the form edits laid over what it does not show."""
    data = form.cleaned_data
    pricing = dict(document.get('pricing') or {})
    pricing['currency'] = data['currency'].upper()
    if data['fee_amount'] is None:
        pricing.pop('fee', None)
    else:
        pricing['fee'] = {'amount': str(data['fee_amount']), 'per': data['fee_per']}
    pricing = {key: value for key, value in pricing.items() if value not in ('', None)}
    return {
        'title': data['title'], 'description': data['description'], 'lifecycle': data['lifecycle'],
        'pricing': pricing or None, 'elements': list(_elements(document, formset)),
    }


def _elements(document: dict, formset: Any) -> Iterator[dict]:
    """Each kept element: its fields the form does not show (a window, a duration) kept from before."""
    before = {element['name']: element for element in document.get('elements', [])}
    for form in formset.forms:
        data = getattr(form, 'cleaned_data', None)
        if not data or data.get('DELETE') or not data.get('name'):
            continue
        element = dict(before.get(data['original'], {})) if data.get('original') else {}
        if element.get('kind') != data['kind']:
            element = {}  # another kind keeps none of the old kind's fields
        element.update(name=data['name'], kind=data['kind'], product=data['product'])
        if data['kind'] == ElementKind.GOOD and data.get('quantity') is not None:
            element['quantity'] = data['quantity']
        if element.get('component') and element['product'] != before.get(data.get('original'), {}).get('product'):
            element.pop('component')  # a component belongs to the product it was chosen from
        yield element


def flatten_errors(detail: Any, path: str = '') -> Iterator[tuple[str, str]]:
    """The API's nested error detail as (path, message) pairs: ``elements.0.quantity``."""
    if isinstance(detail, dict):
        for key, value in detail.items():
            yield from flatten_errors(value, f'{path}.{key}' if path else str(key))
    elif isinstance(detail, list) and detail and not all(isinstance(item, str) for item in detail):
        for index, value in enumerate(detail):
            yield from flatten_errors(value, f'{path}.{index}' if path else str(index))
    elif isinstance(detail, list):
        for message in detail:
            yield path, str(message)
    else:
        yield path, str(detail)


class ServiceForm(ObjectForm):
    """A service's form (``accord.ui.forms``): its provider, owner, products and lifecycle."""

    serializer_class = ServiceSerializer
    provider = ReferenceField(Organization)
    owner = ReferenceField(Person)
    products = ReferencesField(Product)
    lifecycle = forms.ChoiceField(choices=Lifecycle.choices)

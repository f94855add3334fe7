"""The console's form of a service offering: its description, groups and price plan, and its owned parts as
formsets (``accord.catalog.forms.rows``), read from and written as the API represents the offering.

A form only translates: what it read becomes the offering's document in the API's shape, laid over
what the form does not show, and is written through the API's serializer (the catalogue format's
parts, the model's rules, the change log) under ``guarded_write`` by the view; each refusal the API
gives comes back at its field, a part's at its row (``OfferingForms.show_errors``).
"""

from collections.abc import Iterator
from typing import Any

from django import forms
from django.http import QueryDict
from rest_framework.settings import api_settings

from accord.catalog.choices import ElementKind, FeePeriod, Lifecycle
from accord.catalog.forms import waivers
from accord.catalog.forms.choices import offering_choices
from accord.catalog.forms.rows import PARTS, PartRow
from accord.catalog.models import ServiceOffering
from accord.core.models.base import name_validator


class OfferingForm(forms.Form):
    """What is the offering's own: a new one's name and provider, its description, groups and fee."""

    name = forms.CharField(max_length=100, validators=[name_validator])
    provider = forms.ChoiceField(choices=())
    title = forms.CharField(max_length=200, required=False)
    description = forms.CharField(widget=forms.Textarea(attrs={'rows': 3}), required=False)
    lifecycle = forms.ChoiceField(choices=Lifecycle.choices, initial=Lifecycle.LIVE)
    services = forms.MultipleChoiceField(choices=(), required=False, widget=forms.CheckboxSelectMultiple)
    target_groups = forms.MultipleChoiceField(choices=(), required=False, widget=forms.CheckboxSelectMultiple,
                                              help_text='none: every consumer may subscribe')
    currency = forms.CharField(max_length=3, required=False, help_text='ISO 4217, e.g. USD')
    fee_amount = forms.DecimalField(label='Fee', required=False, min_value=0, max_digits=18, decimal_places=4)
    fee_per = forms.ChoiceField(label='Fee per', choices=[('', '—'), *FeePeriod.choices], required=False)
    version = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, creating: bool, choices: dict[str, list[tuple[str, str]]], **kwargs: Any):
        super().__init__(*args, **kwargs)
        if not creating:
            del self.fields['name'], self.fields['provider']
        else:
            self.fields['provider'].choices = [('', '—'), *choices['provider']]
        self.fields['services'].choices = choices['services']
        self.fields['target_groups'].choices = choices['target_groups']

    def clean(self) -> dict:
        data = super().clean()
        if (data.get('fee_amount') is None) != (not data.get('fee_per')):
            self.add_error('fee_per', 'a fee has both an amount and a period')
        return data


# The API's paths of the offering's own fields, and of each part's list with its rows' field names.
FIELDS = {'name': 'name', 'provider': 'provider', 'title': 'title', 'description': 'description',
          'lifecycle': 'lifecycle', 'services': 'services', 'targetGroups': 'target_groups',
          'pricing.currency': 'currency', 'pricing.fee': 'fee_amount', 'pricing.fee.amount': 'fee_amount',
          'pricing.fee.per': 'fee_per'}
ROWS = {'elements': ('elements', {'window': 'window_from'}), 'pricing.usage': ('usage', {}),
        'requestItems': ('requests', {})}
LISTS = {'elements': 'elements', 'pricing.usage': 'usage', 'pricing.waivers': 'waivers', 'requestItems': 'requests',
         'value': 'value'}


class OfferingForms:
    """The offering's form and its parts' formsets, bound together to one request.

    ``add`` names a part to which the reader asked for one more row (the "Add" buttons submit the
    form without saving it): the row comes with its fields' initial values, so that it stays blank.
    """

    def __init__(self, user: Any, offering: ServiceOffering | None, document: dict, version: str = '',
                 data: QueryDict | None = None, add: str | None = None):
        self.offering, self.document = offering, document
        choices = offering_choices(user, offering, document, data)
        kwargs = {'creating': offering is None, 'choices': choices}
        rows = {'form_kwargs': {'choices': choices}}
        if data is None:
            own, parts = initial(document, version)
            self.form = OfferingForm(initial=own, **kwargs)
            self.parts = {prefix: formset(initial=parts[prefix], prefix=prefix, **rows)
                          for prefix, formset in PARTS.items()}
            return
        data = data.copy()
        if add in PARTS:
            with_blank_row(data, add, PARTS[add].form)
        self.form = OfferingForm(data, **kwargs)
        self.parts = {prefix: formset(data, prefix=prefix, **rows) for prefix, formset in PARTS.items()}

    def __getitem__(self, prefix: str) -> forms.BaseFormSet:
        return self.parts[prefix]

    def is_valid(self) -> bool:
        return all([self.form.is_valid(), *(part.is_valid() for part in self.parts.values())])

    def refused(self) -> bool:
        """Whether the form as sent holds an error anywhere: at a field, a row or a part."""
        return self.form.is_bound and (bool(self.form.errors) or any(
            part.total_error_count() for part in self.parts.values()))

    def kept(self, prefix: str) -> list[PartRow]:
        """The rows of a part that are parts after the write, in the order shown."""
        return [row for row in self.parts[prefix].forms if row.kept()]

    def document_written(self) -> dict:
        """The write the forms ask for, in the API's shape: what they edit laid over what they do not show."""
        data = self.form.cleaned_data
        written = {
            'title': data['title'], 'description': data['description'], 'lifecycle': data['lifecycle'],
            'services': data['services'], 'targetGroups': data['target_groups'], 'elements': list(self.elements()),
            'pricing': self.pricing(), 'value': self.value(), 'requestItems': self.request_items(),
        }
        if self.offering is None:
            written.update(name=data['name'], provider=data['provider'])
        return written

    def cleaned(self, prefix: str) -> list[dict]:
        return [row.cleaned_data for row in self.kept(prefix)]

    def pricing(self) -> dict | None:
        """The price plan; none when nothing of it is filled in (a currency alone is one)."""
        data = self.form.cleaned_data
        before = (self.document.get('pricing') or {}).get('waivers')
        plan = {
            'currency': data['currency'].upper(),
            'fee': {'amount': str(data['fee_amount']), 'per': data['fee_per']} if data['fee_amount'] is not None
            else None,
            'waivers': waivers.written(before, self.kept('waivers')),
            'usage': [{'event': u['event'], 'amount': str(u['amount']), 'allowance': u['allowance'] or 0}
                      for u in self.cleaned('usage')],
        }
        plan = {key: value for key, value in plan.items() if value not in ('', None, [])}
        return plan or None

    def value(self) -> dict[str, list[str]]:
        """The value statement: each kind's sentences in the order of the rows."""
        lines: dict[str, list[str]] = {}
        for line in self.cleaned('value'):
            lines.setdefault(line['kind'], []).append(line['text'])
        return lines

    def request_items(self) -> list[dict]:
        """The request items; one naming an element renamed in the same write names it by its new name."""
        renamed = {row['original']: row['name'] for row in self.cleaned('elements') if row.get('original')}
        return [{'name': item['name'], 'title': item['title'], 'element': renamed.get(item['element'], item['element']),
                 'approval': item['approval'] or 'none'} for item in self.cleaned('requests')]

    def elements(self) -> Iterator[dict]:
        """Each kept element: its fields the form does not show (a duration, a component) kept from before."""
        before = {element['name']: element for element in self.document.get('elements', [])}
        for data in self.cleaned('elements'):
            element = dict(before.get(data['original'], {})) if data.get('original') else {}
            if element.get('kind') != data['kind']:
                element = {}  # another kind keeps none of the old kind's fields
            if element.get('component') and element.get('product') != data['product']:
                element.pop('component')  # a component belongs to the product it was chosen from
            element.update(name=data['name'], kind=data['kind'], product=data['product'])
            if data['kind'] == ElementKind.GOOD and data.get('quantity') is not None:
                element['quantity'] = data['quantity']
            if data['kind'] == ElementKind.ACCESS:
                element.pop('window', None)
                if data.get('window_from') is not None:
                    element['window'] = {'from': data['window_from'].strftime('%H:%M'),
                                         'to': data['window_to'].strftime('%H:%M')}
            yield element

    def show_errors(self, detail: Any) -> None:
        """Each of the API's refusals at its field: a part's at its row, a waiver's above its conditions."""
        for path, message in flatten_errors(detail):
            path = path.removesuffix(f'.{api_settings.NON_FIELD_ERRORS_KEY}').removesuffix(
                api_settings.NON_FIELD_ERRORS_KEY)
            if path in FIELDS and FIELDS[path] in self.form.fields:
                self.form.add_error(FIELDS[path], message)
            elif not self.show_at_row(path, message) and not self.show_at_part(path, message):
                self.form.add_error(None, f'{path}: {message}' if path else message)

    def show_at_part(self, path: str, message: str) -> bool:
        """A refusal of a part as a whole (an element others still refer to, the waiver) above its rows."""
        prefix = next((prefix for list_path, prefix in LISTS.items()
                       if path == list_path or path.startswith(f'{list_path}.')), None)
        if prefix is not None:
            self.parts[prefix].non_form_errors().append(message)
        return prefix is not None

    def show_at_row(self, path: str, message: str) -> bool:
        """A part's refusal at its row (the API names it by its index among the parts written)."""
        for list_path, (prefix, names) in ROWS.items():
            if not path.startswith(f'{list_path}.'):
                continue
            index, _, field = path.removeprefix(f'{list_path}.').partition('.')
            kept = self.kept(prefix)
            if not index.isdigit() or int(index) >= len(kept):
                return False
            row = kept[int(index)]
            field = names.get(field.partition('.')[0], field.partition('.')[0])
            row.add_error(field if field in row.fields else None, message)
            return True
        if path.startswith('value.'):
            key, _, index = path.removeprefix('value.').partition('.')
            lines = [row for row in self.kept('value') if row.cleaned_data['kind'] == key]
            if index.isdigit() and int(index) < len(lines):
                lines[int(index)].add_error('text', message)
                return True
        return False


def with_blank_row(data: QueryDict, prefix: str, form: type[PartRow]) -> None:
    """One more row in ``data``'s formset ``prefix``, holding its fields' initial values."""
    total = data.get(f'{prefix}-TOTAL_FORMS', '')
    count = int(total) if total.isdigit() else 0
    data[f'{prefix}-TOTAL_FORMS'] = str(count + 1)
    for name, field in form.base_fields.items():
        if field.initial is not None:
            data[f'{prefix}-{count}-{name}'] = field.initial


def initial(document: dict, version: str) -> tuple[dict, dict[str, list[dict]]]:
    """The form's and each part's initial values from the offering as the API represents it."""
    pricing = document.get('pricing') or {}
    fee = pricing.get('fee') or {}
    own = {'title': document.get('title', ''), 'description': document.get('description', ''),
           'lifecycle': document.get('lifecycle', Lifecycle.LIVE), 'services': document.get('services', []),
           'target_groups': document.get('targetGroups', []), 'currency': pricing.get('currency', ''),
           'fee_amount': fee.get('amount'), 'fee_per': fee.get('per', ''), 'version': version}
    parts = {
        'elements': [{'original': e['name'], 'name': e['name'], 'kind': e['kind'], 'product': e.get('product'),
                      'quantity': e.get('quantity'), 'window_from': (e.get('window') or {}).get('from'),
                      'window_to': (e.get('window') or {}).get('to')} for e in document.get('elements', [])],
        'usage': [{'event': u['event'], 'amount': u['amount'], 'allowance': u.get('allowance', 0)}
                  for u in pricing.get('usage', [])],
        'waivers': waivers.rows(pricing.get('waivers')),
        'requests': [{'name': r['name'], 'title': r.get('title', ''), 'element': r['element'],
                      'approval': r.get('approval', 'none')} for r in document.get('requestItems', [])],
        'value': [{'kind': key, 'text': text} for key, texts in (document.get('value') or {}).items()
                  for text in texts],
    }
    return own, parts


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

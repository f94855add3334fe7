"""The rows of an offering's owned parts: one form per element, usage charge, waiver condition,
request item or value statement line, each in a formset (``PARTS``).

A row left blank is no part and a row marked Remove is removed; a row only checks what makes it a
part of its kind (a name, an amount...), the rest is the API's to refuse, at the row's field.
"""

from collections.abc import Mapping
from typing import Any

from django import forms

from accord.api.shapes import canonical_number
from accord.catalog.api.parts import VALUE_KEYS
from accord.catalog.choices import Approval, ElementKind
from accord.core.models.base import name_validator
from accord.ui.forms import TimeInput

CONDITION_KINDS = [('fact', 'A fact of the period'), ('subscribedTo', 'A subscription to')]
COMPARATORS = [('atLeast', 'at least'), ('atMost', 'at most'), ('equals', 'exactly')]
VALUE_KINDS = list(zip(VALUE_KEYS, ('Outcome', 'Cost added', 'Cost removed', 'Risk added', 'Risk removed'),
                       strict=True))


class PartRow(forms.Form):
    """One owned part; ``key`` is the field that makes a row a part, ``noun`` names it in words."""

    key = 'name'
    noun = 'part'

    def __init__(self, *args: Any, choices: Mapping[str, list[tuple[str, str]]] | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        for name, options in (choices or {}).items():
            if name in self.fields:
                self.fields[name].choices = [('', '—'), *options]

    def kept(self) -> bool:
        """Whether the row is a part of the offering after the write: valid, filled in, not removed."""
        data = getattr(self, 'cleaned_data', None)
        return bool(data) and not data.get('DELETE') and data.get(self.key) not in (None, '')

    def shown(self, field: str) -> Any:
        """The value the row shows: as sent, or as it was read."""
        return self[field].value()

    def legend(self) -> str:
        name = self.shown(self.key)
        return f'{self.noun.capitalize()} {name}' if name else f'A new {self.noun}'

    def require(self, data: dict, fields: tuple[str, ...], message: str) -> None:
        for field in fields:
            if data.get(field) in (None, ''):
                self.add_error(field, message)

    def refuse_without_key(self, data: dict, message: str) -> None:
        """A row with values but no ``key`` is a mistake, not a blank row."""
        filled = [name for name in self.fields if name not in (self.key, 'DELETE', 'original')
                  and data.get(name) not in (None, '') and data.get(name) != self.fields[name].initial]
        if filled and data.get(self.key) in (None, ''):
            self.add_error(self.key, message)


class ElementForm(PartRow):
    """A good, an access (with its daily service window) or an action; other details are kept as they were."""

    noun = 'element'
    original = forms.CharField(widget=forms.HiddenInput, required=False)
    name = forms.CharField(max_length=100, validators=[name_validator], required=False)
    kind = forms.ChoiceField(choices=[('', '—'), *ElementKind.choices], required=False)
    product = forms.ChoiceField(choices=(), required=False)
    quantity = forms.IntegerField(min_value=1, required=False, help_text='goods only')
    window_from = forms.TimeField(label='Open from', required=False, widget=TimeInput, help_text='access only')
    window_to = forms.TimeField(label='Open to', required=False, widget=TimeInput)

    def legend(self) -> str:
        return f'Element {self.shown("original")}' if self.shown('original') else 'A new element'

    def clean(self) -> dict:
        data = super().clean()
        if data.get('name'):
            self.require(data, ('kind', 'product'), 'an element names its kind and product')
        self.refuse_without_key(data, 'an element has a name')
        if data.get('quantity') is not None and data.get('kind') != ElementKind.GOOD:
            self.add_error('quantity', 'only a good has a quantity')
        window = (data.get('window_from'), data.get('window_to'))
        if any(value is not None for value in window):
            if data.get('kind') != ElementKind.ACCESS:
                self.add_error('window_from', 'only an access has a service window')
            elif None in window:
                self.add_error('window_to', 'a window has both a start and an end')
        return data


class UsageChargeForm(PartRow):
    """An amount per event of one type beyond the free allowance in each period."""

    key = 'event'
    noun = 'usage charge'
    event = forms.CharField(max_length=100, validators=[name_validator], required=False,
                            help_text='e.g. foreign-atm-withdrawal')
    amount = forms.DecimalField(required=False, min_value=0, max_digits=18, decimal_places=4)
    allowance = forms.IntegerField(min_value=0, initial=0, required=False, help_text='free events per period')

    def clean(self) -> dict:
        data = super().clean()
        if data.get('event'):
            self.require(data, ('amount',), 'a usage charge has an amount')
        self.refuse_without_key(data, 'a usage charge names its event')
        return data

    def legend(self) -> str:
        return f'Per {self.shown("event")}' if self.shown('event') else 'A new usage charge'


class WaiverConditionForm(PartRow):
    """One condition of the waiver: a fact's bound, or a subscription to another offering.

    Conditions of the same option must all hold; any one option waives the fee.
    """

    key = 'kind'
    noun = 'condition'
    option = forms.IntegerField(min_value=1, initial=1, help_text='all of one option must hold')
    kind = forms.ChoiceField(label='Condition', choices=[('', '—'), *CONDITION_KINDS], required=False)
    fact = forms.CharField(max_length=100, validators=[name_validator], required=False,
                           help_text='e.g. direct-deposit')
    comparator = forms.ChoiceField(label='Is', choices=COMPARATORS, initial='atLeast', required=False)
    bound = forms.DecimalField(label='Value', required=False, max_digits=18, decimal_places=4)
    offering = forms.ChoiceField(choices=(), required=False)

    def clean(self) -> dict:
        data = super().clean()
        if data.get('kind') == 'fact':
            self.require(data, ('fact', 'comparator', 'bound'), 'a fact condition names the fact, how and a value')
        elif data.get('kind') == 'subscribedTo':
            self.require(data, ('offering',), 'a subscription condition names the offering')
        self.refuse_without_key(data, 'choose what the condition is about')
        return data

    def legend(self) -> str:
        return f'Option {self.shown("option")}' if self.shown('kind') else 'A new condition'

    def leaf(self) -> dict:
        """The condition in the format's shape: ``{fact, atLeast: 1}`` or ``{subscribedTo: OFFERING}``."""
        data = self.cleaned_data
        if data['kind'] == 'subscribedTo':
            return {'subscribedTo': data['offering']}
        return {'fact': data['fact'], data['comparator']: canonical_number(data['bound'])}


class RequestItemForm(PartRow):
    """Something a consumer may request, fulfilled by one element, with or without approval."""

    noun = 'request item'
    name = forms.CharField(max_length=100, validators=[name_validator], required=False)
    title = forms.CharField(max_length=200, required=False)
    element = forms.ChoiceField(choices=(), required=False)
    approval = forms.ChoiceField(choices=Approval.choices, initial=Approval.NONE, required=False)

    def clean(self) -> dict:
        data = super().clean()
        if data.get('name'):
            self.require(data, ('element',), 'a request item is fulfilled by an element')
        self.refuse_without_key(data, 'a request item has a name')
        return data


class ValueLineForm(PartRow):
    """One sentence of the value statement: an outcome facilitated, or a cost or risk added or removed."""

    key = 'text'
    noun = 'line'
    kind = forms.ChoiceField(label='What', choices=VALUE_KINDS, initial=VALUE_KEYS[0])
    text = forms.CharField(label='Sentence', max_length=500, required=False)

    def legend(self) -> str:
        return dict(VALUE_KINDS).get(self.shown('kind'), 'A line') if self.shown('text') else 'A new line'


class PartRows(forms.BaseFormSet):
    """A part's rows, each with a Remove box."""

    def add_fields(self, form: forms.Form, index: int | None) -> None:
        super().add_fields(form, index)
        form.fields['DELETE'].label = 'Remove'


def formset(form: type[PartRow]) -> type[forms.BaseFormSet]:
    """Rows of ``form``: no blank row until asked for ("Add"), each removable."""
    return forms.formset_factory(form, formset=PartRows, extra=0, can_delete=True)


PARTS = {
    'elements': formset(ElementForm),
    'usage': formset(UsageChargeForm),
    'waivers': formset(WaiverConditionForm),
    'requests': formset(RequestItemForm),
    'value': formset(ValueLineForm),
}

"""The console's generic forms: a kind declares its fields in its app's ``forms.py`` as an ``ObjectForm``.

A form only translates: its cleaned values, named as the model's attributes, become the API's
representation (camelCase, references by name) and are written through the kind's API serializer
(the model's rules, the change log) under ``guarded_write``; each refusal comes back at its field.
A reference is a select of the objects the reader may view (``ReferenceField``); a list of owned
parts is a formset of rows (``accord.ui.parts``), named in ``parts``.
"""

from typing import Any

from django import forms

from accord.api.serializers import camel
from accord.core.models.base import name_validator
from accord.ui.parts import PartFormSet, PartRow, ReferenceField, ReferencesField, error_paths, reference_choices

__all__ = ['DateInput', 'ObjectForm', 'ReferenceField', 'ReferencesField', 'TimeInput']


class DateInput(forms.DateInput):
    input_type = 'date'


class TimeInput(forms.TimeInput):
    input_type = 'time'

    def __init__(self, attrs: dict | None = None):
        super().__init__(attrs, format='%H:%M')


class ObjectForm(forms.Form):
    """name, title, description and the version the form was opened at; a kind adds its own fields.

    ``serializer_class`` is the kind's API serializer; a field's name is the model attribute it edits;
    ``parts`` are the formsets of its owned parts, each written as the list its row names.
    """

    serializer_class: type
    parts: tuple[type[PartFormSet], ...] = ()
    name = forms.CharField(max_length=100, validators=[name_validator])
    title = forms.CharField(max_length=200, required=False)
    description = forms.CharField(widget=forms.Textarea(attrs={'rows': 3}), required=False)
    version = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, user: Any, document: dict | None = None, **kwargs: Any):
        """``document`` is the object as the API represents it (none for a new one): the rows' initial parts."""
        super().__init__(*args, **kwargs)
        for name, offered in reference_choices(self.fields, user).items():
            self.fields[name].choices = offered
        self.before = document or {}
        self.formsets = [formset(
            self.data if self.is_bound else None, prefix=formset.form.listed_as,
            initial=[formset.form.initial_of(part) for part in self.part_list(formset.form)],
            form_kwargs={'choices': reference_choices(formset.form.base_fields, user)},
        ) for formset in self.parts]

    def part_list(self, row: type[PartRow]) -> list:
        """The parts a formset opens with: the object's list ``row.listed_as`` (a kind may gather it otherwise)."""
        return self.before.get(row.listed_as) or []

    def is_valid(self) -> bool:
        return all([super().is_valid(), *(formset.is_valid() for formset in self.formsets)])

    @classmethod
    def api_name(cls, name: str) -> str:
        """The API's name of the field: camelCase, or the serializer's own (``valid_from`` is ``from``)."""
        return getattr(cls.serializer_class, 'api_names', {}).get(name, camel(name))

    @classmethod
    def initial_of(cls, document: dict, version: str) -> dict:
        """The form's values from the object as the API represents it."""
        values = {name: document.get(cls.api_name(name)) for name in cls.base_fields if name != 'version'}
        return {**{key: value for key, value in values.items() if value is not None}, 'version': version}

    def document(self) -> dict:
        """The write the form asks for, in the API's shape; an empty reference is none."""
        def api_value(name: str, value: Any) -> Any:
            return None if value == '' and isinstance(self.fields[name], ReferenceField) else value

        written = {self.api_name(name): api_value(name, value)
                   for name, value in self.cleaned_data.items() if name != 'version'}
        return {**written, **{formset.form.listed_as: formset.parts(self.before) for formset in self.formsets}}

    def show_errors(self, detail: Any) -> None:
        """The API's refusal at each field it names, the rest above the form."""
        formsets = {formset.form.listed_as: formset for formset in self.formsets}
        if isinstance(detail, dict):
            detail = {key: messages for key, messages in detail.items()
                      if key not in formsets or not self.show_part_errors(formsets[key], messages)}
        fields = {self.api_name(name): name for name in self.fields}
        items = detail.items() if isinstance(detail, dict) else [(None, detail)]
        for key, messages in items:
            for message in messages if isinstance(messages, list) else [messages]:
                field = fields.get(key)
                self.add_error(field, str(message) if field or key in (None, 'nonFieldErrors')
                               else f'{key}: {message}')

    def show_part_errors(self, formset: PartFormSet, detail: Any) -> bool:
        """A list's refusals at their rows; False (shown above the form) for one that names no row."""
        shown = True
        for path, message in error_paths(detail):
            shown = formset.show_error(path, message) and shown
        return shown

"""The console's generic forms: a kind declares its fields in its app's ``forms.py`` as an ``ObjectForm``.

A form only translates: its cleaned values, named as the model's attributes, become the API's
representation (camelCase, references by name) and are written through the kind's API serializer
(the model's rules, the change log) under ``guarded_write``; each refusal comes back at its field.
A reference is a select of the objects the reader may view (``ReferenceField``).
"""

from typing import Any

from django import forms
from django.db import models

from accord.api.serializers import camel
from accord.core.models.base import name_validator


class ReferenceField(forms.ChoiceField):
    """One object of ``model`` by name, chosen among those the reader may view (set by ``ObjectForm``)."""

    def __init__(self, model: type[models.Model], **kwargs: Any):
        super().__init__(choices=(), **kwargs)
        self.model = model


class ReferencesField(forms.MultipleChoiceField):
    """Several objects of ``model`` by name, among those the reader may view."""

    def __init__(self, model: type[models.Model], **kwargs: Any):
        super().__init__(choices=(), **kwargs)
        self.model = model


class DateInput(forms.DateInput):
    input_type = 'date'


class TimeInput(forms.TimeInput):
    input_type = 'time'

    def __init__(self, attrs: dict | None = None):
        super().__init__(attrs, format='%H:%M')


class ObjectForm(forms.Form):
    """name, title, description and the version the form was opened at; a kind adds its own fields.

    ``serializer_class`` is the kind's API serializer; a field's name is the model attribute it edits.
    """

    serializer_class: type
    name = forms.CharField(max_length=100, validators=[name_validator])
    title = forms.CharField(max_length=200, required=False)
    description = forms.CharField(widget=forms.Textarea(attrs={'rows': 3}), required=False)
    version = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, user: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, ReferenceField | ReferencesField):
                names = field.model.objects.restrict(user, 'view').order_by('name').values_list('name', 'title')
                blank = [] if isinstance(field, ReferencesField) else [('', '—')]
                field.choices = [*blank, *((name, title or name) for name, title in names)]

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

        return {self.api_name(name): api_value(name, value)
                for name, value in self.cleaned_data.items() if name != 'version'}

    def show_errors(self, detail: Any) -> None:
        """The API's refusal at each field it names, the rest above the form."""
        fields = {self.api_name(name): name for name in self.fields}
        items = detail.items() if isinstance(detail, dict) else [(None, detail)]
        for key, messages in items:
            for message in messages if isinstance(messages, list) else [messages]:
                field = fields.get(key)
                self.add_error(field, str(message) if field or key in (None, 'nonFieldErrors')
                               else f'{key}: {message}')

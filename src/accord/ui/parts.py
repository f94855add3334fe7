"""Owned parts on a console form: each list of parts (a relationship's consumer roles, an agreement's
targets...) is a formset of ``PartRow`` forms, one row a part, declared by the kind's ``ObjectForm``.

A row only translates, as the form does: its fields, named as the part's attributes, become the
part in the API's shape; the list replaces the object's parts when the form is written through the
serializer (and so through the app's ``set_...`` verb), exactly as ``accord apply`` writes them.
A part's fields the row does not show (a target's measurements) are kept from the part the row was
opened with. The API names a refused part by its index in the list sent; ``rows_sent`` maps it back
to the row, so the message is shown at the row's field.
"""

from collections.abc import Iterator
from typing import Any

from django import forms
from django.db import models

from accord.api.serializers import camel


class ReferenceField(forms.ChoiceField):
    """One object of ``model`` by name, chosen among those the reader may view (set by ``offer_references``)."""

    def __init__(self, model: type[models.Model], **kwargs: Any):
        super().__init__(choices=(), **kwargs)
        self.model = model


class ReferencesField(forms.MultipleChoiceField):
    """Several objects of ``model`` by name, among those the reader may view."""

    def __init__(self, model: type[models.Model], **kwargs: Any):
        super().__init__(choices=(), **kwargs)
        self.model = model


def reference_choices(fields: dict[str, forms.Field], user: Any) -> dict[str, list[tuple[str, str]]]:
    """The choices of each reference among ``fields``: the objects of its kind the reader may view, by name."""
    choices = {}
    for name, field in fields.items():
        if isinstance(field, ReferenceField | ReferencesField):
            names = field.model.objects.restrict(user, 'view').order_by('name').values_list('name', 'title')
            blank = [] if isinstance(field, ReferencesField) else [('', '—')]
            choices[name] = [*blank, *((name, title or name) for name, title in names)]
    return choices


class PartRow(forms.Form):
    """One part of the list ``listed_as`` (the API's name) of a kind; a row left blank (the extra one) is no part.

    ``key`` names the attribute that identifies a part in its list (a target's name): a row opened
    on a part keeps that part's attributes it does not show. ``heading`` heads the formset on the page,
    ``hint`` says how to use it.
    """

    listed_as: str
    heading: str
    hint = ''
    key: str | None = None
    original = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, choices: dict[str, list[tuple[str, str]]], **kwargs: Any):
        super().__init__(*args, **kwargs)
        for name, offered in choices.items():
            self.fields[name].choices = offered

    @classmethod
    def shown(cls) -> list[str]:
        return [name for name in cls.base_fields if name != 'original']

    @classmethod
    def initial_of(cls, part: dict) -> dict:
        """The row's values from a part as the API represents it."""
        values = {name: part.get(camel(name)) for name in cls.shown()}
        return {**{name: value for name, value in values.items() if value is not None},
                'original': part.get(cls.key, '') if cls.key else ''}

    def legend(self) -> str:
        """The row's heading: the part it was opened on, in its first values as offered (``Ana Garcia · Customer``)."""
        values = [dict(getattr(self.fields[name], 'choices', ())).get(self.initial[name], self.initial[name])
                  for name in self.shown()[:2] if self.initial.get(name) not in (None, '')]
        return ' · '.join(str(value) for value in values) or self.heading

    def sent(self) -> bool:
        """Whether the row is a part of the list written: filled in and not marked to delete."""
        data = getattr(self, 'cleaned_data', None) or {}
        return not data.get('DELETE') and any(data.get(name) not in (None, '', []) for name in self.shown())

    def part(self, before: dict[str, dict]) -> dict:
        """The part the row asks for, laid over the one it was opened on (``before``, by key); blanks are defaults."""
        data = self.cleaned_data
        part = dict(before.get(data.get('original'), {})) if self.key and data.get('original') else {}
        for name in self.shown():
            value = data.get(name)
            if value in (None, '', []):
                part.pop(camel(name), None)
            else:
                part[camel(name)] = value
        return part


ROWS_ADDED = 20  # rows a page may send beyond the parts the object has: its blank one, and those others added since


class PartFormSet(forms.BaseFormSet):
    """The rows of one list of parts; ``DELETE`` reads "Remove" beside each row.

    A page sends as many rows as it showed: one per part and a blank one. A count far beyond that
    (a tampered page) is refused, and only that many rows are read, so that no request builds and
    renders thousands of rows.
    """

    def add_fields(self, form: forms.Form, index: int | None) -> None:
        super().add_fields(form, index)
        if 'DELETE' in form.fields:
            form.fields['DELETE'].label = 'Remove'

    def most_rows(self) -> int:
        return len(self.initial or ()) + ROWS_ADDED

    def total_form_count(self) -> int:
        count = super().total_form_count()
        return min(count, self.most_rows()) if self.is_bound else count

    def clean(self) -> None:
        if self.management_form.cleaned_data.get(forms.formsets.TOTAL_FORM_COUNT, 0) > self.most_rows():
            raise forms.ValidationError('The page sent more rows than it showed; reload it and try again.')

    @property
    def row(self) -> type[PartRow]:
        return self.form

    def heading(self) -> str:
        return self.row.heading

    def hint(self) -> str:
        return self.row.hint

    def rows_sent(self) -> list[PartRow]:
        """The rows that became parts, in the order sent: the API's index of a part is its index here."""
        return [row for row in self.forms if row.sent()]

    def parts(self, document: dict) -> list[dict]:
        """The list the form writes, in the API's shape, given the object as it was (``document``)."""
        key = self.row.key
        before = {part.get(key): part for part in document.get(self.row.listed_as) or []} if key else {}
        return [row.part(before) for row in self.rows_sent()]

    def show_error(self, path: tuple[str, ...], message: str) -> bool:
        """A refusal at ``(index, attribute, ...)`` of the list sent, at its row's field, or at ``()`` above the rows;
        False for a path that names no row."""
        rows = self.rows_sent()
        if not path:  # the list's: a part it cannot remove, say
            self.non_form_errors().append(message)
            return True
        if not path[0].isdigit() or int(path[0]) >= len(rows):
            return False
        row = rows[int(path[0])]
        fields = {camel(name): name for name in row.shown()}
        field = fields.get(path[1]) if len(path) > 1 else None
        row.add_error(field, message if field or len(path) < 2 or path[1] == 'nonFieldErrors'
                      else f'{" ".join(path[1:])}: {message}')
        return True


def part_formset(row: type[PartRow], extra: int = 1) -> type[PartFormSet]:
    """The formset class of ``row``: one extra blank row to add a part, a Remove box on each."""
    return forms.formset_factory(row, formset=PartFormSet, extra=extra, can_delete=True)


def error_paths(detail: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], str]]:
    """The API's nested refusal as (path, message) pairs: ``(('roles', '0', 'person'), '...')``."""
    if isinstance(detail, dict):
        for key, value in detail.items():
            yield from error_paths(value, (*path, str(key)))
    elif isinstance(detail, list) and any(not isinstance(item, str) for item in detail):
        for index, value in enumerate(detail):
            if value:
                yield from error_paths(value, (*path, str(index)))
    elif isinstance(detail, list):
        for message in detail:
            yield path, str(message)
    else:
        yield path, str(detail)

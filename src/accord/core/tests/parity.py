"""The same change made through the API, the importer, the admin and the console, and the change-log rows each leaves.

Each path's change runs in a transaction that is rolled back once its rows are read, so the three
start from the same state. A row is compared by what it says (kind, action, object, before, after),
not by who wrote it or when; ids are left out, as a part created by one path and rolled back has
another id when the next path creates it (PostgreSQL's sequences do not roll back).
"""

import copy
import json
from collections.abc import Callable
from importlib.resources import files
from pathlib import Path
from typing import Any

import yaml
from django.db import models, transaction
from django.urls import reverse

from accord.core.choices import ChangeSource
from accord.core.models import ObjectChange
from accord.core.services import Actor

Row = tuple[str, str, str, str, str]


class _Undo(Exception):
    """Carries the rows out of the transaction it rolls back."""


def _without_ids(state: dict | None) -> str:
    return json.dumps({key: value for key, value in (state or {}).items() if key != 'id'}, sort_keys=True)


def rows_left_by(run: Callable[[], Any]) -> list[Row]:
    """The change-log rows ``run()`` writes, sorted, then everything it wrote undone."""
    last = ObjectChange.objects.order_by('-id').values_list('id', flat=True).first() or 0
    try:
        with transaction.atomic():
            run()
            changes = ObjectChange.objects.filter(id__gt=last).select_related('changed_object_type')
            raise _Undo(sorted(
                (c.changed_object_type.model, c.action, c.object_repr, _without_ids(c.before), _without_ids(c.after))
                for c in changes))
    except _Undo as undone:
        return undone.args[0]


def bank_document(name: str) -> dict:
    """The demo catalogue's document of that name, to change and apply again."""
    text = (files('accord.interchange') / 'data' / 'firsttown-bank.yaml').read_text()
    return copy.deepcopy(next(d for d in yaml.safe_load_all(text) if d and d['metadata']['name'] == name))


def through_api(client: Any, route: str, pk: int, body: dict) -> Callable[[], None]:
    def run() -> None:
        response = client.patch(f'/api/v1/{route}/{pk}/', json.dumps(body), content_type='application/json')
        assert response.status_code == 200, response.content
    return run


def through_importer(folder: Path, document: dict) -> Callable[[], None]:
    from accord.interchange.apply import apply_catalogue

    def run() -> None:
        path = folder / f'{document["metadata"]["name"]}.yaml'
        path.write_text(yaml.safe_dump(document, sort_keys=False))
        result = apply_catalogue([str(path)], actor=Actor(source=ChangeSource.IMPORT, username='parity'))
        assert result.ok, [str(p) for p in result.problems]
    return run


def admin_form_data(response: Any) -> dict:
    """What the admin's change page would post back untouched: the object's form and every inline's forms."""
    data: dict = {}

    def add(form: Any) -> None:
        for bound in form:
            value = bound.value()
            if value is None or value is False:
                continue
            if value is True:
                data[bound.html_name] = 'on'
            elif isinstance(value, list | tuple):
                data[bound.html_name] = [str(item) for item in value]
            else:
                data[bound.html_name] = str(value)

    add(response.context['adminform'].form)
    for inline in response.context['inline_admin_formsets']:
        add(inline.formset.management_form)
        for form in inline.formset.forms:
            add(form)
    return data


def inline_row(data: dict, prefix: str, field: str, value: Any) -> int:
    """The index of the inline row whose ``field`` is ``value``."""
    total = int(data[f'{prefix}-TOTAL_FORMS'])
    return next(i for i in range(total) if data.get(f'{prefix}-{i}-{field}') == str(value))


def add_inline_row(data: dict, prefix: str, values: dict) -> None:
    total = int(data[f'{prefix}-TOTAL_FORMS'])
    data.update({f'{prefix}-{total}-{key}': str(value) for key, value in values.items()})
    data[f'{prefix}-TOTAL_FORMS'] = str(total + 1)


def through_admin(client: Any, obj: models.Model, edit: Callable[[dict], None]) -> Callable[[], None]:
    url = reverse(f'admin:{obj._meta.app_label}_{obj._meta.model_name}_change', args=[obj.pk])

    def run() -> None:
        data = admin_form_data(client.get(url))
        edit(data)
        response = client.post(url, data)
        assert response.status_code == 302, response.context['adminform'].form.errors if response.context else ''
    return run


def through_console(client: Any, address: str, edit: Callable[[Any], dict]) -> Callable[[], None]:
    """Open the console's edit page at ``address`` and press Save with what ``edit(page)`` fills in
    (``accord.testing.forms.filled``)."""

    def run() -> None:
        response = client.post(address, edit(client.get(address)))
        assert response.status_code == 302, response.context['form'].errors if response.context else ''
    return run


def assert_same_change(owner: models.Model, *, api: list[Row], importer: list[Row],
                       admin: list[Row] | None = None, console: list[Row] | None = None) -> list[tuple[str, str]]:
    """The paths leave the same rows of the parts, and one update of the owner: the API's, the admin's and
    the console's alike, column by column; the importer's owner row holds its document instead (``accord
    apply``). Returns the parts' (kind, action), sorted."""
    kind = owner._meta.model_name

    def split(rows: list[Row]) -> tuple[list[Row], list[Row]]:
        return [r for r in rows if r[0] == kind], [r for r in rows if r[0] != kind]

    (api_owner, api_parts), (file_owner, file_parts) = split(api), split(importer)
    assert api_parts, 'the change touched no part'
    assert api_parts == file_parts
    assert [r[:3] for r in api_owner] == [r[:3] for r in file_owner] == [(kind, 'update', str(owner))]
    if admin is not None:
        admin_owner, admin_parts = split(admin)
        assert admin_parts == api_parts
        assert admin_owner == api_owner
    if console is not None:
        assert console == api
    return sorted((r[0], r[1]) for r in api_parts)

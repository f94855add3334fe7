"""``accord apply`` finds the stored items the resources' documents list with one query, and still moves them."""

from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accord.core.services import Actor
from accord.interchange.apply import apply_catalogue
from accord.resources.models import Item

pytestmark = pytest.mark.django_db

ACME = 'apiVersion: accord/v1\nkind: Organization\nmetadata: {name: acme}\nspec: {}\n'


def _resource(name: str, items: list[str]) -> str:
    listed = ', '.join(f'{{name: {item}}}' for item in items)
    return (f'apiVersion: accord/v1\nkind: Resource\nmetadata: {{name: {name}}}\n'
            f'spec: {{organization: acme, dimension: information-and-technology, kind: application, '
            f'items: [{listed}]}}\n')


def _apply(tmp_path: Path, *documents: str) -> None:
    path = tmp_path / 'catalogue.yaml'
    path.write_text('---\n'.join([ACME, *documents]))
    result = apply_catalogue([str(path)], actor=Actor(username='test'))
    assert result.ok, [str(p) for p in result.problems]


def _holders() -> dict[str, str]:
    return dict(Item.objects.values_list('name', 'resource__name'))


def test_new_items_are_not_looked_for_one_by_one(tmp_path):
    with CaptureQueriesContext(connection) as queries:
        _apply(tmp_path, _resource('atms', [f'atm-{n:02}' for n in range(1, 11)]))

    # One by one, an item is looked for with ``.first()`` (ordered, one row); uniqueness checks are unordered.
    one_by_one = [q['sql'] for q in queries.captured_queries
                  if 'FROM "resources_item"' in q['sql'] and 'ORDER BY' in q['sql'] and 'LIMIT 1' in q['sql']]
    assert one_by_one == []
    assert _holders() == {f'atm-{n:02}': 'atms' for n in range(1, 11)}


def test_an_item_moves_to_the_resource_that_now_lists_it(tmp_path):
    _apply(tmp_path, _resource('atms', ['atm-01', 'atm-02']))

    _apply(tmp_path, _resource('atms', ['atm-01']), _resource('spare', ['atm-02', 'atm-03']))

    assert _holders() == {'atm-01': 'atms', 'atm-02': 'spare', 'atm-03': 'spare'}

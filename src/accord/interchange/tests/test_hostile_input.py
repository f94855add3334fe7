"""Input written to hurt or to slip through: refused at its FILE:LINE, with nothing written."""

import pytest

from accord.core.limits import MAX_NESTING
from accord.interchange.tests.test_bad_input import (  # noqa: F401 (base is a fixture)
    MARK,
    assert_one_problem,
    base,
    catalogue,
    line_of,
    refused,
    write,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures('base')]


def test_an_item_listed_twice_is_refused_rather_than_the_second_overwriting_the_first(tmp_path):
    text = catalogue(f"""
        apiVersion: accord/v1
        kind: Resource
        metadata: {{name: rooms}}
        spec:
          organization: acme
          dimension: information-and-technology
          kind: facility
          items:
            - {{name: room-101, title: A}}
            - {{name: room-101, title: B}}  {MARK}
        """)
    path = write(tmp_path, text)
    assert_one_problem(refused(path), f'{path}:{line_of(text)}: Resource:rooms: spec.items[1].name: ',
                       'item room-101 is listed twice')


def test_a_document_nested_deeper_than_the_limit_is_refused_at_the_line_naming_the_limit(tmp_path):
    deep = '{a: ' * MAX_NESTING + 'x' + '}' * MAX_NESTING
    text = catalogue(f"""
        apiVersion: accord/v1
        kind: Organization
        metadata:
          name: deep
          labels: {deep}  {MARK}
        spec: {{}}
        """)
    path = write(tmp_path, text)
    assert_one_problem(refused(path), f'{path}:{line_of(text)}: ', f'nested more than {MAX_NESTING} levels deep')


@pytest.mark.parametrize('levels', [900, 100_000])
def test_a_document_nested_absurdly_deep_is_refused_naming_the_limit(tmp_path, levels):
    text = catalogue('apiVersion: accord/v1\nkind: Organization\nmetadata: {name: deep}\nspec: {}\nx: '
                     + '[' * levels + ']' * levels + '\n')
    path = write(tmp_path, text)
    problems = refused(path)
    assert len(problems) == 1 and problems[0].startswith(f'{path}:'), problems
    assert problems[0].endswith(f': nested more than {MAX_NESTING} levels deep')


def test_a_document_nested_to_the_limit_is_read(tmp_path):
    deep = '{a: ' * (MAX_NESTING - 3) + 'x' + '}' * (MAX_NESTING - 3)  # the document, metadata, labels: 3
    text = catalogue(f'apiVersion: accord/v1\nkind: Organization\nmetadata:\n  name: deep\n  labels: {deep}\n'
                     'spec: {}\n')
    problems = refused(write(tmp_path, text))
    assert not any('levels deep' in problem for problem in problems), problems

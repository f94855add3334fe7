"""docs/format.md is the complete reference: an example of every kind that the format accepts, every command."""

import re
from pathlib import Path

import pytest

from accord.cli.main import build_parser
from accord.interchange.documents import check_document
from accord.interchange.kinds import KINDS
from accord.interchange.loading import load_documents

pytestmark = pytest.mark.django_db  # a practice's name is checked against the practices shipped
REFERENCE = Path(__file__).resolve().parents[4] / 'docs' / 'format.md'


def examples() -> dict[str, list]:
    """The documents of the reference's YAML examples, by kind."""
    text = REFERENCE.read_text()
    found: dict[str, list] = {}
    for block in re.findall(r'```yaml\n(.*?)```', text, re.DOTALL):
        for raw in load_documents(block, str(REFERENCE)):
            found.setdefault(raw.data['kind'], []).append(raw)
    return found


def test_every_kind_has_an_example():
    assert sorted(examples()) == sorted(kind.name for kind in KINDS)


@pytest.mark.parametrize('kind', [kind.name for kind in KINDS])
def test_every_example_is_a_valid_document_of_its_kind(kind):
    for raw in examples()[kind]:
        document, problems = check_document(raw)
        assert problems == [] and document is not None, [str(problem) for problem in problems]


def test_every_field_of_every_kind_is_named():
    text = REFERENCE.read_text()
    missing = [f'{kind.name}.{field.key}' for kind in KINDS for field in kind.fields if f'`{field.key}`' not in text]
    assert missing == []


def test_every_command_and_action_is_described():
    text = REFERENCE.read_text()
    commands = build_parser()._subparsers._group_actions[0].choices
    for name, parser in commands.items():
        assert f'`accord {name}' in text, name
        actions = [action for action in parser._actions if action.dest == 'action']
        for action in actions[0].choices if actions else ():
            assert f'`accord {name} {action}' in text, f'{name} {action}'

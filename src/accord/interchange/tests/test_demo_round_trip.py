"""The shipped demo catalogue applies cleanly, re-applies as unchanged, and round-trips byte for byte."""

import pytest

from accord.testing.cli import run_cli
from accord.testing.fixtures import demo_path

pytestmark = pytest.mark.django_db


def test_reapplying_the_demo_changes_nothing(bank):
    with demo_path() as path:
        result = run_cli('apply', path)
    assert result.status == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == '0 created, 0 updated, 120 unchanged'


def test_export_apply_export_is_byte_identical(bank, tmp_path, django_db_blocker):
    first = run_cli('export')
    assert first.status == 0
    exported = tmp_path / 'export.yaml'
    exported.write_text(first.stdout, encoding='utf-8')
    assert run_cli('apply', exported).stdout.strip().endswith('120 unchanged')

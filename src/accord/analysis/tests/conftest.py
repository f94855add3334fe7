"""Fixtures of the analysis tests: the bank with a hand-written month of activity."""

import pytest

from accord.analysis.tests.activity import ACTIVITY
from accord.testing.cli import run_cli


@pytest.fixture
def activity(bank, tmp_path):
    path = tmp_path / 'activity.yaml'
    path.write_text(ACTIVITY)
    result = run_cli('apply', path)
    assert result.status == 0, result.stderr
    return path

"""Fixtures of the analysis tests: the bank with a hand-written month of activity."""

import pytest

from accord.analysis.tests.activity import ACTIVITY
from accord.provision.tests.records import forget_the_demos_month
from accord.testing.cli import run_cli


@pytest.fixture
def activity(bank, tmp_path):
    forget_the_demos_month()  # the hand-written month is the only activity, so that every figure is known
    path = tmp_path / 'activity.yaml'
    path.write_text(ACTIVITY)
    result = run_cli('apply', path)
    assert result.status == 0, result.stderr
    return path

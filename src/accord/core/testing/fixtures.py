"""Shared fixtures: the FirstTown Bank catalogue, loaded through the importer like a user would."""

from importlib.resources import as_file, files

import pytest

from accord.core.choices import ChangeSource
from accord.core.services import Actor

DEMO_FILE = 'firsttown-bank.yaml'


def demo_path():
    return as_file(files('accord.interchange') / 'data' / DEMO_FILE)


@pytest.fixture
def bank(db):
    """FirstTown Bank (domain.md section 7) applied to the test database."""
    from accord.interchange.apply import apply_catalogue

    with demo_path() as path:
        result = apply_catalogue([str(path)], actor=Actor(source=ChangeSource.IMPORT, username='test'))
    assert result.ok, [str(p) for p in result.problems]
    return result

"""The ``accord`` command as a process: its version, a reader that goes away, an address taken."""

import os
import socket
import subprocess
import sys
from importlib.metadata import version

import pytest

from accord.testing.cli import run_cli


def test_version_prints_the_installed_package_version():
    result = run_cli('--version')
    assert result.status == 0
    assert result.stdout.strip() == f'accord {version("accord")}'


@pytest.fixture
def listening_address():
    """An address on which something already listens, as a second ``accord serve`` would find it."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as taken:
        taken.bind(('127.0.0.1', 0))
        taken.listen()
        yield f'127.0.0.1:{taken.getsockname()[1]}'


@pytest.mark.django_db
@pytest.mark.parametrize('command', [['serve'], ['demo']])
def test_serving_on_an_address_in_use_says_so_and_exits_1(listening_address, command):
    result = run_cli(*command, '--addr', listening_address)
    assert result.status == 1
    assert f'address {listening_address} is in use' in result.stderr
    assert 'serving at' not in result.stdout


def test_a_reader_that_stops_early_ends_the_export_without_a_traceback(tmp_path):
    env = {**os.environ, 'ACCORD_DATA_DIR': str(tmp_path)}
    env.pop('ACCORD_DATABASE_URL', None)
    accord = [sys.executable, '-m', 'accord']
    subprocess.run([*accord, 'demo', '--no-serve'], env=env, check=True, capture_output=True, timeout=120)
    export = subprocess.Popen([*accord, 'export'], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    export.stdout.readline()
    export.stdout.close()  # as `accord export | head -1` does once it has its line
    stderr = export.stderr.read().decode()
    assert export.wait(timeout=120) == 1
    assert stderr == ''

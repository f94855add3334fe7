"""Production settings come from the environment, and ``manage.py check --deploy`` is clean with them set."""

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from accord.core.secret_key import PUBLISHED_KEYS, read_or_create_secret_key
from accord.testing.cli import run_cli

pytestmark = pytest.mark.django_db

MANAGE = Path(__file__).resolve().parents[4] / 'manage.py'
PUBLISHED_KEY = next(iter(PUBLISHED_KEYS))
PRODUCTION = {
    'ACCORD_HTTPS': '1',
    'ACCORD_HSTS_INCLUDE_SUBDOMAINS': '1',
    'ACCORD_HSTS_PRELOAD': '1',
    'ACCORD_PROXY_SSL_HEADER': 'X-Forwarded-Proto',
    'ACCORD_CSRF_TRUSTED_ORIGINS': 'https://accord.example.com',
    'ACCORD_ALLOWED_HOSTS': 'accord.example.com',
}


def run_python(args: list[str], tmp_path: Path, **env: str) -> subprocess.CompletedProcess:
    """A fresh interpreter, so that settings are read from this environment."""
    environ = {key: value for key, value in os.environ.items() if not key.startswith('ACCORD_')}
    environ.update(ACCORD_DATA_DIR=str(tmp_path), DJANGO_SETTINGS_MODULE='accord.settings', **env)
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, env=environ, timeout=120)


def check_deploy(tmp_path: Path, **env: str) -> subprocess.CompletedProcess:
    return run_python([str(MANAGE), 'check', '--deploy', '--fail-level', 'WARNING'], tmp_path, **env)


def test_check_deploy_is_clean_with_the_production_variables_set(tmp_path):
    result = check_deploy(tmp_path, **PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert 'no issues' in result.stdout


def test_without_the_production_variables_check_deploy_names_what_is_missing(tmp_path):
    result = check_deploy(tmp_path)
    for warning in ('security.W004', 'security.W008', 'security.W012', 'security.W016'):
        assert warning in result.stderr


def test_check_deploy_flags_the_published_secret_key(tmp_path):
    result = check_deploy(tmp_path, ACCORD_SECRET_KEY=PUBLISHED_KEY, **PRODUCTION)
    assert result.returncode == 1
    assert 'accord.W001' in result.stderr
    assert 'published' in result.stderr


def test_check_deploy_flags_a_short_secret_key(tmp_path):
    result = check_deploy(tmp_path, ACCORD_SECRET_KEY='hunter2', **PRODUCTION)
    assert 'accord.W001' in result.stderr
    assert 'too short' in result.stderr


def test_the_wsgi_application_refuses_to_start_with_the_published_key(tmp_path):
    result = run_python(['-c', 'import accord.wsgi'], tmp_path, ACCORD_SECRET_KEY=PUBLISHED_KEY)
    assert result.returncode != 0
    assert 'ACCORD_SECRET_KEY is the key published' in result.stderr


def test_accord_serve_refuses_the_published_key_without_a_traceback(settings):
    settings.SECRET_KEY = PUBLISHED_KEY
    result = run_cli('serve', '--addr', '127.0.0.1:1')
    assert result.status == 1
    assert 'ACCORD_SECRET_KEY is the key published' in result.stderr
    assert 'Traceback' not in result.stderr


def test_settings_read_the_proxy_header_and_trusted_origins_from_the_environment(tmp_path):
    code = ('from django.conf import settings as s; '
            'print(s.SECURE_PROXY_SSL_HEADER, s.CSRF_TRUSTED_ORIGINS, s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, '
            's.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS)')
    result = run_python(['-c', code], tmp_path, **PRODUCTION)
    assert result.stdout.split() == ["('HTTP_X_FORWARDED_PROTO',", "'https')", "['https://accord.example.com']",
                                     'True', 'True', 'True', '31536000']


def test_without_a_configured_key_each_data_directory_gets_its_own_private_key(tmp_path):
    first = read_or_create_secret_key(tmp_path / 'one')
    assert read_or_create_secret_key(tmp_path / 'one') == first
    assert read_or_create_secret_key(tmp_path / 'two') != first
    assert len(first) >= 50
    assert stat.S_IMODE((tmp_path / 'one' / 'secret_key').stat().st_mode) == 0o600


def test_a_data_directory_that_cannot_hold_the_key_says_what_to_set(tmp_path):
    (tmp_path / 'file').write_text('')
    with pytest.raises(ImproperlyConfigured, match='set ACCORD_DATA_DIR to a writable folder, or ACCORD_SECRET_KEY'):
        read_or_create_secret_key(tmp_path / 'file' / 'data')


def test_every_process_on_one_data_directory_reads_the_same_generated_key(tmp_path):
    code = 'from django.conf import settings; print(settings.SECRET_KEY)'
    processes = [subprocess.Popen([sys.executable, '-c', code], stdout=subprocess.PIPE, text=True,
                                  env={**os.environ, 'ACCORD_DATA_DIR': str(tmp_path), 'ACCORD_SECRET_KEY': '',
                                       'DJANGO_SETTINGS_MODULE': 'accord.settings'})
                 for _ in range(4)]
    keys = {process.communicate(timeout=120)[0].strip() for process in processes}
    assert keys == {(tmp_path / 'secret_key').read_text().strip()}
    assert list(tmp_path.iterdir()) == [tmp_path / 'secret_key']



def test_postgresql_connections_are_kept_a_minute_and_checked_before_reuse(monkeypatch):
    from accord.settings import database_from_url

    config = database_from_url('postgresql://postgres@127.0.0.1:5432/accord')
    assert (config['CONN_MAX_AGE'], config['CONN_HEALTH_CHECKS']) == (60, True)
    monkeypatch.setenv('ACCORD_CONN_MAX_AGE', '0')
    assert database_from_url('postgresql://postgres@127.0.0.1:5432/accord')['CONN_MAX_AGE'] == 0

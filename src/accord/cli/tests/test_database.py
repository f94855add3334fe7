"""A PostgreSQL database named in ACCORD_DATABASE_URL that does not exist is created, or the command says how."""

import os
import subprocess
import sys
import uuid

import psycopg
import pytest
from django.db import connection
from django.db.utils import load_backend
from psycopg import sql

from accord.cli.database import ensure_database_exists

pytestmark = [
    pytest.mark.skipif(not os.environ.get('ACCORD_DATABASE_URL', '').startswith('postgres'),
                       reason='needs the PostgreSQL server of ACCORD_DATABASE_URL'),
    pytest.mark.django_db,
]


def throwaway_name() -> str:
    return f'accord_throwaway_{uuid.uuid4().hex[:8]}'


def server_url(user: str = 'postgres', name: str = 'postgres') -> str:
    settings = connection.settings_dict
    return f'postgresql://{user}@{settings["HOST"] or "localhost"}:{settings["PORT"] or 5432}/{name}'


def admin(statement: sql.Composable) -> None:
    with psycopg.connect(server_url(user=connection.settings_dict['USER'] or 'postgres'), autocommit=True) as conn:
        conn.execute(statement)


def exists(name: str) -> bool:
    with psycopg.connect(server_url(user=connection.settings_dict['USER'] or 'postgres')) as conn:
        return conn.execute('SELECT 1 FROM pg_database WHERE datname = %s', [name]).fetchone() is not None


def test_a_missing_database_is_created_when_the_server_allows():
    name = throwaway_name()
    wrapper = load_backend(connection.settings_dict['ENGINE']).DatabaseWrapper(
        {**connection.settings_dict, 'NAME': name}, alias='throwaway')
    try:
        assert ensure_database_exists(wrapper) is True
        assert exists(name)
        assert ensure_database_exists(wrapper) is False
    finally:
        wrapper.close()
        admin(sql.SQL('DROP DATABASE IF EXISTS {} WITH (FORCE)').format(sql.Identifier(name)))


def test_a_user_who_may_not_create_it_is_told_which_command_does_without_a_traceback(tmp_path):
    role, name = f'accord_nocreate_{uuid.uuid4().hex[:8]}', throwaway_name()
    admin(sql.SQL('CREATE ROLE {} LOGIN NOCREATEDB').format(sql.Identifier(role)))
    try:
        env = {**os.environ, 'ACCORD_DATABASE_URL': server_url(user=role, name=name), 'ACCORD_DATA_DIR': str(tmp_path)}
        result = subprocess.run([sys.executable, '-m', 'accord', 'export'], capture_output=True, text=True, env=env,
                                timeout=120)
    finally:
        admin(sql.SQL('DROP ROLE {}').format(sql.Identifier(role)))
    assert result.returncode == 1
    assert f'database {name!r} does not exist' in result.stderr
    assert 'createdb -h ' in result.stderr and f'-O {role} {name}' in result.stderr
    assert 'Traceback' not in result.stderr
    assert not exists(name)

"""A real Accord server for tests and benchmarks: a fresh database, migrated, and gunicorn on loopback.

The test client of Django and pytest-django's ``live_server`` share one database connection or one
in-memory SQLite database between threads, so they never show what concurrent requests do to a
real deployment. This helper creates a database of its own (an SQLite file in a temporary folder,
or a PostgreSQL database next to the one ``ACCORD_DATABASE_URL`` names), migrates it, runs Django
scripts against it in subprocesses (to seed it and to read it back) and serves it with gunicorn's
threaded workers, as production does. The server's log is kept in a file, to be searched for
errors afterwards.
"""

import http.client
import json
import os
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import accord

SOURCE_ROOT = Path(accord.__file__).resolve().parent.parent

SCRIPT_PRELUDE = 'import json, django\ndjango.setup()\n'


class ServerDatabase:
    """A fresh database for one server: an SQLite file in ``workdir``, or a new PostgreSQL database.

    ``base_url`` is an ``ACCORD_DATABASE_URL``; a PostgreSQL one names the server (and credentials)
    on which ``accord_<label>_<pid>_<random>`` is created and, by ``drop``, dropped.
    """

    def __init__(self, base_url: str | None, workdir: Path, label: str = 'server'):
        self.workdir = Path(workdir)
        self.postgresql = bool(base_url) and base_url.split(':', 1)[0] in ('postgres', 'postgresql', 'pgsql')
        self.created = False
        if self.postgresql:
            parts = urlsplit(base_url)
            self.name = f'accord_{label}_{os.getpid()}_{uuid.uuid4().hex[:6]}'
            self.admin_url = urlunsplit(parts._replace(path='/postgres'))
            self.url = urlunsplit(parts._replace(path=f'/{self.name}'))
        else:
            self.name = str(self.workdir / f'{label}.sqlite3')
            self.url = f'sqlite:///{self.name}'

    @property
    def vendor(self) -> str:
        return 'postgresql' if self.postgresql else 'sqlite'

    def create(self) -> None:
        if self.postgresql:
            import psycopg
            from psycopg import sql

            with psycopg.connect(self.admin_url, autocommit=True) as conn:
                conn.execute(sql.SQL('CREATE DATABASE {}').format(sql.Identifier(self.name)))
        self.created = True

    def drop(self) -> None:
        if self.postgresql and self.created:
            import psycopg
            from psycopg import sql

            with psycopg.connect(self.admin_url, autocommit=True) as conn:
                conn.execute(sql.SQL('DROP DATABASE IF EXISTS {} WITH (FORCE)').format(sql.Identifier(self.name)))
        self.created = False

    def env(self, settings: str = 'accord.settings', pythonpath: tuple[str, ...] = ()) -> dict[str, str]:
        """The environment of a process of this server: its database, its settings module."""
        env = dict(os.environ)
        env['ACCORD_DATABASE_URL'] = self.url
        env['DJANGO_SETTINGS_MODULE'] = settings
        env['PYTHONPATH'] = os.pathsep.join([*pythonpath, str(SOURCE_ROOT), *filter(None, [env.get('PYTHONPATH')])])
        env.pop('DJANGO_ALLOW_ASYNC_UNSAFE', None)
        return env

    def migrate(self) -> None:
        subprocess.run([sys.executable, '-m', 'django', 'migrate', '--verbosity', '0'],
                       env=self.env(), check=True, capture_output=True, timeout=300)

    def run_script(self, code: str, timeout: float = 300) -> Any:
        """Run ``code`` in a Django process on this database; it prints its result as JSON on its last line."""
        done = subprocess.run([sys.executable, '-c', SCRIPT_PRELUDE + code], env=self.env(),
                              capture_output=True, text=True, timeout=timeout)
        if done.returncode != 0:
            raise RuntimeError(f'script failed ({done.returncode}):\n{done.stderr[-4000:]}')
        lines = done.stdout.strip().splitlines()
        return json.loads(lines[-1]) if lines else None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(('127.0.0.1', 0))
        return sock.getsockname()[1]


class Server:
    """gunicorn serving ``accord.wsgi`` (or another settings module) on a free loopback port."""

    def __init__(self, database: ServerDatabase, log_path: Path, *, workers: int = 2, threads: int = 4,
                 settings: str = 'accord.settings', pythonpath: tuple[str, ...] = ()):
        self.database = database
        self.log_path = Path(log_path)
        self.workers, self.threads = workers, threads
        self.settings, self.pythonpath = settings, pythonpath
        self.port = free_port()
        self.process: subprocess.Popen | None = None

    @property
    def host(self) -> str:
        return '127.0.0.1'

    @property
    def base_url(self) -> str:
        return f'http://{self.host}:{self.port}'

    def argv(self) -> list[str]:
        return [
            sys.executable, '-m', 'gunicorn', 'accord.wsgi:application',
            '--bind', f'{self.host}:{self.port}',
            '--workers', str(self.workers),
            '--worker-class', 'gthread',
            '--threads', str(self.threads),
            '--keep-alive', '30',
            '--backlog', '256',
            '--log-level', 'warning',
        ]

    def start(self, timeout: float = 60) -> None:
        self.log = self.log_path.open('w')
        self.process = subprocess.Popen(self.argv(), env=self.database.env(self.settings, self.pythonpath),
                                        stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f'gunicorn exited with {self.process.returncode}:\n{self.log_text()[-4000:]}')
            try:
                conn = http.client.HTTPConnection(self.host, self.port, timeout=5)
                conn.request('GET', '/api/v1/')
                conn.getresponse().read()
                conn.close()
                return
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError(f'gunicorn did not answer within {timeout} s:\n{self.log_text()[-4000:]}')

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if getattr(self, 'log', None) is not None:
            self.log.close()

    def log_text(self) -> str:
        return self.log_path.read_text(errors='replace') if self.log_path.exists() else ''


@contextmanager
def running_server(base_url: str | None, workdir: Path, *, label: str = 'server', seed: str | None = None,
                   **server_options: Any) -> Iterator[tuple[Server, Any]]:
    """A migrated fresh database, seeded by the script ``seed`` (its JSON result is yielded), served by gunicorn."""
    database = ServerDatabase(base_url, workdir, label)
    database.create()
    server = None
    try:
        database.migrate()
        seeded = database.run_script(seed) if seed else None
        server = Server(database, Path(workdir) / f'{label}-gunicorn.log', **server_options)
        server.start()
        yield server, seeded
    finally:
        if server is not None:
            server.stop()
        database.drop()

"""The ``accord`` command: argument parsing, Django set-up, exit statuses.

Each command module registers a sub-parser and a ``run(args, out)`` that calls services and
answers through ``Output``. Bad input raises ``CommandError``; it never reaches the user as a
traceback.
"""

import argparse
import contextlib
import os
import sys
from collections.abc import Sequence
from importlib.metadata import version

from accord.cli.output import FORMATS, Output
from accord.cli.status import CommandError, ExitStatus


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):
        self.print_usage(sys.stderr)
        self.exit(ExitStatus.USAGE, f'{self.prog}: error: {message}\n')


def setup_django() -> None:
    """Configure Django (touches no database)."""
    os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'accord.settings')
    import django
    from django.conf import settings

    django.setup()
    database = settings.DATABASES['default']
    if database['ENGINE'].endswith('sqlite3') and str(database['NAME']) != ':memory:':
        from pathlib import Path

        Path(database['NAME']).parent.mkdir(parents=True, exist_ok=True)


def migrate_if_needed() -> None:
    """Every command may read or write the database: create or migrate its schema first."""
    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    from accord.cli.database import ensure_database_exists

    ensure_database_exists(connection)
    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        call_command('migrate', interactive=False, verbosity=0)


def build_parser() -> argparse.ArgumentParser:
    from accord.cli import commands

    parser = _Parser(prog='accord', description='Accord: service relationship management (ITIL 4).')
    parser.add_argument('--version', action='version', version=f'accord {version("accord")}')
    sub = parser.add_subparsers(dest='command', metavar='COMMAND', parser_class=_Parser)
    sub.required = True
    for module in commands.ALL:
        command = module.register(sub)
        if getattr(module, 'QUERY', False):
            formats = getattr(module, 'FORMATS', FORMATS)
            command.add_argument('--format', choices=formats, default='table',
                                 help='table (default) or json' if formats == FORMATS else ', '.join(formats))
        command.set_defaults(run=module.run)
    return parser


def _discard_stdout() -> None:
    """The reader has gone (``accord export | head``): what Python still flushes at exit goes nowhere."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def main(argv: Sequence[str] | None = None, stdout=None, stderr=None) -> int:
    """Run one command; return its exit status."""
    from django.db import DatabaseError

    setup_django()
    parser = build_parser()
    try:
        with contextlib.redirect_stdout(stdout or sys.stdout), contextlib.redirect_stderr(stderr or sys.stderr):
            args = parser.parse_args(argv)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    out = Output(getattr(args, 'format', 'table'), stdout, stderr)
    try:
        migrate_if_needed()
        status = args.run(args, out)
        out.stdout.flush()
    except BrokenPipeError:
        if stdout is None:
            _discard_stdout()
        return ExitStatus.ERROR
    except DatabaseError as error:
        out.error(f'accord: error: database: {error}')
        return ExitStatus.ERROR
    except CommandError as error:
        out.error(f'accord: error: {error}')
        return error.status
    except KeyboardInterrupt:
        return ExitStatus.ERROR
    return int(status or ExitStatus.SUCCESS)

"""The database ``ACCORD_DATABASE_URL`` names exists before anything migrates it.

A newcomer who points Accord at a PostgreSQL server gets the database created when the server
allows it; when it does not, the command says which command creates it instead of showing the
driver's "database does not exist".
"""

from django.db import DatabaseError, OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper

from accord.cli.status import CommandError


def ensure_database_exists(connection: BaseDatabaseWrapper) -> bool:
    """Create the PostgreSQL database ``connection`` names if it is missing; return whether it was created."""
    if connection.vendor != 'postgresql':
        return False
    try:
        connection.ensure_connection()
        return False
    except OperationalError:
        if not _missing(connection):
            raise
    name = connection.settings_dict['NAME']
    try:
        with connection._nodb_cursor() as cursor:
            cursor.execute(f'CREATE DATABASE {connection.ops.quote_name(name)}')
    except DatabaseError as error:
        raise CommandError(_cannot_create(connection.settings_dict, error)) from None
    return True


def _missing(connection: BaseDatabaseWrapper) -> bool:
    """The server answers and has no database of that name (any other failure is not ours to explain)."""
    try:
        with connection._nodb_cursor() as cursor:
            cursor.execute('SELECT 1 FROM pg_database WHERE datname = %s', [connection.settings_dict['NAME']])
            return cursor.fetchone() is None
    except DatabaseError:
        return False


def _cannot_create(settings: dict, error: DatabaseError) -> str:
    name, user = settings['NAME'], settings.get('USER') or 'postgres'
    host, port = settings.get('HOST') or 'localhost', settings.get('PORT') or 5432
    reason = str(error).strip().splitlines()[0]
    return (f'database {name!r} does not exist on {host}:{port} and user {user!r} may not create it ({reason}). '
            f'Create it as a user who may, e.g.: createdb -h {host} -p {port} -U postgres -O {user} {name}')

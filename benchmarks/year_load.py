"""Loading the benchmark's year two ways, for ``bench_charges.py --year``: the user's path and a raw bulk insert.

A, the documented path: ``accord consume --file`` for each events file and ``accord apply`` for the grants,
deliveries and actions, each a subprocess whose wall and CPU time (user + system) and peak RSS come from
``/usr/bin/time``.
B, the floor: the same rows inserted raw into a copy of the database made before A: the events from the same
CSV files (PostgreSQL: ``COPY ... FROM STDIN`` through psycopg; SQLite: ``executemany`` in one transaction), no
validation, no change log; the grants, deliveries and actions as the rows A wrote, copied (read before the clock
starts). B's CPU is this process's; on PostgreSQL neither A's nor B's CPU includes the server's share.
"""

import csv
import datetime
import json
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

EVENT_COLUMNS = ('created', 'last_updated', 'name', 'title', 'description', 'labels', 'event', 'at', 'quantity',
                 'attributes', 'subscription_id')
ACTIVITY_TABLES = ('provision_accessgrant', 'provision_actioninstance', 'provision_goodsdelivery')


def copy_database(url: str, copy: str) -> None:
    """``copy`` becomes a copy of ``url`` (Django's connections must be closed): a template on PostgreSQL, the
    SQLite backup API on a file."""
    if url.startswith('postgresql'):
        import psycopg

        with psycopg.connect(_server(url), autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{_name(copy)}"')
            connection.execute(f'CREATE DATABASE "{_name(copy)}" TEMPLATE "{_name(url)}"')
    else:
        with sqlite3.connect(_file(url)) as source, sqlite3.connect(_file(copy)) as target:
            source.backup(target)


def drop_database(url: str) -> None:
    if url.startswith('postgresql'):
        import psycopg

        with psycopg.connect(_server(url), autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{_name(url)}"')


def run_cli(*args: str) -> dict:
    """One ``accord`` command as a subprocess (the environment names the database), under ``/usr/bin/time``: wall
    and CPU seconds, peak RSS in MB (``wait4`` would count this process's own size, inherited across the exec);
    a failure stops the benchmark with its message."""
    with tempfile.NamedTemporaryFile('r') as report:
        process = subprocess.run(['/usr/bin/time', '-f', '%e %U %S %M', '-o', report.name,
                                  str(Path(sys.executable).parent / 'accord'), *args],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        if process.returncode:
            sys.exit(f'accord {" ".join(args)} failed:\n{process.stderr[:4000]}')
        wall, user, system, rss = report.read().split()[-4:]
    return {'wall': float(wall), 'cpu': float(user) + float(system), 'rss_mb': int(rss) / 1024}


def load_by_cli(event_files: list[Path], activity: Path) -> dict:
    """Load A: every events file by ``accord consume --file`` (one transaction each), then the documents by
    ``accord apply``; the sums of wall and CPU and the largest peak RSS, per part."""
    events = [run_cli('consume', '--file', str(path)) for path in event_files]
    documents = run_cli('apply', str(activity))
    return {'events': {'wall': sum(e['wall'] for e in events), 'cpu': sum(e['cpu'] for e in events),
                       'rss_mb': max(e['rss_mb'] for e in events)}, 'activity': documents}


def insert_raw(url: str, source: str, event_files: list[Path]) -> dict:
    """Load B into ``url``: the events from the files, then the grants, deliveries and actions of ``source``."""
    rows = _activity_rows(source)
    events = insert_events(url, event_files)
    started, cpu = time.perf_counter(), time.process_time()
    _insert_activity(url, rows)
    return {'events': events, 'activity': {'wall': time.perf_counter() - started, 'cpu': time.process_time() - cpu},
            'rss_mb': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def insert_events(url: str, event_files: list[Path]) -> dict:
    """The files' events inserted raw into ``url``, in one transaction: wall and CPU seconds."""
    started, cpu = time.perf_counter(), time.process_time()
    subscriptions = dict(_query(url, 'SELECT name, id FROM relationships_subscription'))
    now = datetime.datetime.now(datetime.UTC)
    if url.startswith('postgresql'):
        _copy_events(url, _event_rows(event_files, subscriptions, now, 'T'))
    else:
        _executemany_events(url, _event_rows(event_files, subscriptions, now, ' '))
    return {'wall': time.perf_counter() - started, 'cpu': time.process_time() - cpu}


def _event_rows(event_files: list[Path], subscriptions: dict, now: datetime.datetime, separator: str):
    """The files' rows as the table's columns (SQLite stores an instant as naive UTC text, as Django does)."""
    stamp = now.isoformat() if separator == 'T' else now.replace(tzinfo=None).isoformat(' ')
    for path in event_files:
        with path.open(newline='', encoding='utf-8') as handle:
            for row in csv.DictReader(handle):
                at = row['at'] if separator == 'T' else row['at'].replace('T', ' ').removesuffix('Z')
                attributes = json.dumps({'amount': row['amount']} if row['amount'] else {})
                yield (stamp, stamp, row['name'], '', '', '{}', row['event'], at, int(row['quantity']), attributes,
                       subscriptions[row['subscription']])


def _copy_events(url: str, rows) -> None:
    import psycopg

    with psycopg.connect(url) as connection, connection.cursor() as cursor:
        with cursor.copy(f'COPY provision_consumptionevent ({", ".join(EVENT_COLUMNS)}) FROM STDIN') as copy:
            for row in rows:
                copy.write_row(row)


def _executemany_events(url: str, rows) -> None:
    with sqlite3.connect(_file(url)) as connection:
        connection.executemany(f'INSERT INTO provision_consumptionevent ({", ".join(EVENT_COLUMNS)}) '
                               f'VALUES ({", ".join("?" * len(EVENT_COLUMNS))})', rows)


def _activity_rows(url: str) -> dict[str, tuple[list[str], list]]:
    """The generated grants, deliveries and actions as load A wrote them (named ``c0...``), every column but
    the id, as raw rows: COPY text on PostgreSQL, tuples on SQLite."""
    tables = {}
    for table in ACTIVITY_TABLES:
        columns = [c for c in _columns(url, table) if c != 'id']
        select = f'SELECT {", ".join(columns)} FROM {table} WHERE name LIKE \'c0%\''
        if url.startswith('postgresql'):
            import psycopg

            with psycopg.connect(url) as connection, connection.cursor() as cursor:
                with cursor.copy(f'COPY ({select}) TO STDOUT') as copy:
                    tables[table] = (columns, b''.join(bytes(block) for block in copy))
        else:
            tables[table] = (columns, _query(url, select))
    return tables


def _insert_activity(url: str, tables: dict) -> None:
    if url.startswith('postgresql'):
        import psycopg

        with psycopg.connect(url) as connection, connection.cursor() as cursor:
            for table, (columns, data) in tables.items():
                with cursor.copy(f'COPY {table} ({", ".join(columns)}) FROM STDIN') as copy:
                    copy.write(data)
    else:
        with sqlite3.connect(_file(url)) as connection:
            for table, (columns, rows) in tables.items():
                connection.executemany(f'INSERT INTO {table} ({", ".join(columns)}) '
                                       f'VALUES ({", ".join("?" * len(columns))})', rows)


def counts(url: str) -> list:
    """What both loads must agree on: events per type with their quantities, and the activity's rows."""
    events = _query(url, 'SELECT event, COUNT(*), SUM(quantity) FROM provision_consumptionevent '
                         'GROUP BY event ORDER BY event')
    activity = [(table, _query(url, f"SELECT COUNT(*) FROM {table} WHERE name LIKE 'c0%'")[0][0])
                for table in ACTIVITY_TABLES]
    return [*map(tuple, events), *activity]


def _columns(url: str, table: str) -> list[str]:
    if url.startswith('postgresql'):
        return [row[0] for row in _query(url, 'SELECT column_name FROM information_schema.columns '
                                              f"WHERE table_name = '{table}' ORDER BY ordinal_position")]
    return [row[1] for row in _query(url, f'PRAGMA table_info({table})')]


def _query(url: str, sql: str) -> list:
    if url.startswith('postgresql'):
        import psycopg

        with psycopg.connect(url) as connection:
            return connection.execute(sql).fetchall()
    with sqlite3.connect(_file(url)) as connection:
        return connection.execute(sql).fetchall()


def _file(url: str) -> str:
    return url.removeprefix('sqlite:///')


def _name(url: str) -> str:
    return url.rsplit('/', 1)[1]


def _server(url: str) -> str:
    return url.rsplit('/', 1)[0] + '/postgres'

"""Time ``accord apply`` of a file of provision records: the grants, actions and deliveries of ``bench_charges --year``.

On the database ``ACCORD_DATABASE_URL`` names (default: a fresh SQLite file in a temporary folder; a PostgreSQL
database is dropped and created afresh, copied to ``<name>_run``, and both are dropped at the end): the
FirstTown Bank demo, ``--subscriptions`` consumers each with a checking subscription (``bench_charges``), and about
``--documents`` records written by ``year_files.write_activity``. Then:

1. on a copy of that database, ``accord apply`` of the file as a subprocess under ``/usr/bin/time`` (wall,
   CPU = user + system, peak RSS; on PostgreSQL the client's CPU alone), as a user runs it;
2. ``apply_catalogue`` of the file in this process, into the prepared database itself (dropped at the end),
   counting the statements sent, by ``execute_wrapper``.

    python benchmarks/bench_activity.py --subscriptions 4000 --documents 10000
    ACCORD_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/accord_activity python benchmarks/bench_activity.py

To compare with another commit, run it with ``PYTHONPATH`` naming that commit's ``src`` (``git archive``).
"""

import argparse
import datetime
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

import bench_charges
import year_load
from year_files import write_activity


def fresh_copy(url: str, workdir: Path) -> str:
    """A copy of the prepared database to apply into, so that every run starts from the same rows."""
    from django.db import connections

    connections.close_all()
    copy = url + '_run' if url.startswith('postgresql') else f'sqlite:///{workdir / "run.sqlite3"}'
    year_load.copy_database(url, copy)
    return copy


def apply_counting(path: Path) -> tuple[float, int]:
    """``apply_catalogue`` of ``path`` here: its CPU seconds and the statements it sent."""
    from django.db import connection

    from accord.core.choices import ChangeSource
    from accord.core.services import Actor
    from accord.interchange.apply import apply_catalogue

    sent = 0

    def count(execute, sql, params, many, context):
        nonlocal sent
        sent += 1
        return execute(sql, params, many, context)

    started = time.process_time()
    with connection.execute_wrapper(count):
        result = apply_catalogue([str(path)], actor=Actor(source=ChangeSource.IMPORT, username='bench'))
    assert result.ok, [str(problem) for problem in result.problems[:5]]
    return time.process_time() - started, sent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    parser.add_argument('--subscriptions', type=int, default=4000)
    parser.add_argument('--documents', type=int, default=10000, help='grants, actions and deliveries, about')
    args = parser.parse_args()
    print(f'$ {" ".join([sys.executable, *sys.argv])}')
    print(f'date {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC; {platform.node()}, {os.cpu_count()} cores, '
          f'load {os.getloadavg()[0]:.1f}; python {platform.python_version()}')
    with tempfile.TemporaryDirectory(prefix='accord-bench-activity-') as folder:
        workdir = Path(folder)
        url = bench_charges.setup(os.environ.get('ACCORD_DATABASE_URL'), workdir)
        bench_charges.load_demo()
        bench_charges.generate_subscriptions(args.subscriptions)
        activity = workdir / 'activity.yaml'
        kinds = write_activity(activity, [f'c{n:06d}-checking' for n in range(args.subscriptions)], args.documents)
        documents = sum(kinds.values())
        print(f'{documents} documents {kinds}, {args.subscriptions} subscriptions, on {url.split("@")[-1]}')

        copy = fresh_copy(url, workdir)
        os.environ['ACCORD_DATABASE_URL'] = copy  # the subprocess's database
        cli = year_load.run_cli('apply', str(activity))
        print(f'accord apply: wall {cli["wall"]:.1f} s, CPU {cli["cpu"]:.1f} s ({cli["cpu"] / documents * 1000:.2f} s '
              f'per 1,000 documents), peak RSS {cli["rss_mb"]:.0f} MB, load {os.getloadavg()[0]:.1f}')
        year_load.drop_database(copy)

        cpu, sent = apply_counting(activity)  # into the prepared database itself, dropped after
        print(f'apply_catalogue in process: CPU {cpu:.1f} s ({cpu / documents * 1000:.2f} s per 1,000 documents), '
              f'{sent} statements ({sent / documents:.1f} per document), load {os.getloadavg()[0]:.1f}')
        from django.db import connections

        connections.close_all()
        year_load.drop_database(url)


if __name__ == '__main__':
    main()

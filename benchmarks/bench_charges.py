"""Benchmark ``accord charges`` and the bill run on a year of generated activity, against a raw SQL aggregate.

In one run, on the database ``ACCORD_DATABASE_URL`` names (default: a fresh SQLite file in a temporary folder;
for PostgreSQL give a database URL such as ``postgresql://postgres@127.0.0.1:5432/accord_bench``: the database
is dropped and created afresh):

1. migrate, apply the FirstTown Bank demo, then generate ``--subscriptions`` consumers, each with a relationship
   and a checking subscription (student or standard, alternating) from 2025-01-01, and a year (2025) of
   consumption events for each: ``--events`` per subscription, mostly foreign-ATM withdrawals (some with a
   quantity of 2), own-ATM withdrawals and two direct deposits a month with an ``amount``. The events are
   loaded by ``ConsumptionEvent.objects.bulk_create`` in batches of 5,000 in one transaction per batch (no
   per-row validation and no change-log rows: the fastest way to fill the database for what follows);
2. ``charges`` for one subscription for March 2025: the median time of 5 calls and the number of queries;
3. the bill run for March 2025 (``bill_run``, every subscription holding in the month) next to a raw SQL
   aggregate that sums the same events (quantity per subscription and type, and the deposits' amounts),
   and the bill run's own grouped query alone (read into its facts): best of 3 each, and the bill run's
   peak Python memory (``tracemalloc``, measured in a separate call); with ``--cpu``, times are this process's
   CPU time (steady on a shared, loaded machine; on PostgreSQL they leave out the server's share);
4. the same events once more (the year doubled, every subscription twice as busy), then 2 and 3 again: the
   queries per call stay the same, and the bill run's memory does not grow with the events.

With ``--year``, step 1 loads the year as a user would, measured against a raw insert, and 4 is left out:
the year is written to files (``year_files``: ``--event-files`` CSV files of events, and about ``--activity``
grants, deliveries and actions as YAML documents), the database is copied, and then (``year_load``) A loads
the files by ``accord consume --file`` and ``accord apply`` as subprocesses (wall, CPU, peak RSS), B the same
rows raw into the copy (PostgreSQL ``COPY``, SQLite ``executemany`` in one transaction); both must hold the same
rows. ``--user-files N`` loads only the first N events files both ways and the rest raw into A, when the whole
year by ``accord consume`` would take too long: 2 and 3 still see the whole year.

    python benchmarks/bench_charges.py --subscriptions 2000 --events 250
    ACCORD_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/accord_bench python benchmarks/bench_charges.py
    python benchmarks/bench_charges.py --year --cpu --user-files 1 --activity 10000
"""

import argparse
import datetime
import os
import platform
import random
import shlex
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from year_files import write_activity, write_events, year_events

BATCH = 5000
PERIOD = '2025-03'


def log(message: str) -> None:
    print(f'[{time.strftime("%H:%M:%S")}] {message}', flush=True)


def setup(url: str | None, workdir: Path) -> str:
    """Point Django at a fresh database and migrate it."""
    if not url:
        url = f'sqlite:///{workdir / "charges.sqlite3"}'
    elif url.startswith('postgresql'):
        import psycopg

        name = url.rsplit('/', 1)[1]
        with psycopg.connect(url.rsplit('/', 1)[0] + '/postgres', autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
            connection.execute(f'CREATE DATABASE "{name}"')
    os.environ['ACCORD_DATABASE_URL'] = url
    os.environ.setdefault('ACCORD_DATA_DIR', str(workdir))
    os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'accord.settings')
    import django
    from django.core.management import call_command

    django.setup()
    call_command('migrate', interactive=False, verbosity=0)
    return url


def load_demo() -> None:
    from accord.core.choices import ChangeSource
    from accord.core.services import Actor
    from accord.interchange.apply import apply_catalogue
    from accord.testing.fixtures import demo_path

    with demo_path() as path:
        result = apply_catalogue([str(path)], actor=Actor(source=ChangeSource.IMPORT, username='bench'))
    assert result.ok, [str(p) for p in result.problems]


def generate_subscriptions(count: int) -> list[int]:
    """``count`` individual consumers of the bank, each with a relationship and a checking subscription."""
    from accord.catalog.models import ServiceOffering
    from accord.parties.models import ConsumerGroup, Organization
    from accord.relationships.models import ServiceRelationship, Subscription

    bank = Organization.objects.get(name='firsttown-bank')
    offerings = [(ServiceOffering.objects.get(name='student-checking'), ConsumerGroup.objects.get(name='students')),
                 (ServiceOffering.objects.get(name='standard-checking'),
                  ConsumerGroup.objects.get(name='everyday-customers'))]
    Organization.objects.bulk_create([Organization(name=f'c{n:06d}', kind='individual') for n in range(count)],
                                     batch_size=BATCH)
    consumers = dict(Organization.objects.filter(name__startswith='c0').values_list('name', 'pk'))
    ServiceRelationship.objects.bulk_create([
        ServiceRelationship(name=f'ftb-c{n:06d}', provider=bank, consumer_id=consumers[f'c{n:06d}'])
        for n in range(count)], batch_size=BATCH)
    relationships = dict(ServiceRelationship.objects.filter(name__startswith='ftb-c').values_list('name', 'pk'))
    Subscription.objects.bulk_create([
        Subscription(name=f'c{n:06d}-checking', relationship_id=relationships[f'ftb-c{n:06d}'],
                     offering=offerings[n % 2][0], group=offerings[n % 2][1], start=datetime.date(2025, 1, 1),
                     quantity=1) for n in range(count)], batch_size=BATCH)
    return list(Subscription.objects.filter(name__endswith='-checking', name__startswith='c0').order_by(
        'name').values_list('pk', flat=True))


def load_events(subscriptions: list[int], per_subscription: int, round_: int, seed: int) -> tuple[int, float]:
    """A year of events per subscription, by ``bulk_create`` in batches; returns the count and the seconds."""
    from django.db import transaction

    from accord.provision.models import ConsumptionEvent

    rng = random.Random(seed + round_)
    started = time.perf_counter()
    batch: list = []
    count = 0

    def flush() -> None:
        with transaction.atomic():
            ConsumptionEvent.objects.bulk_create(batch)
        batch.clear()

    for index, subscription in enumerate(subscriptions):
        for n, (event, at, quantity, attributes) in enumerate(year_events(per_subscription, rng)):
            batch.append(ConsumptionEvent(name=f'e{round_}-{index}-{n}', subscription_id=subscription, event=event,
                                          at=at, quantity=quantity, attributes=attributes))
            count += 1
            if len(batch) >= BATCH:
                flush()
    if batch:
        flush()
    return count, time.perf_counter() - started


def raw_aggregate() -> float:
    """The month's events summed per subscription and type in plain SQL (quantities and deposit amounts)."""
    from django.db import connection

    from accord.analysis.agreements import period_instants

    start, end = period_instants(PERIOD)
    amount = ("CAST(attributes->>'amount' AS NUMERIC)" if connection.vendor == 'postgresql'
              else "CAST(json_extract(attributes, '$.amount') AS NUMERIC)")
    sql = (f'SELECT subscription_id, event, SUM(quantity), SUM(CASE WHEN event = %s THEN {amount} END) '
           'FROM provision_consumptionevent WHERE at >= %s AND at < %s GROUP BY subscription_id, event')
    started = CLOCK()
    with connection.cursor() as cursor:
        cursor.execute(sql, ['direct-deposit', start, end])
        rows = cursor.fetchall()
    assert rows
    return CLOCK() - started


def grouped_query() -> None:
    """The bill run's one grouped query alone (``_event_facts``), as the bill run reads it."""
    from accord.analysis.charges import Month, _event_facts

    _event_facts(Month.of(PERIOD), None, {'direct-deposit'})


def best(function, times: int = 3) -> float:
    return min(timed(function) for _ in range(times))


CLOCK = time.perf_counter  # --cpu: time.process_time, this process's CPU time, steady on a loaded machine


def timed(function) -> float:
    started = CLOCK()
    function()
    return CLOCK() - started


def measure(subscription: str) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from accord.analysis.charges import bill_run, charges

    one = statistics.median(timed(lambda: charges(subscription, PERIOD)) for _ in range(5))
    with CaptureQueriesContext(connection) as captured:
        charges(subscription, PERIOD)
    one_queries = len(captured)
    run = best(lambda: bill_run(PERIOD))
    raw = best(raw_aggregate)
    grouped = best(grouped_query)
    with CaptureQueriesContext(connection) as captured:
        answer = bill_run(PERIOD)
    run_queries = len(captured)
    tracemalloc.start()
    bill_run(PERIOD)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {'one': one, 'one_queries': one_queries, 'run': run, 'raw': raw, 'grouped': grouped,
            'run_queries': run_queries,
            'peak_mb': peak / 1e6, 'lines': len(answer['subscriptions']),
            'total': next(t['total'] for t in answer['totals']
                          if (t['provider'], t['currency']) == ('firsttown-bank', 'USD'))}


def analyze() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute('ANALYZE' if connection.vendor == 'sqlite' else 'ANALYZE provision_consumptionevent')


def measured() -> tuple[int, dict]:
    from accord.provision.models import ConsumptionEvent

    analyze()
    total_events = ConsumptionEvent.objects.count()
    month = measure('c000000-checking')
    log(f'measured with {total_events} events')
    return total_events, month


def twice(subscriptions: list[int], args) -> list[tuple[int, dict]]:
    """The year loaded by ``bulk_create`` and measured, then loaded once more and measured again."""
    figures = []
    for round_ in (1, 2):
        count, seconds = load_events(subscriptions, args.events, round_, args.seed)
        log(f'loaded {count} events by bulk_create in {seconds:.1f} s ({count / seconds:,.0f} events/s)')
        figures.append(measured())
    return figures


def year(url: str, workdir: Path, args) -> list[tuple[int, dict]]:
    """The year written to files, loaded by the user's path (A) and raw into a copy of the database (B), then
    measured on A."""
    import year_load
    from django.db import connections

    names = [f'c{n:06d}-checking' for n in range(args.subscriptions)]
    started = time.perf_counter()
    event_files = write_events(workdir, names, args.events, args.seed, args.event_files)
    kinds = write_activity(workdir / 'activity.yaml', names, args.activity)
    log(f'wrote {len(event_files)} events files and {sum(kinds.values())} documents {kinds} in '
        f'{time.perf_counter() - started:.1f} s')
    connections.close_all()
    raw_url = (url + '_raw') if url.startswith('postgresql') else f'sqlite:///{workdir / "raw.sqlite3"}'
    year_load.copy_database(url, raw_url)
    user_files = event_files[:args.user_files]
    log(f'load A: accord consume --file ({len(user_files)} of the files), accord apply')
    a = year_load.load_by_cli(user_files, workdir / 'activity.yaml')
    log(f'load A: {a}')
    log('load B: raw bulk insert')
    b = year_load.insert_raw(raw_url, url, user_files)
    log(f'load B: {b}')
    same = year_load.counts(url) == year_load.counts(raw_url)
    log(f'A and B hold the same events and activity: {same} {year_load.counts(raw_url)}')
    if not args.keep:
        year_load.drop_database(raw_url)
    if rest := event_files[len(user_files):]:
        log(f'the other {len(rest)} events files raw into A (to measure the whole year, not compared): '
            f'{year_load.insert_events(url, rest)}')
    print()
    print('| load | A: accord (wall s / CPU s) | A peak RSS (MB) | B: raw insert (wall s / CPU s) '
          '| ratio A/B wall | ratio A/B CPU |')
    print('|---|---|---|---|---|---|')
    for part, count in (('events', sum(1 for _ in _rows(user_files))), ('activity', sum(kinds.values()))):
        print(f'| {count:,} {part} | {a[part]["wall"]:.1f} / {a[part]["cpu"]:.1f} | {a[part]["rss_mb"]:.0f} '
              f'| {b[part]["wall"]:.1f} / {b[part]["cpu"]:.1f} | {a[part]["wall"] / b[part]["wall"]:.1f} '
              f'| {a[part]["cpu"] / b[part]["cpu"]:.1f} |')
    print(f'(B peak RSS {b["rss_mb"]:.0f} MB; B on {raw_url.split("@")[-1]})')
    print()
    return [measured()]


def _rows(event_files: list[Path]):
    for path in event_files:
        with path.open(encoding='utf-8') as handle:
            yield from (line for number, line in enumerate(handle) if number)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    parser.add_argument('--subscriptions', type=int, default=20000, help='generated subscriptions (default 20000)')
    parser.add_argument('--events', type=int, default=250, help='events per subscription per year (default 250)')
    parser.add_argument('--seed', type=int, default=12)
    parser.add_argument('--cpu', action='store_true',
                        help="time with this process's CPU time (SQLite: all the work; PostgreSQL: the client's share)")
    parser.add_argument('--year', action='store_true',
                        help='write the year to files, load it by accord consume --file and accord apply against a '
                             'raw bulk insert into a copy of the database, and measure once (not twice)')
    parser.add_argument('--event-files', type=int, default=10, help='--year: events files (default 10)')
    parser.add_argument('--activity', type=int, default=50000,
                        help='--year: grants, deliveries and actions, about (default 50000)')
    parser.add_argument('--user-files', type=int, default=None,
                        help='--year: load only the first N events files by accord consume (and by the raw insert, '
                             'to compare), the rest raw, when the whole year by accord would take too long')
    parser.add_argument('--keep', action='store_true', help="--year: keep the raw insert's database")
    args = parser.parse_args()
    global CLOCK
    if args.cpu:
        CLOCK = time.process_time
    url = os.environ.get('ACCORD_DATABASE_URL')
    print(f'$ {shlex.join([sys.executable, *sys.argv])}')
    print(f'date {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC; {platform.node()}, {os.cpu_count()} cores, '
          f'load {os.getloadavg()[0]:.1f}; python {platform.python_version()}')
    with tempfile.TemporaryDirectory(prefix='accord-bench-charges-') as workdir:
        url = setup(url, Path(workdir))
        from django.db import connection

        print(f'database: {connection.vendor} ({url.split("@")[-1]}); clock: {CLOCK.__name__}')
        log('applying the demo')
        load_demo()
        log(f'generating {args.subscriptions} subscriptions')
        subscriptions = generate_subscriptions(args.subscriptions)
        figures = year(url, Path(workdir), args) if args.year else twice(subscriptions, args)
        print('| events | charges one (ms) | queries | bill run (s) | its grouped query (s) | raw aggregate (s) '
              '| ratio | queries | peak (MB) | subscriptions billed | FTB total |')
        print('|---|---|---|---|---|---|---|---|---|---|---|')
        for total_events, m in figures:
            print(f'| {total_events:,} | {m["one"] * 1000:.1f} | {m["one_queries"]} | {m["run"]:.2f} '
                  f'| {m["grouped"]:.2f} | {m["raw"]:.2f} '
                  f'| {m["run"] / m["raw"]:.2f} | {m["run_queries"]} | {m["peak_mb"]:.1f} | {m["lines"]:,} '
                  f'| {m["total"]} |')
        print(f'load at the end {os.getloadavg()[0]:.1f}')


if __name__ == '__main__':
    main()

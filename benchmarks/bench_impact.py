"""Benchmark ``impact()`` (domain.md section 6) against one raw recursive SQL query, on SQLite and PostgreSQL.

For each database asked for, in a child process of its own (Django has one ``default`` database
per process):

1. create a fresh database (a SQLite file in a temporary folder, or ``accord_bench_impact_<pid>``
   on the PostgreSQL server ``--server``, dropped at the end), migrate it, and fill it with the
   provider network of ``generate_network.py`` (seeded, ``bulk_create``; timed and reported);
   ``ANALYZE`` it so both sides get planner statistics;
2. pick 50 failed organizations and 50 failed resources at random (seeded, the same on both
   databases); for each, time ``impact(source, at)`` (queries counted with an execute wrapper)
   and, right after it, one raw ``WITH RECURSIVE`` query over the same tables that computes the
   consumers with their minimal depths; one warm-up pair runs first, untimed;
3. check, for every source, that both give the same ``{organization: depth}`` map, and that the
   raw query's depth bound was large enough (it reports the seeds first reached at the bound:
   none means no deeper consumer was cut off);

then print one column per database, side by side: median and 95th percentile of each side, the
ratio of the medians (Accord / raw SQL), Accord's query count (median, max), the largest depth,
for all sources and for each kind. ``--repeat N`` keeps the fastest of N runs per source and side.

    python benchmarks/bench_impact.py --scale 0.1
    python benchmarks/bench_impact.py --database postgresql --scale 1.0

The raw query (``raw_sql``) walks the graph the way section 6 says. Its ``walk`` visits each
failing (seed, resource) pair once, without depths, so ``UNION`` ends it on cycles: a seed is the
failed resource, or a supplied-service resource that an active subscription (never the source
organization's) realizes, of an offering that a failed resource fails through a product
component and the services based on that product or an element delivered through it; each seed
fails its dependents inside its organization. The walk also records each hop (seed → seed it
realizes); ``level`` counts hops from the anchor (depth 0 for the failed resource, 1 for the
seeds realized by the failed organization's subscribers), bounded by ``--sql-bound`` since cycles
bring seeds back at ever larger depths. A consumer's depth is one more than the smallest level
of a failed resource reaching an offering it subscribes to (0 for the failed organization's
own offerings). On PostgreSQL, whose recursive term may name the recursive table once, the steps
are one ``LATERAL`` union; on SQLite they are separate recursive ``SELECT``s with ``CROSS JOIN``
to keep the join order along the indexes.
"""

import argparse
import datetime
import json
import math
import os
import platform
import random
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))

import generate_network  # noqa: E402

SERVER = 'postgresql://postgres@127.0.0.1:5432/postgres'
SEED = 20250616
SOURCES = 50
SQL_BOUND = 24


def log(message: str) -> None:
    print(f'[{time.strftime("%H:%M:%S")}] {message}', flush=True)


# The raw query.
def raw_sql(connection) -> str:
    """The one recursive query: rows (consumer id, minimal depth), plus (-1, seeds first reached at the bound).

    A *seed* is the failed resource, or a supplied-service resource realized by an active subscription
    (not the source organization's) of an offering that a failed resource fails. ``walk`` visits each
    failing (seed, resource) pair once, without depths, so ``UNION`` ends it on cycles: a seed's
    dependents in its organization, and from every such resource, through product components and
    the services based on those products or the offering elements delivered through them, the
    offerings' active subscriptions' realized resources, which become seeds; every such step also
    records the hop (parent seed, new seed). ``level`` gives each seed its smallest number of hops
    from the anchor (bounded by ``%(bound)s``, as cycles repeat seeds at ever larger depths); a
    resource takes the smallest level of its seeds, an offering the smallest of the resources of
    its failed products (0 for the failed organization's own offerings), and a consumer one more
    than the smallest of its subscribed offerings.
    """
    from accord.catalog.models import OfferingElement, ProductComponent, Service, ServiceOffering
    from accord.relationships.models import ServiceRelationship, Subscription
    from accord.resources.models import Resource, ResourceDependency

    q = connection.ops.quote_name
    t = {
        'resource': Resource._meta.db_table,
        'dependency': ResourceDependency._meta.db_table,
        'component': ProductComponent._meta.db_table,
        'service_product': Service.products.through._meta.db_table,
        'offering_service': ServiceOffering.services.through._meta.db_table,
        'element': OfferingElement._meta.db_table,
        'offering': ServiceOffering._meta.db_table,
        'subscription': Subscription._meta.db_table,
        'relationship': ServiceRelationship._meta.db_table,
    }
    t = {key: q(value) for key, value in t.items()}
    end = q('end')
    active = (f"s.status = 'active' AND s.start <= %(day)s AND (s.{end} IS NULL OR s.{end} >= %(day)s)"
              f' AND rel.consumer_id <> CAST(%(origin)s AS BIGINT)')
    # The steps from one walk row f (a hop row has no resource and goes nowhere): the dependents of
    # its resource in the seed's organization, and the new seeds through services or elements, each
    # twice: as the seed's own row and as the hop from f's seed. {failed} is where f comes from,
    # {join} the join that keeps the written order.
    dependents = f"""
    SELECT f.seed, d.resource_id, f.organization_id, CAST(NULL AS BIGINT)
    FROM {{failed}}{t['dependency']} d
    WHERE d.depends_on_id = f.resource_id
      AND (SELECT r.organization_id FROM {t['resource']} r WHERE r.id = d.resource_id) = f.organization_id"""
    new_seed = ('s.realizes_id, CASE WHEN two.hop = 1 THEN NULL ELSE s.realizes_id END, rel.consumer_id, '
                'CASE WHEN two.hop = 1 THEN f.seed END')
    two = '(SELECT 0 AS hop UNION ALL SELECT 1) two'
    through_services = f"""
    SELECT {new_seed}
    FROM {{failed}}{t['component']} c
    {{join}} {t['service_product']} sp ON sp.product_id = c.product_id
    {{join}} {t['offering_service']} os ON os.service_id = sp.service_id
    {{join}} {t['subscription']} s ON s.offering_id = os.serviceoffering_id
    {{join}} {t['relationship']} rel ON rel.id = s.relationship_id
    CROSS JOIN {two}
    WHERE c.resource_id = f.resource_id AND s.realizes_id IS NOT NULL AND {active}"""
    through_elements = f"""
    SELECT {new_seed}
    FROM {{failed}}{t['component']} c
    {{join}} {t['element']} e ON e.product_id = c.product_id
    {{join}} {t['subscription']} s ON s.offering_id = e.offering_id
    {{join}} {t['relationship']} rel ON rel.id = s.relationship_id
    CROSS JOIN {two}
    WHERE c.resource_id = f.resource_id AND s.realizes_id IS NOT NULL AND {active}"""
    steps = (dependents, through_services, through_elements)
    if connection.vendor == 'postgresql':
        # One reference to the recursive table only: each row's next steps in one LATERAL union.
        branches = '\n    UNION ALL'.join(part.format(failed='', join='JOIN') for part in steps)
        recursive = ('SELECT step.* FROM walk f CROSS JOIN LATERAL ('
                     f'{branches}\n    ) AS step (seed, resource_id, organization_id, parent)')
    else:
        # SQLite runs every recursive SELECT on each row it takes from the queue; CROSS JOIN keeps the
        # written join order (from the row, along the indexes), which its planner otherwise misses.
        recursive = '\n    UNION'.join(part.format(failed='walk f CROSS JOIN ', join='CROSS JOIN') for part in steps)
    return f"""
WITH RECURSIVE
sub (offering_id, realizes_id, consumer_id) AS NOT MATERIALIZED (
    SELECT s.offering_id, s.realizes_id, rel.consumer_id
    FROM {t['subscription']} s JOIN {t['relationship']} rel ON rel.id = s.relationship_id
    WHERE {active}
),
product_offering (product_id, offering_id) AS NOT MATERIALIZED (
    SELECT sp.product_id, os.serviceoffering_id
    FROM {t['service_product']} sp JOIN {t['offering_service']} os ON os.service_id = sp.service_id
    UNION ALL
    SELECT e.product_id, e.offering_id FROM {t['element']} e
),
anchor (seed, organization_id, depth) AS (
    SELECT r.id, r.organization_id, 0 FROM {t['resource']} r WHERE r.id = CAST(%(resource)s AS BIGINT)
    UNION
    SELECT s.realizes_id, s.consumer_id, 1
    FROM sub s JOIN {t['offering']} o ON o.id = s.offering_id
    WHERE o.provider_id = CAST(%(organization)s AS BIGINT) AND s.realizes_id IS NOT NULL
),
walk (seed, resource_id, organization_id, parent) AS (
    SELECT seed, seed, organization_id, CAST(NULL AS BIGINT) FROM anchor
    UNION
    {recursive}
),
hop (parent, seed) AS MATERIALIZED (
    SELECT parent, seed FROM walk WHERE parent IS NOT NULL
),
level (seed, depth) AS (
    SELECT seed, depth FROM anchor
    UNION
    SELECT h.seed, l.depth + 1 FROM level l JOIN hop h ON h.parent = l.seed WHERE l.depth < %(bound)s
),
seed_depth (seed, depth) AS (
    SELECT seed, MIN(depth) FROM level GROUP BY seed
),
resource_depth (resource_id, depth) AS (
    SELECT w.resource_id, MIN(sd.depth) FROM walk w JOIN seed_depth sd ON sd.seed = w.seed
    WHERE w.resource_id IS NOT NULL GROUP BY w.resource_id
),
affected_offering (offering_id, depth) AS (
    SELECT po.offering_id, rd.depth
    FROM resource_depth rd
    JOIN {t['component']} c ON c.resource_id = rd.resource_id
    JOIN product_offering po ON po.product_id = c.product_id
    UNION ALL
    SELECT o.id, 0 FROM {t['offering']} o WHERE o.provider_id = CAST(%(organization)s AS BIGINT)
)
SELECT s.consumer_id, MIN(ao.depth) + 1
FROM affected_offering ao JOIN sub s ON s.offering_id = ao.offering_id
GROUP BY s.consumer_id
UNION ALL
SELECT -1, COUNT(*) FROM seed_depth WHERE depth = %(bound)s
"""


def run_raw(connection, sql: str, kind: str, pk: int, origin: int, day: datetime.date, bound: int):
    params = {'day': day, 'origin': origin, 'bound': bound,
              'resource': pk if kind == 'resource' else None,
              'organization': pk if kind == 'organization' else None}
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    at_bound = next(count for consumer, count in rows if consumer == -1)
    return {consumer: depth for consumer, depth in rows if consumer != -1}, at_bound


# One database, in this process.
def create_database(engine: str, workdir: Path, server: str) -> tuple[str, str | None]:
    """The URL of a fresh database, and the PostgreSQL database name to drop at the end."""
    if engine == 'sqlite':
        return f'sqlite:///{workdir / "impact.sqlite3"}', None
    import psycopg
    from psycopg import sql

    name = f'accord_bench_impact_{os.getpid()}'
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(sql.SQL('CREATE DATABASE {}').format(sql.Identifier(name)))
    return urlunsplit(urlsplit(server)._replace(path=f'/{name}')), name


def drop_database(server: str, name: str) -> None:
    import psycopg
    from psycopg import sql

    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(sql.SQL('DROP DATABASE IF EXISTS {} WITH (FORCE)').format(sql.Identifier(name)))


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, math.ceil(len(ordered) * share) - 1))] if ordered else float('nan')


def run_child(args) -> dict:
    """Create, fill and measure one database; return the figures."""
    workdir = Path(tempfile.mkdtemp(prefix='accord-impact-'))
    dropping = None
    try:
        url, dropping = create_database(args.database, workdir, args.server)
        os.environ['ACCORD_DATABASE_URL'] = url
        os.environ['DJANGO_SETTINGS_MODULE'] = 'accord.settings'
        import django

        django.setup()
        from django.core.management import call_command
        from django.db import connection

        log(f'{args.database}: database {url.rsplit("@", 1)[-1]}')
        start = time.perf_counter()
        call_command('migrate', interactive=False, verbosity=0)
        migrate_seconds = time.perf_counter() - start
        network, rows, generate_seconds = generate_network.generate(args.scale, args.network_seed)
        start = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute('ANALYZE')
        analyze_seconds = time.perf_counter() - start
        log(f'{args.database}: migrated in {migrate_seconds:.1f} s, generated {rows} rows in '
            f'{generate_seconds:.1f} s, analyzed in {analyze_seconds:.1f} s')
        if args.check:
            problems = generate_network.check_rules()
            log('domain rules hold' if not problems else 'RULES BROKEN:\n  ' + '\n  '.join(problems))
        return measure(args, network, rows, generate_seconds)
    finally:
        from django.apps import apps

        if apps.ready:
            from django.db import connections

            connections.close_all()
        if dropping:
            drop_database(args.server, dropping)
        shutil.rmtree(workdir, ignore_errors=True)


def measure(args, network, rows: int, generate_seconds: float) -> dict:
    from django.db import connection

    from accord.analysis.impact import impact
    from accord.parties.models import Organization
    from accord.resources.models import Resource

    at = generate_network.AT
    day = at.date()
    rng = random.Random(args.seed)
    organizations = sorted(Organization.objects.values_list('id', flat=True))
    resources = sorted(Resource.objects.values_list('id', flat=True))
    sources = ([('organization', pk) for pk in rng.sample(organizations, min(args.sources, len(organizations)))]
               + [('resource', pk) for pk in rng.sample(resources, min(args.sources, len(resources)))])
    names = dict(Organization.objects.values_list('id', 'name'))
    sql = raw_sql(connection)
    queries = [0]

    def count(execute, sql_text, params, many, context):
        queries[0] += 1
        return execute(sql_text, params, many, context)

    def source_object(kind: str, pk: int):
        if kind == 'organization':
            return Organization.objects.only('id', 'name').get(pk=pk)
        return Resource.objects.only('id', 'name', 'organization_id').get(pk=pk)

    # Warm-up, untimed.
    warm = source_object(*sources[0])
    impact(warm, at)
    run_raw(connection, sql, sources[0][0], sources[0][1], _origin(warm), day, args.sql_bound)

    results = []
    load_before = os.getloadavg()[0]
    for number, (kind, pk) in enumerate(sources, start=1):
        source = source_object(kind, pk)  # not timed: the caller has the object at hand
        origin = _origin(source)
        accord_seconds = raw_seconds = math.inf
        for _ in range(args.repeat):  # the best of the runs of each side, interleaved
            queries[0] = 0
            with connection.execute_wrapper(count):
                start = time.perf_counter()
                answer = impact(source, at).to_json()
                accord_seconds = min(accord_seconds, time.perf_counter() - start)
            accord_queries = queries[0]
            start = time.perf_counter()
            raw, at_bound = run_raw(connection, sql, kind, pk, origin, day, args.sql_bound)
            raw_seconds = min(raw_seconds, time.perf_counter() - start)
        accord_map = {c['organization']: c['depth'] for c in answer['consumers']}
        raw_map = {names[consumer]: depth for consumer, depth in raw.items()}
        results.append({
            'source': f'{kind}:{source.name}', 'kind': kind, 'accord_ms': accord_seconds * 1000,
            'raw_ms': raw_seconds * 1000, 'queries': accord_queries, 'consumers': len(accord_map),
            'resources': len(answer['resources']), 'max_depth': max(accord_map.values(), default=0),
            'raw_max_depth': max(raw_map.values(), default=0), 'at_bound': at_bound,
            'mismatch': _differences(accord_map, raw_map),
        })
        if number % 10 == 0 or number == len(sources):
            log(f'{args.database}: {number}/{len(sources)} sources; last {kind}:{source.name}: '
                f'{len(accord_map)} consumers, Accord {accord_seconds * 1000:.0f} ms, raw {raw_seconds * 1000:.0f} ms')
    return {'database': args.database, 'version': _version(connection), 'rows': rows,
            'generate_seconds': generate_seconds, 'summary': network.summary(), 'results': results,
            'sql_bound': args.sql_bound, 'load': (load_before, os.getloadavg()[0])}


def _origin(source) -> int:
    return source.organization_id if hasattr(source, 'organization_id') else source.pk


def _differences(accord: dict[str, int], raw: dict[str, int]) -> list[str]:
    diffs = []
    for name in sorted(set(accord) | set(raw)):
        if accord.get(name) != raw.get(name):
            diffs.append(f'{name}: Accord {accord.get(name, "-")}, raw SQL {raw.get(name, "-")}')
    return diffs


def _version(connection) -> str:
    with connection.cursor() as cursor:
        if connection.vendor == 'sqlite':
            cursor.execute('SELECT sqlite_version()')
            return f'SQLite {cursor.fetchone()[0]}'
        cursor.execute('SHOW server_version')
        return f'PostgreSQL {cursor.fetchone()[0]}'


# The report.
def table(figures: list[dict]) -> list[str]:
    """One column per database."""
    lines = []
    columns = [f['database'] for f in figures]
    rows: list[tuple[str, list[str]]] = []
    for kind in ('all', 'organization', 'resource'):
        picked = [[r for r in f['results'] if kind == 'all' or r['kind'] == kind] for f in figures]
        label = {'all': 'all sources', 'organization': 'failed organizations', 'resource': 'failed resources'}[kind]
        rows.append((f'{label}: N', [str(len(p)) for p in picked]))
        for side, key in (('Accord', 'accord_ms'), ('raw SQL', 'raw_ms')):
            rows.append((f'  {side} median / p95 ms', [
                f'{statistics.median([r[key] for r in p]):.1f} / {percentile([r[key] for r in p], 0.95):.1f}'
                for p in picked]))
        rows.append(('  ratio of medians (Accord / raw)', [
            f'{statistics.median([r["accord_ms"] for r in p]) / statistics.median([r["raw_ms"] for r in p]):.2f}'
            for p in picked]))
        rows.append(('  Accord queries median / max', [
            f'{statistics.median([r["queries"] for r in p]):.0f} / {max(r["queries"] for r in p)}' for p in picked]))
        rows.append(('  consumers median / max', [
            f'{statistics.median([r["consumers"] for r in p]):.0f} / {max(r["consumers"] for r in p)}'
            for p in picked]))
        rows.append(('  max depth reached', [str(max(r['max_depth'] for r in p)) for p in picked]))
    rows.append(('mismatching sources', [str(sum(1 for r in f['results'] if r['mismatch'])) for f in figures]))
    rows.append(('raw walks reaching the bound', [
        f'{sum(1 for r in f["results"] if r["at_bound"])} (bound {f["sql_bound"]})' for f in figures]))
    rows.append(('load average (1 min) before / after', [f'{f["load"][0]:.1f} / {f["load"][1]:.1f}'
                                                          for f in figures]))
    rows.append(('generation s (rows)', [f'{f["generate_seconds"]:.1f} ({f["rows"]})' for f in figures]))
    width = max(len(label) for label, _ in rows)
    cell = max(18, *(len(v) for _, values in rows for v in values), *(len(c) for c in columns))
    lines.append(f'{"":{width}}  ' + '  '.join(f'{c:>{cell}}' for c in columns))
    lines.extend(f'{label:{width}}  ' + '  '.join(f'{v:>{cell}}' for v in values) for label, values in rows)
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description='Benchmark impact() against a raw recursive SQL query.')
    parser.add_argument('--database', choices=['sqlite', 'postgresql', 'both'], default='both')
    parser.add_argument('--scale', type=float, default=1.0, help='fraction of the full network (default 1.0)')
    parser.add_argument('--sources', type=int, default=SOURCES, help='failed organizations, and as many resources')
    parser.add_argument('--seed', type=int, default=SEED, help='seed of the choice of sources')
    parser.add_argument('--network-seed', type=int, default=generate_network.SEED)
    parser.add_argument('--sql-bound', type=int, default=SQL_BOUND,
                        help=f'largest depth of a failed resource the raw query follows (default {SQL_BOUND})')
    parser.add_argument('--repeat', type=int, default=1,
                        help='run each side this many times per source and keep the fastest (default 1)')
    parser.add_argument('--server', default=SERVER, help='PostgreSQL server URL to create the database on')
    parser.add_argument('--check', action='store_true', help='check the domain rules of the generated network')
    parser.add_argument('--json', help='also write every measurement to this file')
    parser.add_argument('--child', help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.child:  # one database, figures to the file named
        figures = run_child(args)
        Path(args.child).write_text(json.dumps(figures, default=str))
        return 0

    command = shlex.join(['python', 'benchmarks/bench_impact.py', *(sys.argv[1:] if argv is None else argv)])
    print('=' * 100)
    print('impact of failure: accord.analysis.impact.impact() against one raw WITH RECURSIVE query')
    print(f'command: {command}')
    print(f'date:    {datetime.datetime.now().astimezone().isoformat(timespec="seconds")}')
    print(f'machine: {platform.node()}, {os.cpu_count()} cores, {platform.system()} {platform.release()}, '
          f'Python {platform.python_version()}')
    print(f'network: scale {args.scale}, seed {args.network_seed}; at {generate_network.AT.isoformat()}; '
          f'{args.sources} failed organizations and {args.sources} failed resources, seed {args.seed}; '
          f'raw depth bound {args.sql_bound}; best of {args.repeat} per source')
    print('=' * 100, flush=True)
    engines = ['sqlite', 'postgresql'] if args.database == 'both' else [args.database]
    figures = []
    workdir = Path(tempfile.mkdtemp(prefix='accord-impact-'))
    try:
        for engine in engines:
            out = workdir / f'{engine}.json'
            child = [sys.executable, str(Path(__file__).resolve()), '--child', str(out), '--database', engine,
                     '--scale', str(args.scale), '--sources', str(args.sources), '--seed', str(args.seed),
                     '--network-seed', str(args.network_seed), '--sql-bound', str(args.sql_bound),
                     '--repeat', str(args.repeat),
                     '--server', args.server, *(['--check'] if args.check else [])]
            start = time.perf_counter()
            status = subprocess.run(child).returncode
            if status != 0 or not out.exists():
                log(f'{engine}: the run failed (exit status {status})')
                return 1
            figures.append(json.loads(out.read_text()))
            log(f'{engine}: done in {time.perf_counter() - start:.0f} s')
    finally:
        shutil.rmtree(workdir, ignore_errors=True)

    if args.json:
        Path(args.json).write_text(json.dumps({'command': command, 'figures': figures}, indent=1, default=str))
    print('=' * 100)
    summary = figures[0]['summary']
    print('network: ' + ', '.join(f'{value} {key}' for key, value in summary.items()))
    for f in figures:
        print(f'{f["database"]}: {f["version"]}')
    print()
    print('\n'.join(table(figures)))
    for f in figures:
        bad = [r for r in f['results'] if r['mismatch']]
        for r in bad[:5]:
            print(f'MISMATCH {f["database"]} {r["source"]}: ' + '; '.join(r['mismatch'][:5])
                  + (f' (+{len(r["mismatch"]) - 5} more)' if len(r['mismatch']) > 5 else ''))
        for r in [r for r in f['results'] if r['at_bound']][:5]:
            print(f'BOUND REACHED {f["database"]} {r["source"]}: {r["at_bound"]} resources first failed at depth '
                  f'{f["sql_bound"]}; rerun with a larger --sql-bound')
    print('=' * 100)
    return 1 if any(r['mismatch'] for f in figures for r in f['results']) else 0


if __name__ == '__main__':
    sys.exit(main())

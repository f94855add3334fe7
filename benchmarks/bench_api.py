"""Throughput of the REST API's offering list against a bare Django view of the same 50 rows.

1. A fresh database (an SQLite file in a temporary folder; with ``ACCORD_DATABASE_URL`` naming a
   PostgreSQL server, a new database there, dropped at the end), migrated, then the catalogue of
   ``generate_catalogue.py --scale S`` (default 0.05: 50 offerings with services, target groups,
   elements, usage charges and request items) applied with ``accord apply`` (neither is timed).
2. gunicorn on loopback (``gthread``, the same workers and threads for both endpoints: it is one
   server) with ``benchmarks/api_bare/settings.py``: Accord's settings plus the bare view.
3. A load generator in this process: C threads, each with one keep-alive connection, send a fixed
   number of GET requests in all, alternating rounds between ``/api/v1/service-offerings/?limit=50``
   (as a superuser, with an API token) and ``/bench/offerings/``; requests/s over each round's
   wall time, and p50/p99 of each request's latency, per endpoint over all its rounds. A third
   endpoint, ``/bench/offerings-nested/``, answers the same content as the API (the nested parts
   too) with ``values()`` queries: it splits the gap into what the data costs and what the
   framework costs (see ``api_bare/urls.py``).

    python benchmarks/bench_api.py                      # SQLite
    ACCORD_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres python benchmarks/bench_api.py
    python benchmarks/bench_api.py --no-cache           # every page read and serialized afresh

The API keeps the representations of listed objects while the data stays the same
(``accord.api.caching``); the rounds after the warm-up read them from there, as a catalogue that
is read far more often than written does. ``--no-cache`` turns that off (``ACCORD_API_CACHE_SIZE=0``):
what a list costs right after a write.

Exit status 0 when the API reaches at least half the bare view's throughput, else 1.
"""

import argparse
import http.client
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / 'src'))

from accord.testing.server import Server, ServerDatabase  # noqa: E402

API_PATH = '/api/v1/service-offerings/?limit=50'
BARE_PATH = '/bench/offerings/'
NESTED_PATH = '/bench/offerings-nested/'

SEED = """
from accord.core.choices import ChangeSource
from accord.core.models import User
from accord.core.services import Actor
from accord.core.tokens import create_token
from accord.catalog.models import ServiceOffering

user = User.objects.create_superuser('bench', password='bench-password-1')
_, key = create_token(user, actor=Actor(source=ChangeSource.CLI, username='bench'), name='bench')
print(json.dumps({'key': key, 'offerings': ServiceOffering.objects.count()}))
"""


def log(message: str) -> None:
    print(f'[{datetime.now(UTC):%H:%M:%S}] {message}', flush=True)


def run_round(server: Server, path: str, headers: dict, connections: int, requests: int) -> tuple[float, list[float]]:
    """``requests`` GETs of ``path`` over ``connections`` keep-alive connections: wall seconds, latencies."""
    per_thread = [requests // connections + (1 if i < requests % connections else 0) for i in range(connections)]
    latencies: list[list[float]] = [[] for _ in range(connections)]
    errors: list[str] = []
    start_line = threading.Barrier(connections + 1)

    def work(index: int) -> None:
        conn = http.client.HTTPConnection(server.host, server.port, timeout=60)
        try:
            start_line.wait()
            for _ in range(per_thread[index]):
                began = time.perf_counter()
                conn.request('GET', path, headers=headers)
                response = conn.getresponse()
                body = response.read()
                latencies[index].append(time.perf_counter() - began)
                if response.status != 200:
                    errors.append(f'{path}: {response.status} {body[:200]!r}')
                    return
        except Exception as error:  # reported below
            errors.append(f'{path}: {type(error).__name__}: {error}')
        finally:
            conn.close()

    threads = [threading.Thread(target=work, args=(i,)) for i in range(connections)]
    for thread in threads:
        thread.start()
    start_line.wait()
    began = time.perf_counter()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - began
    if errors:
        raise RuntimeError(f'{len(errors)} failed requests, first: {errors[0]}')
    return wall, [latency for thread_latencies in latencies for latency in thread_latencies]


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def check_bodies(server: Server, headers: dict) -> list[int]:
    """The endpoints answer the same 50 offerings, in the same order; the sizes of their bodies."""
    sizes = []
    names = []
    for path in (API_PATH, BARE_PATH, NESTED_PATH):
        conn = http.client.HTTPConnection(server.host, server.port, timeout=60)
        conn.request('GET', path, headers=headers)
        response = conn.getresponse()
        body = response.read()
        conn.close()
        assert response.status == 200, (path, response.status, body[:500])
        sizes.append(len(body))
        names.append([row['name'] for row in json.loads(body)['results']])
    assert names[0] == names[1] == names[2] and len(names[0]) == 50, 'the endpoints answer different rows'
    return sizes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    parser.add_argument('--scale', type=float, default=0.05, help='catalogue scale (default 0.05: 50 offerings)')
    parser.add_argument('--connections', type=int, default=8, help='concurrent keep-alive connections (default 8)')
    parser.add_argument('--requests', type=int, default=200, help='requests per round and endpoint (default 200)')
    parser.add_argument('--rounds', type=int, default=2, help='rounds, alternating the endpoints (default 2)')
    parser.add_argument('--workers', type=int, default=2, help='gunicorn workers (default 2)')
    parser.add_argument('--threads', type=int, default=4, help='threads per gunicorn worker (default 4)')
    parser.add_argument('--keep', action='store_true', help='keep the temporary folder (and the database)')
    parser.add_argument('--no-cache', action='store_true', help='serve without kept representations')
    args = parser.parse_args(argv)

    base_url = os.environ.get('ACCORD_DATABASE_URL')
    workdir = Path(tempfile.mkdtemp(prefix='accord-bench-api-'))
    database = ServerDatabase(base_url, workdir, label='bench_api')
    log(f'command: {" ".join([Path(sys.executable).name, *sys.argv])}')
    log(f'machine: {platform.node()}, {os.cpu_count()} cores, load average {os.getloadavg()}, '
        f'Python {platform.python_version()}, database {database.vendor}')
    server = None
    try:
        catalogue = workdir / 'catalogue'
        subprocess.run([sys.executable, str(HERE / 'generate_catalogue.py'), '--scale', str(args.scale),
                        '--out', str(catalogue)], check=True, capture_output=True)
        database.create()
        log('migrating')
        database.migrate()
        log('applying the catalogue')
        env = database.env()
        done = subprocess.run([sys.executable, '-m', 'accord', 'apply', str(catalogue)], env=env,
                              capture_output=True, text=True)
        if done.returncode != 0:
            raise RuntimeError(f'accord apply failed:\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}')
        seeded = database.run_script(SEED)
        log(f'{seeded["offerings"]} offerings')
        if args.no_cache:
            os.environ['ACCORD_API_CACHE_SIZE'] = '0'
        server = Server(database, workdir / 'gunicorn.log', workers=args.workers, threads=args.threads,
                        settings='api_bare.settings', pythonpath=(str(HERE),))
        server.start()
        log(f'gunicorn: {args.workers} workers x {args.threads} threads (gthread) at {server.base_url}, '
            f'kept representations {"off" if args.no_cache else "on"}')
        headers = {'Authorization': f'Bearer {seeded["key"]}', 'Accept': 'application/json'}
        sizes = check_bodies(server, headers)
        log(f'body sizes: API {sizes[0]} bytes, bare {sizes[1]} bytes, bare nested {sizes[2]} bytes')
        targets = {'api': API_PATH, 'bare': BARE_PATH, 'bare-nested': NESTED_PATH}
        for path in targets.values():  # warm up: both workers, every connection
            run_round(server, path, headers, args.connections, 4 * args.connections)
        results = {name: {'wall': 0.0, 'requests': 0, 'latencies': []} for name in targets}
        for round_number in range(args.rounds):
            order = list(targets) if round_number % 2 == 0 else list(reversed(targets))
            for name in order:
                wall, latencies = run_round(server, targets[name], headers, args.connections, args.requests)
                results[name]['wall'] += wall
                results[name]['requests'] += len(latencies)
                results[name]['latencies'] += latencies
                log(f'round {round_number + 1} {name}: {len(latencies) / wall:.1f} requests/s')
    finally:
        if server is not None:
            server.stop()
        if args.keep:
            log(f'kept {workdir} and database {database.name}')
        else:
            database.drop()
            subprocess.run(['rm', '-rf', str(workdir)], check=False)

    print()
    print(f'{"endpoint":<44} {"requests":>8} {"req/s":>8} {"p50 ms":>8} {"p99 ms":>8} {"mean ms":>8}')
    rates = {}
    for name, path in targets.items():
        result = results[name]
        rates[name] = result['requests'] / result['wall']
        latencies = result['latencies']
        print(f'{("GET " + path):<44} {result["requests"]:>8} {rates[name]:>8.1f} '
              f'{percentile(latencies, 0.50) * 1000:>8.1f} {percentile(latencies, 0.99) * 1000:>8.1f} '
              f'{statistics.fmean(latencies) * 1000:>8.1f}')
    ratio = rates['api'] / rates['bare']
    print(f'\nAPI / bare throughput: {ratio:.2f} (goal: at least 0.50)')
    print(f'API / bare nested throughput: {rates["api"] / rates["bare-nested"]:.2f}')
    print(f'load average now {os.getloadavg()}')
    return 0 if ratio >= 0.5 else 1


if __name__ == '__main__':
    raise SystemExit(main())

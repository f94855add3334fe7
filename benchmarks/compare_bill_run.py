"""Two versions of the bill run side by side with the raw aggregate, on a database ``bench_charges.py`` filled.

``bench_charges.py`` times each thing best of 3 on a fresh database; on a shared, loaded machine its wall times
move by a third between runs. This script alternates, in one process, the bill run of another version of
``accord/analysis/charges.py`` (``--before``, e.g. ``git show main:src/accord/analysis/charges.py``), this tree's,
and the raw aggregate, best of ``--times`` per round, and gives for each wall time and CPU time. CPU is this
process's plus, on PostgreSQL, the server backend's (read from ``/proc/<pg_backend_pid()>/schedstat``: the
database must run on this machine). Before timing it checks that both answers are equal, once the older one's
reasons are put in the canonical number form (``999.9900`` → ``999.99``).

    git show main:src/accord/analysis/charges.py > /tmp/charges_main.py
    ACCORD_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/accord_bench \\
      python benchmarks/compare_bill_run.py --before /tmp/charges_main.py
"""

import argparse
import importlib.util
import json
import os
import re
import time

import bench_charges

PERIOD = bench_charges.PERIOD


def load(path: str):
    spec = importlib.util.spec_from_file_location('charges_before', path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def server_clock():
    """Seconds of CPU the PostgreSQL backend of this connection has used (0 on SQLite: all is in this process)."""
    from django.db import connection

    if connection.vendor != 'postgresql':
        return lambda: 0.0
    with connection.cursor() as cursor:
        cursor.execute('SELECT pg_backend_pid()')
        pid = cursor.fetchone()[0]
    return lambda: int(open(f'/proc/{pid}/schedstat').read().split()[0]) / 1e9


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    parser.add_argument('--before', required=True, help="another version's accord/analysis/charges.py")
    parser.add_argument('--times', type=int, default=11)
    parser.add_argument('--rounds', type=int, default=3)
    args = parser.parse_args()
    os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'accord.settings')
    import django

    django.setup()
    from django.db import connection

    from accord.analysis import charges
    from accord.core.decimals import canonical_decimal

    before = load(args.before)
    canonical = re.compile(r'(= )(-?[0-9]+\.[0-9]+)')
    old = canonical.sub(lambda m: m.group(1) + canonical_decimal(m.group(2)),
                        json.dumps(before.bill_run(PERIOD), sort_keys=True))
    assert old == json.dumps(charges.bill_run(PERIOD), sort_keys=True), 'the two bill runs answer differently'
    server = server_clock()
    runs = {'before': lambda: before.bill_run(PERIOD), 'after': lambda: charges.bill_run(PERIOD),
            'raw': bench_charges.raw_aggregate}
    print(f'{connection.vendor} {connection.settings_dict["NAME"]}: same answers')
    for round_ in range(1, args.rounds + 1):
        wall: dict[str, list[float]] = {name: [] for name in runs}
        cpu: dict[str, list[float]] = {name: [] for name in runs}
        for _ in range(args.times):
            for name, run in runs.items():
                started, used, served = time.perf_counter(), time.process_time(), server()
                run()
                wall[name].append(time.perf_counter() - started)
                cpu[name].append(time.process_time() - used + server() - served)
        w, c = ({name: min(v) for name, v in d.items()} for d in (wall, cpu))
        print(f'round {round_}, load {os.getloadavg()[0]:.1f}: wall before {w["before"]:.3f} after {w["after"]:.3f} '
              f'raw {w["raw"]:.3f} ratio {w["before"] / w["raw"]:.2f} -> {w["after"] / w["raw"]:.2f}; CPU before '
              f'{c["before"]:.3f} after {c["after"]:.3f} raw {c["raw"]:.3f} ratio {c["before"] / c["raw"]:.2f} -> '
              f'{c["after"] / c["raw"]:.2f}')


if __name__ == '__main__':
    main()

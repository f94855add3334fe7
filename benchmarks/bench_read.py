"""Benchmark reading a large generated catalogue: ``read_catalogue``, the part of ``accord apply`` before any write.

Generates the catalogue (``generate_catalogue.py``, seeded, in a child process: its memory is not
counted) into a temporary folder, migrates a
fresh SQLite database there (reading asks it only for names the files do not define), then times
``accord.interchange.apply.read_catalogue`` of the folder: the best CPU time of ``--runs`` runs,
with the load average, and the process's peak resident memory. Compare branches by alternating
them in one session: the figures are CPU time, but a loaded machine still slows them.

    python benchmarks/bench_read.py --scale 1.0 --runs 3
"""

import argparse
import gc
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

GENERATOR = Path(__file__).resolve().parent / 'generate_catalogue.py'


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    parser.add_argument('--scale', type=float, default=1.0, help='fraction of the full size (default 1.0)')
    parser.add_argument('--runs', type=int, default=3, help='runs timed; the best is reported (default 3)')
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix='accord-bench-read-') as folder:
        catalogue = Path(folder) / 'catalogue'
        subprocess.run([sys.executable, GENERATOR, '--scale', str(args.scale), '--out', catalogue], check=True)
        os.environ['DJANGO_SETTINGS_MODULE'] = 'accord.settings'
        os.environ['ACCORD_DATABASE_URL'] = f'sqlite:///{folder}/db.sqlite3'
        import django
        from django.core.management import call_command

        django.setup()
        call_command('migrate', interactive=False, verbosity=0)
        from accord.interchange.apply import read_catalogue

        times = []
        for _ in range(args.runs):
            gc.collect()
            started = time.process_time()
            documents, problems = read_catalogue([str(catalogue)])
            times.append(time.process_time() - started)
            assert not problems, problems[:5]
            count = len(documents)
            del documents, problems  # not alive during the next run
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        load = ' '.join(f'{n:.2f}' for n in os.getloadavg())
        print(f'{count} documents: read_catalogue best {min(times):.3f} s CPU '
              f'of {args.runs} ({", ".join(f"{t:.3f}" for t in times)}); peak RSS {peak:.0f} MB; load {load}')
    return 0


if __name__ == '__main__':
    sys.exit(main())

"""Benchmark ``accord apply`` on a large generated catalogue against a raw bulk insert of the same rows.

In one run, on the database ``ACCORD_DATABASE_URL`` names (default: fresh SQLite files in a
temporary folder; for PostgreSQL give a server URL such as
``postgresql://postgres@127.0.0.1:5432/postgres`` and fresh databases ``accord_bench_<pid>`` and
``accord_bench_<pid>_bulk`` are created there and dropped at the end):

1. generate the catalogue (``generate_catalogue.py``, seeded) into a temporary folder;
2. migrate a fresh database (not timed), then time the first ``accord apply`` as a subprocess and
   read its peak resident memory (``ru_maxrss`` from ``wait4``, the per-child form of
   ``getrusage(RUSAGE_CHILDREN)``) and its CPU time;
3. time the re-apply of the unchanged catalogue, and prove it rewrote nothing: the count and the
   last id of ``ObjectChange``, every table's row count and every ``last_updated`` maximum are
   the same before and after;
4. in a second fresh database, time a raw ``bulk_create`` of the same rows (organizations,
   persons, groups, resources, dependency edges, items, products, components, views, services,
   offerings, elements, usage charges, request items and every many-to-many row), built from the
   same documents in canonical form, and check that both databases hold the same number of rows
   per table (``--verify`` also compares ``accord export`` of both, byte for byte);
5. print a table of the figures.

    python benchmarks/bench_apply.py --scale 0.1
    ACCORD_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres python benchmarks/bench_apply.py
"""

import argparse
import datetime
import os
import platform
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))

import generate_catalogue  # noqa: E402

BATCH = 1000


def log(message: str) -> None:
    print(f'[{time.strftime("%H:%M:%S")}] {message}', flush=True)


def shown_url(url: str) -> str:
    """The URL without a password, for printing."""
    parts = urlsplit(url)
    if parts.password:
        netloc = parts.netloc.replace(f':{parts.password}@', ':***@')
        return urlunsplit(parts._replace(netloc=netloc))
    return url


# Databases.
class Databases:
    """Two fresh databases of the same engine: one for apply, one for the bulk-insert baseline."""

    def __init__(self, url: str | None, workdir: Path, keep: bool):
        self.keep = keep
        self.created_pg: list[str] = []
        self.server_url = None
        if not url:
            self.engine = 'sqlite'
            self.apply_url = f'sqlite:///{workdir / "apply.sqlite3"}'
            self.bulk_url = f'sqlite:///{workdir / "bulk.sqlite3"}'
        elif url.startswith('sqlite'):
            self.engine = 'sqlite'
            path = Path(urlsplit(url).path)
            bulk = path.with_name(path.stem + '-bulk' + (path.suffix or '.sqlite3'))
            for candidate in (path, bulk):
                if candidate.exists():
                    raise SystemExit(f'{candidate} exists: the benchmark needs a fresh database')
            path.parent.mkdir(parents=True, exist_ok=True)
            self.apply_url, self.bulk_url = f'sqlite:///{path}', f'sqlite:///{bulk}'
        elif url.startswith(('postgres://', 'postgresql://')):
            self.engine = 'postgresql'
            self.server_url = url
            base = f'accord_bench_{os.getpid()}'
            self.apply_url = self._create_pg(base)
            self.bulk_url = self._create_pg(f'{base}_bulk')
        else:
            raise SystemExit(f'unsupported ACCORD_DATABASE_URL: {shown_url(url)}')

    def _create_pg(self, name: str) -> str:
        import psycopg
        from psycopg import sql

        with psycopg.connect(self.server_url, autocommit=True) as conn:
            conn.execute(sql.SQL('CREATE DATABASE {}').format(sql.Identifier(name)))
        self.created_pg.append(name)
        return urlunsplit(urlsplit(self.server_url)._replace(path=f'/{name}'))

    def server_version(self) -> str:
        if self.engine == 'sqlite':
            import sqlite3

            return f'SQLite {sqlite3.sqlite_version}'
        import psycopg

        with psycopg.connect(self.server_url, autocommit=True) as conn:
            return conn.execute('SHOW server_version').fetchone()[0].join(('PostgreSQL ', ''))

    def drop(self) -> None:
        if self.keep or not self.created_pg:
            return
        import psycopg
        from psycopg import sql

        with psycopg.connect(self.server_url, autocommit=True) as conn:
            for name in self.created_pg:
                conn.execute(sql.SQL('DROP DATABASE IF EXISTS {} WITH (FORCE)').format(sql.Identifier(name)))


def setup_django(apply_url: str, bulk_url: str) -> None:
    """Configure Django in this process: 'default' is the apply database, 'bulk' the baseline's."""
    os.environ['ACCORD_DATABASE_URL'] = apply_url
    os.environ['DJANGO_SETTINGS_MODULE'] = 'accord.settings'
    from django.conf import settings

    from accord.settings import database_from_url

    settings.DATABASES['bulk'] = database_from_url(bulk_url)
    import django

    django.setup()


def migrate(alias: str) -> None:
    from django.core.management import call_command

    call_command('migrate', database=alias, interactive=False, verbosity=0)


# The measured subprocess.
def accord_command() -> list[str]:
    script = Path(sys.executable).parent / 'accord'
    return [str(script)] if script.exists() else [sys.executable, '-m', 'accord']


def run_measured(argv: list[str], env: dict, stdout_path: Path) -> dict:
    """Run a command; its wall time, CPU time and peak RSS (that child's own, from wait4)."""
    with stdout_path.open('w') as out:
        start = time.perf_counter()
        process = subprocess.Popen(argv, env=env, stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    return {'rc': process.returncode, 'wall': wall, 'cpu': usage.ru_utime + usage.ru_stime,
            'rss_mb': usage.ru_maxrss / 1024, 'output': stdout_path}


def last_line(path: Path) -> str:
    lines = [line for line in path.read_text().splitlines() if line.strip()]
    return lines[-1] if lines else ''


# What the databases hold.
def domain_models() -> list:
    """Every table the catalogue writes, many-to-many tables included, in insertion order."""
    from accord.catalog.models import (
        ComponentView,
        OfferingElement,
        Product,
        ProductComponent,
        RequestItem,
        Service,
        ServiceOffering,
        UsageCharge,
    )
    from accord.parties.models import ConsumerGroup, Organization, Person
    from accord.resources.models import Item, Resource, ResourceDependency

    return [
        Organization, Person, Person.member_of.through, ConsumerGroup, ConsumerGroup.members.through,
        Resource, ResourceDependency, Item, Product, Product.hidden_from.through, ProductComponent, ComponentView,
        Service, Service.products.through, ServiceOffering, ServiceOffering.services.through,
        ServiceOffering.target_groups.through, OfferingElement, UsageCharge, RequestItem,
    ]


def snapshot(alias: str) -> dict:
    """Row counts per table, each table's latest last_updated, the change log's size and last id, the data
    version, and the record of applied files (what a re-apply skips: rewritten only when a file is read)."""
    from django.db.models import Max

    from accord.core.models import AppliedFile, DataVersion, ObjectChange

    state = {}
    for model in domain_models():
        label = model._meta.db_table
        state[f'rows {label}'] = model._base_manager.using(alias).count()
        if any(f.name == 'last_updated' for f in model._meta.concrete_fields):
            state[f'last_updated {label}'] = model._base_manager.using(alias).aggregate(m=Max('last_updated'))['m']
    changes = ObjectChange.objects.using(alias)
    state['rows core_objectchange'] = changes.count()
    state['last id core_objectchange'] = changes.aggregate(m=Max('id'))['m']
    state['data version'] = DataVersion.objects.using(alias).values_list('value', flat=True).first()
    state['applied files'] = list(AppliedFile.objects.using(alias).values_list('path', 'sha256', 'applied'))
    return state


def domain_rows(state: dict) -> dict:
    return {key: value for key, value in state.items() if key.startswith('rows ') and 'objectchange' not in key}


# The baseline.
def canonical_documents(generator) -> dict[str, list[tuple[dict, dict]]]:
    """Each document's (metadata, spec) in canonical form: the values apply stores, without the database."""
    from accord.interchange.kinds import KINDS_BY_NAME, normalize_metadata

    return {kind: [(normalize_metadata(doc['metadata']), KINDS_BY_NAME[kind].normalize(doc['spec'])) for doc in docs]
            for kind, docs in generator.docs.items()}


def _through(model, field_name: str):
    field = model._meta.get_field(field_name)
    through = field.remote_field.through
    source, target = f'{field.m2m_field_name()}_id', f'{field.m2m_reverse_field_name()}_id'
    return lambda a, b: through(**{source: a.pk, target: b.pk})


def bulk_insert(canonical: dict, alias: str) -> int:
    """bulk_create every row apply would write (not the change log), in one transaction; the rows written."""
    from django.db import transaction

    from accord.catalog.models import (
        ComponentView,
        OfferingElement,
        Product,
        ProductComponent,
        RequestItem,
        Service,
        ServiceOffering,
        UsageCharge,
    )
    from accord.parties.models import ConsumerGroup, Organization, Person
    from accord.resources.models import Item, Resource, ResourceDependency

    rows = 0

    def create(model, objects: list) -> list:
        nonlocal rows
        if objects:
            model._base_manager.using(alias).bulk_create(objects, batch_size=BATCH)
            rows += len(objects)
        return objects

    def named(meta: dict) -> dict:
        return {'name': meta['name'], 'title': meta.get('title', ''), 'description': meta.get('description', ''),
                'labels': meta.get('labels', {})}

    with transaction.atomic(using=alias):
        orgs: dict[str, Organization] = {}
        pending = canonical['Organization']
        while pending:  # parents before their units
            level = [(m, s) for m, s in pending if s.get('parent') is None or s['parent'] in orgs]
            objects = create(Organization, [
                Organization(**named(m), kind=s.get('kind', 'legal-entity'), external=s.get('external', False),
                             parent=orgs.get(s.get('parent'))) for m, s in level])
            orgs.update((o.name, o) for o in objects)
            pending = [(m, s) for m, s in pending if m['name'] not in orgs]

        persons = {o.name: o for o in create(Person, [Person(**named(m), email=s.get('email', ''))
                                                      for m, s in canonical['Person']])}
        link = _through(Person, 'member_of')
        create(Person.member_of.through, [link(persons[m['name']], orgs[o])
                                          for m, s in canonical['Person'] for o in s['memberOf']])

        groups = {o.name: o for o in create(ConsumerGroup, [
            ConsumerGroup(**named(m), provider=orgs[s['provider']], eligibility=s.get('eligibility', ''))
            for m, s in canonical['ConsumerGroup']])}
        link = _through(ConsumerGroup, 'members')
        create(ConsumerGroup.members.through, [link(groups[m['name']], orgs[o])
                                               for m, s in canonical['ConsumerGroup'] for o in s.get('members', [])])

        resources = {o.name: o for o in create(Resource, [
            Resource(**named(m), organization=orgs[s['organization']], dimension=s['dimension'], kind=s['kind'],
                     capacity_amount=Decimal(s['capacity']['amount']) if 'capacity' in s else None,
                     capacity_unit=s['capacity']['unit'] if 'capacity' in s else '')
            for m, s in canonical['Resource']])}
        create(ResourceDependency, [ResourceDependency(resource=resources[m['name']], depends_on=resources[d])
                                    for m, s in canonical['Resource'] for d in s.get('dependsOn', [])])
        create(Item, [Item(name=i['name'], title=i.get('title', ''), resource=resources[m['name']],
                           owner=orgs[i.get('owner', s['organization'])])
                      for m, s in canonical['Resource'] for i in s.get('items', [])])

        products = {o.name: o for o in create(Product, [Product(**named(m), provider=orgs[s['provider']])
                                                        for m, s in canonical['Product']])}
        link = _through(Product, 'hidden_from')
        create(Product.hidden_from.through, [link(products[m['name']], groups[g])
                                             for m, s in canonical['Product'] for g in s.get('hiddenFrom', [])])
        components = []
        for m, s in canonical['Product']:
            for position, c in enumerate(s['components']):
                component = ProductComponent(product=products[m['name']], resource=resources[c['resource']],
                                             role=c.get('role', ''), visibility=c.get('visibility', 'hidden'),
                                             position=position)
                component.views_spec = c.get('views', {})
                components.append(component)
        create(ProductComponent, components)
        create(ComponentView, [ComponentView(component=c, group=groups[g], label=v.get('label', ''))
                               for c in components for g, v in c.views_spec.items()])

        services = {o.name: o for o in create(Service, [
            Service(**named(m), provider=orgs[s['provider']], owner=persons[s['owner']],
                    lifecycle=s.get('lifecycle', 'live')) for m, s in canonical['Service']])}
        link = _through(Service, 'products')
        create(Service.products.through, [link(services[m['name']], products[p])
                                          for m, s in canonical['Service'] for p in s['products']])

        offerings = {}
        for m, s in canonical['ServiceOffering']:
            plan, fee = s.get('pricing', {}), s.get('pricing', {}).get('fee')
            offerings[m['name']] = ServiceOffering(
                **named(m), provider=orgs[s['provider']], lifecycle=s.get('lifecycle', 'live'),
                currency=plan.get('currency', ''), fee_amount=Decimal(fee['amount']) if fee else None,
                fee_per=fee['per'] if fee else '', waivers=plan.get('waivers'), value=s.get('value', {}))
        create(ServiceOffering, list(offerings.values()))
        link = _through(ServiceOffering, 'services')
        create(ServiceOffering.services.through, [
            link(offerings[m['name']], services[v]) for m, s in canonical['ServiceOffering']
            for v in s.get('services', [])])
        link = _through(ServiceOffering, 'target_groups')
        create(ServiceOffering.target_groups.through, [
            link(offerings[m['name']], groups[g]) for m, s in canonical['ServiceOffering']
            for g in s.get('targetGroups', [])])
        elements: dict[tuple[str, str], OfferingElement] = {}
        for m, s in canonical['ServiceOffering']:
            for position, e in enumerate(s.get('elements', [])):
                elements[(m['name'], e['name'])] = _element(offerings[m['name']], e, position, products, resources)
        create(OfferingElement, list(elements.values()))
        create(UsageCharge, [UsageCharge(offering=offerings[m['name']], event=u['event'], amount=Decimal(u['amount']),
                                         allowance=u.get('allowance', 0))
                             for m, s in canonical['ServiceOffering'] for u in s.get('pricing', {}).get('usage', [])])
        create(RequestItem, [RequestItem(offering=offerings[m['name']], name=r['name'], title=r.get('title', ''),
                                         element=elements[(m['name'], r['element'])],
                                         approval=r.get('approval', 'none'))
                             for m, s in canonical['ServiceOffering'] for r in s.get('requestItems', [])])
    return rows


def _element(offering, e: dict, position: int, products: dict, resources: dict):
    from accord.catalog.models import OfferingElement

    window, conversion, duration = e.get('window'), e.get('convertibleToGood'), e.get('targetDuration')
    ((unit, amount),) = duration.items() if duration else ((None, None),)
    action = e['kind'] == 'action'
    return OfferingElement(
        offering=offering, name=e['name'], kind=e['kind'], product=products[e['product']],
        component=resources[e['component']] if 'component' in e else None, quantity=e.get('quantity'),
        window_from=datetime.time.fromisoformat(window['from']) if window else None,
        window_to=datetime.time.fromisoformat(window['to']) if window else None,
        conversion_price=Decimal(conversion['price']) if conversion else None,
        trigger=e.get('trigger', 'on-request') if action else '',
        performed_by=e.get('performedBy', 'provider') if action else '',
        requires_consumer_presence=bool(e.get('requiresConsumerPresence')),
        target_duration_amount=amount, target_duration_unit=unit or '', position=position)


# The run.
def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description='Benchmark accord apply against a raw bulk insert.')
    parser.add_argument('--scale', type=float, default=1.0, help='fraction of the full catalogue (default 1.0)')
    parser.add_argument('--keep', action='store_true', help='keep the catalogue and the databases')
    parser.add_argument('--verify', action='store_true',
                        help='also export both databases and check the exports are byte-identical (not timed)')
    args = parser.parse_args(argv)

    url = os.environ.get('ACCORD_DATABASE_URL')
    command = shlex.join([Path(sys.executable).name, *sys.argv])
    print('=' * 78)
    print('accord apply benchmark')
    print(f'command: {"ACCORD_DATABASE_URL=" + shlex.quote(shown_url(url)) + " " if url else ""}{command}')
    print(f'date:    {datetime.datetime.now().astimezone().isoformat(timespec="seconds")}')
    print(f'machine: {platform.node()}, {os.cpu_count()} cores, {platform.system()} {platform.release()}, '
          f'Python {platform.python_version()}; load average {os.getloadavg()[0]:.1f} '
          '(other processes share the cores: compare CPU s as well as wall s)')

    workdir = Path(tempfile.mkdtemp(prefix='accord-bench-'))
    databases = None
    try:
        databases = Databases(url, workdir, args.keep)
        print(f'database: {databases.server_version()}; apply: {shown_url(databases.apply_url)}; '
              f'bulk: {shown_url(databases.bulk_url)}')
        print('=' * 78, flush=True)
        return _run(args, databases, workdir)
    finally:
        from django.apps import apps

        if apps.ready:
            from django.db import connections

            connections.close_all()
        if databases is not None:
            databases.drop()
        if args.keep:
            print(f'kept: {workdir}' + (f' and databases {", ".join(databases.created_pg)}'
                                        if databases and databases.created_pg else ''))
        else:
            shutil.rmtree(workdir, ignore_errors=True)


def _run(args, databases: Databases, workdir: Path) -> int:
    from django.db import connections

    catalogue = workdir / 'catalogue'
    start = time.perf_counter()
    generator = generate_catalogue.generate(args.scale)
    files = generate_catalogue.write(generator, catalogue)
    size = sum(p.stat().st_size for p in files)
    documents = sum(generator.summary().values())
    log(f'generated {documents} documents in {len(files)} files ({size / 1e6:.1f} MB) in '
        f'{time.perf_counter() - start:.1f} s: ' + ', '.join(f'{n} {k}' for k, n in generator.summary().items()))

    setup_django(databases.apply_url, databases.bulk_url)
    start = time.perf_counter()
    migrate('default')
    migrate('bulk')
    connections.close_all()
    log(f'migrated both databases in {time.perf_counter() - start:.1f} s (not timed below)')

    env = dict(os.environ, ACCORD_DATABASE_URL=databases.apply_url)
    argv = [*accord_command(), 'apply', str(catalogue)]
    log(f'first apply: {shlex.join(argv)}')
    first = run_measured(argv, env, workdir / 'apply-1.txt')
    if first['rc'] != 0:
        print((workdir / 'apply-1.txt').read_text()[-5000:])
        log(f'first apply failed with exit status {first["rc"]}')
        return 1
    log(f'first apply: {first["wall"]:.1f} s wall, {first["cpu"]:.1f} s CPU, peak RSS {first["rss_mb"]:.0f} MB; '
        f'{last_line(first["output"])}')

    before = snapshot('default')
    connections.close_all()
    log('re-apply of the unchanged catalogue')
    again = run_measured(argv, env, workdir / 'apply-2.txt')
    after = snapshot('default')
    connections.close_all()
    summary = last_line(again['output'])
    log(f're-apply: {again["wall"]:.1f} s wall, {again["cpu"]:.1f} s CPU, peak RSS {again["rss_mb"]:.0f} MB; '
        f'{summary}')
    rewritten = {key: (before[key], after[key]) for key in before if before[key] != after[key]}
    untouched = again['rc'] == 0 and not rewritten and summary.startswith('0 created, 0 updated,')
    if untouched:
        log(f're-apply wrote nothing: {before["rows core_objectchange"]} change-log rows (last id '
            f'{before["last id core_objectchange"]}), {len(before)} counts and last_updated maxima unchanged')
    else:
        log(f're-apply REWROTE rows (exit status {again["rc"]}): {rewritten}')

    canonical = canonical_documents(generator)
    log('bulk insert of the same rows into the second database')
    start, start_cpu = time.perf_counter(), time.process_time()
    rows = bulk_insert(canonical, 'bulk')
    bulk_seconds, bulk_cpu = time.perf_counter() - start, time.process_time() - start_cpu
    log(f'bulk insert: {rows} rows in {bulk_seconds:.2f} s ({bulk_cpu:.2f} s CPU of this process)')
    applied, bulked = domain_rows(after), domain_rows(snapshot('bulk'))
    connections.close_all()
    same_rows = applied == bulked and sum(bulked.values()) == rows
    if not same_rows:
        log('ROW COUNTS DIFFER: ' + ', '.join(f'{k}: apply {applied[k]} bulk {bulked.get(k)}'
                                              for k in applied if applied[k] != bulked.get(k)))
    else:
        log(f'both databases hold the same {rows} rows in {len(applied)} tables '
            f'(apply also wrote {after["rows core_objectchange"]} change-log rows)')
    identical = None
    if args.verify:
        exports = []
        for label, db_url in (('apply', databases.apply_url), ('bulk', databases.bulk_url)):
            path = workdir / f'export-{label}.yaml'
            subprocess.run([*accord_command(), 'export', '-o', str(path)], check=True, capture_output=True,
                           env=dict(os.environ, ACCORD_DATABASE_URL=db_url))
            exports.append(path.read_bytes())
        identical = exports[0] == exports[1]
        log(f'exports of both databases are {"byte-identical" if identical else "DIFFERENT"} '
            f'({len(exports[0]) / 1e6:.1f} MB)')

    print('=' * 78)
    table = [
        ('documents', f'{documents}'),
        ('rows (domain tables)', f'{rows}'),
        ('first apply, wall s', f'{first["wall"]:.2f}'),
        ('first apply, CPU s', f'{first["cpu"]:.2f}'),
        ('re-apply, wall s', f'{again["wall"]:.2f}'),
        ('re-apply, CPU s', f'{again["cpu"]:.2f}'),
        ('bulk insert, s', f'{bulk_seconds:.2f}'),
        ('bulk insert, CPU s', f'{bulk_cpu:.2f}'),
        ('ratio apply / bulk', f'{first["wall"] / bulk_seconds:.1f}'),
        ('ratio apply / bulk, CPU', f'{first["cpu"] / bulk_cpu:.1f}'),
        ('ratio re-apply / apply', f'{again["wall"] / first["wall"]:.2f}'),
        ('ratio re-apply / apply, CPU', f'{again["cpu"] / first["cpu"]:.2f}'),
        ('peak RSS first apply, MB', f'{first["rss_mb"]:.0f}'),
        ('peak RSS re-apply, MB', f'{again["rss_mb"]:.0f}'),
        ('apply documents/s', f'{documents / first["wall"]:.0f}'),
        ('apply rows/s', f'{rows / first["wall"]:.0f}'),
        ('bulk rows/s', f'{rows / bulk_seconds:.0f}'),
        ('re-apply wrote nothing', 'yes' if untouched else 'NO'),
        ('same rows in both databases', 'yes' if same_rows else 'NO'),
    ]
    if identical is not None:
        table.append(('exports byte-identical', 'yes' if identical else 'NO'))
    table.append(('load average at the end', f'{os.getloadavg()[0]:.1f}'))
    width = max(len(label) for label, _ in table)
    for label, value in table:
        print(f'{label:<{width}}  {value:>12}')
    print('=' * 78, flush=True)
    return 0 if untouched and same_rows and identical is not False else 1


if __name__ == '__main__':
    sys.exit(main())

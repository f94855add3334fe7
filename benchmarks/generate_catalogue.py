"""Generate a large, valid Accord catalogue for benchmarks, deterministically (seeded).

At ``--scale 1.0`` the catalogue holds 20 organizations (three providers with business units and
teams, five external suppliers, one individual), their persons and consumer groups, 10,000
resources (every dimension and kind, about two ``dependsOn`` edges each to lower-numbered
resources of the same provider family, so the graph is acyclic, some with capacity, a few with
items), 2,000 products (3-6 components each, some views with labels, some ``hiddenFrom``),
200 services and 1,000 offerings (services, target groups, 2-5 elements of the three kinds,
pricing with waivers and usage, value, request items).

Every reference resolves within the files and the domain rules hold (domain.md R15-R18): an
offering's services, products and groups are its provider's; a component's resource belongs to
the product's provider; an element's component is one of its product's components; a service's
owner is a member of its provider.

    python benchmarks/generate_catalogue.py --scale 0.1 --out /tmp/catalogue
"""

import argparse
import random
import sys
from collections.abc import Iterator
from pathlib import Path

import yaml

API_VERSION = 'accord/v1'
SEED = 20250301

FULL = {'resources': 10_000, 'products': 2_000, 'services': 200, 'offerings': 1_000}
CHUNK = {'Resource': 2_000, 'Product': 1_000, 'ServiceOffering': 500}

# Providers, each with its business units and teams (team -> its unit).
PROVIDERS = {
    'northwind': {'units': ['northwind-retail', 'northwind-business', 'northwind-digital'],
                  'teams': {'northwind-platform-team': 'northwind-digital'}},
    'bluepeak': {'units': ['bluepeak-hotels', 'bluepeak-events', 'bluepeak-travel'],
                 'teams': {'bluepeak-housekeeping': 'bluepeak-hotels'}},
    'harbor-health': {'units': ['harbor-clinics', 'harbor-pharmacy'],
                      'teams': {'harbor-it-team': 'harbor-clinics'}},
}
SUPPLIERS = ['cloudco', 'cardnet-plus', 'printco-supplies', 'armor-logistics', 'datasafe']
INDIVIDUAL = 'jo-doe'

# kind -> (dimension, weight)
RESOURCE_KINDS = {
    'application': ('information-and-technology', 24),
    'infrastructure': ('information-and-technology', 18),
    'facility': ('information-and-technology', 6),
    'goods-stock': ('information-and-technology', 6),
    'information': ('information-and-technology', 12),
    'people-capability': ('organizations-and-people', 12),
    'process': ('value-streams-and-processes', 14),
    'supplied-service': ('partners-and-suppliers', 8),
}
CAPACITY_UNITS = {'facility': 'room-nights', 'infrastructure': 'vcpu', 'goods-stock': 'units',
                  'people-capability': 'hours'}
WORDS = ['core', 'ledger', 'gateway', 'portal', 'engine', 'vault', 'hub', 'desk', 'fleet', 'stock',
         'queue', 'registry', 'archive', 'studio', 'network', 'kiosk', 'lounge', 'clinic', 'depot', 'line']
ROLES = ['stores the records', 'runs the front end', 'processes payments', 'staffs the desk',
         'hosts the workload', 'delivers the goods', 'answers the phone', 'checks for fraud']
SEGMENTS = ['students', 'families', 'premier', 'small-business', 'corporate', 'public-sector',
            'startups', 'seniors']
OUTCOMES = ['Pay and get paid without cash', 'A good night of sleep', 'Staff productive on day one',
            'Records always at hand', 'Fewer trips to the branch', 'Answers within one business day']
COSTS = ['Cash handling', 'Own servers', 'Travel to the office', 'Monthly fee unless waived', 'Setup fee']
RISKS = ['Theft of cash', 'Data loss', 'Card fraud', 'Missed appointments', 'Vendor lock-in']
EVENTS = ['foreign-atm-withdrawal', 'extra-night', 'late-checkout', 'overage-gb', 'paper-statement', 'call-out']


def _doc(kind: str, name: str, spec: dict, *, title: str | None = None, description: str | None = None,
         labels: dict | None = None) -> dict:
    metadata: dict = {'name': name}
    if title:
        metadata['title'] = title
    if description:
        metadata['description'] = description
    if labels:
        metadata['labels'] = labels
    return {'apiVersion': API_VERSION, 'kind': kind, 'metadata': metadata, 'spec': spec}


def _money(rng: random.Random, low: int, high: int) -> str:
    return f'{rng.randint(low, high)}.{rng.choice(["00", "50", "99", "25"])}'


class Generator:
    """Builds the documents in memory; ``files()`` splits them into files."""

    def __init__(self, scale: float = 1.0, seed: int = SEED):
        if scale <= 0:
            raise ValueError('scale must be positive')
        self.rng = random.Random(seed)
        self.scale = scale
        self.counts = {key: max(1, round(value * scale)) for key, value in FULL.items()}
        self.docs: dict[str, list[dict]] = {kind: [] for kind in (
            'Organization', 'Person', 'ConsumerGroup', 'Resource', 'Product', 'Service', 'ServiceOffering')}
        self.family: dict[str, str] = {}  # organization -> its provider (or itself)
        self.catalogue_owners: list[str] = []  # organizations with products, services, offerings, groups
        self.members: dict[str, list[str]] = {}  # organization -> persons
        self.groups: dict[str, list[str]] = {}
        self.resources: dict[str, list[dict]] = {}  # organization -> resource docs
        self.products: dict[str, list[dict]] = {}
        self.services: dict[str, list[dict]] = {}
        self.offerings: dict[str, list[str]] = {}

    # Parties.
    def organizations(self) -> None:
        add = self.docs['Organization'].append
        for provider, shape in PROVIDERS.items():
            add(_doc('Organization', provider, {}, title=provider.replace('-', ' ').title(),
                     description=f'{provider.title()} is a service provider with business units.'))
            self.family[provider] = provider
            self.catalogue_owners.append(provider)
            for unit in shape['units']:
                add(_doc('Organization', unit, {'kind': 'business-unit', 'parent': provider},
                         title=unit.replace('-', ' ').title()))
                self.family[unit] = provider
                self.catalogue_owners.append(unit)
            for team, unit in shape['teams'].items():
                add(_doc('Organization', team, {'kind': 'team', 'parent': unit}, title=team.replace('-', ' ').title()))
                self.family[team] = provider
        for supplier in SUPPLIERS:
            add(_doc('Organization', supplier, {'external': True}, title=supplier.replace('-', ' ').title(),
                     labels={'role': 'supplier'}))
            self.family[supplier] = supplier
        add(_doc('Organization', INDIVIDUAL, {'kind': 'individual'}, title='Jo Doe'))
        self.family[INDIVIDUAL] = INDIVIDUAL

    def persons(self) -> None:
        rng = self.rng
        per_owner = max(3, round(12 * self.scale))
        number = 0
        for organization in self.family:
            count = per_owner if organization in self.catalogue_owners else (1 if organization == INDIVIDUAL else 2)
            for _ in range(count):
                number += 1
                name = f'person-{number:04d}'
                member_of = [organization]
                parent = self.family[organization]
                if parent != organization and rng.random() < 0.3:
                    member_of.append(parent)  # staff of a unit often belong to the legal entity too
                spec: dict = {'memberOf': member_of}
                if rng.random() < 0.8:
                    spec['email'] = f'{name}@{parent}.example'
                self.docs['Person'].append(_doc('Person', name, spec, title=f'Person {number}'))
                for org in member_of:
                    self.members.setdefault(org, []).append(name)

    def consumer_groups(self) -> None:
        rng = self.rng
        outsiders = SUPPLIERS + [INDIVIDUAL]
        for owner in self.catalogue_owners:
            for segment in rng.sample(SEGMENTS, 4):
                name = f'{owner}-{segment}'
                spec: dict = {'provider': owner, 'eligibility': f'{segment.replace("-", " ").title()} of {owner}.'}
                if rng.random() < 0.4:
                    spec['members'] = sorted(rng.sample(outsiders, rng.randint(1, 2)))
                self.docs['ConsumerGroup'].append(_doc('ConsumerGroup', name, spec, title=segment.title()))
                self.groups.setdefault(owner, []).append(name)

    # Resources.
    def resource_docs(self) -> None:
        rng = self.rng
        controllers = [org for org in self.family if org != INDIVIDUAL]
        teams = [team for shape in PROVIDERS.values() for team in shape['teams']]
        weights = [1 if org in SUPPLIERS else 2 if org in teams else 8 for org in controllers]
        kinds = list(RESOURCE_KINDS)
        kind_weights = [RESOURCE_KINDS[k][1] for k in kinds]
        minimum = 8 * len(self.catalogue_owners)  # every owner can make products of 3-6 components
        in_family: dict[str, list[str]] = {}
        for index in range(self.counts['resources']):
            org = (self.catalogue_owners[index % len(self.catalogue_owners)] if index < minimum
                   else rng.choices(controllers, weights)[0])
            kind = rng.choices(kinds, kind_weights)[0]
            if org in SUPPLIERS and kind == 'supplied-service':
                kind = 'application'
            word = rng.choice(WORDS)
            name = f'res-{index:05d}-{word}'
            spec: dict = {'organization': org, 'dimension': RESOURCE_KINDS[kind][0], 'kind': kind}
            earlier = in_family.setdefault(self.family[org], [])
            if earlier:
                wanted = min(len(earlier), rng.choice([0, 1, 2, 2, 2, 3, 4]))
                # Mostly recent resources (a layered stack), sometimes anything older.
                picks = {earlier[-1 - min(len(earlier) - 1, int(rng.expovariate(1 / 40)))] for _ in range(wanted)}
                if picks:
                    spec['dependsOn'] = sorted(picks)
            if kind in CAPACITY_UNITS and rng.random() < 0.5:
                amount = rng.choice([str(rng.randint(1, 500)), f'{rng.randint(1, 99)}.5'])
                spec['capacity'] = {'amount': amount, 'unit': CAPACITY_UNITS[kind]}
            if kind in ('goods-stock', 'facility') and rng.random() < 0.25:
                items = []
                for number in range(1, rng.randint(1, 4) + 1):
                    item: dict = {'name': f'{name}-item-{number}', 'title': f'{word.title()} #{number}'}
                    if rng.random() < 0.2:
                        item['owner'] = INDIVIDUAL  # a good already delivered to a consumer
                    items.append(item)
                spec['items'] = items
            labels = {'tier': rng.choice(['gold', 'silver', 'bronze'])} if rng.random() < 0.3 else None
            description = f'The {word} {kind.replace("-", " ")} of {org}.' if rng.random() < 0.2 else None
            doc = _doc('Resource', name, spec, title=f'{word.title()} {index}', description=description, labels=labels)
            self.docs['Resource'].append(doc)
            self.resources.setdefault(org, []).append(doc)
            earlier.append(name)

    # Catalogue.
    def product_docs(self) -> None:
        rng = self.rng
        for index in range(self.counts['products']):
            owner = self.catalogue_owners[index % len(self.catalogue_owners)]
            name = f'prod-{index:04d}'
            pool = self.resources[owner]
            groups = self.groups[owner]
            components = []
            for resource in rng.sample(pool, min(len(pool), rng.randint(3, 6))):
                component: dict = {'resource': resource['metadata']['name']}
                if rng.random() < 0.7:
                    component['role'] = rng.choice(ROLES)
                supplied = resource['spec']['kind'] == 'supplied-service'
                if not supplied and rng.random() < 0.2:
                    component['visibility'] = 'visible'
                if rng.random() < 0.25:
                    views = {}
                    for group in sorted(rng.sample(groups, rng.randint(1, 2))):
                        views[group] = {'label': f'{resource["metadata"]["title"]} for {group}'} \
                            if rng.random() < 0.7 else None
                    component['views'] = views
                components.append(component)
            spec: dict = {'provider': owner, 'components': components}
            if rng.random() < 0.1:
                spec['hiddenFrom'] = [rng.choice(groups)]
            doc = _doc('Product', name, spec, title=f'Product {index}',
                       description='A configuration of resources.' if rng.random() < 0.3 else None)
            self.docs['Product'].append(doc)
            self.products.setdefault(owner, []).append(doc)

    def service_docs(self) -> None:
        rng = self.rng
        for index in range(self.counts['services']):
            owner = self.catalogue_owners[index % len(self.catalogue_owners)]
            products = self.products[owner]
            spec: dict = {
                'provider': owner,
                'owner': rng.choice(self.members[owner]),
                'products': sorted(p['metadata']['name'] for p in rng.sample(products, min(len(products),
                                                                                         rng.randint(2, 5)))),
            }
            lifecycle = rng.choices(['live', 'pipeline', 'retired'], [85, 10, 5])[0]
            if lifecycle != 'live':
                spec['lifecycle'] = lifecycle
            doc = _doc('Service', f'svc-{index:03d}', spec, title=f'Service {index}')
            self.docs['Service'].append(doc)
            self.services.setdefault(owner, []).append(doc)

    def offering_docs(self) -> None:
        rng = self.rng
        total = self.counts['offerings']
        bare = SUPPLIERS[:max(0, min(len(SUPPLIERS), total - len(self.catalogue_owners)))]
        for supplier in bare:  # external suppliers' offerings: bare, priced
            spec = {'provider': supplier, 'pricing': {'currency': 'USD',
                                                      'fee': {'amount': _money(rng, 500, 9000), 'per': 'month'}}}
            self.docs['ServiceOffering'].append(_doc('ServiceOffering', f'{supplier}-supply', spec,
                                                     title=f'{supplier.replace("-", " ").title()} Supply'))
        for index in range(total - len(bare)):
            owner = self.catalogue_owners[index % len(self.catalogue_owners)]
            self.docs['ServiceOffering'].append(self._offering(index, owner))

    def _offering(self, index: int, owner: str) -> dict:
        rng = self.rng
        name = f'offer-{index:04d}'
        services = rng.sample(self.services[owner], min(len(self.services[owner]), rng.randint(1, 3)))
        spec: dict = {'provider': owner, 'services': sorted(s['metadata']['name'] for s in services)}
        if rng.random() < 0.9:
            spec['targetGroups'] = sorted(rng.sample(self.groups[owner], rng.randint(1, 3)))
        if rng.random() < 0.1:
            spec['lifecycle'] = rng.choice(['pipeline', 'retired'])
        by_name = {p['metadata']['name']: p for p in self.products[owner]}
        through_services = sorted({p for s in services for p in s['spec']['products']})
        priced = rng.random() < 0.85
        currency = rng.choice(['USD', 'EUR', 'GBP'])
        elements = []
        for number in range(1, rng.randint(2, 5) + 1):
            product = by_name[rng.choice(through_services)] if rng.random() < 0.8 else rng.choice(self.products[owner])
            kind = rng.choice(['good', 'access', 'action'])
            element: dict = {'kind': kind, 'name': f'{kind}-{number}', 'product': product['metadata']['name']}
            if rng.random() < 0.5:
                element['component'] = rng.choice(product['spec']['components'])['resource']
            if kind == 'good' and rng.random() < 0.6:
                element['quantity'] = rng.randint(1, 10)
            elif kind == 'access':
                if rng.random() < 0.5:
                    element['window'] = {'from': f'{rng.randint(6, 11):02d}:00', 'to': f'{rng.randint(15, 23):02d}:30'}
                if priced and rng.random() < 0.2:
                    element['convertibleToGood'] = {'price': _money(rng, 5, 200)}
            elif kind == 'action':
                if rng.random() < 0.5:
                    element['trigger'] = rng.choice(['on-request', 'scheduled', 'on-event'])
                if rng.random() < 0.4:
                    element['performedBy'] = rng.choice(['provider', 'consumer', 'joint'])
                if rng.random() < 0.3:
                    element['requiresConsumerPresence'] = True
                if rng.random() < 0.7:
                    element['targetDuration'] = {rng.choice(['days', 'businessDays', 'hours']): rng.randint(1, 30)}
            elements.append(element)
        spec['elements'] = elements
        if priced:
            pricing: dict = {'currency': currency}
            if rng.random() < 0.8:
                pricing['fee'] = {'amount': _money(rng, 0, 300),
                                  'per': rng.choice(['month', 'night', 'one-off', 'user-month'])}
                if rng.random() < 0.5:
                    pricing['waivers'] = self._waiver(owner)
            usage = [{'event': event, 'amount': _money(rng, 1, 20)} for event in rng.sample(EVENTS, rng.randint(0, 2))]
            for charge in usage:
                if rng.random() < 0.4:
                    charge['allowance'] = rng.randint(1, 5)
            if usage:
                pricing['usage'] = usage
            spec['pricing'] = pricing
        if rng.random() < 0.7:
            spec['value'] = {'outcomes': rng.sample(OUTCOMES, rng.randint(1, 2))}
            for key, pool in (('costsRemoved', COSTS), ('costsAdded', COSTS), ('risksRemoved', RISKS),
                              ('risksAdded', RISKS)):
                if rng.random() < 0.5:
                    spec['value'][key] = rng.sample(pool, rng.randint(1, 2))
        requestable = [e for e in elements if e['kind'] in ('action', 'access')]
        if requestable and rng.random() < 0.5:
            spec['requestItems'] = [
                {'name': f'request-{e["name"]}', 'title': f'Request {e["name"]}', 'element': e['name'],
                 'approval': rng.choice(['none', 'sponsor'])}
                for e in rng.sample(requestable, min(2, len(requestable)))
            ]
        self.offerings.setdefault(owner, []).append(name)
        return _doc('ServiceOffering', name, spec, title=f'Offering {index}',
                    labels={'segment': rng.choice(SEGMENTS)} if rng.random() < 0.3 else None)

    def _waiver(self, owner: str) -> dict:
        rng = self.rng
        leaves = [{'fact': 'direct-deposit', 'atLeast': 1}, {'fact': 'direct-deposit-total', 'atLeast': 1000},
                  {'fact': 'average-balance', 'atLeast': '2500.50'}, {'fact': 'support-calls', 'atMost': 3}]
        if self.offerings.get(owner):
            leaves.append({'subscribedTo': rng.choice(self.offerings[owner])})  # an earlier offering of the provider
        shape = rng.random()
        if shape < 0.3:
            return rng.choice(leaves)
        if shape < 0.8:
            return {'anyOf': rng.sample(leaves, 2)}
        return {'allOf': [rng.choice(leaves), {'anyOf': rng.sample(leaves, 2)}]}

    def build(self) -> 'Generator':
        self.organizations()
        floor = len(self.catalogue_owners)  # every owner has products, services and offerings
        for key in ('products', 'services'):
            self.counts[key] = max(self.counts[key], floor)
        self.counts['offerings'] = max(self.counts['offerings'], floor + len(SUPPLIERS))
        self.persons()
        self.consumer_groups()
        self.resource_docs()
        self.product_docs()
        self.service_docs()
        self.offering_docs()
        return self

    def files(self) -> Iterator[tuple[str, list[dict]]]:
        """(file name, documents), parties first; large kinds split into chunks (apply takes a folder)."""
        yield '01-parties.yaml', self.docs['Organization'] + self.docs['Person'] + self.docs['ConsumerGroup']
        for number, (kind, prefix) in enumerate((('Resource', 'resources'), ('Product', 'products'),
                                                 ('Service', 'services'), ('ServiceOffering', 'offerings')), 2):
            docs = self.docs[kind]
            size = CHUNK.get(kind, len(docs) or 1)
            for part, start in enumerate(range(0, len(docs), size), 1):
                yield f'{number:02d}-{prefix}-{part:02d}.yaml', docs[start:start + size]

    def summary(self) -> dict[str, int]:
        return {kind: len(docs) for kind, docs in self.docs.items()}


def generate(scale: float = 1.0, seed: int = SEED) -> Generator:
    return Generator(scale, seed).build()


def write(generator: Generator, out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    dumper = getattr(yaml, 'CSafeDumper', yaml.SafeDumper)
    written = []
    for file_name, docs in generator.files():
        path = out / file_name
        with path.open('w', encoding='utf-8') as stream:
            yaml.dump_all(docs, stream, Dumper=dumper, sort_keys=False, explicit_start=True, allow_unicode=True,
                          width=120)
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    parser.add_argument('--scale', type=float, default=1.0, help='fraction of the full size (default 1.0)')
    parser.add_argument('--out', type=Path, required=True, help='folder to write the YAML files into')
    parser.add_argument('--seed', type=int, default=SEED, help=f'random seed (default {SEED})')
    args = parser.parse_args(argv)
    generator = generate(args.scale, args.seed)
    paths = write(generator, args.out)
    size = sum(p.stat().st_size for p in paths)
    counts = ', '.join(f'{n} {kind}' for kind, n in generator.summary().items())
    print(f'wrote {len(paths)} files ({size / 1e6:.1f} MB) to {args.out}: {counts}')
    return 0


if __name__ == '__main__':
    sys.exit(main())

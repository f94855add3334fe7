"""Generate a large provider network for the impact-of-failure benchmark, deterministically (seeded).

At ``--scale 1.0`` the network holds 2,000 organizations in seven tiers, about 100,000 resources
with about 290,000 dependency edges, 16,000 products, 8,000 services, 5,000 offerings, 20,000
relationships (plus about 400 terminated ones) and 21,100 subscriptions active at ``AT`` (plus
about 2,750 that are not: ended, cancelled, starting later, or past their end day), and supplier
chains six deep:

- a tier *k* organization (k = 0..5) subscribes to offerings of about ten tier *k + 1*
  organizations (popular suppliers more often); each such subscription realizes a
  ``supplied-service`` resource of the consumer (partners-and-suppliers dimension) that is a
  component of one or two of the consumer's products;
- about 3 % of the relationships are back-edges (a tier *j* organization subscribing to a tier
  *i < j* organization's offering, realizing a supplied-service resource as well), so organizations
  form cycles; about 10 % of the relationships carry a second active subscription that realizes
  nothing; about 5 % have their realizing subscription not active at ``AT``; about 2 % of the
  pairs also have an older terminated relationship with an ended subscription;
- each organization has about 40 resources of its own plus its supplied services, which sit among
  its top tenth; resource *n* depends on up to three distinct lower-numbered resources of the same
  organization (acyclic, R18); about 8 products of 2-5 of its own resources (R16), 4 services on
  1-2 of its products, 2-3 offerings (about 3 % still in the pipeline, never subscribed) each
  describing one of its services (a quarter two), with 1-3 elements delivered through the products
  of those services and 0-2 of its 1-2 consumer groups as targets (R15); one person, the service
  owner and relationship manager.

Relationships: provider and consumer differ, at most one non-terminated one per ordered pair
(R10); a partnership names a manager of the provider (R13). Subscriptions: an offering of the
relationship's provider, live, for one of its target groups when it has any (R14); ``realizes``
is a supplied-service resource of the consumer.

Rows are written with ``bulk_create`` and explicit ids (not through ``accord apply``, too slow at
this size) into the database ``ACCORD_DATABASE_URL`` names, which must hold no organization yet.

    ACCORD_DATABASE_URL=sqlite:////tmp/network.sqlite3 python benchmarks/generate_network.py --scale 0.1
"""

import argparse
import datetime
import os
import random
import sys
import time
from collections.abc import Iterable

SEED = 20250615
AT = datetime.datetime(2025, 6, 15, 12, 0, tzinfo=datetime.UTC)
TIER_WEIGHTS = [0.30, 0.20, 0.15, 0.12, 0.10, 0.08, 0.05]  # tier 0 (end consumers) .. tier 6 (deepest suppliers)
FULL = {
    'organizations': 2_000,
    'resources': 100_000,
    'offerings': 5_000,
    'relationships': 20_000,
}
PRODUCTS_PER_ORG = 8
SERVICES_PER_ORG = 4
COMPONENTS = (2, 5)
PRODUCTS_PER_SERVICE = (1, 2)
SERVICES_PER_OFFERING = (1, 1, 1, 2)  # drawn from
DEPENDENCIES_PER_RESOURCE = 3
BACK_EDGE_SHARE = 0.03
SECOND_SUBSCRIPTION_SHARE = 0.10
INACTIVE_REALIZING_SHARE = 0.05  # relationships whose only realizing subscription is not active at AT
INACTIVE_EXTRA_SHARE = 0.07  # relationships with an extra subscription that is not active at AT
TERMINATED_SHARE = 0.02
BATCH = 5_000
SUPPLIED_FROM = 0.9  # supplied-service resources sit among the top tenth of an organization's resources

KINDS = {  # kind -> (dimension, weight) of the organizations' own resources
    'application': ('information-and-technology', 24),
    'infrastructure': ('information-and-technology', 18),
    'facility': ('information-and-technology', 6),
    'goods-stock': ('information-and-technology', 6),
    'information': ('information-and-technology', 12),
    'people-capability': ('organizations-and-people', 12),
    'process': ('value-streams-and-processes', 14),
}
SUPPLIED = ('supplied-service', 'partners-and-suppliers')
ELEMENT_KINDS = ['good', 'access', 'action']


def log(message: str) -> None:
    print(f'[{time.strftime("%H:%M:%S")}] {message}', flush=True)


class Network:
    """The whole network as plain tuples, ids assigned from 1 per table; ``write()`` stores it."""

    def __init__(self, scale: float = 1.0, seed: int = SEED):
        if scale <= 0:
            raise ValueError('scale must be positive')
        self.rng = random.Random(seed)
        self.scale = scale
        n = {key: max(1, round(value * scale)) for key, value in FULL.items()}
        self.n = n
        self.organizations: list[tuple] = []  # (id, name, tier)
        self.tiers: list[list[int]] = [[] for _ in TIER_WEIGHTS]
        self.persons: list[tuple] = []  # (id, name, organization)
        self.groups: list[tuple] = []  # (id, name, provider)
        self.groups_of: dict[int, list[int]] = {}
        self.resources: list[tuple] = []  # (id, name, organization, kind, dimension)
        self.dependencies: list[tuple] = []  # (resource, depends_on)
        self.products: list[tuple] = []  # (id, name, provider)
        self.components: list[tuple] = []  # (product, resource, position)
        self.services: list[tuple] = []  # (id, name, provider, owner)
        self.service_products: list[tuple] = []  # (service, product)
        self.offerings: list[tuple] = []  # (id, name, provider, lifecycle)
        self.offering_services: list[tuple] = []  # (offering, service)
        self.offering_groups: list[tuple] = []  # (offering, group)
        self.elements: list[tuple] = []  # (offering, name, kind, product, position)
        self.relationships: list[tuple] = []  # (id, name, provider, consumer, type, status, manager)
        self.subscriptions: list[tuple] = []  # (id, name, relationship, offering, group, start, end, status, realizes)
        self.products_of_service: dict[int, list[int]] = {}
        self._build()

    # The shape.
    def _build(self) -> None:
        rng, n = self.rng, self.n
        self._organizations()
        pairs = self._pairs()
        # Supplied-service resources: one per relationship whose subscription realizes something.
        supplied_of: dict[int, list[int]] = {org: [] for org, _, _ in self.organizations}
        for index, (_provider, consumer, _back) in enumerate(pairs):
            supplied_of[consumer].append(index)
        own_total = max(len(self.organizations), n['resources'] - len(pairs))
        own_counts = _spread(rng, own_total, len(self.organizations), low=0.5, high=1.5, minimum=4)
        person_of = {}
        realized_by_pair: dict[int, int] = {}
        offerings_of: dict[int, list[int]] = {}
        offering_targets: dict[int, list[int]] = {}
        offering_counts = _spread(rng, n['offerings'], len(self.organizations), low=0.6, high=1.4, minimum=1)
        for position, (org, org_name, _tier) in enumerate(self.organizations):
            person = len(self.persons) + 1
            self.persons.append((person, f'{org_name}-owner', org))
            person_of[org] = person
            groups = []
            for g in range(rng.randint(1, 2)):
                group = len(self.groups) + 1
                self.groups.append((group, f'{org_name}-g{g + 1}', org))
                groups.append(group)
            self.groups_of[org] = groups
            resources = self._resources(org, org_name, own_counts[position], supplied_of[org], pairs,
                                        realized_by_pair)
            products = self._products(org, org_name, resources)
            services = self._services(org, org_name, person, products)
            offerings_of[org] = self._offerings(org, org_name, offering_counts[position], services, products,
                                                groups, offering_targets)
        self._relationships(pairs, person_of, realized_by_pair, offerings_of, offering_targets)

    def _organizations(self) -> None:
        total = self.n['organizations']
        counts = [max(1, round(total * weight)) for weight in TIER_WEIGHTS]
        counts[0] += total - sum(counts)
        for tier, count in enumerate(counts):
            for i in range(count):
                org = len(self.organizations) + 1
                self.organizations.append((org, f't{tier}-org-{i + 1:04d}', tier))
                self.tiers[tier].append(org)

    def _pairs(self) -> list[tuple[int, int, bool]]:
        """(provider, consumer, back-edge) of every non-terminated relationship, distinct ordered pairs."""
        rng, total = self.rng, self.n['relationships']
        back = round(total * BACK_EDGE_SHARE)
        forward = total - back
        consumers = [org for tier in self.tiers[:-1] for org in tier]
        tier_of = {org: tier for org, _, tier in self.organizations}
        # Some suppliers are popular: a provider's weight falls with its rank in its tier.
        weights = [[1 / (rank + 1) ** 0.7 for rank in range(len(tier))] for tier in self.tiers]
        per_consumer = _spread(rng, forward, len(consumers), low=0.3, high=1.7, minimum=1)
        seen: set[tuple[int, int]] = set()
        pairs = []
        for consumer, wanted in zip(consumers, per_consumer, strict=True):
            tier = self.tiers[tier_of[consumer] + 1]
            wanted = min(wanted, len(tier))
            chosen: set[int] = set()
            while len(chosen) < wanted:
                chosen.add(rng.choices(tier, weights[tier_of[consumer] + 1])[0])
            for provider in sorted(chosen):
                seen.add((provider, consumer))
                pairs.append((provider, consumer, False))
        attempts = 0
        upper = [org for tier in self.tiers[1:] for org in tier]
        while back and attempts < back * 50:  # back-edges: a supplier consuming from a lower tier
            attempts += 1
            consumer = rng.choice(upper)
            provider = rng.choice(self.tiers[rng.randrange(tier_of[consumer])])
            if (provider, consumer) in seen:
                continue
            seen.add((provider, consumer))
            pairs.append((provider, consumer, True))
            back -= 1
        return pairs

    def _resources(self, org: int, org_name: str, own: int, supplied: list[int], pairs: list,
                   realized_by_pair: dict[int, int]) -> list[int]:
        """Own resources, with the supplied-service ones placed among the top tenth; edges to lower ones."""
        rng = self.rng
        kinds = list(KINDS)
        kind_weights = [KINDS[k][1] for k in kinds]
        order: list[tuple[str, int | None]] = [('own', None)] * own
        for pair in supplied:
            order.insert(rng.randint(int(len(order) * SUPPLIED_FROM), len(order)), ('supplied', pair))
        ids = []
        for number, (what, pair) in enumerate(order, start=1):
            resource = len(self.resources) + 1
            if what == 'own':
                kind = rng.choices(kinds, kind_weights)[0]
                self.resources.append((resource, f'{org_name}-r{number:03d}', org, kind, KINDS[kind][0]))
            else:
                provider = pairs[pair][0]
                self.resources.append((resource, f'{org_name}-r{number:03d}-from-{self.organizations[provider - 1][1]}',
                                       org, *SUPPLIED))
                realized_by_pair[pair] = resource
            for target in sorted(rng.sample(ids, min(DEPENDENCIES_PER_RESOURCE, len(ids)))):
                self.dependencies.append((resource, target))
            ids.append(resource)
        return ids

    def _products(self, org: int, org_name: str, resources: list[int]) -> list[int]:
        rng = self.rng
        supplied = {r for r in resources if self.resources[r - 1][3] == SUPPLIED[0]}
        products = []
        components: dict[int, list[int]] = {}
        for p in range(max(1, round(rng.uniform(0.6, 1.4) * PRODUCTS_PER_ORG))):
            product = len(self.products) + 1
            self.products.append((product, f'{org_name}-p{p + 1}', org))
            products.append(product)
            components[product] = rng.sample(resources, min(len(resources), rng.randint(*COMPONENTS)))
        for resource in sorted(supplied):  # every supplied service is a component of one or two products
            for product in rng.sample(products, min(len(products), rng.choice((1, 1, 2)))):
                if resource not in components[product]:
                    components[product].append(resource)
        for product in products:
            self.components.extend((product, resource, position)
                                   for position, resource in enumerate(components[product]))
        return products

    def _services(self, org: int, org_name: str, owner: int, products: list[int]) -> list[int]:
        rng = self.rng
        services = []
        for s in range(max(1, round(rng.uniform(0.6, 1.4) * SERVICES_PER_ORG))):
            service = len(self.services) + 1
            self.services.append((service, f'{org_name}-s{s + 1}', org, owner))
            services.append(service)
            based_on = sorted(rng.sample(products, min(len(products), rng.randint(*PRODUCTS_PER_SERVICE))))
            self.service_products.extend((service, product) for product in based_on)
            self.products_of_service[service] = based_on
        return services

    def _offerings(self, org: int, org_name: str, count: int, services: list[int], products: list[int],
                   groups: list[int], offering_targets: dict[int, list[int]]) -> list[int]:
        """The organization's live offerings (about 3 % of the others are still in the pipeline)."""
        rng = self.rng
        live = []
        for o in range(count):
            offering = len(self.offerings) + 1
            lifecycle = 'pipeline' if o and rng.random() < 0.03 else 'live'
            self.offerings.append((offering, f'{org_name}-o{o + 1}', org, lifecycle))
            described = sorted(rng.sample(services, min(len(services), rng.choice(SERVICES_PER_OFFERING))))
            self.offering_services.extend((offering, service) for service in described)
            through = sorted({p for service in described for p in self.products_of_service[service]})
            targets = sorted(rng.sample(groups, min(len(groups), rng.randint(0, 2))))
            offering_targets[offering] = targets
            self.offering_groups.extend((offering, group) for group in targets)
            for e in range(rng.randint(1, 3)):
                self.elements.append((offering, f'element-{e + 1}', rng.choice(ELEMENT_KINDS), rng.choice(through), e))
            if lifecycle == 'live':
                live.append(offering)
        return live

    def _relationships(self, pairs: list, person_of: dict[int, int], realized_by_pair: dict[int, int],
                       offerings_of: dict[int, list[int]], offering_targets: dict[int, list[int]]) -> None:
        rng = self.rng
        names = {org: name for org, name, _ in self.organizations}

        def subscribe(relationship: int, rel_name: str, offering: int, status: str, start, end, realizes) -> None:
            subscription = len(self.subscriptions) + 1
            targets = offering_targets[offering]
            group = rng.choice(targets) if targets else None
            self.subscriptions.append((subscription, f'{rel_name}-{subscription}', relationship, offering, group,
                                       start, end, status, realizes))

        for index, (provider, consumer, _back) in enumerate(pairs):
            relationship = len(self.relationships) + 1
            rel_name = f'{names[provider]}-to-{names[consumer]}'
            kind = rng.choices(['basic', 'cooperative', 'partnership'], [70, 20, 10])[0]
            manager = person_of[provider] if kind == 'partnership' or rng.random() < 0.3 else None
            if rng.random() < TERMINATED_SHARE:  # an earlier, terminated relationship of the same pair
                old = relationship
                self.relationships.append((old, f'{rel_name}-old', provider, consumer, 'basic', 'terminated', None))
                subscribe(old, f'{rel_name}-old', rng.choice(offerings_of[provider]), 'ended',
                          _day(rng, 2021, 2022), datetime.date(2023, 6, 30), None)
                relationship += 1
            self.relationships.append((relationship, rel_name, provider, consumer, kind, 'active', manager))
            live = offerings_of[provider]
            offering = rng.choice(live)
            realizes = realized_by_pair[index]
            if rng.random() < INACTIVE_REALIZING_SHARE:
                subscribe(relationship, rel_name, offering, *_inactive(rng), realizes)
            else:
                subscribe(relationship, rel_name, offering, *_active(rng), realizes)
            others = [o for o in live if o != offering]
            if others and rng.random() < SECOND_SUBSCRIPTION_SHARE:
                subscribe(relationship, rel_name, rng.choice(others), *_active(rng), None)
            if rng.random() < INACTIVE_EXTRA_SHARE:
                subscribe(relationship, rel_name, rng.choice(live), *_inactive(rng), None)

    def summary(self) -> dict[str, int]:
        active = sum(1 for s in self.subscriptions if _is_active(s[5], s[6], s[7], AT.date()))
        return {
            'organizations': len(self.organizations), 'resources': len(self.resources),
            'dependency edges': len(self.dependencies), 'products': len(self.products),
            'components': len(self.components), 'services': len(self.services), 'offerings': len(self.offerings),
            'elements': len(self.elements), 'consumer groups': len(self.groups),
            'relationships': len(self.relationships), 'subscriptions': len(self.subscriptions),
            'active subscriptions': active,
            'back-edges': sum(1 for r in self.relationships if r[5] != 'terminated'
                              and self._tier(r[2]) <= self._tier(r[3])),
        }

    def _tier(self, org: int) -> int:
        return self.organizations[org - 1][2]

    # Storage.
    def write(self, using: str = 'default') -> int:
        """Insert every row in one transaction; return the number of rows."""
        from django.db import connections, transaction

        from accord.catalog.models import OfferingElement, Product, ProductComponent, Service, ServiceOffering
        from accord.parties.models import ConsumerGroup, Organization, Person
        from accord.relationships.models import ServiceRelationship, Subscription
        from accord.resources.models import Resource, ResourceDependency

        if Organization.objects.using(using).exists():
            raise SystemExit('the database holds organizations already: the generator needs a fresh database')
        member = Person.member_of.through
        service_product = Service.products.through
        offering_service = ServiceOffering.services.through
        offering_group = ServiceOffering.target_groups.through
        tables = [
            (Organization, (Organization(id=o, name=name, title=name, labels={'tier': str(tier)})
                            for o, name, tier in self.organizations)),
            (Person, (Person(id=p, name=name) for p, name, _ in self.persons)),
            (member, (member(person_id=p, organization_id=o) for p, _, o in self.persons)),
            (ConsumerGroup, (ConsumerGroup(id=g, name=name, provider_id=o) for g, name, o in self.groups)),
            (Resource, (Resource(id=r, name=name, organization_id=o, kind=kind, dimension=dimension)
                        for r, name, o, kind, dimension in self.resources)),
            (ResourceDependency, (ResourceDependency(resource_id=r, depends_on_id=d) for r, d in self.dependencies)),
            (Product, (Product(id=p, name=name, provider_id=o) for p, name, o in self.products)),
            (ProductComponent, (ProductComponent(product_id=p, resource_id=r, position=i)
                                for p, r, i in self.components)),
            (Service, (Service(id=s, name=name, provider_id=o, owner_id=owner) for s, name, o, owner in self.services)),
            (service_product, (service_product(service_id=s, product_id=p) for s, p in self.service_products)),
            (ServiceOffering, (ServiceOffering(id=o, name=name, provider_id=org, lifecycle=lifecycle)
                               for o, name, org, lifecycle in self.offerings)),
            (offering_service, (offering_service(serviceoffering_id=o, service_id=s)
                                for o, s in self.offering_services)),
            (offering_group, (offering_group(serviceoffering_id=o, consumergroup_id=g)
                              for o, g in self.offering_groups)),
            (OfferingElement, (OfferingElement(offering_id=o, name=name, product_id=p, position=i,
                                               **_element_fields(kind))
                               for o, name, kind, p, i in self.elements)),
            (ServiceRelationship, (ServiceRelationship(id=r, name=name, provider_id=p, consumer_id=c, type=kind,
                                                       status=status, manager_id=manager)
                                   for r, name, p, c, kind, status, manager in self.relationships)),
            (Subscription, (Subscription(id=s, name=name, relationship_id=r, offering_id=o, group_id=g, start=start,
                                         end=end, status=status, realizes_id=realizes)
                            for s, name, r, o, g, start, end, status, realizes in self.subscriptions)),
        ]
        rows = 0
        with transaction.atomic(using=using):
            for model, objects in tables:
                for batch in _batches(objects, BATCH):
                    model.objects.using(using).bulk_create(batch)
                    rows += len(batch)
        connection = connections[using]
        if connection.vendor == 'postgresql':  # explicit ids: move the sequences past them
            from django.core.management.color import no_style

            with connection.cursor() as cursor:
                for statement in connection.ops.sequence_reset_sql(no_style(), [m for m, _ in tables]):
                    cursor.execute(statement)
        return rows


def _spread(rng: random.Random, total: int, parts: int, *, low: float, high: float, minimum: int) -> list[int]:
    """``parts`` counts of at least ``minimum``, each ``low`` to ``high`` times the mean, summing near ``total``."""
    shares = [rng.uniform(low, high) for _ in range(parts)]
    scale = total / sum(shares)
    return [max(minimum, round(share * scale)) for share in shares]


def _day(rng: random.Random, first_year: int, last_year: int) -> datetime.date:
    start = datetime.date(first_year, 1, 1)
    return start + datetime.timedelta(days=rng.randrange((datetime.date(last_year, 12, 31) - start).days + 1))


def _active(rng: random.Random) -> tuple:
    """(status, start, end) of a subscription active at AT."""
    end = None if rng.random() < 0.7 else _day(rng, 2026, 2028)
    return 'active', _day(rng, 2023, 2024), end


def _inactive(rng: random.Random) -> tuple:
    """(status, start, end) of a subscription not active at AT, in one of four ways."""
    way = rng.randrange(4)
    if way == 0:
        return 'ended', _day(rng, 2022, 2023), _day(rng, 2024, 2024)
    if way == 1:
        return 'cancelled', _day(rng, 2023, 2024), None
    if way == 2:
        return 'active', datetime.date(2025, 9, 1), None  # starts later
    return 'active', _day(rng, 2023, 2023), datetime.date(2025, 6, 14)  # ended the day before AT


def _is_active(start: datetime.date, end: datetime.date | None, status: str, day: datetime.date) -> bool:
    return status == 'active' and start <= day and (end is None or day <= end)


def _element_fields(kind: str) -> dict:
    if kind == 'good':
        return {'kind': kind, 'quantity': 1}
    if kind == 'access':
        return {'kind': kind, 'window_from': datetime.time(8), 'window_to': datetime.time(18)}
    return {'kind': kind, 'trigger': 'on-request', 'performed_by': 'provider', 'target_duration_amount': 2,
            'target_duration_unit': 'businessDays'}


def _batches(objects: Iterable, size: int):
    batch = []
    for obj in objects:
        batch.append(obj)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def check_rules(using: str = 'default', sample: int = 200, seed: int = SEED) -> list[str]:
    """Violations of R10, R14, R15, R16 and R18 over every row (SQL and Python), plus model validation of a sample."""
    from django.db.models import F

    from accord.catalog.models import OfferingElement, Product, ProductComponent, Service, ServiceOffering
    from accord.parties.models import ConsumerGroup, Organization, Person
    from accord.relationships.models import ServiceRelationship, Subscription
    from accord.resources.models import Resource, ResourceDependency, find_dependency_cycle

    problems = []

    def count(label: str, queryset) -> None:
        found = queryset.using(using).count()
        if found:
            problems.append(f'{label}: {found} rows')

    relationships = ServiceRelationship.objects
    count('R10 relationship with itself', relationships.filter(provider=F('consumer')))
    open_pairs = relationships.using(using).exclude(status='terminated').values_list('provider_id', 'consumer_id')
    pairs = list(open_pairs)
    if len(pairs) != len(set(pairs)):
        problems.append(f'R10 pairs with two open relationships: {len(pairs) - len(set(pairs))}')
    subscriptions = Subscription.objects
    count('R14 subscription to another provider', subscriptions.exclude(offering__provider=F('relationship__provider')))
    count('R14 subscription of an offering not live', subscriptions.exclude(offering__lifecycle='live'))
    targets: dict[int, set[int]] = {}
    for offering, group in ServiceOffering.target_groups.through.objects.using(using).values_list(
            'serviceoffering_id', 'consumergroup_id'):
        targets.setdefault(offering, set()).add(group)
    wrong = sum(1 for offering, group in subscriptions.using(using).values_list('offering_id', 'group_id')
                if (group is None and targets.get(offering))
                or (group is not None and group not in targets.get(offering, ())))
    if wrong:
        problems.append(f'R14 subscription group not one of the offering targets: {wrong} rows')
    count('realizes a resource of another organization', subscriptions.filter(realizes__isnull=False).exclude(
        realizes__organization=F('relationship__consumer')))
    count('realizes a resource that is no supplied service', subscriptions.filter(realizes__isnull=False).exclude(
        realizes__kind='supplied-service', realizes__dimension='partners-and-suppliers'))
    provider_of = {model: dict(model.objects.using(using).values_list('id', 'provider_id'))
                   for model in (ServiceOffering, Service, Product, ConsumerGroup)}
    through = ServiceOffering.services.through.objects.using(using)
    if any(provider_of[Service][s] != provider_of[ServiceOffering][o]
           for o, s in through.values_list('serviceoffering_id', 'service_id')):
        problems.append('R15 offering service of another provider')
    offering_groups = ServiceOffering.target_groups.through.objects.using(using)
    if any(provider_of[ConsumerGroup][g] != provider_of[ServiceOffering][o]
           for o, g in offering_groups.values_list('serviceoffering_id', 'consumergroup_id')):
        problems.append('R15 offering group of another provider')
    described = set(through.values_list('serviceoffering_id', flat=True))
    external = set(Organization.objects.using(using).filter(external=True).values_list('id', flat=True))
    bare = [o for o, p in provider_of[ServiceOffering].items() if o not in described and p not in external]
    if bare:
        problems.append(f'R15 offering without service: {len(bare)}')
    count('R15 element product of another provider', OfferingElement.objects.exclude(
        product__provider=F('offering__provider')))
    count('R16 component of another organization', ProductComponent.objects.exclude(
        resource__organization=F('product__provider')))
    if any(provider_of[Service][s] != provider_of[Product][p] for s, p in
           Service.products.through.objects.using(using).values_list('service_id', 'product_id')):
        problems.append('service product of another provider')
    members = set(Person.member_of.through.objects.using(using).values_list('person_id', 'organization_id'))
    if any((owner, provider) not in members for owner, provider in
           Service.objects.using(using).values_list('owner_id', 'provider_id')):
        problems.append('service owner not a member of the provider')
    count('dependency across organizations', ResourceDependency.objects.exclude(
        resource__organization=F('depends_on__organization')))
    cycle = find_dependency_cycle(ResourceDependency.objects.using(using).values_list('resource_id', 'depends_on_id'))
    if cycle:
        problems.append(f'R18 dependency cycle: {cycle}')
    # The models' own validation, on a sample of each kind.
    rng = random.Random(seed)
    for model in (Organization, Resource, ServiceOffering, Service, ServiceRelationship, Subscription,
                  ProductComponent, OfferingElement):
        ids = list(model.objects.using(using).values_list('id', flat=True))
        for pk in rng.sample(ids, min(sample, len(ids))):
            obj = model.objects.using(using).get(pk=pk)
            try:
                obj.full_clean()
                if hasattr(obj, 'clean_relations'):
                    obj.clean_relations()
            except Exception as error:  # noqa: BLE001 - reported, not raised
                problems.append(f'{model.__name__} {pk}: {error}')
                if len(problems) > 20:
                    return problems
    return problems


def generate(scale: float = 1.0, seed: int = SEED, using: str = 'default') -> tuple[Network, int, float]:
    """Build and store the network; return it, the number of rows written and the seconds taken."""
    start = time.perf_counter()
    network = Network(scale, seed)
    built = time.perf_counter()
    rows = network.write(using)
    log(f'network built in {built - start:.1f} s, written in {time.perf_counter() - built:.1f} s: ' +
        ', '.join(f'{value} {key}' for key, value in network.summary().items()))
    return network, rows, time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description='Generate a provider network into ACCORD_DATABASE_URL.')
    parser.add_argument('--scale', type=float, default=1.0, help='fraction of the full network (default 1.0)')
    parser.add_argument('--seed', type=int, default=SEED)
    parser.add_argument('--check', action='store_true', help='check the domain rules afterwards')
    args = parser.parse_args(argv)
    if not os.environ.get('ACCORD_DATABASE_URL'):
        parser.error('set ACCORD_DATABASE_URL to the database to fill (sqlite:///PATH or postgresql://...)')
    os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'accord.settings')
    import django
    from django.core.management import call_command

    django.setup()
    call_command('migrate', interactive=False, verbosity=0)
    _, rows, seconds = generate(args.scale, args.seed)
    log(f'{rows} rows in {seconds:.1f} s')
    if args.check:
        problems = check_rules()
        log('domain rules hold' if not problems else 'RULES BROKEN:\n  ' + '\n  '.join(problems))
        return 1 if problems else 0
    return 0


if __name__ == '__main__':
    sys.exit(main())

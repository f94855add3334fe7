"""Impact of failure: who and what is affected when an organization or a resource fails (domain.md section 6).

The walk goes breadth first, one depth at a time, over the subscriptions active at the instant
asked about. A failed organization affects the consumers of its offerings' subscriptions at
depth 1; a failed resource fails what depends on it inside its organization, then that
organization's products, services and offerings, whose subscriptions' consumers are affected
at depth 1. A subscription realizing a consumer's supplied-service resource carries the failure
into the consumer, whose own consumers are affected one depth further down.

Every step of a depth is one batched query over id sets (and one recursive query for the
dependents), so the number of queries grows with the depth of the supply chain, never with
the number of consumers, subscriptions or resources. Each resource, subscription and consumer
is taken once (R11): cycles between organizations end.

Two small vendor branches keep PostgreSQL fast (benchmarks/README.md, "Impact of failure"):

- id sets go as one array parameter (``col = ANY(%s)``) on PostgreSQL, which plans it far more
  cheaply than thousands of ``IN`` parameters and has no limit on their number; SQLite gets
  ``IN`` lists of at most ``CHUNK`` ids (its limit on bound variables);
- the walk runs in one transaction with JIT compilation off on PostgreSQL: its estimates on a
  large network pass ``jit_above_cost`` and compiling costs more than each query runs. SQLite
  gets no transaction (with ``transaction_mode="IMMEDIATE"`` it would take the write lock).
"""

import contextlib
import datetime
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.db.models import F, Model, QuerySet
from django.db.models.lookups import Lookup
from django.utils import timezone

from accord.analysis.parameters import Parameter, Parameters
from accord.catalog.models import OfferingElement, Product, ProductComponent, Service, ServiceOffering
from accord.core.suggestions import did_you_mean
from accord.parties.models import Organization
from accord.relationships.models import Subscription
from accord.relationships.models.subscriptions import active_on
from accord.resources.models import Resource, ResourceDependency

CHUNK = 5000  # ids per query: below SQLite's limit on bound variables
SOURCE_KINDS = ('organization', 'resource')
UNENCODED_PLUS = re.compile(r'(T[0-9:.,]+) ([0-9]{2}(?::?[0-9]{2})?)$')


class ImpactError(ValueError):
    """An impact asked about something that does not exist, or a source or instant that cannot be read."""


def parse_source(text: str) -> tuple[str, str]:
    """``organization:NAME`` or ``resource:NAME`` as (kind, name): one reading for the CLI and the API."""
    kind, sep, name = text.partition(':')
    if not sep or kind not in SOURCE_KINDS or not name:
        raise ImpactError(f'{text!r} is not organization:NAME or resource:NAME')
    return kind, name


def parse_instant(text: str) -> datetime.datetime:
    """An ISO 8601 instant with a UTC offset (``2025-03-10T12:00:00+01:00``, ``...Z``).

    An instant without an offset is refused rather than guessed: its day in UTC, which decides
    the subscriptions followed, would depend on the server's time zone.
    """
    try:
        instant = datetime.datetime.fromisoformat(text)
    except ValueError:
        raise ImpactError(
            f'{text!r} is not an ISO 8601 instant (expected e.g. 2025-03-10T12:00:00+01:00)'
        ) from None
    if instant.tzinfo is None or instant.utcoffset() is None:
        raise ImpactError(f'{text!r} has no UTC offset (add one, e.g. +01:00 or Z)')
    return instant



def read_instant(text: str) -> datetime.datetime:
    """An instant as a query string gives it: ``parse_instant``, but an unencoded ``+`` arrives as a space.

    ``...T12:00:00 01:00`` is read as ``+01:00``, since nothing else could have been meant.
    """
    try:
        return parse_instant(text)
    except ImpactError:
        if UNENCODED_PLUS.search(text):
            with contextlib.suppress(ImpactError):
                return parse_instant(UNENCODED_PLUS.sub(r'\1+\2', text))
        raise


PARAMETERS = Parameters(
    Parameter(
        'source',
        'What fails: `organization:NAME` or `resource:NAME`.',
        parse=parse_source,
        required=True,
        schema={'type': 'string', 'pattern': r'^(organization|resource):.+$', 'example': 'organization:cardnet'},
    ),
    Parameter(
        'at',
        'ISO 8601 instant with a UTC offset (encode `+` as `%2B`); subscriptions active on its day in UTC are '
        'followed. Default: now, answered as `"at": null`.',
        parse=read_instant,
        schema={'type': 'string', 'format': 'date-time'},
    ),
)

@dataclass
class ImpactResult:
    """What fails and who is affected, as ``accord impact`` answers it."""

    source: str
    at: datetime.datetime | None
    consumers: dict[str, int] = field(default_factory=dict)
    resources: list[str] = field(default_factory=list)
    products: list[str] = field(default_factory=list)
    services: list[str] = field(default_factory=list)
    offerings: list[str] = field(default_factory=list)
    subscriptions: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        return {
            'source': self.source,
            'at': self.at.isoformat() if self.at is not None else None,
            'consumers': [{'organization': name, 'depth': depth} for name, depth in sorted(self.consumers.items())],
            'resources': self.resources,
            'products': self.products,
            'services': self.services,
            'offerings': self.offerings,
            'subscriptions': self.subscriptions,
        }


def find_source(kind: str, name: str) -> Organization | Resource:
    """The organization or resource ``kind:name`` names; an unknown one raises ``ImpactError``."""
    model = {'organization': Organization, 'resource': Resource}.get(kind)
    if model is None:
        raise ImpactError(f'unknown kind {kind!r}: expected organization or resource')
    try:
        return model.objects.only('id', 'name', *(['organization_id'] if model is Resource else [])).get(name=name)
    except model.DoesNotExist:
        known = model.objects.values_list('name', flat=True)
        raise ImpactError(f'unknown {kind} {name!r}{did_you_mean(name, known)}') from None


def impact(source: Organization | Resource, at: datetime.datetime | None = None) -> ImpactResult:
    """The impact of ``source`` failing at ``at`` (default: now, answered as ``"at": null``)."""
    instant = at if at is not None else timezone.now()
    if timezone.is_naive(instant):
        raise ImpactError('the instant needs a UTC offset')
    walk = _Walk(day=instant.astimezone(datetime.UTC).date())  # dates are whole days in UTC
    label = f'{"organization" if isinstance(source, Organization) else "resource"}:{source.name}'
    result = ImpactResult(source=label, at=at)
    with _without_jit():
        if isinstance(source, Organization):
            walk.fail_organization(source.pk)
        else:
            walk.fail_resource(source.pk, source.organization_id)
        walk.fill(result)
    return result


@contextlib.contextmanager
def _without_jit() -> Iterator[None]:
    """On PostgreSQL, a transaction with JIT compilation off (restored at the end); elsewhere nothing.

    ``set_config(..., true)`` is ``SET LOCAL``: it never outlives the transaction, and the previous
    value is put back so that a caller's enclosing transaction keeps its own setting.
    """
    if connection.vendor != 'postgresql':
        yield
        return
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SELECT current_setting('jit'), set_config('jit', 'off', true)")
            previous = cursor.fetchone()[0]
        yield
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config('jit', %s, true)", [previous])


@dataclass
class _Walk:
    """The state of one breadth-first walk: what has failed so far and at which depth consumers are."""

    day: datetime.date
    source_organization: int | None = None
    resources: set[int] = field(default_factory=set)
    products: set[int] = field(default_factory=set)
    services: set[int] = field(default_factory=set)
    offerings: set[int] = field(default_factory=set)
    subscriptions: set[int] = field(default_factory=set)
    consumers: dict[int, int] = field(default_factory=dict)

    def fail_organization(self, organization: int) -> None:
        """Depth 1: every offering of the organization, then on down the supply chains."""
        self.source_organization = organization
        own = ServiceOffering.objects.filter(provider_id=organization).order_by()
        offerings = set(own.values_list('id', flat=True))
        self.offerings |= offerings
        self._walk(self._subscriptions_of(offerings, depth=1), depth=2)

    def fail_resource(self, resource: int, organization: int) -> None:
        """Depth 1: the resource and its dependents inside its organization, then on down the supply chains."""
        self.source_organization = organization
        self._walk({resource}, depth=1)

    def _walk(self, seeds: set[int], depth: int) -> None:
        """Each depth: the resources failed by the level above, what fails with them, their consumers at ``depth``."""
        while seeds:
            realized = self._subscriptions_of(self._offerings_failed_by(seeds), depth=depth)
            seeds, depth = realized, depth + 1

    def _offerings_failed_by(self, seeds: set[int]) -> set[int]:
        """Fail ``seeds`` and their dependents; return the offerings newly affected through products and services."""
        failed = _with_dependents(seeds - self.resources) - self.resources
        self.resources |= failed
        products = _ids(ProductComponent.objects.values_list('product_id', flat=True), 'resource_id', failed)
        products -= self.products
        self.products |= products
        services = _ids(Service.products.through.objects.values_list('service_id', flat=True), 'product_id', products)
        services -= self.services
        self.services |= services
        described = ServiceOffering.services.through.objects.values_list('serviceoffering_id', flat=True)
        offerings = _ids(described, 'service_id', services)
        offerings |= _ids(OfferingElement.objects.values_list('offering_id', flat=True), 'product_id', products)
        offerings -= self.offerings
        self.offerings |= offerings
        return offerings

    def _subscriptions_of(self, offerings: set[int], depth: int) -> set[int]:
        """Record the offerings' active subscriptions and their consumers; return the resources they realize.

        A subscription whose consumer is the source organization is neither reported nor followed:
        the walk never re-enters the organization that failed.
        """
        query = (
            Subscription.objects.filter(active_on(self.day))
            .exclude(relationship__consumer_id=self.source_organization)
            .values_list('id', 'relationship__consumer_id', 'realizes_id')
        )
        realized = set()
        for subscription, consumer, resource in _rows(query, 'offering_id', offerings):
            if subscription in self.subscriptions:
                continue
            self.subscriptions.add(subscription)
            self.consumers.setdefault(consumer, depth)
            if resource is not None and resource not in self.resources:
                realized.add(resource)
        return realized

    def fill(self, result: ImpactResult) -> None:
        """Names for every id, in one query per kind."""
        organizations = _names(Organization, self.consumers)
        result.consumers = {organizations[pk]: depth for pk, depth in self.consumers.items()}
        result.resources = sorted(_names(Resource, self.resources).values())
        result.products = sorted(_names(Product, self.products).values())
        result.services = sorted(_names(Service, self.services).values())
        result.offerings = sorted(_names(ServiceOffering, self.offerings).values())
        result.subscriptions = sorted(_names(Subscription, self.subscriptions).values())


class _AnyOf(Lookup):
    """``column = ANY(%s)`` with the ids as one bigint array parameter (PostgreSQL only)."""

    lookup_name = 'any_of'
    prepare_rhs = False

    def as_sql(self, compiler, connection):
        lhs, params = self.process_lhs(compiler, connection)
        return f'{lhs} = ANY(CAST(%s AS BIGINT[]))', (*params, list(self.rhs))


def _chunks(ids: Iterable[int]) -> Iterator[list[int]]:
    """``ids`` sorted, in lists of at most ``CHUNK`` on SQLite, in one list on PostgreSQL; none for no ids."""
    ids = sorted(ids)
    size = max(len(ids), 1) if connection.vendor == 'postgresql' else CHUNK
    for start in range(0, len(ids), size):
        yield ids[start:start + size]


def _rows(query: QuerySet, field: str, ids: Iterable[int]) -> Iterator[tuple]:
    """The rows of ``query`` whose ``field`` is in ``ids``, a chunk at a time; no query at all for no ids."""
    query = query.order_by()  # no default ordering: it would join and widen a DISTINCT
    for chunk in _chunks(ids):
        if connection.vendor == 'postgresql':
            yield from query.filter(_AnyOf(F(field), chunk))
        else:
            yield from query.filter(**{f'{field}__in': chunk})


def _ids(query: QuerySet, field: str, ids: Iterable[int]) -> set[int]:
    return set(_rows(query.distinct(), field, ids))


def _names(model: type[Model], ids: Iterable[int]) -> dict[int, str]:
    return dict(_rows(model.objects.values_list('id', 'name'), 'id', ids))


def _with_dependents(anchors: set[int]) -> set[int]:
    """``anchors`` and every resource of the same organization depending on one of them, transitively.

    One recursive query per chunk of anchors. The anchor ids are cast to BIGINT: PostgreSQL
    otherwise types them int4 against the bigint ids of the recursive term.

    On PostgreSQL the anchors are one array and the recursive step is a ``LATERAL`` subquery per
    row, fenced by ``OFFSET 0``: index lookups from each failed resource along its dependents.
    Written as a plain join, it is planned as a merge join over the whole dependency index and a
    hash of every resource on each call, a cost that grows with the network, not with the impact.
    SQLite already walks the plain join row by row along the indexes.
    """
    if not anchors:
        return set()
    quote = connection.ops.quote_name
    resource, edge = quote(Resource._meta.db_table), quote(ResourceDependency._meta.db_table)
    found: set[int] = set()
    for chunk in _chunks(anchors):
        if connection.vendor == 'postgresql':
            sql = (
                f'WITH RECURSIVE failed (id, organization_id) AS ('
                f' SELECT r.id, r.organization_id FROM {resource} r WHERE r.id = ANY(CAST(%s AS BIGINT[]))'
                f' UNION'
                f' SELECT step.id, step.organization_id FROM failed f CROSS JOIN LATERAL ('
                f'  SELECT d.resource_id AS id, r.organization_id FROM {edge} d'
                f'  JOIN {resource} r ON r.id = d.resource_id'
                f'  WHERE d.depends_on_id = f.id AND r.organization_id = f.organization_id OFFSET 0'
                f' ) step'
                f') SELECT id FROM failed'
            )
            params = [chunk]
        else:
            placeholders = ', '.join(['CAST(%s AS BIGINT)'] * len(chunk))
            sql = (
                f'WITH RECURSIVE failed (id, organization_id) AS ('
                f' SELECT r.id, r.organization_id FROM {resource} r WHERE r.id IN ({placeholders})'
                f' UNION'
                f' SELECT d.resource_id, f.organization_id FROM {edge} d'
                f' JOIN failed f ON d.depends_on_id = f.id'
                f' JOIN {resource} r ON r.id = d.resource_id AND r.organization_id = f.organization_id'
                f') SELECT id FROM failed'
            )
            params = chunk
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            found.update(row[0] for row in cursor.fetchall())
    return found

"""``accord impact``: who and what a failure reaches, breadth first over active subscriptions (domain.md section 6)."""

import datetime
from importlib.resources import files

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accord.analysis.impact import impact
from accord.catalog.models import OfferingElement, Product, ProductComponent, Service, ServiceOffering
from accord.parties.models import Organization, Person
from accord.relationships.choices import SubscriptionStatus
from accord.relationships.models import ServiceRelationship, Subscription
from accord.resources.choices import Dimension, ResourceKind
from accord.resources.models import Resource, ResourceDependency
from accord.testing.cli import run_cli

pytestmark = pytest.mark.django_db

AT = datetime.datetime(2025, 3, 10, 12, 0, tzinfo=datetime.UTC)
START = datetime.date(2025, 1, 1)


class Network:
    """Builds small networks of organizations straight through the ORM, with names as handles."""

    def __init__(self):
        self.owner = None

    def org(self, name: str) -> Organization:
        organization = Organization.objects.create(name=name)
        if self.owner is None:
            self.owner = Person.objects.create(name='owner')
        self.owner.member_of.add(organization)
        return organization

    def resource(self, org: Organization, name: str, *depends_on: str, supplied: bool = False) -> Resource:
        resource = Resource.objects.create(
            name=name,
            organization=org,
            dimension=Dimension.PARTNERS_AND_SUPPLIERS if supplied else Dimension.INFORMATION_AND_TECHNOLOGY,
            kind=ResourceKind.SUPPLIED_SERVICE if supplied else ResourceKind.APPLICATION,
        )
        for other in depends_on:
            ResourceDependency.objects.create(resource=resource, depends_on=Resource.objects.get(name=other))
        return resource

    def product(self, org: Organization, name: str, *resources: str) -> Product:
        product = Product.objects.create(name=name, provider=org)
        for resource in resources:
            ProductComponent.objects.create(product=product, resource=Resource.objects.get(name=resource))
        return product

    def service(self, org: Organization, name: str, *products: str) -> Service:
        service = Service.objects.create(name=name, provider=org, owner=self.owner)
        service.products.set(Product.objects.filter(name__in=products))
        return service

    def offering(self, org: Organization, name: str, services=(), elements=()) -> ServiceOffering:
        offering = ServiceOffering.objects.create(name=name, provider=org)
        offering.services.set(Service.objects.filter(name__in=services))
        for product in elements:
            OfferingElement.objects.create(
                offering=offering, name=f'via-{product}', kind='access', product=Product.objects.get(name=product)
            )
        return offering

    def subscribe(self, consumer: Organization, offering: str, name: str, realizes: str | None = None,
                  **fields) -> Subscription:
        offering = ServiceOffering.objects.get(name=offering)
        relationship, _ = ServiceRelationship.objects.get_or_create(
            provider=offering.provider, consumer=consumer,
            defaults={'name': f'{offering.provider.name}-{consumer.name}'},
        )
        return Subscription.objects.create(
            name=name,
            relationship=relationship,
            offering=offering,
            start=fields.pop('start', START),
            realizes=Resource.objects.get(name=realizes) if realizes else None,
            **fields,
        )

    def provider(self, name: str, supplied_by: str | None = None, uses: tuple[str, ...] = ()) -> Organization:
        """An organization with one offering, ``NAME-offer``, through one product and service.

        With ``supplied_by`` it subscribes to that offering (``NAME-from-SUPPLIER``), realizing its
        ``NAME-supply`` resource, on which its application ``NAME-app`` depends.
        """
        org = self.org(name)
        components = list(uses)
        if supplied_by:
            self.resource(org, f'{name}-supply', supplied=True)
            self.resource(org, f'{name}-app', f'{name}-supply')
            self.subscribe(org, supplied_by, f'{name}-from-{supplied_by.removesuffix("-offer")}', f'{name}-supply')
            components.append(f'{name}-app')
        if not components:
            self.resource(org, f'{name}-own')
            components.append(f'{name}-own')
        self.product(org, f'{name}-prod', *components)
        self.service(org, f'{name}-svc', f'{name}-prod')
        self.offering(org, f'{name}-offer', services=[f'{name}-svc'])
        return org


@pytest.fixture
def net() -> Network:
    return Network()


# --- Supply chains ----------------------------------------------------------------------


@pytest.fixture
def chain(net):
    """S supplies A, A supplies B, B's offering is used by the consumer C."""
    supplier = net.provider('s')
    net.provider('a', supplied_by='s-offer')
    net.provider('b', supplied_by='a-offer')
    net.subscribe(net.org('c'), 'b-offer', 'c-uses-b')
    return supplier


def test_a_supplier_failure_travels_down_the_chain_one_depth_per_organization(chain):
    result = impact(chain, AT).to_json()
    assert result['source'] == 'organization:s'
    assert result['at'] == '2025-03-10T12:00:00+00:00'
    assert result['consumers'] == [
        {'organization': 'a', 'depth': 1},
        {'organization': 'b', 'depth': 2},
        {'organization': 'c', 'depth': 3},
    ]
    assert result['resources'] == ['a-app', 'a-supply', 'b-app', 'b-supply']
    assert result['products'] == ['a-prod', 'b-prod']
    assert result['services'] == ['a-svc', 'b-svc']
    assert result['offerings'] == ['a-offer', 'b-offer', 's-offer']
    assert result['subscriptions'] == ['a-from-s', 'b-from-a', 'c-uses-b']


def test_the_failed_organizations_own_resources_products_and_services_are_not_listed(chain):
    result = impact(chain, AT)
    assert 's-own' not in result.resources
    assert 's-prod' not in result.products
    assert 's-svc' not in result.services
    assert 's' not in result.consumers


def test_without_an_instant_the_answer_says_at_null():
    organization = Organization.objects.create(name='lonely')
    assert impact(organization).to_json() == {
        'source': 'organization:lonely', 'at': None, 'consumers': [],
        'resources': [], 'products': [], 'services': [], 'offerings': [], 'subscriptions': [],
    }


def test_every_offering_of_a_failed_organization_is_listed_even_without_subscriptions(net):
    supplier = net.provider('s')
    net.offering(supplier, 'unused-offer', services=['s-svc'])
    assert impact(supplier, AT).offerings == ['s-offer', 'unused-offer']


# --- A failed resource ------------------------------------------------------------------


def test_a_failed_resource_starts_the_walk_inside_its_organization_at_depth_one(chain):
    result = impact(Resource.objects.get(name='a-supply'), AT).to_json()
    assert result['source'] == 'resource:a-supply'
    assert result['consumers'] == [{'organization': 'b', 'depth': 1}, {'organization': 'c', 'depth': 2}]
    assert result['resources'] == ['a-app', 'a-supply', 'b-app', 'b-supply']
    assert result['products'] == ['a-prod', 'b-prod']
    assert result['offerings'] == ['a-offer', 'b-offer']
    assert result['subscriptions'] == ['b-from-a', 'c-uses-b']


def test_a_failed_low_level_resource_fails_its_dependents_and_the_products_using_them(net):
    bank = net.org('bank')
    net.resource(bank, 'database')
    net.resource(bank, 'core', 'database')
    net.resource(bank, 'portal', 'core')
    net.resource(bank, 'printer')
    net.product(bank, 'web', 'portal')
    net.product(bank, 'print', 'printer')
    net.service(bank, 'online', 'web')
    net.service(bank, 'printing', 'print')
    net.offering(bank, 'online-offer', services=['online'])
    net.offering(bank, 'print-offer', services=['printing'])
    net.subscribe(net.org('user'), 'online-offer', 'user-online')
    net.subscribe(net.org('reader'), 'print-offer', 'reader-print')

    result = impact(Resource.objects.get(name='database'), AT)
    assert result.resources == ['core', 'database', 'portal']
    assert result.products == ['web']
    assert result.services == ['online']
    assert result.offerings == ['online-offer']
    assert result.consumers == {'user': 1}
    assert result.subscriptions == ['user-online']


def test_dependents_in_another_organization_do_not_fail_with_the_resource(net):
    bank = net.org('bank')
    other = net.org('other')
    net.resource(bank, 'database')
    stray = net.resource(other, 'stray')
    ResourceDependency.objects.create(resource=stray, depends_on=Resource.objects.get(name='database'))
    net.product(other, 'stray-prod', 'stray')
    assert impact(Resource.objects.get(name='database'), AT).resources == ['database']


def test_an_offering_is_reached_through_an_elements_product_when_no_service_of_it_fails(net):
    bank = net.org('bank')
    net.resource(bank, 'vault')
    net.resource(bank, 'desk')
    net.product(bank, 'safe-box', 'vault')
    net.product(bank, 'counter', 'desk')
    net.service(bank, 'teller', 'counter')
    net.offering(bank, 'premium', services=['teller'], elements=['safe-box'])
    net.subscribe(net.org('vip'), 'premium', 'vip-premium')

    result = impact(Resource.objects.get(name='vault'), AT)
    assert result.products == ['safe-box']
    assert result.services == []
    assert result.offerings == ['premium']
    assert result.consumers == {'vip': 1}


# --- Cycles, time and depth -------------------------------------------------------------


def test_a_cycle_between_two_organizations_ends_and_never_reports_the_failed_one(net):
    first, second = net.org('first'), net.org('second')
    for org in (first, second):
        net.resource(org, f'{org.name}-supply', supplied=True)
        net.product(org, f'{org.name}-prod', f'{org.name}-supply')
        net.service(org, f'{org.name}-svc', f'{org.name}-prod')
        net.offering(org, f'{org.name}-offer', services=[f'{org.name}-svc'])
    net.subscribe(second, 'first-offer', 'second-from-first', 'second-supply')
    net.subscribe(first, 'second-offer', 'first-from-second', 'first-supply')

    for source in (first, Resource.objects.get(name='first-supply')):
        result = impact(source, AT)
        assert result.consumers == {'second': 1}
        assert 'first-from-second' not in result.subscriptions
        assert 'second-from-first' in result.subscriptions


def test_a_consumer_reached_again_further_down_keeps_its_depth_and_the_walk_ends(net):
    """S supplies A; A supplies B; B supplies A again through another supplied service."""
    supplier = net.provider('s')
    a = net.provider('a', supplied_by='s-offer')
    net.provider('b', supplied_by='a-offer')
    net.resource(a, 'a-backup', supplied=True)
    net.subscribe(a, 'b-offer', 'a-from-b', 'a-backup')
    net.product(a, 'a-backup-prod', 'a-backup')

    result = impact(supplier, AT)
    assert result.consumers == {'a': 1, 'b': 2}
    assert 'a-backup' in result.resources
    assert 'a-backup-prod' in result.products
    assert 'a-from-b' in result.subscriptions


@pytest.mark.parametrize(
    'fields',
    [
        {'status': SubscriptionStatus.ENDED},
        {'status': SubscriptionStatus.CANCELLED},
        {'end': datetime.date(2025, 3, 9)},
        {'start': datetime.date(2025, 3, 11)},
    ],
    ids=['ended', 'cancelled', 'ended-the-day-before', 'starting-later'],
)
def test_a_subscription_not_active_at_the_instant_is_not_followed(net, fields):
    supplier = net.provider('s')
    a = net.org('a')
    net.resource(a, 'a-supply', supplied=True)
    net.product(a, 'a-prod', 'a-supply')
    net.service(a, 'a-svc', 'a-prod')
    net.offering(a, 'a-offer', services=['a-svc'])
    net.subscribe(a, 's-offer', 'a-from-s', 'a-supply', **fields)
    net.subscribe(net.org('b'), 'a-offer', 'b-uses-a')

    result = impact(supplier, AT)
    assert result.consumers == {}
    assert result.subscriptions == []
    assert result.resources == []


def test_a_subscription_active_on_its_last_day_is_followed(net):
    supplier = net.provider('s')
    net.subscribe(net.org('a'), 's-offer', 'a-from-s', end=AT.date())
    assert impact(supplier, AT).consumers == {'a': 1}


def test_the_day_of_an_instant_is_its_date_in_utc(net):
    supplier = net.provider('s')
    net.subscribe(net.org('a'), 's-offer', 'a-from-s', end=datetime.date(2025, 3, 9))
    paris = datetime.timezone(datetime.timedelta(hours=1))
    half_past_midnight_in_paris = datetime.datetime(2025, 3, 10, 0, 30, tzinfo=paris)
    assert impact(supplier, half_past_midnight_in_paris).consumers == {'a': 1}


def test_a_consumer_reached_by_two_paths_has_the_shorter_depth(net):
    supplier = net.provider('s')
    net.provider('a', supplied_by='s-offer')
    b = net.provider('b', supplied_by='a-offer')
    net.resource(b, 'b-direct', supplied=True)
    ProductComponent.objects.create(product=Product.objects.get(name='b-prod'), resource=Resource.objects.get(
        name='b-direct'))
    net.subscribe(b, 's-offer', 'b-from-s', 'b-direct')
    net.subscribe(net.org('c'), 'b-offer', 'c-uses-b')
    assert impact(supplier, AT).consumers == {'a': 1, 'b': 1, 'c': 2}


def test_a_consumer_is_affected_further_down_only_through_a_resource_its_affected_subscription_realizes(net):
    """B subscribes to S directly without realizing anything: B is affected at 1, its consumers only via A."""
    supplier = net.provider('s')
    net.provider('a', supplied_by='s-offer')
    b = net.provider('b', supplied_by='a-offer')
    net.subscribe(b, 's-offer', 'b-from-s')
    net.subscribe(net.org('c'), 'b-offer', 'c-uses-b')
    assert impact(supplier, AT).consumers == {'a': 1, 'b': 1, 'c': 3}


# --- Queries grow with depth, not with size ---------------------------------------------


def layered(net: Network, width: int, depth: int) -> Organization:
    """A supplier, then ``depth`` levels of ``width`` organizations each supplied by one of the level above."""
    supplier = net.provider('s')
    above = ['s'] * width
    for level in range(1, depth + 1):
        names = [f'l{level}-{i}' for i in range(width)]
        for name, supplier_name in zip(names, above, strict=True):
            net.provider(name, supplied_by=f'{supplier_name}-offer')
        above = names
    return supplier


def wipe() -> None:
    """Delete every object a network creates, dependents first."""
    for model in (Subscription, ServiceRelationship, OfferingElement, ServiceOffering, Service, ProductComponent,
                  Product, ResourceDependency, Resource, Person, Organization):
        model.objects.all().delete()


def queries_for(width: int, depth: int) -> tuple[int, dict[str, int]]:
    """The number of queries of the impact of the supplier of a fresh layered network, and its consumers."""
    wipe()
    supplier = layered(Network(), width, depth)
    with CaptureQueriesContext(connection) as queries:
        result = impact(supplier, AT)
    return len(queries), result.consumers


def test_the_number_of_queries_grows_with_depth_not_with_the_number_of_objects():
    small, consumers = queries_for(width=5, depth=3)
    assert len(consumers) == 15
    large, consumers = queries_for(width=15, depth=3)
    assert len(consumers) == 45
    assert sorted(set(consumers.values())) == [1, 2, 3]
    assert large == small
    deeper, consumers = queries_for(width=5, depth=4)
    assert max(consumers.values()) == 4
    assert deeper > small
    deepest, _ = queries_for(width=5, depth=5)
    assert deepest - deeper == deeper - small, 'the same number of queries per extra depth'


def test_id_lists_split_into_chunks_give_the_same_answer(chain, monkeypatch):
    whole = impact(chain, AT).to_json()
    monkeypatch.setattr('accord.analysis.impact.CHUNK', 1)
    assert impact(chain, AT).to_json() == whole


# --- The command line -------------------------------------------------------------------


def test_the_command_answers_json_with_the_instant_given(chain):
    result = run_cli('impact', 'organization:s', '--at', '2025-03-10T13:00:00+01:00', '--format', 'json')
    assert result.status == 0, result.stderr
    answer = result.json
    assert answer['at'] == '2025-03-10T13:00:00+01:00'
    assert answer['consumers'][2] == {'organization': 'c', 'depth': 3}
    assert list(answer) == ['source', 'at', 'consumers', 'resources', 'products', 'services', 'offerings',
                            'subscriptions']


def test_the_command_answers_a_table_of_consumers_then_the_lists(chain):
    result = run_cli('impact', 'resource:a-supply', '--at', '2025-03-10T12:00:00Z')
    assert result.status == 0, result.stderr
    assert 'consumers affected' in result.stdout
    assert result.stdout.index('b-from-a') > result.stdout.index('depth')
    for name in ('resources', 'products', 'services', 'offerings', 'subscriptions', 'a-app', 'c-uses-b'):
        assert name in result.stdout


def test_without_at_the_command_uses_now_and_answers_at_null(chain):
    result = run_cli('impact', 'organization:s', '--format', 'json')
    assert result.status == 0, result.stderr
    assert result.json['at'] is None
    assert result.json['consumers'][0] == {'organization': 'a', 'depth': 1}


@pytest.mark.parametrize('source', ['organization:nobody', 'resource:nothing'])
def test_an_unknown_source_exits_1_naming_it(source):
    result = run_cli('impact', source)
    assert result.status == 1
    assert repr(source.partition(':')[2]) in result.stderr
    assert source.partition(':')[0] in result.stderr
    assert 'Traceback' not in result.stderr


@pytest.mark.parametrize('source', ['cardnet', 'product:cardnet', 'organization:', ':cardnet'])
def test_a_malformed_source_is_a_usage_error(source):
    result = run_cli('impact', source)
    assert result.status == 2
    assert 'organization:NAME or resource:NAME' in result.stderr


@pytest.mark.parametrize('at', ['yesterday', '2025-13-01T00:00:00Z', '2025-03-10T12:00:00', '2025-03-10'])
def test_a_malformed_or_offsetless_instant_is_a_usage_error(chain, at):
    result = run_cli('impact', 'organization:s', '--at', at)
    assert result.status == 2
    assert '--at' in result.stderr and repr(at) in result.stderr
    assert 'Traceback' not in result.stderr


# --- The worked example of domain.md section 7 ------------------------------------------

DEMO_HAS_SUBSCRIPTIONS = 'name: ana-student-checking' in (
    files('accord.interchange') / 'data' / 'firsttown-bank.yaml'
).read_text(encoding='utf-8')


@pytest.mark.skipif(not DEMO_HAS_SUBSCRIPTIONS, reason='the demo has no subscription ana-student-checking yet')
def test_if_cardnet_fails_the_bank_is_affected_at_1_and_checking_holders_at_2(bank):
    result = run_cli('impact', 'organization:cardnet', '--format', 'json')
    assert result.status == 0, result.stderr
    consumers = {c['organization']: c['depth'] for c in result.json['consumers']}
    assert consumers['firsttown-bank'] == 1
    assert {name: consumers.get(name) for name in ('ana', 'ben', 'northwind-traders')} == {
        'ana': 2, 'ben': 2, 'northwind-traders': 2,
    }
    assert 'carla' not in consumers
    assert 'cardnet' not in consumers
    assert 'carla-basic-savings' not in result.json['subscriptions']
    assert 'ftb-card-processing' in result.json['subscriptions']
    assert 'card-processing' in result.json['resources']
    assert {'student-checking', 'standard-checking'} <= set(result.json['offerings'])
    assert 'basic-savings' not in result.json['offerings']


"""The permission matrix: every route of the API router, every action, every persona, one expected answer.

Personas on FirstTown Bank (domain.md section 7): the bank's staff in each role (granted on the
bank, the target objects often sit in a unit below it), a supplier's administrator (CardNet), the
consumers Ana (customer and user of her own individual organization), Nina (customer and sponsor
of Northwind Traders) and Omar (user at Northwind), a signed-in user with nothing, the superuser,
and an anonymous client. A route missing from ``MATRIX`` fails ``test_every_route_has_a_row``.

Each row names a target object (the bank's, or Northwind's relationship with the bank) and, per
persona, a cell kind:

- ``W``: may write: list 200, get 200, POST ``{}`` 400 (invalid, but allowed), PATCH ``{}`` 200,
  PUT ``{}`` 400, DELETE 204 or 409 (others refer to it);
- ``R``: sees it, may not write: 200, 200, 403, 403, 403, 403;
- ``E``: the endpoint answers, the object is out of sight: 200, 404, 403, 404, 404, 404;
- ``X``: writes elsewhere (the supplier, in its own organization), the object is out of sight:
  200, 404, POST ``{}`` 400, then 404, 404, 404;
- ``V``: sees it (a member of its customer), writes only in its own organization:
  200, 200, POST ``{}`` 400, then 403, 403, 403;
- ``N``: read-only reference data, nothing of it seen: 200, 404, 405, 405, 405, 405;
- ``H``: the whole endpoint is out of sight (consumers and the raw catalogue): 404 everywhere;
- ``O``: read-only reference data seen: 200, 200, 405, 405, 405, 405;
- ``S``: self-service (API tokens): the user's own are theirs, another's is out of sight: 200, 404,
  POST ``{}`` 201 (a token of their own), PUT and PATCH 405 (a token is never changed), DELETE 404;
- ``T``: self-service, and everyone's seen and revoked (the superuser): 200, 200, 201, 405, 405, 204;
- ``A``: anonymous: 401 or 403 everywhere.

Provision records are created through their verbs and never edited or deleted (405), only moved by their
lifecycle actions (``accord.provision.tests.test_api``):

- ``P``: sees it, may create (a consumer orders): 200, 200, POST ``{}`` 400, 405, 405, 405;
- ``Q``: sees it, may not create: 200, 200, 403, 405, 405, 405;
- ``F``: the object is out of sight, may not create: 200, 404, 403, 405, 405, 405;
- ``G``: the object is out of sight, may create elsewhere: 200, 404, 400, 405, 405, 405.

Every write runs in a savepoint rolled back afterwards, so cells never affect each other.
"""

import datetime as dt

import pytest
from django.db import transaction
from django.test import Client

from accord.api.router import router
from accord.core.models import APIToken, ObjectChange, User
from accord.core.roles import Role
from accord.core.services import Actor
from accord.core.tokens import create_token
from accord.parties.models import Organization, Person, RoleGrant
from accord.relationships.models import Feedback, RelationshipReview, ServiceRelationship, ValueReview
from accord.resources.models import Item, Resource

pytestmark = pytest.mark.django_db

PERSONAS = ('administrator', 'catalogue', 'relationships', 'practitioner', 'auditor', 'supplier',
            'ana', 'nina', 'omar', 'nobody', 'superuser', 'anonymous')
ROLES = {
    'administrator': (Role.ADMINISTRATOR, 'firsttown-bank'),
    'catalogue': (Role.CATALOGUE_MANAGER, 'firsttown-bank'),
    'relationships': (Role.RELATIONSHIP_MANAGER, 'firsttown-bank'),
    'practitioner': (Role.PRACTITIONER, 'firsttown-bank'),
    'auditor': (Role.AUDITOR, 'firsttown-bank'),
    'supplier': (Role.ADMINISTRATOR, 'cardnet'),
}
CONSUMERS = {'ana': 'ana-garcia', 'nina': 'nina-park', 'omar': 'omar-haddad'}

# Columns: administrator catalogue relationships practitioner auditor supplier ana nina omar nobody superuser
MATRIX: dict[str, str] = {
    'organizations':        'W R R R R X E E E E W',
    'persons':              'W R R R R V E E E E W',
    'consumer-groups':      'W W R R R X R E E E W',
    'resources':            'W W R R R X H H H E W',
    'items':                'W W R R R X H H H E W',
    'products':             'W W R R R X H H H E W',
    'services':             'W W R R R X H H H E W',
    'service-offerings':    'W W R R R X R E E E W',
    'practices':            'O O O O O O H H H N O',
    'practice-assignments': 'W R R W R X H H H E W',
    'service-relationships': 'W R W R R X E R R E W',
    'subscriptions':        'W R W R R X E R R E W',
    'agreements':           'W R W R R X E R R E W',
    'feedback':             'W R W R R X E R R E W',
    'value-reviews':        'W R W R R X E R R E W',
    'relationship-reviews': 'W R W R R X E R R E W',
    'orders':               'P Q P P Q G G P P F P',
    'goods-deliveries':     'P Q P P Q G F Q Q F P',
    'ownership-transfers':  'O O O O O N N O O N O',
    'access-grants':        'P Q P P Q G F Q Q F P',
    'action-instances':     'P Q P P Q G F Q Q F P',
    'consumption-events':   'W R W R R X E R R E W',
    'period-facts':         'W R W R R X E R R E W',
    'capacity-slots':       'W R W R R X H H H E W',
    'reservations':         'P Q P Q Q G F Q Q F P',
    'request-catalogue':    'N N N N N N N O O N N',
    'object-changes':       'N N N N N N H H H N O',
    'users':                'E E E E E E E E E E W',
    'role-grants':          'W E E E R X E E E E W',
    'tokens':               'S S S S S S S S S S T',
}
ACTIONS = ('list', 'retrieve', 'create', 'partial_update', 'update', 'destroy')
CELLS = {
    'W': ({200}, {200}, {400}, {200}, {400}, {204, 409}),
    'R': ({200}, {200}, {403}, {403}, {403}, {403}),
    'E': ({200}, {404}, {403}, {404}, {404}, {404}),
    'X': ({200}, {404}, {400}, {404}, {404}, {404}),
    'V': ({200}, {200}, {400}, {403}, {403}, {403}),
    'H': ({404},) * 6,
    'N': ({200}, {404}, {405}, {405}, {405}, {405}),
    'O': ({200}, {200}, {405}, {405}, {405}, {405}),
    'S': ({200}, {404}, {201}, {405}, {405}, {404}),
    'T': ({200}, {200}, {201}, {405}, {405}, {204}),
    'A': ({401, 403},) * 6,
    'P': ({200}, {200}, {400}, {405}, {405}, {405}),
    'Q': ({200}, {200}, {403}, {405}, {405}, {405}),
    'F': ({200}, {404}, {403}, {405}, {405}, {405}),
    'G': ({200}, {404}, {400}, {405}, {405}, {405}),
}


def expected(route: str, persona: str) -> tuple[set[int], ...]:
    if persona == 'anonymous':
        return CELLS['A']
    return CELLS[MATRIX[route].split()[PERSONAS.index(persona)]]


@pytest.fixture
def personas(bank) -> dict[str, Client]:
    """A client per persona, signed in; consumers are users linked to their Person."""
    clients = {'anonymous': Client()}
    for persona, (role, organization) in ROLES.items():
        user = User.objects.create_user(f'staff-{persona}')
        RoleGrant.objects.create(user=user, role=role, organization=Organization.objects.get(name=organization))
        clients[persona] = Client()
        clients[persona].force_login(user)
    for persona, person in CONSUMERS.items():
        user = User.objects.create_user(f'consumer-{persona}')
        Person.objects.filter(name=person).update(user=user)
        clients[persona] = Client()
        clients[persona].force_login(user)
    clients['nobody'] = Client()
    clients['nobody'].force_login(User.objects.create_user('nobody'))
    clients['superuser'] = Client()
    clients['superuser'].force_login(User.objects.create_superuser('root', password='x'))
    return clients


def targets() -> dict[str, object]:
    """The object each row's detail actions are tried on: the bank's (a unit's, for organizations) or Northwind's."""
    from accord.catalog.models import Product, Service, ServiceOffering
    from accord.parties.models import ConsumerGroup
    from accord.practices.models import Practice, PracticeAssignment
    from accord.relationships.models import Agreement, Subscription

    northwind = ServiceRelationship.objects.get(name='firsttown-bank-northwind-traders')
    nina = Person.objects.get(name='nina-park')
    feedback = Feedback.objects.filter(relationship=northwind).first() or Feedback.objects.create(
        name='northwind-feedback', relationship=northwind, person=nina,
        at=dt.datetime(2025, 3, 1, tzinfo=dt.UTC), score=4)
    value_review = ValueReview.objects.filter(relationship=northwind).first() or ValueReview.objects.create(
        name='northwind-value', relationship=northwind, period='2025-Q1', assessed_by=nina, overall='positive')
    review = RelationshipReview.objects.filter(relationship=northwind).first() or RelationshipReview.objects.create(
        name='northwind-review', relationship=northwind, at=dt.datetime(2025, 3, 2, tzinfo=dt.UTC))
    item = Item.objects.filter(resource__organization__name='firsttown-bank').first()
    if item is None:
        item = Item.objects.create(name='atm-17', resource=Resource.objects.get(name='atm-fleet'),
                                   owner=Organization.objects.get(name='firsttown-bank'))
    account = User.objects.filter(username='ftb-teller').first() or User.objects.create_user('ftb-teller')
    grant = RoleGrant.objects.get_or_create(user=account, role=Role.PRACTITIONER,
                                            organization=Organization.objects.get(name='ftb-retail-banking'))[0]
    token = APIToken.objects.filter(user=account).first() or create_token(account, actor=Actor(username='test'))[0]
    return {
        **provision_targets(northwind, nina),
        'organizations': Organization.objects.get(name='ftb-retail-banking'),
        'persons': Person.objects.get(name='tom-becker'),
        'consumer-groups': ConsumerGroup.objects.get(name='students'),
        'resources': Resource.objects.get(name='core-banking'),
        'items': item,
        'products': Product.objects.get(name='checking-account'),
        'services': Service.objects.filter(provider__name='firsttown-bank').first(),
        'service-offerings': ServiceOffering.objects.get(name='student-checking'),
        'practices': Practice.objects.first(),
        'practice-assignments': PracticeAssignment.objects.filter(organization__name='firsttown-bank').first(),
        'service-relationships': northwind,
        'subscriptions': Subscription.objects.get(name='northwind-standard-checking'),
        'agreements': Agreement.objects.get(name='sla-northwind-2025'),
        'feedback': feedback,
        'value-reviews': value_review,
        'relationship-reviews': review,
        'object-changes': ObjectChange.objects.order_by('id').first(),
        'users': account,
        'role-grants': grant,
        'tokens': token,
    }


def provision_targets(northwind: ServiceRelationship, nina: Person) -> dict[str, object]:
    """One record of each provision kind in Northwind's relationship with the bank (written as a file would)."""
    from accord.catalog.models import OfferingElement
    from accord.provision.models import (
        AccessGrant,
        ActionInstance,
        CapacitySlot,
        ConsumptionEvent,
        GoodsDelivery,
        Order,
        OwnershipTransfer,
        PeriodFact,
        Reservation,
    )
    from accord.relationships.models import Subscription

    at = dt.datetime(2025, 3, 3, 9, tzinfo=dt.UTC)
    checking = Subscription.objects.get(name='northwind-standard-checking')
    elements = {e.name: e for e in OfferingElement.objects.filter(offering=checking.offering)}
    omar = Person.objects.get(name='omar-haddad')

    def one(model, **fields):
        """The record of that name, made the first time (``targets()`` runs more than once in a test)."""
        return model.objects.filter(name=fields['name']).first() or model.objects.create(**fields)

    order = one(Order, name='northwind-order', relationship=northwind, requested_by=omar, at=at, subscription=checking,
                request_item=checking.offering.request_items.get(name='replace-card'), status='approved')
    delivery = one(GoodsDelivery, name='northwind-checkbook', subscription=checking, element=elements['checkbook'],
                   quantity=1, at=at)
    if not delivery.ownership_transfers.exists():
        item = Item.objects.create(name='checkbook-9001', resource=Resource.objects.get(name='checkbook-stock'),
                                   owner=northwind.consumer)
        OwnershipTransfer.objects.create(item=item, from_owner=northwind.provider, to_owner=northwind.consumer,
                                         at=at, reason='delivery', delivery=delivery)
    slot = one(CapacitySlot, name='atm-service-window', resource=Resource.objects.get(name='atm-fleet'), start=at,
               end=at + dt.timedelta(hours=8), capacity=4)
    return {
        'orders': order,
        'goods-deliveries': delivery,
        'ownership-transfers': delivery.ownership_transfers.first(),
        'access-grants': one(AccessGrant, name='northwind-card', subscription=checking, element=elements['debit-card'],
                             grantee_person=omar, valid_from=at),
        'action-instances': one(ActionInstance, name='northwind-replacement', subscription=checking,
                                element=elements['card-replacement'], requested_at=at),
        'consumption-events': one(ConsumptionEvent, name='northwind-deposit', subscription=checking,
                                  event='direct-deposit', at=at),
        'period-facts': one(PeriodFact, name='northwind-balance', subscription=checking, period='2025-03',
                            fact='average-balance', value=1),
        'capacity-slots': slot,
        'reservations': one(Reservation, name='northwind-window', slot=slot, subscription=checking, at=at),
        'request-catalogue': checking,
    }


def answer(client: Client, route: str, action: str, obj: object) -> int:
    """The status of one action, its writes rolled back."""
    url = f'/api/v1/{route}/'
    detail = f'{url}{obj.pk}/'
    with transaction.atomic():
        if action == 'list':
            status = client.get(url).status_code
        elif action == 'retrieve':
            status = client.get(detail).status_code
        elif action == 'create':
            status = client.post(url, {}, content_type='application/json').status_code
        elif action == 'partial_update':
            status = client.patch(detail, {}, content_type='application/json').status_code
        elif action == 'update':
            status = client.put(detail, {}, content_type='application/json').status_code
        else:
            status = client.delete(detail).status_code
        transaction.set_rollback(True)
    return status


def test_every_route_has_a_row():
    registered = {prefix for prefix, _viewset, _basename in router.registry}
    assert registered - set(MATRIX) == set(), 'a route without a row in the permission matrix'
    assert set(MATRIX) - registered == set(), 'a row of the permission matrix without a route'
    for route, row in MATRIX.items():
        assert len(row.split()) == len(PERSONAS) - 1, route


@pytest.mark.parametrize('persona', PERSONAS)
def test_each_persona_gets_the_answer_the_matrix_expects_on_every_route_and_action(personas, persona):
    client = personas[persona]
    objects = targets()
    wrong = []
    for route in MATRIX:
        for action, allowed in zip(ACTIONS, expected(route, persona), strict=True):
            status = answer(client, route, action, objects[route])
            if status not in allowed:
                wrong.append(f'{route} {action}: {status}, expected {sorted(allowed)}')
    assert wrong == [], '\n'.join(wrong)


def consumer_expectations(person: Person) -> dict[str, set[int]]:
    """What a consumer should list, computed with plain ORM filters (not through ``restrict``)."""
    from accord.catalog.models import ServiceOffering
    from accord.parties.models import ConsumerGroup
    from accord.relationships.models import Agreement, Subscription

    orgs = set(person.member_of.values_list('pk', flat=True))
    relationships = set(ServiceRelationship.objects.filter(consumer__in=orgs).values_list('pk', flat=True))
    groups = set(ConsumerGroup.objects.filter(members__in=orgs).values_list('pk', flat=True)) | set(
        Subscription.objects.filter(relationship__in=relationships).exclude(group=None).values_list('group', flat=True))
    offerings = set(ServiceOffering.objects.filter(lifecycle='live', target_groups__in=groups).values_list(
        'pk', flat=True)) | set(Subscription.objects.filter(relationship__in=relationships).values_list(
            'offering', flat=True))
    providers = set(ServiceRelationship.objects.filter(pk__in=relationships).values_list('provider', flat=True)) | set(
        ConsumerGroup.objects.filter(pk__in=groups).values_list('provider', flat=True))
    by_relationship = {
        'subscriptions': Subscription, 'agreements': Agreement, 'feedback': Feedback,
        'value-reviews': ValueReview, 'relationship-reviews': RelationshipReview,
    }
    expected_ids = {
        'users': {person.user_id},
        'role-grants': set(),
        'tokens': set(),
        'organizations': orgs | providers,
        'persons': {person.pk} | set(Person.objects.filter(member_of__in=orgs).values_list('pk', flat=True)),
        'consumer-groups': groups,
        'service-offerings': offerings,
        'service-relationships': relationships,
    }
    for route, model in by_relationship.items():
        expected_ids[route] = set(model.objects.filter(relationship__in=relationships).values_list('pk', flat=True))
    return expected_ids | provision_expectations(orgs, relationships)


def provision_expectations(orgs: set[int], relationships: set[int]) -> dict[str, set[int]]:
    """The provision records of the consumer's relationships, the transfers of its items, its request catalogue."""
    from django.db.models import Q

    from accord.provision import models as provision
    from accord.relationships.models import Subscription
    from accord.relationships.models.subscriptions import active_on

    by_subscription = {
        'goods-deliveries': provision.GoodsDelivery, 'access-grants': provision.AccessGrant,
        'action-instances': provision.ActionInstance, 'consumption-events': provision.ConsumptionEvent,
        'period-facts': provision.PeriodFact, 'reservations': provision.Reservation,
    }
    found = {route: set(model.objects.filter(subscription__relationship__in=relationships).values_list('pk', flat=True))
             for route, model in by_subscription.items()}
    found['orders'] = set(provision.Order.objects.filter(relationship__in=relationships).values_list('pk', flat=True))
    found['ownership-transfers'] = set(provision.OwnershipTransfer.objects.filter(
        Q(from_owner__in=orgs) | Q(to_owner__in=orgs)).values_list('pk', flat=True))
    found['request-catalogue'] = set(Subscription.objects.filter(
        active_on(dt.date.today()), relationship__in=relationships).values_list('pk', flat=True))
    return found


@pytest.mark.parametrize('persona', sorted(CONSUMERS))
def test_a_consumer_lists_exactly_what_r1_and_r5_allow_and_nothing_else_answers(personas, persona):
    targets()  # the reviews and feedback of Northwind, so that lists are not trivially empty
    person = Person.objects.get(name=CONSUMERS[persona])
    expected_ids = consumer_expectations(person)
    for route in MATRIX:
        response = personas[persona].get(f'/api/v1/{route}/?limit=1000')
        if route not in expected_ids:
            assert response.status_code == 404, route
            continue
        assert response.status_code == 200, route
        listed = {row['id'] for row in response.json()['results']}
        assert listed == expected_ids[route], route


def test_a_consumer_gets_404_for_another_organizations_relationship_and_its_parts(personas):
    other = ServiceRelationship.objects.get(name='firsttown-bank-ana')
    client = personas['nina']
    assert client.get(f'/api/v1/service-relationships/{other.pk}/').status_code == 404
    feedback = Feedback.objects.filter(relationship=other).first()
    assert client.get(f'/api/v1/feedback/{feedback.pk}/').status_code == 404
    mine = ServiceRelationship.objects.get(name='firsttown-bank-northwind-traders')
    assert client.get(f'/api/v1/service-relationships/{mine.pk}/').status_code == 200


def test_filtering_by_a_hidden_objects_name_or_id_finds_nothing_rather_than_an_error(personas):
    ana = Organization.objects.get(name='ana')
    client = personas['nina']
    for query in (f'consumer={ana.name}', f'consumer_id={ana.pk}'):
        response = client.get(f'/api/v1/service-relationships/?{query}')
        assert response.status_code == 200, query
        assert response.json()['results'] == [], query
    # A group Nina sees, filtered by a member she may not see: nothing, not the group.
    response = client.get(f'/api/v1/consumer-groups/?members={ana.name}')
    assert response.status_code == 200
    assert response.json()['results'] == []
    # Filtering by her own organization still works.
    response = client.get('/api/v1/service-relationships/?consumer=northwind-traders')
    assert [row['name'] for row in response.json()['results']] == ['firsttown-bank-northwind-traders']


def test_a_write_that_would_move_an_object_out_of_reach_is_refused_and_rolled_back(personas):
    from accord.catalog.models import Product

    product = Product.objects.get(name='checking-account')
    response = personas['catalogue'].patch(
        f'/api/v1/products/{product.pk}/', {'provider': 'cardnet'}, content_type='application/json')
    assert response.status_code == 403, response.content
    assert 'nothing was saved' in response.json()['detail']
    product.refresh_from_db()
    assert product.provider.name == 'firsttown-bank'


def test_a_relationship_manager_cannot_create_a_relationship_for_another_provider(personas):
    before = ServiceRelationship.objects.count()
    response = personas['relationships'].post('/api/v1/service-relationships/', {
        'name': 'cardnet-northwind', 'provider': 'cardnet', 'consumer': 'northwind-traders', 'type': 'basic',
    }, content_type='application/json')
    assert response.status_code == 403, response.content
    assert ServiceRelationship.objects.count() == before


def test_a_write_referring_to_a_hidden_object_fails_as_if_it_did_not_exist(personas):
    from accord.catalog.models import Service

    service = Service.objects.filter(provider__name='firsttown-bank').first()
    staff = personas['supplier']  # CardNet's administrator does not see the bank's services
    hidden = staff.post('/api/v1/service-offerings/', {
        'name': 'x-offering', 'provider': 'cardnet', 'services': [service.name],
    }, content_type='application/json')
    missing = staff.post('/api/v1/service-offerings/', {
        'name': 'x-offering', 'provider': 'cardnet', 'services': ['no-such-service'],
    }, content_type='application/json')
    assert hidden.status_code == missing.status_code == 400
    assert hidden.json()['services'] == [m.replace('no-such-service', service.name)
                                         for m in missing.json()['services']]


# Names a consumer may read although the object is out of their sight: documented in docs/roles.md.
NAMED_THOUGH_HIDDEN = {
    ('service-relationships', 'manager'),  # their own relationship manager, the provider's person (R13)
    ('ownership-transfers', 'item'),  # an item delivered to them or converted for them
}


def reference_names(route: str, row: dict) -> list[tuple[str, type, str]]:
    """Every (field, model, name) a row names by reference: reference fields, nested parts and waivers."""
    from accord.api.serializers import NameField, NameListField, Parts
    from accord.catalog import pricing
    from accord.catalog.models import Product, ServiceOffering

    viewset = next(viewset for prefix, viewset, _basename in router.registry if prefix == route)
    found = []
    for key, field in viewset.serializer_class().fields.items():
        value = row.get(key)
        if isinstance(field, NameListField):
            found += [(key, field.child_relation.model, name) for name in value or []]
        elif isinstance(field, NameField) and value is not None:
            found.append((key, field.model, value))
        elif isinstance(field, Parts) and field.many:
            refs = {name: ref.model for name, ref in field.serializer_class().fields.items()
                    if isinstance(ref, NameField)}
            for part in value or []:
                found += [(f'{key}.{name}', model, part[name]) for name, model in refs.items() if name in part]
    if route == 'service-offerings':
        found += [(f'elements.component of {e["product"]}', Product, e['product'])
                  for e in row['elements'] if 'component' in e]
        if row['pricing'] and row['pricing'].get('waivers'):
            named = pricing.check_condition(row['pricing']['waivers']) - {None}
            found += [('pricing.waivers', ServiceOffering, name) for name in named]
    return found


def hidden_neighbours() -> None:
    """Objects next to what consumers see, out of their sight: a provider's parent, another member of
    their group, another organization of a fellow member, their relationship's manager."""
    from accord.parties.models import ConsumerGroup

    holding = Organization.objects.create(name='firsttown-holding', kind='legal-entity')
    Organization.objects.filter(name='firsttown-bank').update(parent=holding)
    for group in ConsumerGroup.objects.filter(provider__name='firsttown-bank'):
        group.members.add(Organization.objects.get(name='ben'))
    Person.objects.get(name='omar-haddad').member_of.add(Organization.objects.get(name='cardnet'))
    ServiceRelationship.objects.filter(provider__name='firsttown-bank').update(
        manager=Person.objects.get(name='priya-shah'))


@pytest.mark.parametrize('persona', sorted(CONSUMERS))
def test_every_name_a_consumer_reads_in_a_reference_names_an_object_they_may_view(personas, persona):
    targets()
    hidden_neighbours()
    user = User.objects.get(username=f'consumer-{persona}')
    leaks = []
    for route in MATRIX:
        response = personas[persona].get(f'/api/v1/{route}/?limit=1000')
        if response.status_code == 404:
            continue
        for row in response.json()['results']:
            for key, model, name in reference_names(route, row):
                if (route, key) in NAMED_THOUGH_HIDDEN:
                    continue
                if not model.objects.restrict(user, 'view').filter(name=name).exists():
                    leaks.append(f'{route} {row["name"]} {key}: {name}')
    assert leaks == [], '\n'.join(leaks)

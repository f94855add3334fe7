"""Every model endpoint under the generic API test mixin, on a small catalogue built with the ORM."""

import datetime
import itertools
from decimal import Decimal

import pytest
from django.utils import timezone

from accord.catalog.models import (
    OfferingElement,
    Product,
    ProductComponent,
    RequestItem,
    Service,
    ServiceOffering,
    UsageCharge,
)
from accord.core.choices import ChangeAction, ChangeSource
from accord.core.models import APIToken, ObjectChange, User
from accord.core.services import Actor, save_object
from accord.core.tokens import create_token
from accord.parties.models import ConsumerGroup, Organization, Person, RoleGrant
from accord.practices.models import Practice, PracticeAssignment
from accord.relationships.models import (
    Agreement,
    AgreementTarget,
    ConsumerRole,
    Feedback,
    Measurement,
    RelationshipReview,
    ServiceRelationship,
    Subscription,
    ValueFactor,
    ValueReview,
)
from accord.resources.models import Item, Resource
from accord.testing.api import APIViewTestMixin

API = '/api/v1/'
counter = itertools.count()


def unique(prefix: str) -> str:
    return f'{prefix}-{next(counter)}'


class World:
    """A provider (acme, with alice), a consumer (globex, with bob as customer) and what links them."""

    def __init__(self):
        self.acme = Organization.objects.create(name='acme')
        self.globex = Organization.objects.create(name='globex')
        self.alice = Person.objects.create(name='alice')
        self.alice.member_of.set([self.acme])
        self.bob = Person.objects.create(name='bob')
        self.bob.member_of.set([self.globex])
        self.students = ConsumerGroup.objects.create(name='students', provider=self.acme)
        self.server = self.resource('server')
        self.hosting = self.product('hosting')
        self.web = self.service('web')
        self.offering = self.make_offering('web-basic')
        self.relationship = ServiceRelationship.objects.create(name='acme-globex', provider=self.acme,
                                                               consumer=self.globex)
        ConsumerRole.objects.create(relationship=self.relationship, person=self.bob, role='customer')
        self.subscription = Subscription.objects.create(name='globex-web', relationship=self.relationship,
                                                        offering=self.offering, start=datetime.date(2025, 1, 1))

    def resource(self, name: str) -> Resource:
        return Resource.objects.create(name=name, organization=self.acme, dimension='information-and-technology',
                                       kind='infrastructure')

    def product(self, name: str) -> Product:
        product = Product.objects.create(name=name, provider=self.acme)
        ProductComponent.objects.create(product=product, resource=self.server)
        return product

    def service(self, name: str) -> Service:
        service = Service.objects.create(name=name, provider=self.acme, owner=self.alice)
        service.products.set([self.hosting])
        return service

    def make_offering(self, name: str) -> ServiceOffering:
        offering = ServiceOffering.objects.create(name=name, provider=self.acme, currency='EUR')
        offering.services.set([self.web])
        element = OfferingElement.objects.create(offering=offering, name='hosting', kind='access',
                                                 product=self.hosting)
        UsageCharge.objects.create(offering=offering, event='restart', amount=Decimal('1.00'))
        RequestItem.objects.create(offering=offering, name='restart', element=element)
        return offering


class EndpointTests(APIViewTestMixin):
    @pytest.fixture(autouse=True)
    def _world(self, db):
        self.w = World()


class TestOrganizations(EndpointTests):
    model = Organization
    url = f'{API}organizations/'

    def create_data(self):
        return {'name': 'initech', 'kind': 'business-unit', 'parent': 'acme'}

    def update_data(self):
        return {'kind': 'team', 'parent': 'globex', 'external': True}

    def make_objects(self, n):
        return [Organization.objects.create(name=unique('org'), parent=self.w.acme) for _ in range(n)]


class TestPersons(EndpointTests):
    model = Person
    url = f'{API}persons/'

    def create_data(self):
        return {'name': 'carol', 'memberOf': ['acme'], 'email': 'carol@example.org'}

    def update_data(self):
        return {'memberOf': ['acme', 'globex']}

    def make_objects(self, n):
        people = [Person.objects.create(name=unique('person')) for _ in range(n)]
        for person in people:
            person.member_of.set([self.w.acme, self.w.globex])
        return people


class TestConsumerGroups(EndpointTests):
    model = ConsumerGroup
    url = f'{API}consumer-groups/'

    def create_data(self):
        return {'name': 'staff', 'provider': 'acme', 'members': ['globex']}

    def update_data(self):
        return {'eligibility': 'employees', 'members': []}

    def make_objects(self, n):
        groups = [ConsumerGroup.objects.create(name=unique('group'), provider=self.w.acme) for _ in range(n)]
        for group in groups:
            group.members.set([self.w.globex])
        return groups


class TestResources(EndpointTests):
    model = Resource
    url = f'{API}resources/'

    def create_data(self):
        return {'name': 'db', 'organization': 'acme', 'dimension': 'information-and-technology',
                'kind': 'application', 'dependsOn': ['server']}

    def update_data(self):
        return {'capacity': {'amount': '10', 'unit': 'GB'}, 'dependsOn': [],
                'items': [{'name': 'disk-1'}, {'name': 'disk-2', 'owner': 'globex'}]}

    def make_objects(self, n):
        resources = [self.w.resource(unique('resource')) for _ in range(n)]
        for resource in resources:
            resource.depends_on.set([self.w.server])
            Item.objects.create(name=unique('item'), resource=resource, owner=self.w.globex)
        return resources


class TestItems(EndpointTests):
    model = Item
    url = f'{API}items/'

    def create_data(self):
        return {'name': 'laptop-1', 'resource': 'server', 'owner': 'acme'}

    def update_data(self):
        return {'owner': 'globex'}

    def make_objects(self, n):
        return [Item.objects.create(name=unique('item'), resource=self.w.server, owner=self.w.acme) for _ in range(n)]


class TestProducts(EndpointTests):
    model = Product
    url = f'{API}products/'

    def create_data(self):
        return {'name': 'mail', 'provider': 'acme', 'components': [{'resource': 'server', 'role': 'host'}]}

    def update_data(self):
        return {'hiddenFrom': ['students'],
                'components': [{'resource': 'server', 'role': 'host', 'views': {'students': {'label': 'A server'}}}]}

    def make_objects(self, n):
        products = [self.w.product(unique('product')) for _ in range(n)]
        for product in products:
            product.hidden_from.set([self.w.students])
        return products


class TestServices(EndpointTests):
    model = Service
    url = f'{API}services/'

    def create_data(self):
        return {'name': 'mail', 'provider': 'acme', 'owner': 'alice', 'products': ['hosting']}

    def update_data(self):
        return {'lifecycle': 'retired'}

    def make_objects(self, n):
        return [self.w.service(unique('service')) for _ in range(n)]


class TestServiceOfferings(EndpointTests):
    model = ServiceOffering
    url = f'{API}service-offerings/'

    def create_data(self):
        return {'name': 'web-plus', 'provider': 'acme', 'services': ['web'], 'targetGroups': ['students']}

    def update_data(self):
        return {'pricing': {'currency': 'EUR', 'fee': {'amount': '10.00', 'per': 'month'}},
                'elements': [{'kind': 'action', 'name': 'reboot', 'product': 'hosting',
                              'targetDuration': {'hours': 4}}]}

    def make_objects(self, n):
        offerings = [self.w.make_offering(unique('offering')) for _ in range(n)]
        for offering in offerings:
            offering.target_groups.set([self.w.students])
        return offerings


class TestPractices(EndpointTests):
    model = Practice
    url = f'{API}practices/'
    read_only = True

    def make_objects(self, n):
        return [Practice.objects.create(name=unique('practice'), category='general') for _ in range(n)]


class TestObjectChanges(EndpointTests):
    model = ObjectChange
    url = f'{API}object-changes/'
    read_only = True

    def make_objects(self, n):
        changes = []
        for _ in range(n):
            save_object(Organization(name=unique('org')), actor=Actor(source=ChangeSource.CLI, username='test'))
            changes.append(ObjectChange.objects.latest('id'))
        return changes

    def test_an_entry_says_who_changed_what_from_where_and_filters_find_it(self):
        self.login(superuser=True)
        self.make_objects(2)
        globex = self.w.globex
        globex.title = 'Globex Corporation'
        save_object(globex, actor=Actor(source=ChangeSource.CLI, username='carol'))
        response = self.send('get', f'{self.url}?object_type=parties.organization&object_id={globex.pk}')
        assert response.status_code == 200
        [entry] = response.json()['results']
        assert entry['user'] == 'carol'
        assert (entry['source'], entry['action'], entry['objectType'], entry['objectId'], entry['object']) == (
            'cli', 'update', 'parties.organization', globex.pk, 'Globex Corporation')
        assert entry['after']['title'] == 'Globex Corporation'
        assert self.send('get', f'{self.url}?user=carol&source=api').json()['count'] == 0
        assert self.send('get', f'{self.url}?object_type=no.such').json()['count'] == 0
        assert self.send('get', f'{self.url}?after=2999-01-01T00:00:00Z').json()['count'] == 0
        assert self.send('get', f'{self.url}?source=nowhere').status_code == 400


class TestPracticeAssignments(EndpointTests):
    model = PracticeAssignment
    url = f'{API}practice-assignments/'

    @pytest.fixture(autouse=True)
    def _practice(self, _world):
        self.practice = Practice.objects.create(name='test-practice', category='general')

    def create_data(self):
        return {'name': 'alice-owns', 'organization': 'acme', 'practice': 'test-practice', 'person': 'alice',
                'role': 'owner', 'from': '2025-01-01'}

    def update_data(self):
        return {'role': 'manager', 'to': '2025-12-31'}

    def make_objects(self, n):
        return [PracticeAssignment.objects.create(name=unique('assignment'), organization=self.w.acme,
                                                  practice=self.practice, person=self.w.alice, role='practitioner')
                for _ in range(n)]


class TestServiceRelationships(EndpointTests):
    model = ServiceRelationship
    url = f'{API}service-relationships/'

    def create_data(self):
        return {'name': 'globex-acme', 'provider': 'globex', 'consumer': 'acme'}

    def update_data(self):
        return {'type': 'partnership', 'manager': 'bob', 'roles': [{'person': 'alice', 'role': 'sponsor'}]}

    def make_objects(self, n):
        made = []
        for _ in range(n):
            consumer = Organization.objects.create(name=unique('consumer'))
            relationship = ServiceRelationship.objects.create(name=unique('relationship'), provider=self.w.acme,
                                                              consumer=consumer, manager=self.w.alice)
            ConsumerRole.objects.create(relationship=relationship, person=self.w.bob, role='user')
            made.append(relationship)
        return made


class TestSubscriptions(EndpointTests):
    model = Subscription
    url = f'{API}subscriptions/'

    def create_data(self):
        return {'name': 'globex-web-2', 'relationship': 'acme-globex', 'offering': 'web-basic',
                'start': '2025-02-01'}

    def update_data(self):
        return {'quantity': 3, 'end': '2025-12-31'}

    def make_objects(self, n):
        return [Subscription.objects.create(name=unique('subscription'), relationship=self.w.relationship,
                                            offering=self.w.offering, start=datetime.date(2025, 1, 1))
                for _ in range(n)]


class TestAgreements(EndpointTests):
    model = Agreement
    url = f'{API}agreements/'

    def create_data(self):
        return {'name': 'globex-sla', 'relationship': 'acme-globex', 'kind': 'sla', 'subscriptions': ['globex-web']}

    def update_data(self):
        return {'kind': 'contract', 'effectiveFrom': '2025-01-01',
                'targets': [{'name': 'uptime', 'kind': 'operational', 'comparator': '>=', 'value': '99.9',
                             'unit': '%', 'measurements': [{'period': '2025-01', 'value': '99.95'}]}]}

    def make_objects(self, n):
        agreements = []
        for _ in range(n):
            agreement = Agreement.objects.create(name=unique('agreement'), relationship=self.w.relationship,
                                                 kind='sla')
            agreement.subscriptions.set([self.w.subscription])
            target = AgreementTarget.objects.create(agreement=agreement, name='availability', kind='operational',
                                                    comparator='>=', value=Decimal('99.9'), unit='%')
            Measurement.objects.create(target=target, period='2025-01', value=Decimal('99.95'))
            agreements.append(agreement)
        return agreements


class TestFeedback(EndpointTests):
    model = Feedback
    url = f'{API}feedback/'

    def create_data(self):
        return {'name': 'bob-says', 'relationship': 'acme-globex', 'person': 'bob',
                'at': '2025-03-01T10:00:00Z', 'score': 4}

    def update_data(self):
        return {'score': 5, 'comment': 'better'}

    def make_objects(self, n):
        return [Feedback.objects.create(name=unique('feedback'), relationship=self.w.relationship, person=self.w.bob,
                                        at=timezone.now(), score=3) for _ in range(n)]


class TestValueReviews(EndpointTests):
    model = ValueReview
    url = f'{API}value-reviews/'

    def create_data(self):
        return {'name': 'jan-review', 'relationship': 'acme-globex', 'period': '2025-01', 'assessedBy': 'bob',
                'overall': 'positive'}

    def update_data(self):
        return {'overall': 'neutral', 'period': '2025-02',
                'factors': [{'kind': 'cost', 'direction': 'removed', 'description': 'no courier', 'amount': '120'}]}

    def make_objects(self, n):
        reviews = []
        for _ in range(n):
            review = ValueReview.objects.create(name=unique('value-review'), relationship=self.w.relationship,
                                                period='2025-01', assessed_by=self.w.bob, overall='positive')
            ValueFactor.objects.create(review=review, kind='outcome', direction='achieved')
            reviews.append(review)
        return reviews


class TestRelationshipReviews(EndpointTests):
    model = RelationshipReview
    url = f'{API}relationship-reviews/'

    def create_data(self):
        return {'name': 'q1-review', 'relationship': 'acme-globex', 'at': '2025-03-31T09:00:00Z',
                'attendees': ['alice', 'bob'], 'actions': ['renew']}

    def update_data(self):
        return {'notes': 'went well', 'attendees': ['bob']}

    def make_objects(self, n):
        reviews = []
        for _ in range(n):
            review = RelationshipReview.objects.create(name=unique('review'), relationship=self.w.relationship,
                                                       at=timezone.now())
            review.attendees.set([self.w.alice, self.w.bob])
            reviews.append(review)
        return reviews


class TestUsers(EndpointTests):
    model = User
    url = f'{API}users/'
    natural_key = 'username'

    def create_data(self):
        return {'username': 'carol', 'email': 'carol@example.org', 'password': 'a-long-passphrase-42'}

    def update_data(self):
        return {'firstName': 'Carol', 'isActive': False}

    def patch_data(self):
        return {'lastName': 'Patched'}

    def make_objects(self, n):
        return [User.objects.create_user(unique('account')) for _ in range(n)]

    def own(self, user):
        return {user.pk}


class TestRoleGrants(EndpointTests):
    model = RoleGrant
    url = f'{API}role-grants/'
    natural_key = 'user'

    @pytest.fixture(autouse=True)
    def _dave(self, _world):
        self.dave = User.objects.create_user('dave')

    def create_data(self):
        return {'user': 'dave', 'role': 'auditor', 'organization': 'acme'}

    def update_data(self):
        return {'role': 'catalogue-manager', 'organization': 'globex'}

    def patch_data(self):
        return {'role': 'administrator'}

    def make_objects(self, n):
        return [RoleGrant.objects.create(user=User.objects.create_user(unique('staff')), role='auditor',
                                         organization=self.w.acme) for _ in range(n)]


class TestAPITokens(EndpointTests):
    model = APIToken
    url = f'{API}tokens/'
    updatable = False
    self_service = True

    def create_data(self):
        return {'name': 'ci', 'expires': '2999-01-01T00:00:00Z'}

    def make_objects(self, n):
        owner = User.objects.create_user(unique('owner'))
        return [create_token(owner, actor=Actor(username='test'), name=unique('token'))[0] for _ in range(n)]

    def own(self, user):
        return set(APIToken.objects.filter(user=user).values_list('pk', flat=True))

    def assert_deleted(self, pk):
        """DELETE revokes: the token stays, revoked, and the revocation is logged as an update."""
        assert APIToken.objects.get(pk=pk).status() == 'revoked'
        assert self.logged(ChangeAction.UPDATE, pk)

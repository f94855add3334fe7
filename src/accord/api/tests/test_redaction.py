"""What a reader outside the provider sees of an offering, and of references to what they may not view.

The personas are the permission matrix's (``test_permission_matrix.personas``): the bank's staff,
CardNet's administrator (``supplier``) and the consumers Ana, Nina and Omar.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accord.api.tests import test_permission_matrix
from accord.catalog.models import OfferingElement, Product, ProductComponent, ServiceOffering
from accord.parties.models import ConsumerGroup, Organization, Person
from accord.relationships.models import RelationshipReview, ServiceRelationship, Subscription
from accord.resources.models import Resource

pytestmark = pytest.mark.django_db
personas = test_permission_matrix.personas


def offering(client, name: str) -> dict:
    response = client.get(f'/api/v1/service-offerings/{ServiceOffering.objects.get(name=name).pk}/')
    assert response.status_code == 200, response.content
    return response.json()


@pytest.fixture
def card_switch() -> ServiceOffering:
    """CardNet's offering to the bank, with an element through a CardNet product, for two groups."""
    cardnet = Organization.objects.get(name='cardnet')
    switch = Resource.objects.create(name='card-switch', organization=cardnet,
                                     dimension='information-and-technology', kind='application')
    product = Product.objects.create(name='card-processing-platform', provider=cardnet)
    ProductComponent.objects.create(product=product, resource=switch, role='switch')
    found = ServiceOffering.objects.get(name='cardnet-card-processing')
    OfferingElement.objects.create(offering=found, name='authorizations', kind='action', product=product,
                                   component=switch, trigger='on-request', performed_by='provider')
    issuers = ConsumerGroup.objects.create(name='card-issuers', provider=cardnet)
    issuers.members.add(Organization.objects.get(name='firsttown-bank'))
    acquirers = ConsumerGroup.objects.create(name='acquirers', provider=cardnet)
    found.target_groups.set([issuers, acquirers])
    return found


def test_the_banks_staff_see_their_suppliers_offering_without_its_products_or_other_groups(personas, card_switch):
    body = offering(personas['catalogue'], 'cardnet-card-processing')
    assert body['elements'] == [{'kind': 'action', 'name': 'authorizations'}]
    assert body['targetGroups'] == ['card-issuers']
    supplier = offering(personas['supplier'], 'cardnet-card-processing')
    assert supplier['elements'][0]['product'] == 'card-processing-platform'
    assert supplier['elements'][0]['component'] == 'card-switch'
    assert sorted(supplier['targetGroups']) == ['acquirers', 'card-issuers']


def test_a_consumer_reads_neither_the_products_nor_the_services_behind_an_offering(personas):
    body = offering(personas['ana'], 'student-checking')
    assert body['elements'], 'the offering has elements'
    assert all('product' not in e and 'component' not in e for e in body['elements'])
    assert body['services'] == []
    assert body['targetGroups'] == ['students']
    staff = offering(personas['catalogue'], 'student-checking')
    assert all('product' in e for e in staff['elements'])
    assert staff['services']


@pytest.fixture
def hidden_waiver() -> ServiceOffering:
    """Student Checking's fee is also waived with a subscription to a pipeline offering no student sees."""
    bank = Organization.objects.get(name='firsttown-bank')
    ServiceOffering.objects.create(name='premier-savings', provider=bank, lifecycle='pipeline')
    student = ServiceOffering.objects.get(name='student-checking')
    student.waivers = {'anyOf': [student.waivers, {'subscribedTo': 'premier-savings'}]}
    student.save()
    return student


def test_a_waiver_naming_an_offering_the_reader_may_not_view_reads_null(personas, hidden_waiver):
    waivers = offering(personas['ana'], 'student-checking')['pricing']['waivers']
    assert waivers['anyOf'][-1] == {'subscribedTo': None}
    assert 'premier-savings' not in str(waivers)
    assert waivers['anyOf'][0] == hidden_waiver.waivers['anyOf'][0], 'the rest of the condition is shown'
    staff = offering(personas['catalogue'], 'student-checking')['pricing']['waivers']
    assert staff == hidden_waiver.waivers


def test_the_quote_applies_a_hidden_waiver_as_the_offering_shows_it(personas, hidden_waiver):
    response = personas['ana'].get('/api/v1/questions/quote/?offering=student-checking')
    assert response.status_code == 200, response.content
    fee = response.json()['lines'][0]
    assert fee['waived'] is False
    assert 'premier-savings' not in fee['reason']
    assert fee['reason'].endswith('not subscribed to a hidden offering')
    hidden = personas['ana'].get('/api/v1/questions/quote/?offering=student-checking&subscribed=premier-savings')
    assert hidden.status_code == 404
    staff = personas['catalogue'].get('/api/v1/questions/quote/?offering=student-checking')
    assert staff.json()['lines'][0]['reason'].endswith('not subscribed to premier-savings')


def test_a_consumer_lists_n_and_2n_offerings_with_the_same_number_of_queries(personas, hidden_waiver):
    def more_offerings(count: int) -> None:
        start = ServiceOffering.objects.filter(name__startswith='student-extra').count()
        for index in range(start, start + count):
            extra = ServiceOffering.objects.create(
                name=f'student-extra-{index}', provider=hidden_waiver.provider, lifecycle='live',
                currency='USD', fee_amount=1, fee_per='month', waivers={'subscribedTo': 'premier-savings'})
            extra.target_groups.set(hidden_waiver.target_groups.all())
            extra.services.set(hidden_waiver.services.all())
            for element in hidden_waiver.elements.all():
                element.pk, element.offering = None, extra
                element.save()

    client = personas['ana']
    more_offerings(3)
    with CaptureQueriesContext(connection) as few:
        assert client.get('/api/v1/service-offerings/').status_code == 200
    more_offerings(3)
    with CaptureQueriesContext(connection) as more:
        body = client.get('/api/v1/service-offerings/').json()
    assert body['count'] >= 7
    assert all('product' not in e for row in body['results'] for e in row['elements'])
    assert len(more) == len(few), [q['sql'] for q in more.captured_queries]


def test_staff_writing_back_what_they_read_keep_the_references_they_may_not_view(personas):
    """CardNet's administrator reads the bank's subscription without the bank's resource it realizes,
    and a CardNet group without a member who is not CardNet's customer; sent back, both stay."""
    client = personas['supplier']
    subscription = Subscription.objects.get(name='ftb-card-processing')
    url = f'/api/v1/subscriptions/{subscription.pk}/'
    read = client.get(url).json()
    assert read['realizes'] is None
    assert client.put(url, read, content_type='application/json').status_code == 200
    subscription.refresh_from_db()
    assert subscription.realizes.name == 'card-processing'

    group = ConsumerGroup.objects.create(name='card-issuers', provider=Organization.objects.get(name='cardnet'))
    group.members.set(Organization.objects.filter(name__in=['firsttown-bank', 'ben']))
    url = f'/api/v1/consumer-groups/{group.pk}/'
    read = client.get(url).json()
    assert read['members'] == ['firsttown-bank']
    assert client.put(url, read, content_type='application/json').status_code == 200
    assert client.patch(url, {'members': []}, content_type='application/json').status_code == 200
    assert sorted(group.members.values_list('name', flat=True)) == ['ben']


def test_a_consumer_reads_the_name_of_their_relationship_manager_and_of_no_other_provider_person(personas):
    relationship = ServiceRelationship.objects.get(name='firsttown-bank-northwind-traders')
    priya = Person.objects.get(name='priya-shah')
    relationship.manager = priya
    relationship.save()
    review = RelationshipReview.objects.filter(relationship=relationship, attendees=priya).first()
    assert review is not None, 'the bank attends a review with Northwind'
    client = personas['nina']
    assert client.get(f'/api/v1/service-relationships/{relationship.pk}/').json()['manager'] == 'priya-shah'
    assert client.get(f'/api/v1/persons/{priya.pk}/').status_code == 404
    attendees = client.get(f'/api/v1/relationship-reviews/{review.pk}/').json()['attendees']
    assert 'priya-shah' not in attendees

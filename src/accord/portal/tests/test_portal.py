"""The portal shows a consumer their groups' offerings and their organization's holdings, and nothing else."""

import datetime

import pytest

from accord.catalog.models import OfferingElement
from accord.core.models import User
from accord.parties.models import Organization, Person, RoleGrant

pytestmark = pytest.mark.django_db
PASSWORD = 'a-long-demo-password'


def consumer(person: str) -> User:
    user = User.objects.create_user(person, password=PASSWORD)
    Person.objects.filter(name=person).update(user=user)
    return user


@pytest.fixture
def ana(bank, client) -> User:
    user = consumer('ana-garcia')
    client.force_login(user)
    return user


def test_a_consumer_signing_in_lands_on_the_portal(bank, client):
    consumer('ana-garcia')
    response = client.post('/login/', {'username': 'ana-garcia', 'password': PASSWORD})
    assert response.status_code == 302 and response['Location'] == '/portal/'


def test_staff_signing_in_still_land_on_the_console_and_are_sent_there_from_the_portal(bank, client):
    user = User.objects.create_user('maria-lopez', password=PASSWORD)
    firsttown = Organization.objects.get(name='firsttown-bank')
    RoleGrant.objects.create(user=user, role='catalogue-manager', organization=firsttown)
    response = client.post('/login/', {'username': 'maria-lopez', 'password': PASSWORD})
    assert response['Location'] == '/'
    assert client.get('/portal/')['Location'] == '/'
    assert client.get('/portal/have/')['Location'] == '/'


def test_a_visitor_who_is_not_signed_in_is_asked_to_sign_in(client):
    assert client.get('/portal/have/')['Location'] == '/login/?next=/portal/have/'


def test_my_catalogue_shows_student_checking_with_the_students_labels_and_never_what_is_hidden(ana, client):
    page = client.get('/portal/').content.decode()
    assert 'Student Checking' in page and '40 FirstTown ATMs' in page
    assert 'waived with' in page
    assert 'Standard Checking' not in page and 'card processing' not in page.lower()
    assert 'src="' not in page.split('</head>')[1], 'no script in the body (the CSP allows only our files)'


def test_what_we_have_lists_anas_grants_and_actions_and_never_another_organizations_subscription(ana, client):
    page = client.get('/portal/have/').content.decode()
    assert 'Ana&#x27;s damaged card' in page
    assert 'Debit card for Ana Garcia, from 2025-01-02' in page
    assert 'ben-standard-checking' not in page and 'Card reported lost' not in page
    assert 'Northwind' not in page and 'checkbook-0002' not in page.lower()


def test_access_in_a_daily_window_says_the_window(ana, client):
    OfferingElement.objects.filter(offering__name='student-checking', name='online-banking').update(
        window_from=datetime.time(6), window_to=datetime.time(22))
    page = client.get('/portal/have/').content.decode()
    assert 'Online banking for Ana Garcia, from 2025-01-02' in page
    assert 'until the subscription ends, daily 06:00–22:00' in page


def test_a_consumer_of_another_organization_sees_its_checkbook_and_never_anas_things(bank, client):
    client.force_login(consumer('ben-okoro'))
    page = client.get('/portal/have/').content.decode()
    assert 'revoked</strong> on 2025-03-12 08:05: Card reported lost' in page
    assert 'ours since 2025-03-03' in page
    assert 'damaged card' not in page and 'ana-student-checking' not in page


def test_what_we_have_runs_the_same_number_of_queries_for_one_subscription_as_for_two(bank, client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    for person in ('ana-garcia', 'ben-okoro'):  # Ana holds one subscription, Ben two with goods and a revoked grant
        client.force_login(consumer(person))
        with CaptureQueriesContext(connection) as queries:
            assert client.get('/portal/have/').status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_my_catalogue_runs_as_many_queries_for_forty_offerings_with_waivers_as_for_the_demos(
        ana, client, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from accord.catalog.models import ServiceOffering, UsageCharge
    from accord.parties.models import ConsumerGroup

    with CaptureQueriesContext(connection) as demo:
        client.get('/portal/')
    student = ServiceOffering.objects.get(name='student-checking')
    students = ConsumerGroup.objects.get(name='students')
    for number in range(40):
        offering = ServiceOffering.objects.create(
            name=f'student-plan-{number}', title=f'Student Plan {number}', provider=student.provider,
            currency='USD', fee_amount=student.fee_amount, fee_per=student.fee_per,
            waivers={'anyOf': [{'subscribedTo': 'basic-savings'}, {'subscribedTo': 'student-checking'}]})
        offering.target_groups.add(students)
        UsageCharge.objects.create(offering=offering, event='foreign-atm-withdrawal', amount='2.50')
    with django_assert_max_num_queries(len(demo)):
        page = client.get('/portal/').content.decode()
    assert page.count('waived with an active Basic Savings subscription, or an active Student Checking') == 40


@pytest.mark.parametrize('person', ['ana-garcia', 'nina-park'])
def test_each_consumer_page_shows_the_fields_of_the_api_representation_and_each_reference_as_the_api_does(
        bank, client, person):
    from accord.api.router import router
    from accord.portal.objects import PAGES
    from accord.ui.values import label

    user = consumer(person)
    client.force_login(user)
    viewsets = {prefix: viewset for prefix, viewset, _basename in router.registry}
    for route, page in PAGES.items():
        fields = viewsets[route].serializer_class().fields
        keys = {field.source: key for key, field in fields.items() if field.source in page.fields}
        assert set(page.fields) == set(keys), route
        for obj in page.model.objects.restrict(user).order_by('name'):
            api = client.get(f'/api/v1/{route}/{obj.pk}/').json()
            shown = dict(client.get(f'/{route}/{obj.name}/').context['properties'])
            for source, key in keys.items():
                model_field = page.model._meta.get_field(source)
                if not model_field.is_relation:
                    continue
                row = str(shown[model_field.verbose_name])
                names = api[key] if isinstance(api[key], list) else [api[key]] if api[key] else []
                assert (row == '—') == (not names), (route, obj.name, source)
                for name in names:
                    assert label(model_field.related_model.objects.get(name=name)) in row, (route, obj.name, source)

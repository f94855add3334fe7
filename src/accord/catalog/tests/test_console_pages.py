"""The catalogue's console pages read like the catalogue: elements grouped, the fee and its waiver in words."""

import re

import pytest

from accord.catalog.models import ServiceOffering
from accord.core.models import User
from accord.parties.models import Organization, Person, RoleGrant

pytestmark = pytest.mark.django_db


def staff(role: str, organization: str, username: str = 'someone') -> User:
    user = User.objects.create_user(username, password='a-long-demo-password')
    RoleGrant.objects.create(user=user, role=role, organization=Organization.objects.get(name=organization))
    return user


def test_an_offering_shows_its_elements_grouped_and_its_fee_waiver_in_words(admin_client, bank):
    response = admin_client.get('/service-offerings/student-checking/')
    assert response.status_code == 200
    groups = dict(response.context['element_groups'])
    assert [e.name for e, _product, _component in groups['Access to resources']][:2] == ['checking', 'debit-card']
    assert [e.name for e, _product, _component in groups['Service actions']] == ['card-replacement']
    plan = dict(response.context['price_plan'])
    assert plan['Fee'] == '$5.00 per month'
    assert plan['Waived'] == ('waived with at least 1 direct deposit in the month, '
                              'or an active Basic Savings subscription')
    assert b'5.0000' not in response.content
    assert b'href="/consumer-groups/students/"' in response.content


def test_related_objects_link_both_ways(admin_client, bank):
    response = admin_client.get('/consumer-groups/students/')
    assert b'href="/service-offerings/student-checking/"' in response.content


def test_a_reader_of_another_provider_gets_404_for_the_banks_offering_as_the_api_answers(client, bank):
    client.force_login(staff('catalogue-manager', 'cardnet'))
    assert client.get('/service-offerings/student-checking/').status_code == 404
    offering = ServiceOffering.objects.get(name='student-checking')
    assert client.get(f'/api/v1/service-offerings/{offering.pk}/').status_code == 404
    assert client.get('/service-offerings/student-checking/history/').status_code == 404


def test_the_history_tab_shows_each_change_with_its_actor_source_and_fields(client, bank):
    from accord.core.choices import ChangeSource

    client.force_login(staff('catalogue-manager', 'firsttown-bank'))
    response = client.get('/service-offerings/student-checking/history/')
    assert response.status_code == 200
    first, fields = response.context['changes'][-1]
    assert (first.source, first.user_name) == (ChangeSource.IMPORT, 'test')
    assert any(field.endswith('fee.amount') for field, _before, _after in fields)
    assert b'by test through catalogue import' in response.content


def test_a_consumer_views_the_offering_but_not_who_at_the_bank_changed_it(client, bank):
    user = User.objects.create_user('ana-garcia', password='a-long-demo-password')
    Person.objects.filter(name='ana-garcia').update(user=user)
    client.force_login(user)
    assert client.get('/service-offerings/student-checking/').status_code == 200
    assert client.get('/service-offerings/student-checking/history/').status_code == 404


def test_a_consumer_reads_the_offering_in_the_portal_as_their_group_sees_it_without_what_the_api_hides(client, bank):
    user = User.objects.create_user('ana-garcia', password='a-long-demo-password')
    Person.objects.filter(name='ana-garcia').update(user=user)
    client.force_login(user)
    response = client.get('/service-offerings/student-checking/')
    assert response.status_code == 200 and 'portal/base.html' in [t.name for t in response.templates]
    api = client.get(f'/api/v1/service-offerings/{response.context["object"].pk}/').json()
    assert api['services'] == [] and not any(e.get('product') for e in api['elements'])
    page = response.content.decode()
    assert 'What it includes for Students' in page and '40 FirstTown ATMs' in page
    assert not re.search(r'href="/(products|services|consumer-groups|organizations)/[a-z]', page)

"""Relationship lifecycle transitions, measurements and owned parts, through the services."""

import datetime
import json
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from accord.core.models import ObjectChange
from accord.core.services import Actor
from accord.core.tests.parity import (
    add_inline_row,
    admin_form_data,
    assert_same_change,
    bank_document,
    inline_row,
    rows_left_by,
    through_admin,
    through_api,
    through_console,
    through_importer,
)
from accord.parties.models import Organization, Person
from accord.relationships.models import (
    Agreement,
    AgreementTarget,
    ServiceRelationship,
    Subscription,
    ValueReview,
)
from accord.relationships.services import change_relationship_status, record_measurement
from accord.testing.forms import filled

pytestmark = pytest.mark.django_db
actor = Actor(source='cli', username='test')


@pytest.fixture
def relationship():
    provider, consumer = (Organization.objects.create(name=n) for n in ('acme', 'shop'))
    return ServiceRelationship.objects.create(name='acme-shop', provider=provider, consumer=consumer,
                                              status='prospect')


def test_a_relationship_follows_its_declared_lifecycle(relationship):
    for status in ('agreed', 'active', 'suspended', 'active', 'terminated'):
        change_relationship_status(relationship, status, actor=actor)
    assert ServiceRelationship.objects.get(pk=relationship.pk).status == 'terminated'


def test_a_terminated_relationship_cannot_be_revived(relationship):
    change_relationship_status(relationship, 'terminated', actor=actor)
    with pytest.raises(ValidationError, match='cannot become active'):
        change_relationship_status(relationship, 'active', actor=actor)


def test_a_measurement_for_an_unknown_target_is_refused_and_a_recorded_one_is_logged(relationship):
    agreement = Agreement.objects.create(name='sla', relationship=relationship, kind='sla')
    AgreementTarget.objects.create(agreement=agreement, name='availability', kind='operational', comparator='>=',
                                   value=Decimal('99.9'))
    with pytest.raises(ValidationError, match="no target 'uptime'"):
        record_measurement(agreement, 'uptime', '2025-03', Decimal(99), actor=actor)
    with pytest.raises(ValidationError, match='not a period'):
        record_measurement(agreement, 'availability', '2025-3', Decimal(99), actor=actor)
    record_measurement(agreement, 'availability', '2025-03', Decimal('99.95'), actor=actor)
    record_measurement(agreement, 'availability', '2025-03', Decimal('99.97'), actor=actor)
    assert [m.value for m in agreement.targets.get().measurements.all()] == [Decimal('99.97')]
    logged = ObjectChange.objects.filter(changed_object_type__model='measurement').order_by('id')
    assert [(c.action, c.after['value']) for c in logged] == [('create', '99.95'), ('update', '99.97')]


def test_periods_are_whole_months():
    from accord.relationships.periods import parse_period

    assert parse_period('2024-02') == (datetime.date(2024, 2, 1), datetime.date(2024, 2, 29))
    assert parse_period('2025-12') == (datetime.date(2025, 12, 1), datetime.date(2025, 12, 31))


# The same change of an owned part through the API, the importer and the admin leaves the same change-log rows.


def test_the_same_change_of_consumer_roles_leaves_the_same_rows_through_every_path(bank, admin_client, tmp_path):
    relationship = ServiceRelationship.objects.get(name='firsttown-bank-northwind-traders')
    roles = [{'person': 'nina-park', 'role': 'customer'}, {'person': 'omar-haddad', 'role': 'customer'},
             {'person': 'omar-haddad', 'role': 'user'}]

    def edit(data: dict) -> None:
        nina = Person.objects.get(name='nina-park').pk
        sponsor = next(i for i in range(int(data['roles-TOTAL_FORMS']))
                       if (data[f'roles-{i}-person'], data[f'roles-{i}-role']) == (str(nina), 'sponsor'))
        data[f'roles-{sponsor}-DELETE'] = 'on'
        add_inline_row(data, 'roles', {'person': Person.objects.get(name='omar-haddad').pk, 'role': 'customer'})

    document = bank_document(relationship.name)
    document['spec']['roles'] = roles
    assert assert_same_change(
        relationship,
        api=rows_left_by(through_api(admin_client, 'service-relationships', relationship.pk, {'roles': roles})),
        importer=rows_left_by(through_importer(tmp_path, document)),
        admin=rows_left_by(through_admin(admin_client, relationship, edit)),
    ) == [('consumerrole', 'create'), ('consumerrole', 'delete')]


def test_the_same_change_of_agreement_targets_leaves_the_same_rows_through_every_path(bank, admin_client, tmp_path):
    agreement = Agreement.objects.get(name='sla-northwind-2025')
    document = bank_document(agreement.name)
    targets = [t for t in document['spec']['targets'] if t['name'] != 'online-banking-availability']
    targets[1]['value'] = 5
    targets.append({'name': 'branch-wait', 'kind': 'operational', 'comparator': '<=', 'value': 10, 'unit': 'min'})
    document['spec']['targets'] = targets

    def edit(data: dict) -> None:
        data[f'targets-{inline_row(data, "targets", "name", "online-banking-availability")}-DELETE'] = 'on'
        satisfaction = inline_row(data, 'targets', 'name', 'customer-satisfaction')
        data[f'targets-{satisfaction}-value'] = '5'
        data[f'targets-{satisfaction}-position'] = '1'
        add_inline_row(data, 'targets', {'name': 'branch-wait', 'kind': 'operational', 'comparator': '<=',
                                         'value': '10', 'unit': 'min', 'position': 2})

    assert assert_same_change(
        agreement,
        api=rows_left_by(through_api(admin_client, 'agreements', agreement.pk, {'targets': targets})),
        importer=rows_left_by(through_importer(tmp_path, document)),
        admin=rows_left_by(through_admin(admin_client, agreement, edit)),
    ) == [('agreementtarget', 'create'), ('agreementtarget', 'delete'), ('agreementtarget', 'update')]


def test_the_same_change_of_measurements_leaves_the_same_rows_through_the_api_and_the_importer(
        bank, admin_client, tmp_path):
    """The admin edits measurements on the target's own page, a write of the target: not compared."""
    agreement = Agreement.objects.get(name='sla-northwind-2025')
    document = bank_document(agreement.name)
    targets = document['spec']['targets']
    targets[0]['measurements'] = [{'period': '2025-02', 'value': 96}, {'period': '2025-04', 'value': 99}]
    assert assert_same_change(
        agreement,
        api=rows_left_by(through_api(admin_client, 'agreements', agreement.pk, {'targets': targets})),
        importer=rows_left_by(through_importer(tmp_path, document)),
    ) == [('measurement', 'create'), ('measurement', 'delete'), ('measurement', 'update')]


def test_the_same_change_of_value_review_factors_leaves_the_same_rows_through_every_path(bank, admin_client, tmp_path):
    review = ValueReview.objects.get(name='northwind-value-2025-03')
    document = bank_document(review.name)
    factors = document['spec']['factors'][:-1]
    factors[1]['description'] = 'Replacement cards reached the shop.'
    document['spec']['factors'] = factors

    def edit(data: dict) -> None:
        data[f'factors-{inline_row(data, "factors", "position", 1)}-description'] = factors[1]['description']
        data[f'factors-{inline_row(data, "factors", "position", 4)}-DELETE'] = 'on'

    def edit_page(page) -> dict:  # the console's rows are the factors in order, a blank one after them
        return filled(page, **{'factors-1-description': factors[1]['description'], 'factors-4-DELETE': 'on'})

    assert assert_same_change(
        review,
        api=rows_left_by(through_api(admin_client, 'value-reviews', review.pk, {'factors': factors})),
        importer=rows_left_by(through_importer(tmp_path, document)),
        admin=rows_left_by(through_admin(admin_client, review, edit)),
        console=rows_left_by(through_console(admin_client, f'/value-reviews/{review.name}/edit/', edit_page)),
    ) == [('valuefactor', 'delete'), ('valuefactor', 'update')]


def test_an_agreement_covering_another_relationships_subscription_is_refused_alike_by_the_api_and_the_admin(
        bank, admin_client):
    agreement = Agreement.objects.get(name='sla-northwind-2025')
    other = Subscription.objects.exclude(relationship=agreement.relationship).order_by('name').first()
    message = f'subscriptions of another relationship: {other.name}'
    response = admin_client.patch(f'/api/v1/agreements/{agreement.pk}/', json.dumps(
        {'subscriptions': ['northwind-standard-checking', other.name]}), content_type='application/json')
    assert (response.status_code, response.json()) == (400, {'subscriptions': [message]})

    url = reverse('admin:relationships_agreement_change', args=[agreement.pk])
    data = admin_form_data(admin_client.get(url))
    data['subscriptions'] = [*data['subscriptions'], str(other.pk)]
    response = admin_client.post(url, data)
    assert response.context['adminform'].form.errors['subscriptions'] == [message]
    assert list(agreement.subscriptions.values_list('name', flat=True)) == ['northwind-standard-checking']

"""The admin answers for every model, and every admin write lands in the change log."""

from decimal import Decimal

import pytest
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accord.catalog.models import (
    ComponentView,
    OfferingElement,
    Product,
    ProductComponent,
    RequestItem,
    Service,
    ServiceOffering,
    UsageCharge,
)
from accord.core.admin import REDACTED
from accord.core.choices import ChangeSource
from accord.core.models import APIToken, ObjectChange
from accord.core.services import Actor
from accord.core.tokens import create_token, find_token
from accord.parties.models import ConsumerGroup, Organization, Person
from accord.practices.models import Practice, PracticeAssignment
from accord.resources.models import Item, Resource, ResourceDependency

pytestmark = pytest.mark.django_db

REGISTERED = sorted(admin.site._registry, key=lambda model: model._meta.label)


def url(model, view: str, *args) -> str:
    return reverse(f'admin:{model._meta.app_label}_{model._meta.model_name}_{view}', args=args)


@pytest.fixture
def catalogue(admin_user):
    """One object of every model, linked the way a real catalogue is."""
    provider = Organization.objects.create(name='campus-it')
    person = Person.objects.create(name='ada', user=admin_user)
    person.member_of.add(provider)
    group = ConsumerGroup.objects.create(name='students', provider=provider)
    laptops = Resource.objects.create(
        name='laptops', organization=provider, dimension='information-and-technology', kind='goods-stock'
    )
    network = Resource.objects.create(
        name='network', organization=provider, dimension='information-and-technology', kind='infrastructure'
    )
    Item.objects.create(name='l-501', resource=laptops, owner=provider)
    ResourceDependency.objects.create(resource=laptops, depends_on=network)
    product = Product.objects.create(name='laptop-loan', provider=provider)
    component = ProductComponent.objects.create(product=product, resource=laptops, visibility='visible')
    ComponentView.objects.create(component=component, group=group, label='Laptop')
    service = Service.objects.create(name='lending', provider=provider, owner=person)
    service.products.add(product)
    offering = ServiceOffering.objects.create(name='loan', provider=provider, currency='EUR')
    offering.services.add(service)
    element = OfferingElement.objects.create(offering=offering, name='laptop', kind='access', product=product)
    UsageCharge.objects.create(offering=offering, event='late-return', amount=Decimal('5.00'))
    RequestItem.objects.create(offering=offering, name='extend', element=element)
    PracticeAssignment.objects.create(
        name='ada-owns-it-asset',
        organization=provider,
        person=person,
        role='owner',
        practice=Practice.objects.get(name='it-asset-management'),
    )
    return provider


def test_every_model_is_registered():
    assert {model._meta.label for model in REGISTERED} >= {
        'core.User',
        'core.ObjectChange',
        'parties.Organization',
        'parties.Person',
        'parties.ConsumerGroup',
        'resources.Resource',
        'resources.Item',
        'resources.ResourceDependency',
        'catalog.Product',
        'catalog.ProductComponent',
        'catalog.ComponentView',
        'catalog.Service',
        'catalog.ServiceOffering',
        'catalog.OfferingElement',
        'catalog.UsageCharge',
        'catalog.RequestItem',
        'practices.Practice',
        'practices.PracticeAssignment',
    }


@pytest.mark.parametrize('model', REGISTERED, ids=lambda model: model._meta.label)
def test_the_changelist_and_change_page_of_every_model_answer(admin_client, catalogue, model):
    assert admin_client.get(url(model, 'changelist')).status_code == 200
    obj = model._default_manager.first()
    if obj is not None:
        assert admin_client.get(url(model, 'change', obj.pk)).status_code == 200


@pytest.mark.parametrize('model', REGISTERED, ids=lambda model: model._meta.label)
def test_the_add_page_of_every_model_answers_where_adding_is_allowed(admin_client, rf, admin_user, model):
    request = rf.get('/')
    request.user = admin_user
    expected = 200 if admin.site._registry[model].has_add_permission(request) else 403
    assert admin_client.get(url(model, 'add')).status_code == expected


def test_practices_and_the_change_log_are_read_only_in_the_admin(admin_client, rf, admin_user):
    request = rf.get('/')
    request.user = admin_user
    for model in (Practice, ObjectChange):
        model_admin = admin.site._registry[model]
        assert not model_admin.has_add_permission(request)
        assert not model_admin.has_change_permission(request)
        assert not model_admin.has_delete_permission(request)
    practice = Practice.objects.get(name='it-asset-management')
    response = admin_client.post(url(Practice, 'change', practice.pk), {'name': 'renamed', 'category': 'general'})
    assert response.status_code == 403
    assert Practice.objects.get(pk=practice.pk).name == 'it-asset-management'


ORGANIZATION_FORM = {
    'name': 'acme',
    'title': 'ACME',
    'description': '',
    'labels': '{}',
    'kind': 'legal-entity',
    'parent': '',
}


def admin_changes(**filters):
    return list(ObjectChange.objects.filter(source='admin', **filters).order_by('id'))


def test_creating_an_organization_in_the_admin_logs_one_create(admin_client, admin_user):
    response = admin_client.post(url(Organization, 'add'), ORGANIZATION_FORM)
    assert response.status_code == 302
    organization = Organization.objects.get(name='acme')
    (change,) = ObjectChange.objects.all()
    assert (change.source, change.action, change.changed_object_id) == ('admin', 'create', organization.pk)
    assert change.user == admin_user
    assert change.after['title'] == 'ACME'


def test_changing_an_organization_in_the_admin_logs_an_update(admin_client):
    organization = Organization.objects.create(name='acme', title='ACME')
    response = admin_client.post(url(Organization, 'change', organization.pk), {**ORGANIZATION_FORM, 'title': 'Acme'})
    assert response.status_code == 302
    (change,) = admin_changes()
    assert change.action == 'update'
    assert (change.before['title'], change.after['title']) == ('ACME', 'Acme')


def test_deleting_an_organization_in_the_admin_logs_a_delete(admin_client):
    organization = Organization.objects.create(name='acme')
    response = admin_client.post(url(Organization, 'delete', organization.pk), {'post': 'yes'})
    assert response.status_code == 302
    assert not Organization.objects.exists()
    (change,) = admin_changes()
    assert (change.action, change.changed_object_id, change.before['name']) == ('delete', organization.pk, 'acme')


def test_the_delete_selected_action_logs_one_delete_per_object(admin_client):
    organizations = [Organization.objects.create(name=name) for name in ('one', 'two', 'three')]
    response = admin_client.post(
        url(Organization, 'changelist'),
        {
            'action': 'delete_selected',
            'post': 'yes',
            '_selected_action': [o.pk for o in organizations],
        },
    )
    assert response.status_code == 302
    assert not Organization.objects.exists()
    assert sorted(c.changed_object_id for c in admin_changes(action='delete')) == sorted(o.pk for o in organizations)


def test_inline_rows_saved_and_deleted_in_the_admin_are_logged(admin_client, catalogue):
    resource = Resource.objects.get(name='laptops')
    old_item = resource.items.get()
    dependency = resource.dependency_edges.get()
    data = {
        'name': 'laptops',
        'title': '',
        'description': '',
        'labels': '{}',
        'organization': catalogue.pk,
        'dimension': 'information-and-technology',
        'kind': 'goods-stock',
        'capacity_amount': '',
        'capacity_unit': '',
        'items-TOTAL_FORMS': '2',
        'items-INITIAL_FORMS': '1',
        'items-MIN_NUM_FORMS': '0',
        'items-MAX_NUM_FORMS': '1000',
        'items-0-id': old_item.pk,
        'items-0-resource': resource.pk,
        'items-0-name': 'l-501',
        'items-0-title': '',
        'items-0-owner': catalogue.pk,
        'items-0-DELETE': 'on',
        'items-1-resource': resource.pk,
        'items-1-name': 'l-502',
        'items-1-title': '',
        'items-1-owner': catalogue.pk,
        'dependency_edges-TOTAL_FORMS': '1',
        'dependency_edges-INITIAL_FORMS': '1',
        'dependency_edges-MIN_NUM_FORMS': '0',
        'dependency_edges-MAX_NUM_FORMS': '1000',
        'dependency_edges-0-id': dependency.pk,
        'dependency_edges-0-resource': resource.pk,
        'dependency_edges-0-depends_on': dependency.depends_on_id,
    }
    response = admin_client.post(url(Resource, 'change', resource.pk), data)
    assert response.status_code == 302, response.context['errors'] if response.context else response
    new_item = resource.items.get()
    logged = {(c.changed_object_type.model, c.action, c.changed_object_id) for c in admin_changes()}
    assert logged >= {
        ('item', 'delete', old_item.pk),
        ('item', 'create', new_item.pk),
        ('resource', 'update', resource.pk),
    }


def test_a_dependency_that_closes_a_cycle_is_refused_by_the_admin_form(admin_client, catalogue):
    laptops, network = Resource.objects.get(name='laptops'), Resource.objects.get(name='network')
    response = admin_client.post(url(ResourceDependency, 'add'), {'resource': network.pk, 'depends_on': laptops.pk})
    assert response.status_code == 200
    assert 'dependency cycle' in str(response.context['adminform'].form.non_field_errors())
    assert not ResourceDependency.objects.filter(resource=network).exists()
    assert not admin_changes()


def test_a_password_change_in_the_admin_is_logged_without_the_hash(admin_client, django_user_model):
    user = django_user_model.objects.create_user('bob', password='first-Secret-42')
    response = admin_client.post(
        reverse('admin:auth_user_password_change', args=(user.pk,)),
        {
            'password1': 'second-Secret-42',
            'password2': 'second-Secret-42',
            'usable_password': 'true',
        },
    )
    assert response.status_code == 302
    (change,) = admin_changes()
    assert (change.action, change.before, change.after) == ('update', {'password': REDACTED}, {'password': REDACTED})


def test_the_resource_changelist_runs_the_same_number_of_queries_for_5_and_10_resources(admin_client):
    def add_resources(start: int, count: int) -> None:
        for n in range(start, start + count):
            organization = Organization.objects.create(name=f'org-{n}')
            Resource.objects.create(
                name=f'resource-{n}',
                organization=organization,
                kind='application',
                dimension='information-and-technology',
            )

    def count_queries() -> int:
        with CaptureQueriesContext(connection) as context:
            assert admin_client.get(url(Resource, 'changelist')).status_code == 200
        return len(context.captured_queries)

    add_resources(0, 5)
    admin_client.get(url(Resource, 'changelist'))  # warm the session and content-type caches
    five = count_queries()
    add_resources(5, 5)
    assert count_queries() == five


def test_the_revoke_action_revokes_api_tokens_and_logs_it_with_the_hash_redacted(admin_client, admin_user):
    token, key = create_token(admin_user, actor=Actor(user=admin_user, source=ChangeSource.CLI))
    response = admin_client.post(
        url(APIToken, 'changelist'), {'action': 'revoke', '_selected_action': [token.pk]}
    )
    assert response.status_code == 302
    assert find_token(key).status() == 'revoked'
    change = ObjectChange.objects.filter(source='admin', action='update').get()
    assert change.after['key_hash'] == REDACTED and change.after['revoked_at']
    page = admin_client.get(url(APIToken, 'change', token.pk)).content.decode()
    assert token.key_hash not in page

"""The generic create, edit and delete pages: permitted as the API permits, written through the guards."""

import pytest

from accord.core.choices import ChangeSource
from accord.core.models import ObjectChange, User
from accord.parties.models import ConsumerGroup, Organization, Person, RoleGrant
from accord.relationships.models import Feedback, Subscription
from accord.testing.forms import filled

pytestmark = pytest.mark.django_db
PASSWORD = 'a-long-demo-password'
# Each kind with the generic pages.
ROUTES = ['organizations', 'persons', 'consumer-groups', 'services', 'subscriptions', 'feedback',
          'relationship-reviews', 'practice-assignments', 'service-relationships', 'agreements', 'value-reviews',
          'products', 'resources']


def signed_in(client, username: str, role: str | None = None, organization: str = 'firsttown-bank') -> User:
    user = User.objects.create_user(username, password=PASSWORD)
    if role:
        RoleGrant.objects.create(user=user, role=role, organization=Organization.objects.get(name=organization))
    client.force_login(user)
    return user


@pytest.fixture
def manager(client, bank):
    return signed_in(client, 'catalogue-manager', 'catalogue-manager')


def test_the_catalogue_manager_creates_a_group_and_the_log_names_them_through_the_web_ui(client, manager):
    page = client.get('/consumer-groups/new/')
    assert page.status_code == 200
    response = client.post('/consumer-groups/new/', {
        'name': 'retirees', 'title': 'Retirees', 'provider': 'firsttown-bank', 'eligibility': 'Aged 65 or over'})
    assert response.status_code == 302, response.context['form'].errors
    assert response['Location'] == '/consumer-groups/retirees/'
    group = ConsumerGroup.objects.get(name='retirees')
    assert group.provider.name == 'firsttown-bank'
    change = ObjectChange.objects.get(changed_object_id=group.pk, action='create', source=ChangeSource.UI)
    assert change.user_name == 'catalogue-manager'


def test_a_reference_offers_only_what_the_reader_may_view(client, manager):
    Organization.objects.create(name='elsewhere-bank', title='Elsewhere Bank')  # no dealings with the bank
    offered = dict(client.get('/consumer-groups/new/').context['form'].fields['provider'].choices)
    assert set(offered) - {''} == set(Organization.objects.restrict(manager, 'view').values_list('name', flat=True))
    assert 'firsttown-bank' in offered and 'elsewhere-bank' not in offered
    response = client.post('/consumer-groups/new/', {'name': 'strangers', 'provider': 'elsewhere-bank'})
    assert 'provider' in response.context['form'].errors
    assert not ConsumerGroup.objects.filter(name='strangers').exists()


def test_a_group_created_for_a_provider_the_manager_may_not_write_for_is_refused_and_not_written(client, manager):
    offered = dict(client.get('/consumer-groups/new/').context['form'].fields['provider'].choices)
    assert 'cardnet' in offered  # the bank's staff view the card processor, but write only for the bank
    response = client.post('/consumer-groups/new/', {'name': 'merchants', 'provider': 'cardnet'})
    assert response.status_code == 200
    assert 'outside what you may change' in response.content.decode()
    assert not ConsumerGroup.objects.filter(name='merchants').exists()


def test_the_manager_edits_a_group_and_the_change_is_saved_and_logged(client, manager):
    page = client.get('/consumer-groups/students/edit/')
    assert page.status_code == 200
    response = client.post('/consumer-groups/students/edit/', filled(page, eligibility='Enrolled full time'))
    assert response.status_code == 302, response.context['form'].errors
    group = ConsumerGroup.objects.get(name='students')
    assert group.eligibility == 'Enrolled full time'
    assert ObjectChange.objects.filter(changed_object_id=group.pk, action='update', source=ChangeSource.UI).exists()


def test_a_stale_edit_is_refused_with_a_clear_message_and_nothing_is_overwritten(client, manager):
    page = client.get('/consumer-groups/students/edit/')
    ConsumerGroup.objects.get(name='students').save()  # someone else's write moves the version
    response = client.post('/consumer-groups/students/edit/', filled(page, eligibility='Overwritten?'))
    assert response.status_code == 200
    assert 'Someone changed this consumer group since you opened the form' in response.content.decode()
    assert ConsumerGroup.objects.get(name='students').eligibility != 'Overwritten?'


def test_the_models_refusal_is_shown_at_its_field(client, bank):
    signed_in(client, 'admin', 'administrator')
    page = client.get('/organizations/firsttown-bank/edit/')
    unit = Organization.objects.filter(parent__name='firsttown-bank').first()
    response = client.post('/organizations/firsttown-bank/edit/', filled(page, parent=unit.name))
    assert response.status_code == 200
    assert 'cycle' in str(response.context['form'].errors['parent'])
    assert Organization.objects.get(name='firsttown-bank').parent is None


def test_a_delete_others_refer_to_is_refused_and_names_the_referrers_the_reader_may_see(client, manager):
    page = client.get('/consumer-groups/students/delete/')
    assert page.status_code == 200
    response = client.post('/consumer-groups/students/delete/', {'version': page.context['version']})
    assert response.status_code == 409
    assert ConsumerGroup.objects.filter(name='students').exists()
    shown = response.context['referrers']
    assert shown and all(referrer.kind for referrer in shown)
    assert any(referrer.name for referrer in shown)
    assert 'cannot be deleted' in response.content.decode()


def test_a_delete_nothing_refers_to_is_done_and_logged(client, manager):
    client.post('/consumer-groups/new/', {'name': 'retirees', 'provider': 'firsttown-bank'})
    group = ConsumerGroup.objects.get(name='retirees')
    page = client.get('/consumer-groups/retirees/delete/')
    response = client.post('/consumer-groups/retirees/delete/', {'version': page.context['version']})
    assert response.status_code == 302
    assert response['Location'] == '/consumer-groups/'
    assert not ConsumerGroup.objects.filter(name='retirees').exists()
    assert ObjectChange.objects.filter(changed_object_id=group.pk, action='delete', source=ChangeSource.UI).exists()


def test_a_delete_confirmed_on_a_stale_page_is_refused_and_nothing_is_deleted(client, manager):
    client.post('/consumer-groups/new/', {'name': 'retirees', 'provider': 'firsttown-bank'})
    page = client.get('/consumer-groups/retirees/delete/')
    ConsumerGroup.objects.get(name='retirees').save()  # someone else's write moves the version
    response = client.post('/consumer-groups/retirees/delete/', {'version': page.context['version']})
    assert response.status_code == 200
    assert 'Someone changed this consumer group since you opened the form' in response.content.decode()
    assert ConsumerGroup.objects.filter(name='retirees').exists()


def test_the_buttons_show_only_for_readers_who_may(client, manager):
    detail = client.get('/consumer-groups/students/').content.decode()
    assert '/consumer-groups/students/edit/' in detail and '/consumer-groups/students/delete/' in detail
    assert '/consumer-groups/new/' in client.get('/consumer-groups/').content.decode()
    signed_in(client, 'auditor', 'auditor')
    assert '/consumer-groups/students/edit/' not in client.get('/consumer-groups/students/').content.decode()
    assert '/consumer-groups/new/' not in client.get('/consumer-groups/').content.decode()


def kind_of(route: str):
    from accord.ui.routes import kinds

    return next(model for model, kind_route in kinds() if kind_route == route)


@pytest.mark.parametrize('route', ROUTES)
def test_an_auditor_who_views_the_object_is_forbidden_to_add_change_or_delete(client, bank, route):
    auditor = signed_in(client, 'auditor', 'auditor')
    name = kind_of(route).objects.restrict(auditor, 'view').order_by('name').values_list('name', flat=True).first()
    assert name and client.get(f'/{route}/{name}/').status_code == 200
    for address in (f'/{route}/new/', f'/{route}/{name}/edit/', f'/{route}/{name}/delete/'):
        assert client.get(address).status_code == 403, address
        assert client.post(address, {}).status_code == 403, address


@pytest.mark.parametrize('route', ROUTES)
def test_a_consumer_gets_404_for_what_they_may_not_view_as_for_what_does_not_exist(client, bank, route):
    user = signed_in(client, 'ana', None)
    Person.objects.filter(name='ana-garcia').update(user=user)
    ConsumerGroup.objects.create(name='private-bankers', provider=Organization.objects.get(name='firsttown-bank'))
    model = kind_of(route)
    hidden = model.objects.exclude(pk__in=model.objects.restrict(user, 'view').values('pk')).order_by('name').first()
    assert hidden is not None and client.get(f'/{route}/{hidden.name}/').status_code == 404
    for address in (f'/{route}/{hidden.name}/edit/', f'/{route}/{hidden.name}/delete/', f'/{route}/nothing-such/edit/'):
        assert client.get(address).status_code == 404, address
        assert client.post(address, {}).status_code == 404, address


def test_the_relationship_manager_edits_a_subscription_and_a_refused_score_is_shown_at_its_field(client, bank):
    signed_in(client, 'relationship-manager', 'relationship-manager')
    subscription = Subscription.objects.filter(relationship__provider__name='firsttown-bank').order_by('name').first()
    address = f'/subscriptions/{subscription.name}/edit/'
    page = client.get(address)
    assert page.status_code == 200
    response = client.post(address, filled(page, quantity=subscription.quantity + 1))
    assert response.status_code == 302, response.context['form'].errors
    assert Subscription.objects.get(pk=subscription.pk).quantity == subscription.quantity + 1
    feedback = Feedback.objects.filter(relationship__provider__name='firsttown-bank').order_by('name').first()
    page = client.get(f'/feedback/{feedback.name}/edit/')
    response = client.post(f'/feedback/{feedback.name}/edit/', filled(page, score=9))
    assert response.status_code == 200
    assert response.context['form'].errors['score']  # the API's refusal, at its field
    assert Feedback.objects.get(pk=feedback.pk).score == feedback.score


@pytest.mark.parametrize('route', ROUTES)
def test_every_kinds_form_opens_and_saved_unchanged_writes_what_it_read(admin_client, bank, route):
    obj = kind_of(route).objects.order_by('name').first()
    assert admin_client.get(f'/{route}/new/').status_code == 200
    page = admin_client.get(f'/{route}/{obj.name}/edit/')
    assert page.status_code == 200
    response = admin_client.post(f'/{route}/{obj.name}/edit/', filled(page))
    assert response.status_code == 302, response.context['form'].errors
    after = admin_client.get(f'/{route}/{obj.name}/edit/').context['form']
    assert {k: v for k, v in after.initial.items() if k != 'version'} == {
        k: v for k, v in page.context['form'].initial.items() if k != 'version'}
    assert [formset.initial for formset in after.formsets] == [
        formset.initial for formset in page.context['form'].formsets]  # the owned parts, too

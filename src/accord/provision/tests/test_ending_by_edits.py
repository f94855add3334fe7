"""A subscription ended by an edit (an API PATCH, the web form, a file) ends its open grants at its term's end,
in the same transaction, as ``end_subscription`` does: a grant never outlives the subscription it was given under.
"""

import json

import pytest
from django.test import Client

from accord.core.models import ObjectChange, User
from accord.core.roles import Role
from accord.parties.models import Organization, RoleGrant
from accord.provision import services
from accord.provision.models import AccessGrant
from accord.provision.tests.conftest import element, instant, person, written
from accord.relationships.models import Subscription
from accord.testing.cli import run_cli
from accord.testing.forms import filled, staff_signed_in

pytestmark = pytest.mark.django_db

AT = instant('2025-03-04T10:00')
END = instant('2025-03-21T00:00')  # the start of the day after the new last day, 2025-03-20


@pytest.fixture
def grants(ben, actor) -> tuple[AccessGrant, AccessGrant]:
    """An open debit-card grant and an online-banking grant that ends before the new end."""
    return (services.grant_access(ben, element(ben, 'debit-card'), person('ben-okoro'), valid_from=AT, actor=actor),
            services.grant_access(ben, element(ben, 'online-banking'), person('ben-okoro'), valid_from=AT,
                                  valid_to=instant('2025-03-10T00:00'), actor=actor))


@pytest.fixture
def manager(bank) -> Client:
    user = User.objects.create_user('ftb-relationships')
    RoleGrant.objects.create(user=user, role=Role.RELATIONSHIP_MANAGER,
                             organization=Organization.objects.get(name='firsttown-bank'))
    client = Client()
    client.force_login(user)
    return client


def ends(grants: tuple[AccessGrant, ...]) -> list:
    return [AccessGrant.objects.get(pk=grant.pk).valid_to for grant in grants]


def test_a_patch_that_ends_the_subscription_ends_its_open_grants_then_and_logs_it(manager, ben, grants):
    response = manager.patch(f'/api/v1/subscriptions/{ben.pk}/', json.dumps({'end': '2025-03-20'}),
                             content_type='application/json')
    assert response.status_code == 200, response.content
    assert ends(grants) == [END, instant('2025-03-10T00:00')]
    assert ObjectChange.objects.filter(changed_object_type__model='accessgrant', changed_object_id=grants[0].pk,
                                       action='update', source='api').exists()


def test_a_later_end_or_another_change_leaves_the_grants_alone(manager, ben, grants):
    Subscription.objects.filter(pk=ben.pk).update(end=instant('2025-06-30T00:00').date())
    for body in ({'quantity': 2}, {'end': '2025-09-30'}):
        response = manager.patch(f'/api/v1/subscriptions/{ben.pk}/', json.dumps(body),
                                 content_type='application/json')
        assert response.status_code == 200, response.content
    assert ends(grants) == [None, instant('2025-03-10T00:00')]


def test_the_web_form_that_ends_the_subscription_ends_its_open_grants(client, ben, grants):
    staff_signed_in(client, 'relationship-manager', 'relationship-manager')
    address = f'/subscriptions/{ben.name}/edit/'
    response = client.post(address, filled(client.get(address), end='2025-03-20'))
    assert response.status_code == 302, response.context['form'].errors
    assert ends(grants) == [END, instant('2025-03-10T00:00')]


def ending_ben(tmp_path) -> str:
    """The subscriptions exported, ben's now ending on 2025-03-20: a file to apply."""
    exported = run_cli('export', '--kind', 'Subscription').stdout
    documents = [doc if 'name: ben-standard-checking\n' not in doc else doc.replace('  start: ', '  end: 2025-03-20\n'
                                                                                   '  start: ', 1)
                 for doc in exported.split('---\n')]
    path = tmp_path / 'subscriptions.yaml'
    path.write_text('---\n'.join(documents))
    return str(path)


def test_a_file_that_ends_the_subscription_ends_its_open_grants(ben, grants, tmp_path):
    path = ending_ben(tmp_path)
    result = run_cli('apply', str(path))
    assert result.status == 0, result.stderr
    assert ends(grants) == [END, instant('2025-03-10T00:00')]


def test_the_admin_that_ends_the_subscription_ends_its_open_grants(admin_client, ben, grants):
    from django.urls import reverse

    from accord.core.tests.parity import admin_form_data

    url = reverse('admin:relationships_subscription_change', args=[ben.pk])
    data = admin_form_data(admin_client.get(url))
    data['end'] = '2025-03-20'
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context['adminform'].form.errors
    assert ends(grants) == [END, instant('2025-03-10T00:00')]


# A grant that starts after the new end would lie wholly outside the shortened term: the end is refused.

LATER = instant('2025-03-25T09:00')  # after the new last day, 2025-03-20


@pytest.fixture
def later_grant(ben, grants, actor) -> AccessGrant:
    """An online-banking grant that starts after the new end (the term still runs on: it was given in it)."""
    return services.grant_access(ben, element(ben, 'online-banking'), person('ben-okoro'), valid_from=LATER,
                                 actor=actor)


REFUSED = ('ben-standard-checking cannot end at 2025-03-21T00:00:00+00:00: its access grant(s) {name} start then or '
           'later; delete them or move their start first')


def test_the_service_refuses_an_end_before_a_grant_starts_and_writes_nothing(ben, grants, later_grant, actor):
    from django.core.exceptions import ValidationError

    from accord.relationships.services import end_subscription

    before = written(Subscription, AccessGrant)
    with pytest.raises(ValidationError) as refused:
        end_subscription(ben, at=END, actor=actor)
    assert refused.value.message_dict == {'end': [REFUSED.format(name=later_grant.name)]}
    assert written(Subscription, AccessGrant) == before
    assert Subscription.objects.get(pk=ben.pk).end is None
    assert ends((*grants, later_grant)) == [None, instant('2025-03-10T00:00'), None]


def test_a_patch_that_ends_the_subscription_before_a_grant_starts_is_refused_naming_it(manager, ben, grants,
                                                                                     later_grant):
    before = written(Subscription, AccessGrant)
    response = manager.patch(f'/api/v1/subscriptions/{ben.pk}/', json.dumps({'end': '2025-03-20'}),
                             content_type='application/json')
    assert response.status_code == 400, response.content
    assert response.json()['end'] == [REFUSED.format(name=later_grant.name)]
    assert written(Subscription, AccessGrant) == before
    assert Subscription.objects.get(pk=ben.pk).end is None
    assert ends((*grants, later_grant)) == [None, instant('2025-03-10T00:00'), None]


def test_a_file_that_ends_the_subscription_before_a_grant_starts_is_refused_and_nothing_is_written(
        ben, later_grant, tmp_path):
    path = ending_ben(tmp_path)
    before = written(Subscription, AccessGrant)
    result = run_cli('apply', str(path))
    assert result.status == 1
    assert 'ben-standard-checking' in result.stderr and 'end' in result.stderr
    assert later_grant.name in result.stderr and 'Traceback' not in result.stderr
    assert written(Subscription, AccessGrant) == before
    assert Subscription.objects.get(pk=ben.pk).end is None


def test_an_end_after_every_grant_starts_still_ends_the_open_ones(manager, ben, grants, later_grant):
    response = manager.patch(f'/api/v1/subscriptions/{ben.pk}/', json.dumps({'end': '2025-03-31'}),
                             content_type='application/json')
    assert response.status_code == 200, response.content
    assert ends((*grants, later_grant)) == [instant('2025-04-01T00:00'), instant('2025-03-10T00:00'),
                                            instant('2025-04-01T00:00')]


def test_the_web_form_that_ends_the_subscription_before_a_grant_starts_shows_why(client, ben, grants, later_grant):
    staff_signed_in(client, 'relationship-manager', 'relationship-manager')
    address = f'/subscriptions/{ben.name}/edit/'
    response = client.post(address, filled(client.get(address), end='2025-03-20'))
    assert response.status_code == 200
    assert REFUSED.format(name=later_grant.name) in response.context['form'].errors['end']
    assert Subscription.objects.get(pk=ben.pk).end is None


def test_the_admin_that_ends_the_subscription_before_a_grant_starts_shows_why(admin_client, ben, grants, later_grant):
    from django.urls import reverse

    from accord.core.tests.parity import admin_form_data

    url = reverse('admin:relationships_subscription_change', args=[ben.pk])
    data = admin_form_data(admin_client.get(url))
    data['end'] = '2025-03-20'
    response = admin_client.post(url, data, follow=True)
    assert response.redirect_chain == [(url, 302)]
    assert [str(m) for m in response.context['messages']] == ['end: ' + REFUSED.format(name=later_grant.name)]
    assert Subscription.objects.get(pk=ben.pk).end is None

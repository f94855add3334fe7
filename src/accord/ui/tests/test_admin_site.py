"""The Django admin is for superusers only, and has no sign-in of its own: accounts sign in at /login/."""

import pytest
from axes.models import AccessAttempt

from accord.core.models import User
from accord.core.roles import Role
from accord.parties.models import Organization, Person, RoleGrant

pytestmark = pytest.mark.django_db
PASSWORD = 'a-long-demo-password'


def test_a_visitor_is_sent_to_the_consoles_sign_in_and_back(client):
    response = client.get('/admin/')
    assert response.status_code == 302
    assert response['Location'].startswith('/admin/login/')
    login = client.get(response['Location'])
    assert login.status_code == 302
    assert login['Location'] == '/login/?next=/admin/'


def test_the_admins_own_login_checks_no_password_so_right_ones_never_lock_a_consumer_out(client, bank):
    user = User.objects.create_user('ana-garcia', password=PASSWORD)
    Person.objects.filter(name='ana-garcia').update(user=user)
    for _ in range(6):
        answer = client.post('/admin/login/', {'username': 'ana-garcia', 'password': PASSWORD})
        assert answer.status_code == 302 and answer['Location'].startswith('/login/')
    assert not AccessAttempt.objects.exists()
    assert client.post('/login/', {'username': 'ana-garcia', 'password': PASSWORD}).status_code == 302


def test_staff_with_a_role_work_in_the_console_not_the_admin(client, bank):
    user = User.objects.create_user('maria-lopez', password=PASSWORD, is_staff=True)
    RoleGrant.objects.create(user=user, role=Role.CATALOGUE_MANAGER, organization=Organization.objects.get(
        name='firsttown-bank'))
    client.force_login(user)
    assert client.get('/admin/', follow=True).status_code == 403
    assert client.get('/admin/catalog/serviceoffering/', follow=True).status_code == 403
    assert client.get('/service-offerings/').status_code == 200


def test_a_superuser_keeps_the_admin(admin_client):
    assert admin_client.get('/admin/').status_code == 200
    assert admin_client.get('/admin/catalog/serviceoffering/').status_code == 200

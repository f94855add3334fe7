"""Every account signs in at /login/, staff and consumers alike; only wrong passwords count toward the lockout."""

import pytest
from axes.models import AccessAttempt

from accord.core.models import User
from accord.parties.models import Person

pytestmark = pytest.mark.django_db
PASSWORD = 'a-long-demo-password'


@pytest.fixture
def consumer(bank) -> User:
    user = User.objects.create_user('ana-garcia', password=PASSWORD)
    Person.objects.filter(name='ana-garcia').update(user=user)
    return user


def sign_in(client, password: str):
    return client.post('/login/', {'username': 'ana-garcia', 'password': password, 'next': '/'})


def test_a_consumer_with_the_right_password_is_signed_in_and_sent_from_the_home_page_to_the_portal(client, consumer):
    response = sign_in(client, PASSWORD)
    assert response.status_code == 302 and response['Location'] == '/'
    response = client.get('/', follow=True)
    assert response.redirect_chain == [('/portal/', 302)] and response.context['user'] == consumer


def test_right_passwords_never_lock_an_account_out(client, consumer):
    for _ in range(8):
        assert sign_in(client, PASSWORD).status_code == 302
        client.post('/logout/')
    assert not AccessAttempt.objects.filter(username='ana-garcia', failures_since_start__gt=0).exists()


def test_five_wrong_passwords_lock_the_account_out_even_with_the_right_one_next(client, consumer):
    for _ in range(5):
        response = sign_in(client, 'wrong')
        assert response.status_code in (200, 429)
    response = sign_in(client, PASSWORD)
    assert response.status_code == 429
    assert b'ana-garcia' not in response.content


def test_a_wrong_password_is_told_plainly_and_the_form_keeps_the_username(client, consumer):
    response = sign_in(client, 'wrong')
    assert response.status_code == 200
    assert b'Please enter a correct username and password' in response.content
    assert b'value="ana-garcia"' in response.content


def test_sign_out_is_a_post_and_returns_to_the_sign_in_page(client, consumer):
    sign_in(client, PASSWORD)
    response = client.post('/logout/')
    assert response.status_code == 302 and response['Location'] == '/login/'
    assert client.get('/service-offerings/').status_code == 302

"""Login lockout: five failures lock a username from an address out for a cool-off, even when
the attempts arrive at once, and the answers never tell whether the user exists."""

import re
import threading

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client

LOGIN = '/login/'
PASSWORD = 'correct horse battery staple'
LIMIT = settings.AXES_FAILURE_LIMIT


@pytest.fixture
def admin_user(db):
    return get_user_model().objects.create_superuser('root', 'root@example.org', PASSWORD)


def page(response) -> bytes:
    """The answer without its random CSRF token."""
    return re.sub(rb'name="csrfmiddlewaretoken" value="[^"]*"', b'', response.content)


def login(username: str, password: str, client: Client | None = None):
    return (client or Client()).post(LOGIN, {'username': username, 'password': password, 'next': '/'})


def test_the_policy_is_five_failures_and_a_fifteen_minute_cool_off():
    assert LIMIT == 5
    assert settings.AXES_COOLOFF_TIME.total_seconds() == 15 * 60


def test_the_right_password_logs_in(admin_user):
    assert login('root', PASSWORD).status_code == 302


def test_after_five_failures_the_right_password_is_refused(admin_user):
    for _ in range(LIMIT - 1):
        assert login('root', 'wrong').status_code == 200
    assert login('root', 'wrong').status_code == 429
    refused = login('root', PASSWORD)
    assert refused.status_code == 429
    assert '_auth_user_id' not in refused.client.session


def test_a_success_before_the_limit_clears_the_count(admin_user):
    for _ in range(LIMIT - 1):
        login('root', 'wrong')
    assert login('root', PASSWORD).status_code == 302
    assert login('root', 'wrong').status_code == 200


def test_an_unknown_user_and_a_wrong_password_get_identical_answers(admin_user):
    for _ in range(LIMIT + 1):
        unknown, wrong = login('nobody', 'wrong'), login('root', 'wrong')
        assert unknown.status_code == wrong.status_code
        assert page(unknown).replace(b'nobody', b'root') == page(wrong)
    assert unknown.status_code == 429
    assert b'nobody' not in unknown.content


def test_the_lockout_answer_in_json_names_no_user(admin_user):
    for _ in range(LIMIT):
        login('root', 'wrong')
    answers = [
        Client().post(LOGIN, {'username': name, 'password': 'x'}, HTTP_ACCEPT='application/json')
        for name in ('root', 'nobody')
    ]
    for _ in range(LIMIT):
        login('nobody', 'wrong')
    answers.append(Client().post(LOGIN, {'username': 'nobody', 'password': 'x'}, HTTP_ACCEPT='application/json'))
    assert answers[0].status_code == 429 and answers[2].status_code == 429
    assert answers[0].json() == answers[2].json()
    assert 'root' not in answers[0].content.decode()


def test_the_lock_is_per_username_and_address(admin_user):
    for _ in range(LIMIT):
        login('root', 'wrong')
    assert Client(REMOTE_ADDR='10.0.0.9').post(LOGIN, {'username': 'root', 'password': PASSWORD}).status_code == 302


def test_a_changing_user_agent_does_not_escape_the_count(admin_user):
    for n in range(LIMIT):
        Client(HTTP_USER_AGENT=f'agent-{n}').post(LOGIN, {'username': 'root', 'password': 'wrong'})
    assert login('root', PASSWORD).status_code == 429
    assert AccessAttempt.objects.count() == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize('username', ['root', 'nobody'])
def test_concurrent_failures_still_lock_out_and_at_most_the_limit_are_checked(username):
    if connection.vendor == 'sqlite' and connection.is_in_memory_db():
        pytest.skip("SQLite's shared-cache memory test database answers 'table is locked' to concurrent writers "
                    'instead of waiting (a file database waits); PostgreSQL runs this test')
    get_user_model().objects.create_superuser('root', 'root@example.org', PASSWORD)
    attempts = LIMIT * 3
    statuses: list[int] = []
    barrier = threading.Barrier(attempts)
    lock = threading.Lock()

    def attempt():
        try:
            client = Client()
            barrier.wait()
            status = login(username, 'wrong', client).status_code
            with lock:
                statuses.append(status)
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt) for _ in range(attempts)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert len(statuses) == attempts, 'every attempt answered'
    assert set(statuses) <= {200, 429}
    assert statuses.count(200) <= LIMIT - 1, 'the fifth failure already answers with the lockout'
    assert AccessAttempt.objects.get().failures_since_start == attempts, 'every attempt counted once'
    assert login(username, PASSWORD).status_code == 429

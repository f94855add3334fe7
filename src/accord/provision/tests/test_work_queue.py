"""The practitioner's work queue: what is left to do at the provider, by due time, the overdue first and marked."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accord.core.roles import Role
from accord.parties.models import Person
from accord.provision import services
from accord.provision.tests.conftest import element, signed_in

pytestmark = pytest.mark.django_db


def queue(client) -> list[tuple[str, bool]]:
    """The queue as the page lists it: each record's name and whether it is marked overdue."""
    response = client.get('/work-queue/')
    assert response.status_code == 200
    return [(work.record.name, work.overdue) for work in response.context['page']]


def test_the_queue_lists_what_is_left_to_do_by_due_time_the_overdue_first(client, open_work):
    signed_in(client, 'li-wei', Role.PRACTITIONER)
    assert queue(client) == [('northwind-late-card', True), ('ben-card-order', False), ('ben-new-card', False),
                             (open_work['checkbook'].name, False)]
    page = client.get('/work-queue/').content.decode()
    assert page.count('<span class="light red">overdue</span>') == 1
    assert '1 overdue' in page
    assert f'/orders/{open_work["checkbook"].name}/fulfil/?next=/work-queue/' in page


def test_fulfilled_orders_and_completed_actions_leave_the_queue(client, open_work, actor):
    signed_in(client, 'li-wei', Role.PRACTITIONER)
    services.complete_action(open_work['late'], actor=actor)
    services.cancel(open_work['card'], actor=actor)
    assert [name for name, _overdue in queue(client)] == ['ben-new-card', open_work['checkbook'].name]


def test_the_queue_holds_only_the_work_of_the_providers_the_reader_works_for(client, open_work):
    signed_in(client, 'cardnet-practitioner', Role.PRACTITIONER, 'cardnet')
    assert queue(client) == []
    client.logout()
    signed_in(client, 'retail-practitioner', Role.PRACTITIONER, 'ftb-retail-banking')  # a unit: not the bank
    assert queue(client) == []


def test_a_consumer_gets_404_and_an_auditor_403_and_neither_is_shown_the_link(client, open_work):
    user = signed_in(client, 'nina')
    Person.objects.filter(name='nina-park').update(user=user)
    assert client.get('/work-queue/').status_code == 404
    assert client.get(f'/orders/{open_work["checkbook"].name}/fulfil/').status_code == 404
    client.logout()
    signed_in(client, 'james-okafor', Role.AUDITOR)
    assert client.get('/work-queue/').status_code == 403
    assert 'Work queue' not in client.get('/orders/').content.decode()
    client.logout()
    signed_in(client, 'li-wei', Role.PRACTITIONER)
    assert '<a href="/work-queue/"' in client.get('/orders/').content.decode()


def test_the_queue_runs_the_same_number_of_queries_for_many_more_rows(client, open_work, northwind, ben, actor):
    signed_in(client, 'li-wei', Role.PRACTITIONER)
    with CaptureQueriesContext(connection) as few:
        assert len(queue(client)) == 4
    start = timezone.now() - datetime.timedelta(days=1)
    for number in range(60):
        subscription = northwind if number % 2 else ben
        services.request_action(subscription, element(subscription, 'card-replacement'),
                                at=start + datetime.timedelta(minutes=number), actor=actor)
    with CaptureQueriesContext(connection) as many:
        assert len(queue(client)) == 50  # the first page of 64
    assert len(many) == len(few)

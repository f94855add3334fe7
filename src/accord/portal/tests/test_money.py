"""Money: a relationship's customers and sponsors read its charges, with reasons, and quote a change of plan."""

import pytest

from accord.portal.tests.test_portal import consumer

pytestmark = pytest.mark.django_db


URL = '/portal/money/'


@pytest.fixture
def nina(bank, client):
    client.force_login(consumer('nina-park'))


def page(client, query: str = '', url: str = URL) -> str:
    """The page answered for ``query``, which must be found (200)."""
    response = client.get(f'{url}{query}')
    assert response.status_code == 200
    return response.content.decode()


def test_a_sponsor_reads_marchs_charges_with_the_waiver_in_words(nina, client):
    text = page(client, '?month=2025-03')
    assert 'What FirstTown Bank charged us' in text and 'March 2025' in text and 'Standard Checking' in text
    assert 'waived: direct deposit total at least 1000' in text
    assert '0 foreign atm withdrawal event(s) in 2025-03' in text
    assert 'Total for March 2025: <strong>$0.00</strong>' in text


def test_a_fee_not_waived_says_why_in_words(nina, client):
    text = page(client, '?month=2025-01')
    assert ('12.00 per month × 3; not waived: not subscribed to Basic Savings and direct deposit total 0, '
            'not at least 1000') in text
    assert 'Total for January 2025: <strong>$36.00</strong>' in text


def test_without_a_month_the_page_shows_the_latest_months_with_usage(nina, client):
    text = page(client)
    assert 'March 2025' in text
    assert 'href="?month=2025-03"' in text


@pytest.mark.parametrize('month', ['2025-13', 'march', '0000-01', '9999-12'])
def test_a_month_that_is_no_month_is_said_so_not_a_500(nina, client, month):
    text = page(client, f'?month={month}')
    assert 'role="alert"' in text and 'pick a month such as 2025-03' in text


def test_a_quote_for_another_offering_of_our_groups(nina, client):
    assert 'Basic Savings: no fee and no usage charge' in page(client, '?offering=basic-savings&quantity=3')
    text = page(client, '?offering=personal-advice&quantity=1')
    assert 'Personal Advice: $40.00' in text and '40.00 one-off × 1' in text


def test_the_offerings_quoted_are_our_groups_and_not_what_we_hold(nina, client):
    text = page(client)
    assert '<option value="basic-savings"' in text
    assert '<option value="standard-checking"' not in text and '<option value="student-checking"' not in text


def test_a_quote_for_an_offering_outside_our_groups_is_404(nina, client):
    assert client.get('/portal/money/?offering=student-checking').status_code == 404
    assert client.get('/portal/money/?offering=cardnet-card-processing').status_code == 404
    assert client.get('/portal/money/?offering=no-such-offering').status_code == 404


def test_a_bad_quantity_is_shown_at_its_field(nina, client):
    text = page(client, '?offering=basic-savings&quantity=0')
    assert 'form-field invalid' in text and 'greater than or equal to 1' in text


def test_a_user_who_is_neither_customer_nor_sponsor_has_no_money_page(bank, client):
    client.force_login(consumer('omar-haddad'))
    assert client.get('/portal/money/').status_code == 404
    assert 'href="/portal/money/"' not in client.get('/portal/').content.decode()


def test_another_organizations_relationship_or_subscription_is_404(nina, client):
    assert client.get('/portal/money/?relationship=firsttown-bank-ana').status_code == 404
    assert client.get('/portal/money/?subscription=ana-student-checking').status_code == 404
    assert client.get('/portal/money/?subscription=northwind-standard-checking').status_code == 200


def test_a_customer_sees_only_their_organizations_charges(bank, client):
    client.force_login(consumer('ana-garcia'))
    text = page(client, '?month=2025-03')
    assert 'Student Checking' in text
    assert 'northwind' not in text.lower() and 'ben-' not in text


def test_the_page_runs_as_many_queries_for_two_subscriptions_as_for_one(bank, client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    for person in ('nina-park', 'ben-okoro'):  # Nina's relationship has one subscription, Ben's two
        client.force_login(consumer(person))
        with CaptureQueriesContext(connection) as queries:
            page(client, '?offering=basic-savings&quantity=1' if person == 'nina-park' else
                 '?offering=personal-advice&quantity=1')
        counts.append(len(queries))
    assert counts[0] == counts[1]

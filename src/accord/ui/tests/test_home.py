"""The home page counts the catalogue through the permission gate."""

import pytest

pytestmark = pytest.mark.django_db


def test_an_anonymous_visitor_is_asked_to_log_in_and_sees_no_counts(client, bank):
    response = client.get('/')
    assert response.status_code == 200
    assert b'Log in' in response.content
    assert b'Service offerings' not in response.content


def test_a_superuser_sees_what_the_catalogue_holds(admin_client, bank):
    response = admin_client.get('/')
    assert response.status_code == 200
    counts = dict(response.context['counts'])
    assert counts['organizations'] == 12
    assert counts['service offerings'] == 9

"""The home page counts the catalogue through the permission gate; a visitor is asked to sign in."""

import pytest

pytestmark = pytest.mark.django_db


def test_an_anonymous_visitor_is_asked_to_sign_in_and_sees_no_counts(client, bank):
    response = client.get('/')
    assert response.status_code == 200
    assert b'Sign in' in response.content
    assert b'Service offerings' not in response.content


def test_a_superuser_sees_what_the_catalogue_holds(admin_client, bank):
    response = admin_client.get('/')
    assert response.status_code == 200
    counts = {label: count for label, _url, count in response.context['counts']}
    assert counts['organizations'] == 12
    assert counts['service offerings'] == 9


def test_search_finds_objects_of_every_kind_by_name_or_title(admin_client, bank):
    response = admin_client.get('/search/', {'q': 'checking'})
    found = {str(heading): [o.name for o in objects] for heading, objects, _more, _url in response.context['sections']}
    assert 'student-checking' in found['service offerings']
    assert 'checking-account' in found['products']


def test_a_page_of_the_console_asks_an_anonymous_visitor_to_sign_in(client, bank):
    response = client.get('/service-offerings/')
    assert response.status_code == 302
    assert response['Location'].startswith('/login/?next=/service-offerings/')

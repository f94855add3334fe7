"""Lists: the API's filters, search, sorting, pages and CSV, through the permission gate, in constant queries."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accord.core.models import User
from accord.parties.models import Organization, Person

pytestmark = pytest.mark.django_db


def names(response) -> list[str]:
    return [row.name for row, _cells in response.context['rows']]


def test_a_page_runs_the_same_number_of_queries_for_25_rows_as_for_500_among_10000(admin_client, bank):
    Organization.objects.bulk_create(Organization(name=f'org-{i:05d}', title=f'Org {i}') for i in range(10_000))
    counts = []
    for per_page in (25, 500):
        with CaptureQueriesContext(connection) as queries:
            response = admin_client.get('/organizations/', {'per_page': per_page, 'sort': 'parent__name'})
        assert response.status_code == 200
        assert len(names(response)) == per_page
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_the_api_filters_search_and_sorting_narrow_and_order_the_list(admin_client, bank):
    response = admin_client.get('/service-offerings/', {'provider': 'cardnet'})
    assert names(response) and all(row.provider.name == 'cardnet' for row, _ in response.context['rows'])
    response = admin_client.get('/service-offerings/', {'q': 'student'})
    assert 'student-checking' in names(response)
    assert all('student' in (row.name + row.title).lower() for row, _ in response.context['rows'])
    ascending = names(admin_client.get('/service-offerings/', {'sort': 'fee_amount'}))
    descending = names(admin_client.get('/service-offerings/', {'sort': '-fee_amount'}))
    assert ascending != descending and sorted(ascending) == sorted(descending)


def test_a_bad_filter_value_is_named_and_lists_nothing_rather_than_everything(admin_client, bank):
    response = admin_client.get('/service-offerings/', {'lifecycle': 'nonsense'})
    assert response.status_code == 200
    assert names(response) == []
    assert b'lifecycle' in response.content


def test_the_csv_holds_every_filtered_row_with_names_not_links(admin_client, bank):
    response = admin_client.get('/service-offerings/', {'provider': 'firsttown-bank', 'export': 'csv'})
    assert response['Content-Type'].startswith('text/csv')
    rows = list(csv.reader(io.StringIO(b''.join(response.streaming_content).decode())))
    assert rows[0][:3] == ['name', 'Provider', 'Lifecycle']
    by_name = {row[0]: row for row in rows[1:]}
    assert by_name['student-checking'][1] == 'firsttown-bank'
    assert by_name['student-checking'][3] == '5'
    assert not any('<a' in cell for row in rows for cell in row)


def test_a_consumer_gets_404_for_every_list_and_its_csv_as_the_portal_is_where_they_read(client, bank):
    user = User.objects.create_user('ana-garcia', password='a-long-demo-password')
    Person.objects.filter(name='ana-garcia').update(user=user)
    client.force_login(user)
    assert client.get('/service-offerings/', {'per_page': 500}).status_code == 404
    assert client.get('/subscriptions/', {'export': 'csv'}).status_code == 404


def test_every_kind_has_its_list_at_its_api_route_and_each_object_its_page_and_history(admin_client, bank):
    from django.urls import reverse

    from accord.api.router import router
    from accord.ui.routes import kinds

    routes = {route for _model, route in kinds()}
    api_routes = {prefix for prefix, _viewset, _basename in router.registry}
    assert routes == api_routes - {'object-changes', 'users', 'role-grants', 'tokens', 'ownership-transfers',
                                   'request-catalogue'}
    for model, route in kinds():
        assert admin_client.get(reverse(f'ui:{route}-list')).status_code == 200, route
        first = model.objects.order_by('name').first()
        if first is not None:
            assert admin_client.get(f'/{route}/{first.name}/').status_code == 200, route

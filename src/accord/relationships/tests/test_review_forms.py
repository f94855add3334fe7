"""The value review's factors and the relationship review's actions as rows: written, logged, exported."""

import pytest

from accord.core.choices import ChangeSource
from accord.core.models import ObjectChange
from accord.relationships.models import RelationshipReview, ValueReview
from accord.testing.forms import added_row, deleted, errors_of, exported, filled, row_of

pytestmark = pytest.mark.django_db
VALUE = '/value-reviews/northwind-value-2025-03/'
MEETING = '/relationship-reviews/northwind-review-2025-02/'


def factors_of(name: str) -> list[tuple]:
    return list(ValueReview.objects.get(name=name).factors.values_list('kind', 'direction', 'description', 'amount'))


def test_the_manager_changes_adds_and_removes_factors_and_the_export_shows_them(client, manager):
    page = client.get(f'{VALUE}edit/')
    assert page.status_code == 200
    fees = row_of(page, 'factors', kind='cost', direction='introduced')
    cards = row_of(page, 'factors', kind='output', direction='not-achieved')
    extra = added_row(page, 'factors')
    response = client.post(f'{VALUE}edit/', filled(page, **{
        f'factors-{fees}-amount': '30', f'factors-{cards}-DELETE': 'on', f'factors-{extra}-kind': 'risk',
        f'factors-{extra}-direction': 'removed', f'factors-{extra}-description': 'No more cash in the till.'}))
    assert response.status_code == 302, errors_of(response)
    factors = factors_of('northwind-value-2025-03')
    assert ('output', 'not-achieved') not in {(kind, direction) for kind, direction, *_ in factors}
    assert factors[-1][:3] == ('risk', 'removed', 'No more cash in the till.')
    review = ValueReview.objects.get(name='northwind-value-2025-03')
    assert ObjectChange.objects.filter(changed_object_id=review.pk, changed_object_type__model='valuereview',
                                       action='update', source=ChangeSource.UI, user_name='daniel-kim').exists()
    spec = exported('ValueReview', 'northwind-value-2025-03')
    assert {'kind': 'cost', 'direction': 'introduced', 'description': 'Monthly fees for three checking accounts.',
            'amount': '30'} in spec['factors']
    assert spec['factors'][-1] == {'kind': 'risk', 'direction': 'removed',
                                   'description': 'No more cash in the till.'}


def test_a_refused_factor_is_shown_at_its_row_and_a_stale_form_is_refused(client, manager):
    before = factors_of('northwind-value-2025-03')
    page = client.get(f'{VALUE}edit/')
    extra = added_row(page, 'factors')
    response = client.post(f'{VALUE}edit/', filled(page, **{f'factors-{extra}-kind': 'risk'}))
    assert response.status_code == 200
    assert response.context['form'].formsets[0].forms[extra].errors['direction']
    ValueReview.objects.get(name='northwind-value-2025-03').save()
    response = client.post(f'{VALUE}edit/', filled(page, **{f'factors-{extra}-kind': 'risk',
                                                           f'factors-{extra}-direction': 'removed'}))
    assert 'Someone changed this value review since you opened the form' in response.content.decode()
    assert factors_of('northwind-value-2025-03') == before


def test_a_value_review_is_created_by_a_customer_only_and_deleted(client, manager):
    page = client.get('/value-reviews/new/')
    values = dict(name='northwind-value-2025-04', relationship='firsttown-bank-northwind-traders', period='2025-04',
                  overall='positive', **{'factors-0-kind': 'outcome', 'factors-0-direction': 'achieved'})
    response = client.post('/value-reviews/new/', filled(page, assessed_by='omar-haddad', **values))
    assert response.status_code == 200
    assert 'not a customer' in str(response.context['form'].errors['assessed_by'])
    response = client.post('/value-reviews/new/', filled(page, assessed_by='nina-park', **values))
    assert response.status_code == 302, errors_of(response)
    assert factors_of('northwind-value-2025-04') == [('outcome', 'achieved', '', None)]
    assert deleted(client, '/value-reviews/northwind-value-2025-04/delete/').status_code == 302
    assert not ValueReview.objects.filter(name='northwind-value-2025-04').exists()


def test_the_manager_edits_a_reviews_actions_as_rows(client, manager):
    page = client.get(f'{MEETING}edit/')
    line = row_of(page, 'actions', sentence='Confirm the delivery address for replacement cards.')
    extra = added_row(page, 'actions')
    response = client.post(f'{MEETING}edit/', filled(page, **{
        f'actions-{line}-DELETE': 'on', f'actions-{extra}-sentence': 'Call Northwind back within a day.'}))
    assert response.status_code == 302, errors_of(response)
    assert RelationshipReview.objects.get(name='northwind-review-2025-02').actions == [
        'Give Northwind a direct line to its relationship manager.', 'Call Northwind back within a day.']
    assert exported('RelationshipReview', 'northwind-review-2025-02')['actions'][-1] == (
        'Call Northwind back within a day.')

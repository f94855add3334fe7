"""Service levels: a customer reads the month's traffic lights, the watermelon and health, and gives feedback."""

import pytest

from accord.parties.models import Person
from accord.portal.tests.test_money import page as money_page
from accord.portal.tests.test_portal import consumer
from accord.relationships.models import ConsumerRole, Feedback, ServiceRelationship

pytestmark = pytest.mark.django_db
URL = '/portal/service-levels/'


@pytest.fixture
def nina(bank, client):
    client.force_login(consumer('nina-park'))


def page(client, query: str = '') -> str:
    return money_page(client, query, URL)


def test_marchs_lights_say_each_target_met_or_missed_and_explain_the_watermelon(nina, client):
    text = page(client, '?month=2025-03')
    assert 'Northwind Traders SLA 2025' in text
    assert ('Card replacement on time<span class="meaning small muted">operational</span></td>'
            '<td>at least 95%</td><td class="measured">98% <span class="light green">met</span></td>') in text
    assert '<span class="light red">missed</span>' in text and '<span class="light green">met</span>' in text
    assert 'Watermelon: green outside, red inside.' in text
    assert 'customer satisfaction was missed' in text and 'the mean feedback, 2.5 of 5, is below 3.5' in text


def test_the_relationships_health_shows_its_score_band_and_components(nina, client):
    text = page(client, '?month=2025-03')
    assert '0.35 <span class="light red">at-risk</span>' in text
    for component, figure in (('Satisfaction', '0.38'), ('Targets', '0.00'), ('Value', '0.50'),
                              ('Engagement', '1.00')):
        assert f'<th scope="row">{component}<span' in text and f'<td>{figure}</td>' in text


def test_without_a_month_the_latest_measured_month_shows(nina, client):
    assert 'value="2025-03"' in page(client)


def test_a_month_without_measurements_says_not_measured(nina, client):
    text = page(client, '?month=2025-01')
    assert 'not measured' in text and 'Watermelon' not in text


@pytest.mark.parametrize('month', ['2025-00', '03-2025', '9999-12'])
def test_a_month_that_is_no_month_is_said_so_not_a_500(nina, client, month):
    assert 'pick a month such as 2025-03' in page(client, f'?month={month}')


def test_a_customer_gives_feedback_and_it_is_recorded_as_theirs(nina, client):
    response = client.post(URL, {'relationship': 'firsttown-bank-northwind-traders', 'score': '4',
                                 'comment': 'Reached Priya within the hour.'})
    assert response.status_code == 302 and response['Location'] == f'{URL}#main'
    feedback = Feedback.objects.get(comment='Reached Priya within the hour.')
    assert feedback.person.name == 'nina-park' and feedback.score == 4
    assert feedback.relationship.name == 'firsttown-bank-northwind-traders'
    assert 'your feedback on FirstTown Bank – Northwind Traders is recorded' in client.get(URL).content.decode()


@pytest.mark.parametrize(('score', 'message'), [
    ('', 'Give a score from 1 to 5.'), ('0', 'A score is from 1 to 5, not 0.'),
    ('6', 'A score is from 1 to 5, not 6.')])
def test_a_score_outside_1_to_5_is_refused_at_its_field(nina, client, score, message):
    before = Feedback.objects.count()
    response = client.post(URL, {'relationship': 'firsttown-bank-northwind-traders', 'score': score})
    assert response.status_code == 400
    text = response.content.decode()
    assert 'scores invalid' in text and f'<span class="field-error" role="alert">{message}</span>' in text
    assert Feedback.objects.count() == before


def test_feedback_on_another_organizations_relationship_is_404(nina, client):
    response = client.post(URL, {'relationship': 'firsttown-bank-ana', 'score': '1'})
    assert response.status_code == 404
    assert not Feedback.objects.filter(relationship__name='firsttown-bank-ana', score=1).exists()


def test_another_organizations_relationship_or_agreement_in_the_address_is_404(nina, client):
    assert client.get(f'{URL}?relationship=firsttown-bank-ana').status_code == 404
    assert client.get(f'{URL}?agreement=uc-cardnet').status_code == 404
    assert client.get(f'{URL}?agreement=sla-northwind-2025').status_code == 200


def test_a_sponsor_or_user_who_is_no_customer_has_no_service_levels_page(bank, client):
    client.force_login(consumer('omar-haddad'))
    assert client.get(URL).status_code == 404
    ConsumerRole.objects.filter(person__name='nina-park', role='customer').delete()
    client.force_login(consumer('nina-park'))
    assert client.get(URL).status_code == 404
    nav = client.get('/portal/').content.decode()
    assert 'href="/portal/money/"' in nav and 'href="/portal/service-levels/"' not in nav


def test_a_customer_of_another_organization_never_sees_northwind(bank, client):
    client.force_login(consumer('ana-garcia'))
    text = page(client, '?month=2025-03')
    assert '/service-relationships/firsttown-bank-ana/">FirstTown Bank – Ana Garcia</a>: health in March 2025' in text
    assert 'No agreement of FirstTown Bank – Ana Garcia is in force in March 2025.' in text
    assert 'Northwind' not in text and 'CardNet' not in text


def test_the_page_runs_as_many_queries_with_more_targets_measured_and_feedback(nina, client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from accord.relationships.models import AgreementTarget, Measurement

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            page(client, '?month=2025-03')
        return len(queries)

    before = count()
    agreement = AgreementTarget.objects.filter(agreement__name='sla-northwind-2025').first().agreement
    target = AgreementTarget.objects.create(agreement=agreement, name='first-call-resolution', kind='experience',
                                            comparator='>=', value=80, unit='%', position=9)
    Measurement.objects.create(target=target, period='2025-03', value=85)
    relationship = ServiceRelationship.objects.get(name='firsttown-bank-northwind-traders')
    Feedback.objects.create(relationship=relationship, person=Person.objects.get(name='omar-haddad'), score=4,
                            at='2025-03-20T10:00:00Z', name='omar-2025-03-20')
    assert count() == before


def more_relationships_and_agreements() -> None:
    """Northwind Traders, Nina its customer, in four relationships with eight agreements measured in March 2025."""
    from accord.parties.models import Organization
    from accord.relationships.models import Agreement, AgreementTarget, Measurement, RelationshipReview, ValueReview

    northwind = ServiceRelationship.objects.get(name='firsttown-bank-northwind-traders')
    nina, omar = Person.objects.get(name='nina-park'), Person.objects.get(name='omar-haddad')
    providers = Organization.objects.exclude(pk__in=[northwind.provider_id, northwind.consumer_id]).exclude(
        provider_relationships__consumer=northwind.consumer_id).order_by('name')[:3]
    relationships = [northwind]
    for provider in providers:
        relationship = ServiceRelationship.objects.create(name=f'{provider.name}-northwind', provider=provider,
                                                          consumer=northwind.consumer)
        ConsumerRole.objects.create(relationship=relationship, person=nina, role='customer')
        relationships.append(relationship)
    for number, relationship in enumerate(relationships):
        Feedback.objects.create(relationship=relationship, person=omar, score=2 + number % 3,
                                at='2025-03-21T10:00:00Z', name=f'more-{number}')
        ValueReview.objects.create(relationship=relationship, period='2025-03', assessed_by=nina,
                                   overall=('negative', 'neutral', 'positive')[number % 3], name=f'value-{number}')
        RelationshipReview.objects.create(relationship=relationship, at='2025-03-10T10:00:00Z', name=f'review-{number}')
        for second in range(2 if number else 1):  # Northwind's own SLA makes its second agreement
            agreement = Agreement.objects.create(relationship=relationship, kind='sla', name=f'more-{number}-{second}')
            for position, kind in enumerate(('operational', 'experience', 'outcome')):
                target = AgreementTarget.objects.create(agreement=agreement, name=f'{kind}-target', kind=kind,
                                                        comparator='>=', value=90, unit='%', position=position)
                Measurement.objects.create(target=target, period='2025-03', value=85 + 5 * position)


def test_four_relationships_with_eight_agreements_run_as_many_queries_as_one_with_one(nina, client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from accord.relationships.models import Agreement

    assert list(Agreement.objects.filter(relationship__roles__person__name='nina-park').distinct()
                .values_list('name', flat=True)) == ['sla-northwind-2025']
    with CaptureQueriesContext(connection) as one:
        page(client, '?month=2025-03')
    more_relationships_and_agreements()
    with CaptureQueriesContext(connection) as four:
        text = page(client, '?month=2025-03')
    assert text.count(': health in March 2025') == 4
    assert text.count('<section class="card" aria-labelledby="agreement-') == 8
    assert len(four) == len(one) <= 21  # the menu, the scope, the month, the questions' seven and the form

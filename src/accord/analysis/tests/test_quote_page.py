"""The quote page takes every fact the offering's price plan reads, by row, and answers as the API does."""

import pytest

pytestmark = pytest.mark.django_db
STUDENTS = {'offering': 'student-checking', 'group': 'students'}


def rows(response) -> list[tuple[str, str]]:
    return [(row['name'], row['value']) for row in response.context['fact_rows']]


def test_the_form_has_a_row_per_fact_of_the_price_plan_and_no_free_name(admin_client, bank):
    page = admin_client.get('/questions/quote/', {'offering': 'student-checking'})
    assert rows(page) == [('direct-deposit', ''), ('foreign-atm-withdrawal', '')]
    hints = {row['name']: row['hint'] for row in page.context['fact_rows']}
    assert hints == {'direct-deposit': 'a fact of the period the fee waiver reads',
                     'foreign-atm-withdrawal': 'events of this type in the period, charged by use'}
    html = page.content.decode()
    assert 'name="fact.direct-deposit"' in html and 'name="fact.foreign-atm-withdrawal"' in html
    assert 'name="fact"' not in html, 'nobody types the name of a fact'
    assert rows(admin_client.get('/questions/quote/', {'offering': 'standard-checking'})) == [
        ('direct-deposit-total', ''), ('foreign-atm-withdrawal', '')]


def test_a_submitted_form_is_sent_on_to_the_apis_address_which_answers_with_every_fact(admin_client, bank):
    form = admin_client.get('/questions/quote/', {**STUDENTS, 'quantity': '1', 'fact.direct-deposit': '1',
                                                  'fact.foreign-atm-withdrawal': '3'})
    assert form.status_code == 302
    assert form['Location'] == ('/questions/quote/?offering=student-checking&group=students&quantity=1'
                                '&fact=direct-deposit%3D1&fact=foreign-atm-withdrawal%3D3')
    page = admin_client.get(form['Location'])
    api = admin_client.get('/api/v1/questions/quote/', {**STUDENTS, 'fact': ['direct-deposit=1',
                                                                             'foreign-atm-withdrawal=3']}).json()
    assert page.context['answer'] == api
    assert api['lines'][0]['waived'] is True and api['total'] == '7.50'
    assert rows(page) == [('direct-deposit', '1'), ('foreign-atm-withdrawal', '3')]


def test_an_empty_row_is_left_out_and_reads_as_zero(admin_client, bank):
    form = admin_client.get('/questions/quote/', {**STUDENTS, 'quantity': '', 'fact.direct-deposit': '',
                                                  'fact.foreign-atm-withdrawal': '2', 'subscribed': ''})
    assert form['Location'] == ('/questions/quote/?offering=student-checking&group=students'
                                '&fact=foreign-atm-withdrawal%3D2')
    answer = admin_client.get(form['Location']).context['answer']
    assert answer['lines'][0]['waived'] is False


def test_a_misspelt_fact_in_the_address_is_refused_with_the_nearest_names(admin_client, bank):
    page = admin_client.get('/questions/quote/', {**STUDENTS,
                                                  'fact': ['direct-deposits=1', 'foreign-atm-withdrawal=1']})
    assert page.context['errors'] == [
        'fact: student-checking does not use fact direct-deposits: did you mean direct-deposit?']
    assert 'answer' not in page.context
    assert rows(page) == [('direct-deposit', ''), ('foreign-atm-withdrawal', '1')]
    api = admin_client.get('/api/v1/questions/quote/', {**STUDENTS, 'fact': 'direct-deposits=1'})
    assert api.status_code == 400 and 'did you mean direct-deposit?' in str(api.json())


def test_a_misspelt_offering_gets_the_nearest_names_the_reader_may_view(admin_client, bank):
    page = admin_client.get('/questions/quote/', {'offering': 'studnet-checking'})
    assert page.context['errors'] == ["offering: unknown offering 'studnet-checking': did you mean student-checking?"]
    assert rows(page) == []

"""``accord fact`` (a fact measured over a month) and ``accord consume --file`` (events in bulk from CSV)."""

from decimal import Decimal

import pytest

from accord.core.models import ObjectChange
from accord.provision.models import ConsumptionEvent, PeriodFact
from accord.testing.cli import run_cli

pytestmark = pytest.mark.django_db


def test_a_fact_is_recorded_for_its_month_and_a_new_value_replaces_it_logged(bank):
    first = run_cli('fact', 'ben-standard-checking', 'average-balance', '1500.25', '--period', '2025-04',
                    '--format', 'json')
    assert first.status == 0, first.stderr
    assert first.json == {'name': 'ben-standard-checking-average-balance-2025-04',
                          'subscription': 'ben-standard-checking', 'period': '2025-04', 'fact': 'average-balance',
                          'value': '1500.25'}
    again = run_cli('fact', 'ben-standard-checking', 'average-balance', '900', '--period', '2025-04')
    assert again.status == 0, again.stderr
    fact = PeriodFact.objects.get(subscription__name='ben-standard-checking', period='2025-04')
    assert fact.value == Decimal(900)
    assert ObjectChange.objects.filter(changed_object_type__model='periodfact', changed_object_id=fact.pk).count() == 2


@pytest.mark.parametrize(('args', 'message'), [
    (('ben-standard-checking', 'average-balance', '10', '--period', '2025-13'),
     "fact average-balance of ben-standard-checking: period: '2025-13' is not a period YYYY-MM"),
    (('ben-standard-checking', 'average-balance', 'lots', '--period', '2025-03'),
     "VALUE: 'lots' is not a decimal number"),
    (('ben-standard-cheking', 'average-balance', '10', '--period', '2025-03'),
     "no subscription named 'ben-standard-cheking': did you mean ben-standard-checking?"),
])
def test_a_refused_fact_exits_1_and_writes_nothing(bank, args, message):
    before = list(PeriodFact.objects.values_list('name', 'value'))
    result = run_cli('fact', *args)
    assert (result.status, result.stdout) == (1, '')
    assert message in result.stderr and 'Traceback' not in result.stderr
    assert list(PeriodFact.objects.values_list('name', 'value')) == before


def write(tmp_path, text: str):
    path = tmp_path / 'events.csv'
    path.write_text(text)
    return path


def test_a_file_of_events_is_recorded_whole_with_its_attributes_and_counted_by_charges(bank, tmp_path):
    path = write(tmp_path, 'subscription,event,at,quantity,amount\n'
                           'ana-student-checking,foreign-atm-withdrawal,2025-03-27T20:00:00Z,2,\n'
                           'ana-student-checking,direct-deposit,2025-03-28T06:00:00Z,,250.00\n')
    result = run_cli('consume', '--file', str(path), '--format', 'json')
    assert result.status == 0, result.stderr
    assert result.json == {'file': str(path), 'recorded': 2}
    deposit = ConsumptionEvent.objects.get(subscription__name='ana-student-checking', event='direct-deposit',
                                           at__day=28)
    assert (deposit.attributes, deposit.quantity) == ({'amount': '250.00'}, 1)
    charge = run_cli('charges', 'ana-student-checking', '--period', '2025-03', '--format', 'json').json
    assert charge['lines'][0]['waived'] is True


def test_every_bad_row_is_named_by_file_and_line_and_nothing_is_written(bank, tmp_path):
    before = ConsumptionEvent.objects.count()
    path = write(tmp_path, 'subscription,event,at,quantity\n'
                           'ana-student-checking,foreign-atm-withdrawal,2025-03-27T20:00:00Z,1\n'
                           'ana-student-cheking,foreign-atm-withdrawal,2025-03-27T20:00:00Z,1\n'
                           'ana-student-checking,foreign-atm-withdrawal,yesterday,1\n'
                           'ana-student-checking,foreign-atm-withdrawal,2025-03-27T21:00:00Z,two\n')
    result = run_cli('consume', '--file', str(path))
    assert (result.status, result.stdout) == (1, '')
    assert f"{path}:3: no subscription named 'ana-student-cheking': did you mean ana-student-checking?" in result.stderr
    assert f"{path}:4: at: 'yesterday'" in result.stderr
    assert f"{path}:5: quantity: 'two' is not a whole number" in result.stderr
    assert ConsumptionEvent.objects.count() == before


def test_an_event_the_model_refuses_is_named_by_its_line(bank, tmp_path):
    path = write(tmp_path, 'subscription,event,at\n'
                           'ana-student-checking,foreign-atm-withdrawal,2025-03-27T20:00:00Z\n'
                           'ana-student-checking,foriegn-atm-withdrawal,2025-03-27T21:00:00Z\n'
                           'ana-student-checking,atm-withdrawal,2020-01-01T00:00:00Z\n')
    result = run_cli('consume', '--file', str(path))
    assert result.status == 1
    assert (f'{path}:3: event: student-checking reads no event type foriegn-atm-withdrawal: did you mean '
            'foreign-atm-withdrawal?') in result.stderr
    assert not ConsumptionEvent.objects.filter(at__year=2025, at__month=3, at__day=27).exists()


@pytest.mark.parametrize('args', [('--file', 'x.csv', 'ana-student-checking', 'atm-withdrawal'), ()])
def test_naming_an_event_and_a_file_or_neither_is_a_usage_error(bank, args):
    assert run_cli('consume', *args).status == 2


@pytest.fixture
def small_chunks(monkeypatch):
    """Chunks of 2 events, so that a file of a few lines is read and written in several, as a year's file is."""
    monkeypatch.setattr('accord.provision.consumption.CHUNK', 2)


def deposits(count: int, name: str = 'deposit') -> str:
    return ''.join(f'{name}-{n},ana-student-checking,direct-deposit,2025-03-{n + 1:02d}T06:00:00Z,100.00\n'
                   for n in range(count))


def test_a_file_of_several_chunks_is_recorded_whole_each_event_logged(bank, tmp_path, small_chunks):
    path = write(tmp_path, 'name,subscription,event,at,amount\n' + deposits(5))
    logged = ObjectChange.objects.filter(changed_object_type__model='consumptionevent').count()
    result = run_cli('consume', '--file', str(path), '--format', 'json')
    assert result.status == 0, result.stderr
    assert result.json['recorded'] == 5
    assert ConsumptionEvent.objects.filter(name__startswith='deposit-').count() == 5
    assert ObjectChange.objects.filter(changed_object_type__model='consumptionevent').count() == logged + 5


@pytest.mark.parametrize(('last', 'message'), [
    ('deposit-1,ana-student-checking,direct-deposit,2025-03-20T06:00:00Z,1.00',
     ':7: name: a consumption event named deposit-1 exists already'),
    ('late,ana-student-checking,direct-deposit,2020-03-20T06:00:00Z,1.00',
     ':7: at: ana-student-checking is not active at 2020-03-20T06:00:00+00:00'),
])
def test_a_problem_in_a_later_chunk_names_its_line_and_nothing_of_the_earlier_chunks_is_written(
        bank, tmp_path, small_chunks, last, message):
    path = write(tmp_path, 'name,subscription,event,at,amount\n' + deposits(5) + last + '\n')
    before = (ConsumptionEvent.objects.count(), ObjectChange.objects.count())
    result = run_cli('consume', '--file', str(path))
    assert (result.status, result.stdout) == (1, '')
    assert f'{path}{message}' in result.stderr and 'Traceback' not in result.stderr
    assert (ConsumptionEvent.objects.count(), ObjectChange.objects.count()) == before


def test_every_unreadable_row_after_written_chunks_is_reported_and_nothing_is_written(bank, tmp_path, small_chunks):
    path = write(tmp_path, 'name,subscription,event,at,quantity\n'
                           'a,ana-student-checking,atm-withdrawal,2025-03-01T06:00:00Z,1\n'
                           'b,ana-student-checking,atm-withdrawal,2025-03-02T06:00:00Z,1\n'
                           'c,ana-student-checking,atm-withdrawal,2025-03-03T06:00:00Z,1\n'
                           'd,ana-student-checking,atm-withdrawal,2025-03-04T06:00:00Z,x\n'
                           'e,nobody-checking,atm-withdrawal,2025-03-05T06:00:00Z,1\n'
                           'f,ana-student-checking,atm-withdrawal,,1\n')
    before = (ConsumptionEvent.objects.count(), ObjectChange.objects.count())
    result = run_cli('consume', '--file', str(path))
    assert (result.status, result.stdout) == (1, '')
    assert result.stderr.count(f'{path}:') == 3
    assert f"{path}:5: quantity: 'x' is not a whole number" in result.stderr
    assert f"{path}:6: no subscription named 'nobody-checking'" in result.stderr
    assert f'{path}:7: at: an instant is required' in result.stderr
    assert (ConsumptionEvent.objects.count(), ObjectChange.objects.count()) == before

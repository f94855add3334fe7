"""``accord action``: a service action requested, started and completed on the command line, through the verbs."""

import pytest

from accord.core.choices import ChangeSource
from accord.core.models import ObjectChange
from accord.provision.models import ActionInstance
from accord.testing.cli import run_cli

pytestmark = pytest.mark.django_db


def test_an_action_is_due_five_business_days_after_its_request_and_completes_with_its_quality(bank):
    requested = run_cli('action', 'request', 'ben-standard-checking', 'card-replacement', '--by', 'ben-okoro',
                        '--at', '2025-03-21T10:00:00Z', '--name', 'ben-card-2025-03-21', '--format', 'json')
    assert requested.status == 0, requested.stderr
    assert requested.json['due'] == '2025-03-28T10:00:00+00:00'  # Friday to Friday: the weekend is skipped
    started = run_cli('action', 'start', 'ben-card-2025-03-21', '--performer', 'sarah-nguyen', '--at',
                      '2025-03-24T09:00:00Z')
    assert started.status == 0, started.stderr
    assert 'started at 2025-03-24T09:00:00+00:00' in started.stdout and 'by sarah-nguyen' in started.stdout
    completed = run_cli('action', 'complete', 'ben-card-2025-03-21', '--absent', '--quality', '5', '--at',
                        '2025-03-25T16:00:00Z', '--format', 'json')
    assert completed.status == 0, completed.stderr
    assert (completed.json['quality'], completed.json['consumerPresent']) == (5, False)
    action = ActionInstance.objects.get(name='ben-card-2025-03-21')
    assert set(ObjectChange.objects.filter(changed_object_id=action.pk, changed_object_type__model='actioninstance')
               .values_list('source', flat=True)) == {ChangeSource.CLI}


@pytest.mark.parametrize(('args', 'message'), [
    (('complete', 'ben-card-replacement-2025-03'), 'ben-card-replacement-2025-03: completed_at: '
                                                   'ben-card-replacement-2025-03 was completed already'),
    (('start', 'ben-card-replacement-2025-3'), "no action named 'ben-card-replacement-2025-3': did you mean "
                                               'ben-card-replacement-2025-03'),
    (('request', 'ben-standard-checking', 'checkbook'), 'action checkbook of ben-standard-checking: element: checkbook '
                                                        'is a good element, not an action element'),
    (('start', 'ben-card-replacement-2025-03', '--performer', 'sarah-nguyn'),
     "no person named 'sarah-nguyn': did you mean sarah-nguyen?"),
])
def test_refused_actions_exit_1_naming_the_record_and_write_nothing(bank, args, message):
    before = ObjectChange.objects.count()
    result = run_cli('action', *args)
    assert (result.status, result.stdout) == (1, '')
    assert message in result.stderr and 'Traceback' not in result.stderr
    assert ObjectChange.objects.count() == before


def test_quality_outside_1_to_5_and_completion_before_start_are_refused(bank):
    run_cli('action', 'request', 'ben-standard-checking', 'card-replacement', '--at', '2025-03-21T10:00:00Z',
            '--name', 'ben-card-2025-03-21')
    run_cli('action', 'start', 'ben-card-2025-03-21', '--at', '2025-03-24T09:00:00Z')
    quality = run_cli('action', 'complete', 'ben-card-2025-03-21', '--quality', '6')
    assert quality.status == 1
    assert 'ben-card-2025-03-21: quality: Ensure this value is less than or equal to 5' in quality.stderr
    early = run_cli('action', 'complete', 'ben-card-2025-03-21', '--at', '2025-03-23T09:00:00Z')
    assert early.status == 1 and 'completed_at: an action is completed after it starts' in early.stderr
    assert ActionInstance.objects.get(name='ben-card-2025-03-21').completed_at is None

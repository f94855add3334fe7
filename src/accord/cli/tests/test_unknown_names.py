"""Every name the command line does not know is answered with the known names nearest to it (exit 1)."""

import pytest

from accord.testing.cli import run_cli

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(('argv', 'message'), [
    (['quote', 'studnet-checking'], "unknown offering 'studnet-checking': did you mean student-checking?"),
    (['quote', 'student-checking', '--group', 'studnets'],
     "unknown consumer group 'studnets': did you mean students?"),
    (['quote', 'student-checking', '--subscribed', 'basic-saving'],
     "unknown offering 'basic-saving' (subscribed to): did you mean basic-savings?"),
    (['catalogue', 'studnets'], "unknown consumer group 'studnets': did you mean students?"),
    (['impact', 'organization:cardnte'], "unknown organization 'cardnte': did you mean cardnet?"),
    (['impact', 'resource:atm-flet'], "unknown resource 'atm-flet': did you mean atm-fleet?"),
    (['roles', 'firsttown-bnak'], "unknown organization 'firsttown-bnak': did you mean firsttown-bank?"),
    (['agreement', 'sla-northwind-2026', '--period', '2025-03'],
     "unknown agreement 'sla-northwind-2026': did you mean sla-northwind-2025?"),
    (['health', 'firsttown-bank-northwind-trader', '--period', '2025-03'],
     "unknown relationship 'firsttown-bank-northwind-trader': did you mean firsttown-bank-northwind-traders?"),
    (['export', '--kind', 'ServiceOfering'], "unknown kind 'ServiceOfering': did you mean ServiceOffering?"),
    (['token', 'create', 'dmeo'], "no user named 'dmeo': did you mean demo?"),
])
def test_an_unknown_name_exits_1_suggesting_the_nearest_known_names(bank, argv, message):
    from accord.core.models import User

    User.objects.create_user('demo')
    result = run_cli(*argv)
    assert result.status == 1
    assert message in result.stderr

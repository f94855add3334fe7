"""An unknown name is answered with the known names nearest to it."""

from accord.core.suggestions import did_you_mean, nearest_names


def test_the_nearest_name_is_suggested_and_names_much_less_alike_are_left_out():
    known = ['standard-checking', 'student-checking', 'basic-savings']
    assert nearest_names('studnet-checking', known) == ['student-checking']
    assert did_you_mean('studnet-checking', known) == ': did you mean student-checking?'


def test_names_equally_near_are_all_suggested_and_none_near_gives_nothing():
    known = ['direct-deposit-a', 'direct-deposit-b', 'foreign-atm-withdrawal']
    assert set(nearest_names('direct-deposit', known)) == {'direct-deposit-a', 'direct-deposit-b'}
    assert did_you_mean('zzz', known) == ''


def test_several_names_read_as_a_list():
    assert did_you_mean('ab', ['abc', 'abd']) in (': did you mean abc or abd?', ': did you mean abd or abc?')

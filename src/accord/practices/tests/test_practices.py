"""The 34 ITIL 4 practices are seeded reference data; an organization has one owner per practice at a time."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from accord.parties.models import Organization, Person
from accord.practices.models import Practice, PracticeAssignment

pytestmark = pytest.mark.django_db


def test_the_34_practices_are_seeded_in_their_three_categories():
    counts = {c: Practice.objects.filter(category=c).count() for c in ('general', 'service', 'technical')}
    assert counts == {'general': 14, 'service': 17, 'technical': 3}


def test_change_control_is_an_alias_of_change_enablement():
    assert Practice.objects.get_by_name_or_alias('change-control').name == 'change-enablement'
    with pytest.raises(Practice.DoesNotExist):
        Practice.objects.get_by_name_or_alias('change-management')


@pytest.fixture
def staffed():
    bank = Organization.objects.create(name='bank')
    people = []
    for name in ('ana', 'ben'):
        person = Person.objects.create(name=name)
        person.member_of.add(bank)
        people.append(person)
    return bank, people, Practice.objects.get(name='incident-management')


def _owner(name, organization, person, practice, start, end):
    return PracticeAssignment(name=name, organization=organization, practice=practice, person=person, role='owner',
                              valid_from=start, valid_to=end)


def test_a_second_owner_with_overlapping_days_is_refused(staffed):
    bank, (ana, ben), practice = staffed
    _owner('first', bank, ana, practice, datetime.date(2025, 1, 1), None).save()
    second = _owner('second', bank, ben, practice, datetime.date(2025, 6, 1), datetime.date(2025, 12, 31))
    with pytest.raises(ValidationError, match='practice owner'):
        second.full_clean()


def test_owners_may_follow_each_other(staffed):
    bank, (ana, ben), practice = staffed
    _owner('first', bank, ana, practice, None, datetime.date(2025, 5, 31)).save()
    _owner('second', bank, ben, practice, datetime.date(2025, 6, 1), None).full_clean()


def test_the_assignee_must_be_a_member_of_the_organization(staffed):
    bank, (ana, _), practice = staffed
    other = Organization.objects.create(name='other')
    with pytest.raises(ValidationError, match='not a member of other'):
        _owner('x', other, ana, practice, None, None).full_clean()

"""Feedback given through ``give_feedback``: named after its giver and instant, audited, refused at the field."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from accord.core.models import ObjectChange
from accord.core.services import Actor
from accord.parties.models import Person
from accord.relationships.models import Feedback, ServiceRelationship
from accord.relationships.services import give_feedback

pytestmark = pytest.mark.django_db
actor = Actor(source='ui', username='nina-park')
AT = datetime.datetime(2025, 3, 20, 9, 30, tzinfo=datetime.UTC)


def northwind() -> ServiceRelationship:
    return ServiceRelationship.objects.get(name='firsttown-bank-northwind-traders')


def test_feedback_is_named_after_its_giver_and_instant_and_logged(bank):
    nina = Person.objects.get(name='nina-park')
    first = give_feedback(northwind(), nina, score=4, comment='Better.', at=AT, actor=actor)
    second = give_feedback(northwind(), nina, score=5, at=AT, actor=actor)
    assert (first.name, second.name) == ('nina-park-feedback-20250320-093000', 'nina-park-feedback-20250320-093000-2')
    assert ObjectChange.objects.filter(object_repr=str(first), action='create', user_name='nina-park').exists()


@pytest.mark.parametrize('score', [0, 6])
def test_a_score_outside_1_to_5_is_refused(bank, score):
    with pytest.raises(ValidationError) as refused:
        give_feedback(northwind(), Person.objects.get(name='nina-park'), score=score, at=AT, actor=actor)
    assert 'score' in refused.value.message_dict
    assert not Feedback.objects.filter(at=AT).exists()


def test_a_person_who_is_no_member_of_the_consumer_is_refused(bank):
    with pytest.raises(ValidationError) as refused:
        give_feedback(northwind(), Person.objects.get(name='ana-garcia'), score=3, at=AT, actor=actor)
    assert refused.value.message_dict['person'] == ['ana-garcia is not a member of the consumer northwind-traders']

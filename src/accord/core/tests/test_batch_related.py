"""Many-to-many rows through a model of their own, of objects new in an all-or-nothing batch, are written together."""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from accord.core.services import Actor, batch, save_object, set_related, write_held_back
from accord.parties.models import Organization
from accord.resources.models import Resource, ResourceDependency

pytestmark = pytest.mark.django_db


def _resource(name: str, organization: Organization) -> Resource:
    resource = Resource(name=name, organization=organization, dimension='information-and-technology',
                        kind='application')
    save_object(resource, actor=Actor())
    return resource


def _edges() -> set[tuple[str, str]]:
    return set(ResourceDependency.objects.values_list('resource__name', 'depends_on__name'))


def test_the_dependencies_of_new_resources_are_inserted_together_without_reading_any_back():
    with transaction.atomic(), batch(all_or_nothing=True):
        acme = Organization.objects.create(name='acme')
        core, cards, atm = (_resource(name, acme) for name in ('core', 'cards', 'atm'))
        with CaptureQueriesContext(connection) as queries:
            set_related(cards, 'depends_on', [core])
            set_related(atm, 'depends_on', [core, cards, core])
        assert queries.captured_queries == []
        write_held_back()

        assert _edges() == {('cards', 'core'), ('atm', 'core'), ('atm', 'cards')}
        assert set(atm.depends_on.values_list('name', flat=True)) == {'core', 'cards'}


def test_a_stored_resource_replaces_its_dependencies_at_once():
    acme = Organization.objects.create(name='acme')
    core, cards, atm = (_resource(name, acme) for name in ('core', 'cards', 'atm'))
    set_related(atm, 'depends_on', [core])
    with transaction.atomic(), batch(all_or_nothing=True):
        set_related(Resource.objects.get(name='atm'), 'depends_on', [cards])

    assert _edges() == {('atm', 'cards')}

"""In an all-or-nothing batch, what a new object owns is known in memory: the rules read it without a query and
still refuse what breaks them."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from accord.catalog import services as catalog
from accord.catalog.models import Product, ServiceOffering
from accord.core.parts import PartRefused
from accord.core.services import Actor, batch, save_object, set_related, vouch_free
from accord.parties.models import Organization, Person
from accord.resources.models import Item, Resource

pytestmark = pytest.mark.django_db
ACTOR = Actor()


def _selects(queries: CaptureQueriesContext) -> list[str]:
    return [q['sql'] for q in queries.captured_queries if q['sql'].startswith('SELECT')]


def _resource(name: str, organization: Organization) -> Resource:
    resource = Resource(name=name, organization=organization, dimension='information-and-technology',
                        kind='application')
    save_object(resource, actor=ACTOR)
    return resource


def _new_offering() -> ServiceOffering:
    acme = Organization.objects.create(name='acme')
    product = Product.objects.create(name='cards', provider=acme)
    offering = ServiceOffering(name='gold', provider=acme)
    save_object(offering, actor=ACTOR)
    catalog.set_elements(offering, [catalog.Element(name='card', kind='good', product=product, quantity=1)],
                         actor=ACTOR, save_owner=False)
    return offering


def test_the_request_items_of_a_new_offering_find_its_elements_without_a_query_and_a_wrong_one_is_refused():
    with pytest.raises(PartRefused) as refused, transaction.atomic(), batch(all_or_nothing=True):
        offering = _new_offering()
        with CaptureQueriesContext(connection) as queries:
            catalog.set_request_items(offering, [catalog.RequestItemSpec(name='new-card', element='card')],
                                      actor=ACTOR, save_owner=False)
        assert not [sql for sql in _selects(queries) if '"catalog_offeringelement"."name"' in sql]

        catalog.set_request_items(offering, [catalog.RequestItemSpec(name='new-pin', element='pin')],
                                  actor=ACTOR, save_owner=False)

    assert refused.value.error.messages == ['pin is not an element of this offering']


def test_a_new_persons_memberships_are_known_without_a_query_and_none_is_still_refused():
    with transaction.atomic(), batch(all_or_nothing=True):
        acme, other = Organization.objects.create(name='acme'), Organization.objects.create(name='other')
        alice, bob = Person(name='alice'), Person(name='bob')
        save_object(alice, actor=ACTOR)
        save_object(bob, actor=ACTOR)
        set_related(alice, 'member_of', [acme])
        with CaptureQueriesContext(connection) as queries:
            alice.clean_relations()
            assert alice.is_member_of(acme) and not alice.is_member_of(other)
        assert _selects(queries) == []
        with pytest.raises(ValidationError) as refused:
            bob.clean_relations()

    assert refused.value.message_dict == {'member_of': ['a person is a member of at least one organization']}


def test_an_item_moved_to_another_new_resource_is_forgotten_by_the_first():
    with transaction.atomic(), batch(all_or_nothing=True):
        acme = Organization.objects.create(name='acme')
        atm, cards = _resource('atm', acme), _resource('cards', acme)
        item = Item(name='atm-1', resource=atm, owner=acme)
        save_object(item, actor=ACTOR)
        assert list(atm.items.all()) == [item]
        item.resource = cards
        save_object(item, actor=ACTOR)

        assert list(atm.items.all()) == []
        assert list(cards.items.all()) == [item]


def test_a_name_vouched_free_is_still_refused_once_an_object_of_the_batch_took_it():
    with pytest.raises(ValidationError) as refused, transaction.atomic(), batch(all_or_nothing=True):
        acme = Organization.objects.create(name='acme')
        atm = _resource('atm', acme)
        vouch_free(Item, 'name', ['atm-1'])
        with CaptureQueriesContext(connection) as queries:
            save_object(Item(name='atm-1', resource=atm, owner=acme), actor=ACTOR)
        assert not [sql for sql in _selects(queries) if '"resources_item"."name"' in sql]

        save_object(Item(name='atm-1', resource=atm, owner=acme), actor=ACTOR)

    assert refused.value.message_dict == {'name': ['Item with this Name already exists.']}

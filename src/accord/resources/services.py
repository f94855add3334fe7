"""Every write of a resource's owned parts, in ITIL's words; atomic, audited, nestable."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from accord.core.parts import listed_twice, sync_parts
from accord.core.services import Actor, atomic
from accord.parties.models import Organization
from accord.resources.models import Item, Resource


@dataclass(frozen=True)
class ItemSpec:
    """An individual item of a resource; its owner is the resource's controller unless another is given."""

    name: str
    title: str = ''
    owner: Organization | None = None


def any_item(name: str) -> Item | None:
    """The stored item of that name, whichever resource holds it: a resource's items may move to another."""
    return Item.objects.filter(name=name).first()


@atomic
def set_items(resource: Resource, items: Sequence[ItemSpec], *, actor: Actor, save_owner: bool = True,
              find_item: Callable[[str], Item | None] = any_item) -> list[Item]:
    """Make the resource's items these, kept by name; an item another resource holds moves here.

    ``find_item`` finds an item by name among those the writer may move (the API's: those its user sees).
    """
    return sync_parts(
        {item.name: item for item in resource.items.all()},
        [(i.name, {'resource': resource, 'title': i.title, 'owner': i.owner or resource.organization})
         for i in items],
        lambda name: find_item(name) or Item(name=name),
        actor=actor, where=('items',), duplicate=('name', lambda name: listed_twice(f'item {name}')),
        owner=resource if save_owner else None)

"""The shape of a resource's owned parts: its capacity (two columns of the resource) and its items, kept
by name and written by ``resources.services.set_items``. See ``accord.api.shapes`` for the faces of a part field.
"""

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from accord.api.shapes import MISSING, Field, Reference, drop_missing
from accord.core.decimals import canonical_decimal
from accord.resources import services as resources


class Capacity(Field):
    def __init__(self):
        super().__init__('capacity', 'capacity_amount')

    def normalize(self, value: Any) -> Any:
        return {'amount': canonical_decimal(value['amount']), 'unit': value['unit']}

    def read(self, obj) -> Any:
        if obj.capacity_amount is None:
            return MISSING
        return {'amount': canonical_decimal(obj.capacity_amount), 'unit': obj.capacity_unit}

    def write(self, obj, value, ctx) -> None:
        obj.capacity_amount = None if value is MISSING else Decimal(value['amount'])
        obj.capacity_unit = '' if value is MISSING else value['unit']

    def attr_paths(self):
        return {'capacity_amount': ('capacity', 'amount'), 'capacity_unit': ('capacity', 'unit')}


class Items(Field):
    """A resource's items; an item's owner is left out when it is the resource's controller."""

    def __init__(self):
        super().__init__('items')

    def normalize_in(self, value: Any, spec: dict) -> Any:
        controller = spec.get('organization')
        return [drop_missing({'name': i['name'], 'title': i.get('title') or MISSING,
                               'owner': MISSING if i.get('owner', controller) == controller else i['owner']})
                for i in sorted(value, key=lambda i: i['name'])] or MISSING

    def read(self, obj) -> Any:
        controller = obj.organization.name
        items = sorted(obj.items.all(), key=lambda i: i.name)
        return [drop_missing({'name': i.name, 'title': i.title or MISSING,
                               'owner': MISSING if i.owner.name == controller else i.owner.name})
                for i in items] or MISSING

    def references(self, value) -> Iterator[Reference]:
        for index, item in enumerate(value):
            if 'owner' in item:
                yield ('items', index, 'owner'), 'Organization', item['owner']

    part_keys = {'items': {'name': ('name',), 'owner': ('owner',)}}

    def write_related(self, obj, value, ctx) -> None:
        items = [resources.ItemSpec(
            name=spec['name'], title=spec.get('title', ''),
            owner=ctx.resolve('Organization', spec['owner'], ('items', index, 'owner')) if 'owner' in spec else None)
            for index, spec in enumerate([] if value is MISSING else value)]
        resources.set_items(obj, items, actor=ctx.actor, save_owner=False, find_item=ctx.existing_item)

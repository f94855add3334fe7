"""A resource's items are written by its service verb, whichever path the change comes by."""

import pytest

from accord.core.tests.parity import (
    add_inline_row,
    assert_same_change,
    bank_document,
    inline_row,
    rows_left_by,
    through_admin,
    through_api,
    through_importer,
)
from accord.resources.models import Resource

pytestmark = pytest.mark.django_db


def test_the_same_change_of_items_leaves_the_same_rows_through_every_path(bank, admin_client, tmp_path):
    fleet = Resource.objects.get(name='atm-fleet')
    document = bank_document(fleet.name)
    items = [i for i in document['spec']['items'] if i['name'] != 'atm-05']
    items[0]['title'] = 'ATM at the main branch'
    items.append({'name': 'atm-06'})
    document['spec']['items'] = items

    def edit(data: dict) -> None:
        data[f'items-{inline_row(data, "items", "name", "atm-01")}-title'] = 'ATM at the main branch'
        data[f'items-{inline_row(data, "items", "name", "atm-05")}-DELETE'] = 'on'
        add_inline_row(data, 'items', {'name': 'atm-06', 'owner': fleet.organization_id})

    assert assert_same_change(
        fleet,
        api=rows_left_by(through_api(admin_client, 'resources', fleet.pk, {'items': items})),
        importer=rows_left_by(through_importer(tmp_path, document)),
        admin=rows_left_by(through_admin(admin_client, fleet, edit)),
    ) == [('item', 'create'), ('item', 'delete'), ('item', 'update')]

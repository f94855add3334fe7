"""A resource's items and dependencies are written by its service verbs, whichever path the change comes by."""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from accord.core.models import ObjectChange
from accord.core.parts import PartRefused
from accord.core.services import Actor, batch, save_object, write_held_back
from accord.core.tests.parity import (
    add_inline_row,
    assert_same_change,
    bank_document,
    inline_row,
    rows_left_by,
    through_admin,
    through_api,
    through_console,
    through_importer,
)
from accord.resources.models import Resource, ResourceDependency
from accord.resources.services import set_dependencies
from accord.testing.forms import filled

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


def test_the_same_change_of_dependencies_leaves_the_same_rows_through_every_path(bank, admin_client, tmp_path):
    app = Resource.objects.get(name='banking-app')
    hosting, fraud = Resource.objects.get(name='hosting'), Resource.objects.get(name='fraud-engine')
    document = bank_document(app.name)
    wanted = ['core-banking', 'fraud-engine']
    document['spec']['dependsOn'] = wanted

    def edit(data: dict) -> None:
        data[f'dependency_edges-{inline_row(data, "dependency_edges", "depends_on", hosting.pk)}-DELETE'] = 'on'
        add_inline_row(data, 'dependency_edges', {'depends_on': fraud.pk})

    assert assert_same_change(
        app,
        api=rows_left_by(through_api(admin_client, 'resources', app.pk, {'dependsOn': wanted})),
        importer=rows_left_by(through_importer(tmp_path, document)),
        admin=rows_left_by(through_admin(admin_client, app, edit)),
        console=rows_left_by(through_console(admin_client, f'/resources/{app.name}/edit/',
                                             lambda page: filled(page, depends_on=wanted))),
    ) == [('resourcedependency', 'create'), ('resourcedependency', 'delete')]


def _edge_changes() -> list[tuple[str, str, dict | None, dict | None]]:
    return [(c.action, c.object_repr, c.before, c.after)
            for c in ObjectChange.objects.filter(changed_object_type__model='resourcedependency').order_by('id')]


def test_the_dependencies_of_new_resources_in_a_batch_are_inserted_together_each_with_its_created_row(bank):
    core = Resource.objects.get(name='core-banking')
    actor = Actor(source='import', username='ops')
    with transaction.atomic(), batch(all_or_nothing=True):
        new = [Resource(name=name, organization=core.organization, dimension=core.dimension, kind=core.kind)
               for name in ('ledger', 'ledger-reports')]
        for resource in new:
            save_object(resource, actor=actor)
        before = ObjectChange.objects.count()
        with CaptureQueriesContext(connection) as queries:
            set_dependencies(new[0], [core], actor=actor, check_cycles=False, save_owner=False)
            set_dependencies(new[1], [new[0], core, new[0]], actor=actor, check_cycles=False, save_owner=False)
        assert queries.captured_queries == []
        write_held_back()
    edges = {edge.pk: edge for edge in ResourceDependency.objects.filter(resource__in=new)}
    logged = _edge_changes()[-3:]
    assert ObjectChange.objects.count() == before + 2 + 3  # the resources' created rows wait with the edges'
    assert sorted(logged, key=str) == sorted(
        [('create', str(edge), None, {'id': pk, 'resource_id': edge.resource_id, 'depends_on_id': edge.depends_on_id})
         for pk, edge in edges.items()], key=str)


def test_a_dependency_that_closes_a_cycle_or_on_itself_is_refused_with_r18s_message_and_nothing_is_written(bank):
    app, core = Resource.objects.get(name='banking-app'), Resource.objects.get(name='core-banking')
    before = ObjectChange.objects.count()
    with pytest.raises(PartRefused) as refused:
        set_dependencies(core, [app], actor=Actor())
    assert refused.value.where == ('depends_on',)
    assert refused.value.error.messages in (['dependency cycle: core-banking -> banking-app -> core-banking'],
                                            ['dependency cycle: banking-app -> core-banking -> banking-app'])
    with pytest.raises(PartRefused) as refused:
        set_dependencies(core, [app, core], actor=Actor())
    assert refused.value.where == ('depends_on', 1)
    assert refused.value.error.messages == ['dependency cycle: core-banking -> core-banking']
    assert not core.depends_on.exists()
    assert ObjectChange.objects.count() == before


def test_set_alone_an_edge_kept_keeps_its_identity_one_named_twice_counts_once_and_the_owner_is_logged(bank):
    app = Resource.objects.get(name='banking-app')
    core, fraud = Resource.objects.get(name='core-banking'), Resource.objects.get(name='fraud-engine')
    hosting = Resource.objects.get(name='hosting')
    kept = ResourceDependency.objects.get(resource=app, depends_on=core)
    last = ObjectChange.objects.order_by('-id').first().pk
    set_dependencies(app, [fraud, core, fraud], actor=Actor(username='ops'))
    assert ResourceDependency.objects.get(resource=app, depends_on=core).pk == kept.pk
    assert set(app.depends_on.values_list('name', flat=True)) == {'core-banking', 'fraud-engine'}
    assert sorted((c.changed_object_type.model, c.action, c.object_repr)
                  for c in ObjectChange.objects.filter(pk__gt=last)) == [
        ('resource', 'update', str(app)),
        ('resourcedependency', 'create', f'{app} depends on {fraud}'),
        ('resourcedependency', 'delete', f'{app} depends on {hosting}'),
    ]

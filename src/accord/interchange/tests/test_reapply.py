"""A re-apply from the command line skips the files unchanged since the last apply, while nothing was written since.

Whatever it skips, it prints what a full comparison prints, and it compares again whenever the
files, Accord's version or the database may have moved: an edit, a write through the services or
the ORM, a writer that commits meanwhile. A dry run keeps no record; a browser's upload never skips.
"""

from pathlib import Path

import pytest
from django.db.models import F

import accord
from accord.core.models import AppliedFile, DataVersion, ObjectChange
from accord.core.services import Actor, save_object
from accord.interchange import apply, recorded
from accord.parties.models import Organization
from accord.resources.models import Resource
from accord.testing.cli import run_cli

pytestmark = pytest.mark.django_db

PARTIES = """apiVersion: accord/v1
kind: Organization
metadata: {name: lending-team}
spec: {kind: team, parent: retail}
---
apiVersion: accord/v1
kind: Organization
metadata: {name: retail}
spec: {kind: business-unit, parent: acme}
---
apiVersion: accord/v1
kind: Organization
metadata: {name: acme}
spec: {}
---
apiVersion: accord/v1
kind: Person
metadata: {name: ann}
spec: {memberOf: [lending-team]}
"""
RESOURCES = """apiVersion: accord/v1
kind: Resource
metadata: {name: scoring}
spec: {organization: acme, dimension: information-and-technology, kind: application, dependsOn: [rules]}
---
apiVersion: accord/v1
kind: Resource
metadata: {name: rules}
spec: {organization: retail, dimension: information-and-technology, kind: information}
"""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    catalogue = tmp_path / 'catalogue'
    catalogue.mkdir()
    (catalogue / 'parties.yaml').write_text(PARTIES)
    (catalogue / 'resources.yaml').write_text(RESOURCES)
    result = run_cli('apply', catalogue)
    assert result.status == 0, result.stderr
    return catalogue


@pytest.fixture
def reads(monkeypatch) -> list[str]:
    """The files the loader parses from now on."""
    parsed: list[str] = []
    real = apply.load_documents

    def load_documents(text: str, file: str):
        parsed.append(Path(file).name)
        return real(text, file)

    monkeypatch.setattr(apply, 'load_documents', load_documents)
    return parsed


def compared_in_full(folder: Path) -> str:
    """What a full comparison prints now (it keeps a record of its own, so call it last)."""
    result = run_cli('apply', '--compare-all', folder)
    assert result.status == 0 and result.stderr == '', result.stderr
    return result.stdout


def test_a_reapply_of_unchanged_files_reads_none_and_prints_what_a_full_comparison_prints(folder, reads):
    changes = ObjectChange.objects.count()
    result = run_cli('apply', folder)
    assert result.status == 0, result.stderr
    assert reads == []
    assert result.stderr.startswith('2 file(s) unchanged since the last apply')
    assert result.stdout.splitlines() == [
        'Organization:acme unchanged', 'Organization:retail unchanged', 'Organization:lending-team unchanged',
        'Person:ann unchanged', 'Resource:scoring unchanged', 'Resource:rules unchanged',
        '0 created, 0 updated, 6 unchanged']
    assert ObjectChange.objects.count() == changes
    assert result.stdout == compared_in_full(folder)
    assert reads == ['parties.yaml', 'resources.yaml']


def test_an_edited_file_is_read_alone_and_its_change_written(folder, reads):
    path = folder / 'resources.yaml'
    path.write_text(RESOURCES.replace('kind: information}', 'kind: process}'))
    result = run_cli('apply', folder)
    assert result.status == 0, result.stderr
    assert reads == ['resources.yaml']
    assert result.stderr.startswith('1 file(s) unchanged')
    assert 'Resource:rules updated (spec.kind)' in result.stdout.splitlines()
    assert result.stdout.splitlines()[-1] == '0 created, 1 updated, 5 unchanged'
    assert Resource.objects.get(name='rules').kind == 'process'
    assert compared_in_full(folder) == result.stdout.replace('updated (spec.kind)', 'unchanged').replace(
        '1 updated, 5 unchanged', '0 updated, 6 unchanged')


def test_a_write_through_the_services_since_the_last_apply_makes_every_file_compared_and_repaired(folder, reads):
    acme = Organization.objects.get(name='acme')
    acme.external = True
    save_object(acme, actor=Actor(username='someone'))
    result = run_cli('apply', folder)
    assert result.status == 0, result.stderr
    assert reads == ['parties.yaml', 'resources.yaml'] and result.stderr == ''
    assert 'Organization:acme updated (spec.external)' in result.stdout.splitlines()
    assert not Organization.objects.get(name='acme').external


def test_an_edit_through_the_api_since_the_last_apply_is_found_and_repaired(folder, reads, admin_client):
    retail = Organization.objects.get(name='retail')
    response = admin_client.patch(f'/api/v1/organizations/{retail.pk}/', {'title': 'Retail Banking'},
                                  content_type='application/json')
    assert response.status_code == 200, response.content
    result = run_cli('apply', folder)
    assert reads == ['parties.yaml', 'resources.yaml']
    assert 'Organization:retail updated (metadata.title)' in result.stdout.splitlines()
    assert Organization.objects.get(name='retail').title == ''  # as the file says: no title


def test_a_write_of_this_process_that_logs_nothing_makes_every_file_compared(folder, reads):
    Organization.objects.filter(name='retail').update(kind='team')  # unseen by the signals; the save below is seen
    Resource.objects.get(name='rules').save()
    result = run_cli('apply', folder)
    assert reads == ['parties.yaml', 'resources.yaml']
    assert 'Organization:retail updated (spec.kind)' in result.stdout.splitlines()


def test_a_writer_committing_during_an_apply_leaves_a_record_no_apply_matches(folder, reads, monkeypatch):
    (folder / 'parties.yaml').write_text(PARTIES.replace('{name: ann}', '{name: ann, title: Ann}'))
    real = recorded.read_catalogue

    def read_while_another_commits(paths):
        DataVersion.objects.filter(pk=1).update(value=F('value') + 1)  # as another process's commit does
        return real(paths)

    monkeypatch.setattr(recorded, 'read_catalogue', read_while_another_commits)
    assert run_cli('apply', folder).status == 0
    assert set(AppliedFile.objects.values_list('data_version', flat=True)) == {-1}
    monkeypatch.setattr(recorded, 'read_catalogue', real)
    reads.clear()
    assert run_cli('apply', folder).stderr == ''
    assert reads == ['parties.yaml', 'resources.yaml']


def test_a_new_version_of_accord_reads_every_file_again(folder, reads, monkeypatch):
    monkeypatch.setattr(accord, '__version__', '99.0.0')
    result = run_cli('apply', folder)
    assert reads == ['parties.yaml', 'resources.yaml'] and result.stderr == ''
    assert set(AppliedFile.objects.values_list('accord_version', flat=True)) == {'99.0.0'}


def test_compare_all_reads_every_file(folder, reads):
    result = run_cli('apply', '--compare-all', folder)
    assert result.status == 0 and result.stderr == ''
    assert reads == ['parties.yaml', 'resources.yaml']
    assert result.stdout.splitlines()[-1] == '0 created, 0 updated, 6 unchanged'


def test_a_dry_run_keeps_no_record(tmp_path, reads):
    path = tmp_path / 'parties.yaml'
    path.write_text(PARTIES)
    assert run_cli('apply', '--dry-run', path).status == 0
    assert not AppliedFile.objects.exists()
    assert run_cli('apply', path).status == 0
    (record,) = AppliedFile.objects.all()
    assert record.path == str(path.resolve())
    assert record.documents == [['Organization', 'lending-team', 'retail'], ['Organization', 'retail', 'acme'],
                                ['Organization', 'acme'], ['Person', 'ann']]
    path.write_text(PARTIES.replace('{name: ann}', '{name: ann, title: Ann}'))
    result = run_cli('apply', '--dry-run', path)
    assert result.stdout.splitlines()[-2:] == ['Person:ann updated (metadata.title)',
                                               '0 created, 1 updated, 3 unchanged (dry run: nothing written)']
    assert list(AppliedFile.objects.all()) == [record] and AppliedFile.objects.get().sha256 == record.sha256


def test_a_name_a_new_file_defines_again_is_reported_as_without_skipping(folder, reads):
    (folder / 'z-more.yaml').write_text(RESOURCES.split('---\n')[1])
    result = run_cli('apply', folder)
    assert result.status == 1
    assert reads[-3:] == ['parties.yaml', 'resources.yaml', 'z-more.yaml']  # read again, all of them
    assert result.stderr.splitlines()[0] == (
        f'{folder / "z-more.yaml"}:3: Resource:rules: metadata.name: duplicate name: Resource:rules is also '
        f'defined at {folder / "resources.yaml"}:6')


def test_a_new_file_referring_to_a_skipped_files_objects_is_read_alone(folder, reads):
    (folder / 'z-more.yaml').write_text(RESOURCES.split('---\n')[1].replace('rules', 'pricing-rules')
                                        .replace('organization: retail', 'organization: lending-team'))
    result = run_cli('apply', folder)
    assert result.status == 0, result.stderr
    assert reads == ['z-more.yaml']
    assert result.stdout.splitlines()[-1] == '1 created, 0 updated, 6 unchanged'
    assert Resource.objects.get(name='pricing-rules').organization.name == 'lending-team'


def test_an_upload_in_the_browser_never_skips_so_its_reach_is_checked(client, bank, tmp_path):
    from accord.ui.tests.test_catalogue_files import staff, upload

    exported = tmp_path / 'products.yaml'
    assert run_cli('export', '--kind', 'Product', '-o', exported).status == 0
    assert run_cli('apply', exported).status == 0 and AppliedFile.objects.exists()
    client.force_login(staff('catalogue-manager', 'cardnet', username='anna-keller'))
    response = upload(client, ('products.yaml', exported.read_bytes()))
    problems = response.context['result'].problems
    assert problems and {p.message for p in problems} == {apply.OUT_OF_REACH}


@pytest.mark.django_db(transaction=True)
def test_the_commit_of_an_apply_moves_the_data_version_to_the_one_it_recorded(tmp_path, reads):
    path = tmp_path / 'parties.yaml'
    path.write_text(PARTIES)
    assert run_cli('apply', path).status == 0
    assert AppliedFile.objects.get().data_version == DataVersion.objects.get(pk=1).value
    assert run_cli('apply', path).stderr.startswith('1 file(s) unchanged')
    assert reads == ['parties.yaml']

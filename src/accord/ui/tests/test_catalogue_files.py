"""Catalogue files in the browser: the plan or the problems of an upload, then the apply; the export as a file."""

import pytest
import yaml
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from accord.catalog.models import Product, ServiceOffering
from accord.core.choices import ChangeSource
from accord.core.models import ObjectChange, User
from accord.parties.models import Organization, Person, RoleGrant

pytestmark = pytest.mark.django_db
URL = '/catalogue-files/'

NEW_PRODUCT = b"""apiVersion: accord/v1
kind: Product
metadata:
  name: travel-card
  title: Travel Card
spec:
  provider: firsttown-bank
  components:
    - resource: core-banking
      role: Your account
"""
RETITLED = b"""apiVersion: accord/v1
kind: Product
metadata:
  name: checking-account
  title: Everyday Checking Account
spec:
  provider: firsttown-bank
  components:
    - resource: account-opening
      role: Opening and identity checks
    - resource: core-banking
      role: Your account
      visibility: visible
    - resource: fraud-engine
      role: Transaction monitoring
"""
WRONG = NEW_PRODUCT.replace(b'    - resource: core-banking', b'    - resource: core-banking\n      colour: blue')


def staff(role: str, organization: str, username: str = 'maria-lopez') -> User:
    user = User.objects.create_user(username, password='a-long-demo-password')
    RoleGrant.objects.create(user=user, role=role, organization=Organization.objects.get(name=organization))
    return user


def upload(client: Client, *files: tuple[str, bytes]):
    return client.post(URL, {'files': [SimpleUploadedFile(name, content) for name, content in files]})


@pytest.fixture
def manager(client, bank) -> User:
    user = staff('catalogue-manager', 'firsttown-bank')
    client.force_login(user)
    return user


def test_a_file_with_an_error_shows_the_problem_at_its_file_and_line_and_writes_nothing(client, manager):
    response = upload(client, ('travel.yaml', WRONG), ('checking.yaml', RETITLED))
    assert response.status_code == 200
    problems = [str(problem) for problem in response.context['result'].problems]
    assert problems == ['travel.yaml:10: Product:travel-card: spec.components[0].colour: unknown field']
    assert b'travel.yaml:10: Product:travel-card: spec.components[0].colour: unknown field' in response.content
    assert b'Apply' not in response.content
    assert not Product.objects.filter(name='travel-card').exists()
    assert Product.objects.get(name='checking-account').title == 'Checking Account'
    assert client.post('/catalogue-files/apply/', {'token': ''}).context['result'] is None


def test_a_good_file_shows_the_plan_and_apply_writes_it_in_the_change_log_as_the_console(client, manager):
    response = upload(client, ('travel.yaml', NEW_PRODUCT), ('checking.yaml', RETITLED))
    assert response.context['plan'] == [
        'Product:travel-card created',
        'Product:checking-account updated (metadata.title)',
        '1 created, 1 updated, 0 unchanged (dry run: nothing written)',
    ]
    assert not Product.objects.filter(name='travel-card').exists()
    token = response.context['token']
    applied = client.post('/catalogue-files/apply/', {'token': token})
    assert applied.status_code == 200
    assert applied.context['plan'][-1] == '1 created, 1 updated, 0 unchanged'
    travel = Product.objects.get(name='travel-card')
    change = ObjectChange.objects.get(changed_object_id=travel.pk, changed_object_type__model='product')
    assert (change.user, change.source) == (manager, ChangeSource.UI)
    assert Product.objects.get(name='checking-account').title == 'Everyday Checking Account'
    again = client.post('/catalogue-files/apply/', {'token': token})
    assert b'no longer waiting to be applied' in again.content


def test_the_apply_validates_the_files_again_against_the_database_as_it_is_then(client, manager):
    token = upload(client, ('travel.yaml', NEW_PRODUCT)).context['token']
    Organization.objects.filter(name='firsttown-bank').update(name='firsttown')
    applied = client.post('/catalogue-files/apply/', {'token': token})
    assert [p.path for p in applied.context['result'].problems] == ['spec.provider']
    assert b'Found when applying: the database changed since the plan' in applied.content
    assert not Product.objects.filter(name='travel-card').exists()


def test_a_reader_whose_roles_do_not_reach_the_objects_gets_them_as_problems(client, bank):
    client.force_login(staff('catalogue-manager', 'cardnet', username='anna-keller'))
    response = upload(client, ('checking.yaml', RETITLED))
    problems = [str(problem) for problem in response.context['result'].problems]
    assert problems == ['checking.yaml:1: Product:checking-account: you may not write this object '
                        '(your roles do not reach it, or it would land outside them)']
    client.force_login(staff('auditor', 'firsttown-bank', username='lee-auditor'))
    response = upload(client, ('travel.yaml', NEW_PRODUCT))
    assert [p.name for p in response.context['result'].problems] == ['travel-card']


def test_a_consumer_gets_404_for_the_page_the_apply_and_the_export(client, bank):
    user = User.objects.create_user('ana-garcia', password='a-long-demo-password')
    Person.objects.filter(name='ana-garcia').update(user=user)
    client.force_login(user)
    assert client.get(URL).status_code == 404
    assert upload(client, ('travel.yaml', NEW_PRODUCT)).status_code == 404
    assert client.get('/catalogue-files/export/').status_code == 404
    assert not Product.objects.filter(name='travel-card').exists()


def test_an_upload_without_the_csrf_token_is_refused(bank):
    client = Client(enforce_csrf_checks=True)
    client.force_login(staff('catalogue-manager', 'firsttown-bank'))
    assert upload(client, ('travel.yaml', NEW_PRODUCT)).status_code == 403
    assert client.post('/catalogue-files/apply/', {'token': 'x'}).status_code == 403


def test_a_file_that_is_not_utf8_is_named_with_its_line(client, manager):
    response = upload(client, ('latin.yaml', b'apiVersion: accord/v1\nkind: Product\n# caf\xe9\n'))
    assert [str(p) for p in response.context['result'].problems] == ['latin.yaml:3: not UTF-8: byte 0xe9 at offset 41']


def test_the_export_downloads_what_the_reader_may_view_of_every_kind_or_one(client, bank):
    reader = staff('catalogue-manager', 'cardnet', username='anna-keller')
    client.force_login(reader)
    everything = client.get('/catalogue-files/export/')
    assert everything['Content-Disposition'] == 'attachment; filename="accord-catalogue.yaml"'
    documents = list(yaml.safe_load_all(everything.content))
    assert {'Organization', 'ServiceOffering'} <= {doc['kind'] for doc in documents}
    names = {doc['metadata']['name'] for doc in documents if doc['kind'] == 'ServiceOffering'}
    assert names == set(ServiceOffering.objects.restrict(reader).values_list('name', flat=True))
    assert names != set(ServiceOffering.objects.values_list('name', flat=True))
    offerings = client.get('/catalogue-files/export/', {'kind': 'ServiceOffering'})
    assert {doc['kind'] for doc in yaml.safe_load_all(offerings.content)} == {'ServiceOffering'}
    assert client.get('/catalogue-files/export/', {'kind': 'Nonsense'}).status_code == 404


def test_a_superuser_exports_everything(admin_client, bank):
    documents = list(yaml.safe_load_all(admin_client.get('/catalogue-files/export/').content))
    assert len([doc for doc in documents if doc['kind'] == 'Product']) == Product.objects.count()


def test_an_upload_without_files_is_asked_for_them(client, manager):
    response = client.post(URL, {})
    assert b'Choose one or more YAML files to upload.' in response.content


def test_a_file_over_the_limit_is_refused_by_name_as_the_command_line_refuses_it(client, manager, monkeypatch):
    from accord.interchange import apply
    from accord.ui import catalogue_files

    monkeypatch.setattr(apply, 'MAX_FILE_BYTES', 100)
    monkeypatch.setattr(catalogue_files, 'MAX_FILE_BYTES', 100)
    response = upload(client, ('travel.yaml', NEW_PRODUCT))
    assert [str(p) for p in response.context['result'].problems] == [
        'travel.yaml:1: file is more than the limit of 100 bytes']

"""Bad input to ``accord apply``: every problem is reported as ``FILE:LINE: KIND:NAME: spec.FIELD: message``
at the line of the offending field, the command exits 1 without a traceback, and nothing at all is written,
not even the good documents of the same files.
"""

import textwrap
import time
from pathlib import Path

import pytest

from accord.catalog.models import (
    ComponentView,
    OfferingElement,
    Product,
    ProductComponent,
    RequestItem,
    Service,
    ServiceOffering,
    UsageCharge,
)
from accord.core.choices import ChangeSource
from accord.core.models import ObjectChange
from accord.core.services import Actor
from accord.interchange import loading
from accord.interchange.apply import apply_catalogue
from accord.parties.models import ConsumerGroup, Organization, Person
from accord.practices.models import PracticeAssignment
from accord.resources.models import Item, Resource, ResourceDependency
from accord.testing.cli import run_cli

pytestmark = pytest.mark.django_db

MODELS = [
    Organization, Person, Person.member_of.through, ConsumerGroup, ConsumerGroup.members.through, Resource,
    ResourceDependency, Item, Product, ProductComponent, ComponentView, Service, Service.products.through,
    ServiceOffering, ServiceOffering.services.through, ServiceOffering.target_groups.through, OfferingElement,
    UsageCharge, RequestItem, PracticeAssignment, ObjectChange,
]

# What is stored before each test: acme (internal) and globex (external), with a small catalogue.
BASE = """
apiVersion: accord/v1
kind: Organization
metadata: {name: acme}
spec: {}
---
apiVersion: accord/v1
kind: Organization
metadata: {name: globex}
spec: {external: true}
---
apiVersion: accord/v1
kind: Person
metadata: {name: ann}
spec: {memberOf: [acme]}
---
apiVersion: accord/v1
kind: Person
metadata: {name: bea}
spec: {memberOf: [acme]}
---
apiVersion: accord/v1
kind: Person
metadata: {name: gus}
spec: {memberOf: [globex]}
---
apiVersion: accord/v1
kind: ConsumerGroup
metadata: {name: students}
spec: {provider: acme}
---
apiVersion: accord/v1
kind: Resource
metadata: {name: core}
spec: {organization: acme, dimension: information-and-technology, kind: application}
---
apiVersion: accord/v1
kind: Resource
metadata: {name: ledger}
spec: {organization: acme, dimension: information-and-technology, kind: application, dependsOn: [core]}
---
apiVersion: accord/v1
kind: Resource
metadata: {name: vault}
spec: {organization: acme, dimension: information-and-technology, kind: facility}
---
apiVersion: accord/v1
kind: Resource
metadata: {name: mainframe}
spec: {organization: globex, dimension: information-and-technology, kind: infrastructure}
---
apiVersion: accord/v1
kind: Product
metadata: {name: banking}
spec: {provider: acme, components: [{resource: core}, {resource: ledger}]}
---
apiVersion: accord/v1
kind: Product
metadata: {name: safes}
spec: {provider: acme, components: [{resource: vault}]}
---
apiVersion: accord/v1
kind: Service
metadata: {name: everyday}
spec: {provider: acme, owner: ann, products: [banking, safes]}
---
apiVersion: accord/v1
kind: ServiceOffering
metadata: {name: checking}
spec:
  provider: acme
  services: [everyday]
  targetGroups: [students]
  pricing: {currency: USD, fee: {amount: '5.00', per: month}}
---
apiVersion: accord/v1
kind: PracticeAssignment
metadata: {name: acme-incident-owner}
spec: {organization: acme, practice: incident-management, person: ann, role: owner, from: 2025-01-01, to: 2025-06-30}
"""

# Every bad file starts with this good document; it must not be written either.
GOOD = """\
apiVersion: accord/v1
kind: Organization
metadata: {name: bystander}
spec: {}
"""

MARK = '# <'


@pytest.fixture
def base(db, tmp_path):
    path = write(tmp_path / 'stored', BASE)
    result = apply_catalogue([str(path)], actor=Actor(source=ChangeSource.IMPORT, username='test'))
    assert result.ok, [str(p) for p in result.problems]


def catalogue(*documents: str) -> str:
    """A file's text: the good document, then ``documents`` (dedented), separated by ``---``."""
    return '---\n'.join([GOOD, *(textwrap.dedent(d).lstrip('\n') for d in documents)])


def write(folder: Path, text: str | bytes, name: str = 'catalogue.yaml') -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text if isinstance(text, bytes) else text.encode())
    return path


def line_of(text: str, marker: str = MARK) -> int:
    """The line that ends with ``marker`` (the offending field of a test file)."""
    (line,) = [number for number, content in enumerate(text.splitlines(), 1) if content.rstrip().endswith(marker)]
    return line


def stored() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MODELS}


def refused(*paths: Path) -> list[str]:
    """Apply ``paths``: exit 1, no traceback, nothing written; the problem lines printed."""
    before, exported = stored(), run_cli('export').stdout
    result = run_cli('apply', *paths)
    assert result.status == 1, result.stdout
    assert 'Traceback' not in result.stderr
    assert result.stdout == ''
    assert stored() == before
    assert run_cli('export').stdout == exported
    *problems, summary = result.stderr.strip().splitlines()
    assert summary == f'{len(problems)} problem(s); nothing written.'
    return problems


def assert_one_problem(problems: list[str], prefix: str, *words: str) -> None:
    """Exactly one problem, starting with ``prefix``, whose message names each of ``words``."""
    assert len(problems) == 1, problems
    assert problems[0].startswith(prefix), problems[0]
    message = problems[0][len(prefix):]
    assert message and all(word in message for word in words), problems[0]


def refuse_one(tmp_path: Path, text: str, kind_name: str, field: str, *words: str, marker: str = MARK) -> None:
    """Applying ``text`` reports one problem of ``kind_name`` at ``field``, on the line marked ``marker``."""
    path = write(tmp_path, text)
    assert_one_problem(refused(path), f'{path}:{line_of(text, marker)}: {kind_name}: {field}: ', *words)


# Reading files.

def test_malformed_yaml_is_reported_at_the_line_where_it_breaks(base, tmp_path):
    text = catalogue("""
        apiVersion: accord/v1
        kind: Organization
        metadata: {name: broken}
        spec:
          external: true
         kind: team  # <
        """)
    path = write(tmp_path, text)
    assert_one_problem(refused(path), f'{path}:{line_of(text)}: malformed YAML: ')


def test_a_file_that_is_not_utf8_is_refused_naming_the_byte(base, tmp_path):
    text = catalogue('apiVersion: accord/v1\nkind: Organization\nmetadata: {name: caf\xff}  # <\nspec: {}\n')
    path = write(tmp_path, text.encode('latin-1'))
    assert_one_problem(refused(path), f'{path}:{line_of(text)}: not UTF-8: ', '0xff')


def test_a_path_that_does_not_exist_is_reported_and_the_other_files_are_not_written(base, tmp_path):
    good = write(tmp_path, GOOD, 'good.yaml')
    missing = tmp_path / 'missing.yaml'
    assert_one_problem(refused(good, missing), f'{missing}:', 'no such file or folder')


def test_a_file_over_the_size_limit_is_refused_before_it_is_parsed(base, tmp_path, monkeypatch):
    monkeypatch.setattr(loading, 'MAX_FILE_BYTES', 100)
    text = catalogue('apiVersion: accord/v1\nkind: Organization\nmetadata: {name: big}\nspec: {}\n')
    path = write(tmp_path, text)
    assert_one_problem(refused(path), f'{path}:1: ', f'{len(text)} bytes', 'limit of 100')


def test_an_alias_bomb_is_refused_quickly(base, tmp_path):
    laughs = ['a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]']
    laughs += [f'a{n}: &a{n} [{", ".join([f"*a{n - 1}"] * 10)}]' for n in range(1, 10)]
    text = catalogue('apiVersion: accord/v1\nkind: Organization\nmetadata:\n  name: lol\n  labels:\n'
                     + ''.join(f'    {line}\n' for line in laughs) + 'spec: {}\n')
    path = write(tmp_path, text)
    started = time.monotonic()
    problems = refused(path)
    assert time.monotonic() - started < 10
    assert len(problems) == 1 and problems[0].startswith(f'{path}:'), problems
    assert 'alias bomb' in problems[0]


@pytest.mark.parametrize('tag', ['!!python/object:os.system {}', '!!python/object/apply:os.system [touch PWNED]'])
def test_a_python_tag_is_refused_and_never_constructed(base, tmp_path, monkeypatch, tag):
    monkeypatch.chdir(tmp_path)
    text = catalogue(f"""
        apiVersion: accord/v1
        kind: Organization
        metadata: {{name: tagged}}
        spec:
          external: {tag}  # <
        """)
    path = write(tmp_path, text)
    assert_one_problem(refused(path), f'{path}:{line_of(text)}: ', 'python/object', 'not allowed')
    assert not (tmp_path / 'PWNED').exists()


def test_a_key_written_twice_in_one_mapping_is_refused(base, tmp_path):
    text = catalogue("""
        apiVersion: accord/v1
        kind: Organization
        metadata: {name: twice}
        spec:
          external: true
          external: false  # <
        """)
    path = write(tmp_path, text)
    assert_one_problem(refused(path), f'{path}:{line_of(text)}: ', "duplicate key 'external'")


# Envelope and schema.

def test_an_unknown_kind_is_reported_with_the_known_kinds(base, tmp_path):
    text = catalogue("""
        apiVersion: accord/v1
        kind: Widget  # <
        metadata: {name: gadget}
        spec: {}
        """)
    path = write(tmp_path, text)
    assert_one_problem(refused(path), f'{path}:{line_of(text)}: ?:gadget: kind: ', "'Widget'", 'ServiceOffering')


@pytest.mark.parametrize('document, kind_name, field', [
    pytest.param("""
        apiVersion: accord/v1
        kind: Organization
        metadata: {name: odd}
        spec:
          colour: red  # <
        """, 'Organization:odd', 'spec.colour', id='spec'),
    pytest.param("""
        apiVersion: accord/v1
        kind: Organization
        metadata:
          name: odd
          colour: red  # <
        spec: {}
        """, 'Organization:odd', 'metadata.colour', id='metadata'),
    pytest.param("""
        apiVersion: accord/v1
        kind: ServiceOffering
        metadata: {name: odd}
        spec:
          provider: acme
          services: [everyday]
          elements:
            - kind: good
              name: passbook
              product: banking
              colour: red  # <
        """, 'ServiceOffering:odd', 'spec.elements[0].colour', id='element'),
    pytest.param("""
        apiVersion: accord/v1
        kind: Product
        metadata: {name: odd}
        spec:
          provider: acme
          components:
            - resource: core
              views:
                students: {label: Core, colour: red}  # <
        """, 'Product:odd', 'spec.components[0].views.students.colour', id='component-view'),
])
def test_an_unknown_field_is_reported_at_its_path(base, tmp_path, document, kind_name, field):
    refuse_one(tmp_path, catalogue(document), kind_name, field, 'unknown field')


def test_a_missing_required_field_is_reported_at_its_path_on_the_line_of_spec(base, tmp_path):
    text = catalogue("""
        apiVersion: accord/v1
        kind: Resource
        metadata: {name: no-dimension}
        spec:  # <
          organization: acme
          kind: application
        """)
    refuse_one(tmp_path, text, 'Resource:no-dimension', 'spec.dimension', 'is required')


@pytest.mark.parametrize('document, kind_name, field, words', [
    pytest.param("""
        apiVersion: accord/v1
        kind: Organization
        metadata: {name: typed}
        spec:
          external: 'yes'  # <
        """, 'Organization:typed', 'spec.external', ['true or false'], id='bool'),
    pytest.param("""
        apiVersion: accord/v1
        kind: Person
        metadata: {name: typed}
        spec:
          memberOf: acme  # <
        """, 'Person:typed', 'spec.memberOf', ['a list'], id='list'),
    pytest.param("""
        apiVersion: accord/v1
        kind: ServiceOffering
        metadata: {name: typed}
        spec:
          provider: acme
          services: [everyday]
          elements:
            - kind: good
              name: passbook
              product: banking
              quantity: two  # <
        """, 'ServiceOffering:typed', 'spec.elements[0].quantity', ['a whole number'], id='integer'),
])
def test_a_value_of_the_wrong_type_is_reported_naming_the_expected_type(
    base, tmp_path, document, kind_name, field, words
):
    refuse_one(tmp_path, catalogue(document), kind_name, field, *words)


@pytest.mark.parametrize('date', [
    '"2025-13-01"',
    '2025-13-01',
    '2025-02-30',
])
def test_an_impossible_date_is_refused_at_its_line(base, tmp_path, date):
    text = catalogue(f"""
        apiVersion: accord/v1
        kind: PracticeAssignment
        metadata: {{name: someday}}
        spec:
          organization: acme
          practice: change-enablement
          person: bea
          role: practitioner
          from: {date}  # <
        """)
    refuse_one(tmp_path, text, 'PracticeAssignment:someday', 'spec.from', 'must be a date')


OFFERING = """
    apiVersion: accord/v1
    kind: ServiceOffering
    metadata: {{name: premium}}
    spec:
      provider: acme
      services: [everyday]
      pricing:
        currency: {currency}{currency_mark}
        fee: {{amount: {amount}, per: month}}{amount_mark}
    """


@pytest.mark.parametrize('amount, words', [
    ('"5.001"', ['5.001', 'more decimals than USD allows']),
    ('"abc"', ['non-negative decimal amount']),
    ('-5', ['non-negative decimal amount']),
    ('"-5.00"', ['non-negative decimal amount']),
    ('.inf', ['non-negative decimal amount']),
    ('.nan', ['non-negative decimal amount']),
])
def test_a_bad_money_amount_is_refused(base, tmp_path, amount, words):
    text = catalogue(OFFERING.format(currency='USD', currency_mark='', amount=amount, amount_mark='  # <'))
    refuse_one(tmp_path, text, 'ServiceOffering:premium', 'spec.pricing.fee.amount', *words)


@pytest.mark.parametrize('currency, words', [
    ('XXQ', ["'XXQ' is not an ISO 4217 currency"]),
    ('usd', ['ISO 4217']),
])
def test_an_unknown_currency_is_refused(base, tmp_path, currency, words):
    text = catalogue(OFFERING.format(currency=currency, currency_mark='  # <', amount='"5.00"', amount_mark=''))
    refuse_one(tmp_path, text, 'ServiceOffering:premium', 'spec.pricing.currency', *words)


# References and names.

def test_every_unknown_reference_is_reported_at_its_own_line(base, tmp_path):
    text = catalogue("""
        apiVersion: accord/v1
        kind: Service
        metadata: {name: ghostly}
        spec:
          provider: acme
          owner: nobody  # < owner
          products:
            - banking
            - ghost  # < product
        """)
    path = write(tmp_path, text)
    assert refused(path) == [
        f"{path}:{line_of(text, '# < owner')}: Service:ghostly: spec.owner: unknown Person 'nobody'",
        f"{path}:{line_of(text, '# < product')}: Service:ghostly: spec.products[1]: unknown Product 'ghost'",
    ]


def test_a_name_defined_twice_in_one_file_is_refused_pointing_at_the_first(base, tmp_path):
    text = catalogue("""
        apiVersion: accord/v1  # < first
        kind: Organization
        metadata: {name: twin}
        spec: {}
        """, """
        apiVersion: accord/v1
        kind: Organization
        metadata:
          name: twin  # <
        spec: {external: true}
        """)
    path = write(tmp_path, text)
    assert_one_problem(refused(path), f'{path}:{line_of(text)}: Organization:twin: metadata.name: ',
                       'duplicate name', f"also defined at {path}:{line_of(text, '# < first')}")


def test_a_name_defined_in_two_files_is_refused(base, tmp_path):
    first = write(tmp_path, catalogue('apiVersion: accord/v1\nkind: Person\nmetadata: {name: twin}\n'
                                      'spec: {memberOf: [acme]}\n'), 'a.yaml')
    text = '# the same person again\napiVersion: accord/v1\nkind: Person\nmetadata:\n  name: twin  # <\n' \
           'spec: {memberOf: [globex]}\n'
    second = write(tmp_path, text, 'b.yml')
    assert_one_problem(refused(first, second), f'{second}:{line_of(text)}: Person:twin: metadata.name: ',
                       'duplicate name', str(first))


def test_the_same_name_in_two_kinds_is_no_duplicate(base, tmp_path):
    text = catalogue('apiVersion: accord/v1\nkind: ConsumerGroup\nmetadata: {name: bystander}\n'
                     'spec: {provider: acme}\n')
    assert run_cli('apply', write(tmp_path, text)).status == 0


# Rules of the relationships (domain.md section 5).

def resource(name: str, depends_on: list[str]) -> str:
    return f"""
        apiVersion: accord/v1
        kind: Resource
        metadata: {{name: {name}}}
        spec:
          organization: acme
          dimension: information-and-technology
          kind: application
          dependsOn: [{', '.join(depends_on)}]  # < {name}
        """


@pytest.mark.parametrize('edges, cycle', [
    pytest.param({'ra': ['rb'], 'rb': ['ra']}, {'ra', 'rb'}, id='two'),
    pytest.param({'ra': ['rb'], 'rb': ['rc'], 'rc': ['ra']}, {'ra', 'rb', 'rc'}, id='three'),
    pytest.param({'core': ['ledger']}, {'core', 'ledger'}, id='closed-against-stored'),
])
def test_a_dependency_cycle_is_refused_naming_its_resources(base, tmp_path, edges, cycle):
    """R18; the problem is reported on one resource of the files that closes the cycle."""
    text = catalogue(*(resource(name, depends_on) for name, depends_on in edges.items()))
    path = write(tmp_path, text)
    problems = refused(path)
    at = next((name for name in edges if f': Resource:{name}: ' in problems[0]), None)
    assert at is not None, problems
    assert_one_problem(problems, f'{path}:{line_of(text, f"# < {at}")}: Resource:{at}: spec.dependsOn: ',
                       'dependency cycle', *cycle)


def test_a_resource_depending_on_itself_is_refused(base, tmp_path):
    text = catalogue(resource('selfish', ['selfish']))
    path = write(tmp_path, text)
    assert_one_problem(refused(path), f'{path}:{line_of(text, "# < selfish")}: Resource:selfish: spec.dependsOn[0]: ',
                       'selfish')


def practice_owner(name: str, person: str, start: str, end: str | None = None) -> str:
    return (f'apiVersion: accord/v1\nkind: PracticeAssignment\nmetadata: {{name: {name}}}\nspec:\n'
            f'  organization: acme\n  practice: incident-management\n  person: {person}\n'
            f'  role: owner  # < {name}\n  from: {start}\n' + (f'  to: {end}\n' if end else ''))


@pytest.mark.parametrize('documents, offender', [
    pytest.param([practice_owner('second-owner', 'bea', '2025-06-30')], 'second-owner', id='against-stored'),
    pytest.param([practice_owner('owner-a', 'bea', '2026-01-01'), practice_owner('owner-b', 'ann', '2026-03-01')],
                 'owner-b', id='within-the-file'),
])
def test_a_second_practice_owner_for_overlapping_days_is_refused(base, tmp_path, documents, offender):
    """R17."""
    text = catalogue(*documents)
    refuse_one(tmp_path, text, f'PracticeAssignment:{offender}', 'spec.role', 'practice owner', 'incident-management',
               marker=f'# < {offender}')


def test_practice_owners_for_days_that_do_not_overlap_are_accepted(base, tmp_path):
    """R17 holds at any time, not forever: the owner after the stored one (to 2025-06-30) is fine."""
    text = catalogue(practice_owner('next-owner', 'bea', '2025-07-01', '2025-12-31'),
                     practice_owner('later-owner', 'ann', '2026-01-01'))
    result = run_cli('apply', write(tmp_path, text))
    assert result.status == 0, result.stderr
    assert PracticeAssignment.objects.filter(role='owner', practice__name='incident-management').count() == 3


def test_a_practice_assignment_of_a_person_outside_the_organization_is_refused(base, tmp_path):
    text = catalogue("""
        apiVersion: accord/v1
        kind: PracticeAssignment
        metadata: {name: outsider}
        spec:
          organization: acme
          practice: change-enablement
          person: gus  # <
          role: practitioner
        """)
    refuse_one(tmp_path, text, 'PracticeAssignment:outsider', 'spec.person', 'gus is not a member of acme')


def test_an_offering_for_a_group_of_another_provider_is_refused(base, tmp_path):
    """R15: target groups belong to the offering's provider."""
    text = catalogue("""
        apiVersion: accord/v1
        kind: ServiceOffering
        metadata: {name: poaching}
        spec:
          provider: globex
          targetGroups: [students]  # <
        """)
    refuse_one(tmp_path, text, 'ServiceOffering:poaching', 'spec.targetGroups', 'another provider', 'students')


def test_an_offering_describing_a_service_of_another_provider_is_refused(base, tmp_path):
    """R15: services belong to the offering's provider."""
    text = catalogue("""
        apiVersion: accord/v1
        kind: ServiceOffering
        metadata: {name: reselling}
        spec:
          provider: globex
          services: [everyday]  # <
        """)
    refuse_one(tmp_path, text, 'ServiceOffering:reselling', 'spec.services', 'another provider', 'everyday')


@pytest.mark.parametrize('services', [
    pytest.param('spec:  # <\n  provider: acme\n', id='absent'),
    pytest.param('spec:\n  provider: acme\n  services: []  # <\n', id='empty'),
])
def test_an_offering_of_an_internal_provider_without_a_service_is_refused(base, tmp_path, services):
    """R15: only an external provider may offer without describing a service."""
    text = catalogue('apiVersion: accord/v1\nkind: ServiceOffering\nmetadata: {name: hollow}\n' + services)
    refuse_one(tmp_path, text, 'ServiceOffering:hollow', 'spec.services', 'at least one service')


def test_an_offering_of_an_external_provider_without_a_service_is_accepted(base, tmp_path):
    text = catalogue('apiVersion: accord/v1\nkind: ServiceOffering\nmetadata: {name: bare}\nspec: {provider: globex}\n')
    assert run_cli('apply', write(tmp_path, text)).status == 0


def test_a_product_component_of_another_organization_is_refused(base, tmp_path):
    """R16."""
    text = catalogue("""
        apiVersion: accord/v1
        kind: Product
        metadata: {name: borrowed}
        spec:
          provider: acme
          components:
            - resource: core
            - resource: mainframe  # <
        """)
    refuse_one(tmp_path, text, 'Product:borrowed', 'spec.components[1].resource', 'mainframe belongs to globex')


def test_an_element_component_that_is_not_a_component_of_its_product_is_refused(base, tmp_path):
    text = catalogue("""
        apiVersion: accord/v1
        kind: ServiceOffering
        metadata: {name: mismatched}
        spec:
          provider: acme
          services: [everyday]
          elements:
            - kind: access
              name: safe-box
              product: banking
              component: vault  # <
        """)
    refuse_one(tmp_path, text, 'ServiceOffering:mismatched', 'spec.elements[0].component',
               'vault is not a component of banking')


WAIVED = """
    apiVersion: accord/v1
    kind: ServiceOffering
    metadata: {name: waived}
    spec:
      provider: acme
      services: [everyday]
      pricing:
        currency: USD
        fee: {amount: '5.00', per: month}
        waivers:  # < waivers
          anyOf:
            - {fact: direct-deposit, atLeast: 1}
            - {subscribedTo: nowhere}  # < subscribedTo
    """


def test_a_waiver_on_an_unknown_offering_is_refused(base, tmp_path):
    text = catalogue(WAIVED)
    path = write(tmp_path, text)
    (problem,) = refused(path)
    assert problem.startswith(f'{path}:')
    assert 'ServiceOffering:waived: spec.pricing.waivers' in problem and "unknown ServiceOffering 'nowhere'" in problem


def test_a_waiver_on_an_unknown_offering_is_reported_at_its_subscribed_to_line(base, tmp_path):
    text = catalogue(WAIVED)
    refuse_one(tmp_path, text, 'ServiceOffering:waived', 'spec.pricing.waivers.anyOf[1].subscribedTo',
               "unknown ServiceOffering 'nowhere'", marker='# < subscribedTo')


# Several problems, and what a good run prints.

def test_problems_of_several_documents_are_all_reported_in_one_run(base, tmp_path):
    text = catalogue("""
        apiVersion: accord/v1
        kind: Organization
        metadata: {name: first}
        spec: {external: maybe}  # < first
        """, """
        apiVersion: accord/v1
        kind: Person
        metadata: {name: second}
        spec: {memberOf: [nowhere]}  # < second
        """)
    path = write(tmp_path, text)
    assert refused(path) == [
        f"{path}:{line_of(text, '# < first')}: Organization:first: spec.external: must be true or false",
        f"{path}:{line_of(text, '# < second')}: Person:second: spec.memberOf[0]: unknown Organization 'nowhere'",
    ]


def test_rule_violations_of_several_documents_are_all_reported_in_one_run(base, tmp_path):
    text = catalogue("""
        apiVersion: accord/v1
        kind: Product
        metadata: {name: borrowed}
        spec:
          provider: acme
          components: [{resource: mainframe}]  # < borrowed
        """, """
        apiVersion: accord/v1
        kind: ServiceOffering
        metadata: {name: poaching}
        spec:
          provider: globex
          targetGroups: [students]  # < poaching
        """)
    path = write(tmp_path, text)
    problems = refused(path)
    assert len(problems) == 2, problems
    assert problems[0].startswith(f"{path}:{line_of(text, '# < borrowed')}: Product:borrowed: spec.components")
    assert problems[1].startswith(f"{path}:{line_of(text, '# < poaching')}: ServiceOffering:poaching: "
                                  'spec.targetGroups: ')


FORWARD = catalogue("""
    apiVersion: accord/v1
    kind: Service
    metadata: {name: lending}
    spec: {provider: acme, owner: ann, products: [loans]}
    """, """
    apiVersion: accord/v1
    kind: Product
    metadata: {name: loans}
    spec: {provider: acme, components: [{resource: scoring}]}
    """, """
    apiVersion: accord/v1
    kind: Resource
    metadata: {name: scoring}
    spec: {organization: acme, dimension: information-and-technology, kind: application, dependsOn: [rules]}
    """, """
    apiVersion: accord/v1
    kind: Resource
    metadata: {name: rules}
    spec: {organization: acme, dimension: information-and-technology, kind: information}
    """)


def test_forward_references_within_one_file_are_resolved(base, tmp_path):
    result = run_cli('apply', write(tmp_path, FORWARD))
    assert result.status == 0, result.stderr
    assert list(Service.objects.get(name='lending').products.values_list('name', flat=True)) == ['loans']
    assert list(Resource.objects.get(name='scoring').depends_on.values_list('name', flat=True)) == ['rules']


def test_a_dry_run_prints_the_plan_and_writes_nothing(base, tmp_path):
    before, changes = stored(), ObjectChange.objects.count()
    result = run_cli('apply', '--dry-run', write(tmp_path, FORWARD))
    assert result.status == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    assert sorted(lines[:-1]) == ['Organization:bystander created', 'Product:loans created',
                                  'Resource:rules created', 'Resource:scoring created', 'Service:lending created']
    assert lines[-1] == '5 created, 0 updated, 0 unchanged (dry run: nothing written)'
    assert stored() == before and ObjectChange.objects.count() == changes


def test_reapplying_after_editing_one_field_reports_that_field_only(base, tmp_path):
    path = write(tmp_path, FORWARD)
    assert run_cli('apply', path).status == 0
    path.write_text(FORWARD.replace('kind: information}', 'kind: process}'))
    result = run_cli('apply', path)
    assert result.status == 0, result.stderr
    assert 'Resource:rules updated (spec.kind)' in result.stdout.splitlines()
    assert result.stdout.strip().splitlines()[-1] == '0 created, 1 updated, 4 unchanged'
    assert Resource.objects.get(name='rules').kind == 'process'


def test_a_folder_argument_applies_its_yaml_and_yml_files_only(base, tmp_path):
    folder = tmp_path / 'catalogue'
    write(folder, GOOD, 'one.yaml')
    write(folder, 'apiVersion: accord/v1\nkind: Organization\nmetadata: {name: second}\nspec: {}\n', 'two.yml')
    write(folder, 'not: [yaml', 'notes.txt')
    write(folder, '{"apiVersion": "accord/v1"}', 'three.json')
    result = run_cli('apply', folder)
    assert result.status == 0, result.stderr
    assert set(Organization.objects.filter(name__in=['bystander', 'second']).values_list('name', flat=True)) == {
        'bystander', 'second'}

"""The JSON Schemas of the catalogue format, field by field, against catalog-format.md section 2.

Each kind has a minimal document (its required fields only) and a full one (every field of the
format); the tables below change one field of the full document and check the problem users would
see: its path and message, as ``accord apply`` prints them.
"""

import copy
import json
from decimal import Decimal

import pytest

from accord.interchange.kinds import KINDS_BY_NAME
from accord.interchange.problems import format_path, schema_problems
from accord.interchange.schemas import SCHEMA_DIR, conforms, validator

SPEC = {
    'Organization': {'kind': 'team', 'parent': 'acme', 'external': True},
    'Person': {'memberOf': ['acme'], 'email': 'ann@acme.example'},
    'ConsumerGroup': {'provider': 'acme', 'eligibility': 'Students under 26.', 'members': ['ann-co']},
    'Resource': {
        'organization': 'acme', 'dimension': 'information-and-technology', 'kind': 'application',
        'dependsOn': ['core'], 'capacity': {'amount': '40', 'unit': 'ATMs'},
        'items': [{'name': 'atm-01', 'owner': 'globex', 'title': 'ATM 1'}],
    },
    'Product': {
        'provider': 'acme',
        'components': [{'resource': 'core', 'role': 'Your account', 'visibility': 'visible',
                        'views': {'students': {'label': 'Core banking'}}}],
        'hiddenFrom': ['savers'],
    },
    'Service': {'provider': 'acme', 'owner': 'ann', 'products': ['banking'], 'lifecycle': 'pipeline'},
    'ServiceOffering': {
        'provider': 'acme', 'services': ['everyday'], 'targetGroups': ['students'], 'lifecycle': 'retired',
        'elements': [
            {'kind': 'good', 'name': 'checkbook', 'product': 'checkbook', 'component': 'checkbook-stock',
             'quantity': 1},
            {'kind': 'access', 'name': 'robe', 'product': 'amenities', 'component': 'robes',
             'window': {'from': '15:00', 'to': '11:00'}, 'convertibleToGood': {'price': '60.00'}},
            {'kind': 'action', 'name': 'card-replacement', 'product': 'debit-card', 'component': 'card-stock',
             'trigger': 'on-request', 'performedBy': 'joint', 'requiresConsumerPresence': False,
             'targetDuration': {'businessDays': 5}},
        ],
        'pricing': {
            'currency': 'USD', 'fee': {'amount': '5.00', 'per': 'month'},
            'waivers': {'anyOf': [{'fact': 'direct-deposit', 'atLeast': 1},
                                  {'allOf': [{'fact': 'balance', 'atMost': '99.9'}, {'fact': 'age', 'equals': 20}]},
                                  {'subscribedTo': 'basic-savings'}]},
            'usage': [{'event': 'foreign-atm-withdrawal', 'amount': '2.50', 'allowance': 0}],
        },
        'value': {'outcomes': ['Pay without cash'], 'costsRemoved': ['Cash handling'], 'costsAdded': ['A fee'],
                  'risksRemoved': ['Theft of cash'], 'risksAdded': ['Card fraud']},
        'requestItems': [{'name': 'replace-card', 'title': 'Replace my card', 'element': 'card-replacement',
                          'approval': 'sponsor'}],
    },
    'ServiceRelationship': {'provider': 'acme', 'consumer': 'globex', 'type': 'partnership', 'status': 'agreed',
                            'manager': 'ann', 'roles': [{'person': 'gus', 'role': 'sponsor'}]},
    'Subscription': {'relationship': 'acme-globex', 'offering': 'checking', 'group': 'students', 'start': '2025-03-01',
                     'end': '2025-12-31', 'quantity': 2, 'status': 'ended', 'realizes': 'card-processing'},
    'Agreement': {
        'relationship': 'acme-globex', 'kind': 'sla', 'subscriptions': ['globex-checking'],
        'effectiveFrom': '2025-01-01', 'effectiveTo': '2025-12-31',
        'targets': [{'name': 'p2-resolution', 'kind': 'operational', 'comparator': '>=', 'value': '95', 'unit': '%',
                     'measurements': [{'period': '2025-03', 'value': Decimal('97.5')}]}],
    },
    'PracticeAssignment': {'organization': 'acme', 'practice': 'incident-management', 'person': 'ann',
                           'role': 'owner', 'from': '2025-01-01', 'to': '2025-12-31'},
    'Feedback': {'relationship': 'acme-globex', 'person': 'gus', 'at': '2025-03-20T10:05:00Z', 'score': 4,
                 'comment': 'Quick and friendly.'},
    'ValueReview': {'relationship': 'acme-globex', 'period': '2025-03', 'assessedBy': 'gus', 'overall': 'positive',
                    'factors': [{'kind': 'cost', 'direction': 'removed', 'description': 'Cash handling',
                                 'amount': '120.50'}]},
    'RelationshipReview': {'relationship': 'acme-globex', 'at': '2025-03-31T15:00:00+02:00',
                           'attendees': ['ann', 'gus'], 'notes': 'Quarterly review.', 'actions': ['Renew the SLA']},
    'Order': {'relationship': 'acme-globex', 'requestedBy': 'gus', 'at': '2025-03-03T09:00:00Z',
              'subscription': 'globex-checking', 'requestItem': 'replace-card', 'offering': 'savings',
              'group': 'students', 'status': 'approved', 'decidedBy': 'gus', 'decidedAt': '2025-03-03T10:00:00Z',
              'decisionComment': 'Fine.'},
    'GoodsDelivery': {'subscription': 'globex-checking', 'element': 'checkbook', 'items': ['checkbook-0001'],
                      'quantity': 1, 'at': '2025-03-04T10:00:00Z'},
    'AccessGrant': {'subscription': 'globex-checking', 'element': 'debit-card', 'grantee': 'person:gus',
                    'item': 'card-0001', 'validFrom': '2025-03-01T00:00:00Z', 'validTo': '2025-12-31T00:00:00Z',
                    'revokedAt': '2025-03-12T08:00:00Z', 'revokeReason': 'Lost', 'convertedAt': '2025-03-10T00:00:00Z'},
    'ActionInstance': {'subscription': 'globex-checking', 'element': 'card-replacement', 'requestedBy': 'gus',
                       'requestedAt': '2025-03-12T08:30:00Z', 'startedAt': '2025-03-12T13:00:00Z',
                       'completedAt': '2025-03-14T16:00:00Z', 'performers': ['ann'], 'consumerPresent': True,
                       'quality': 4},
    'ConsumptionEvent': {'subscription': 'globex-checking', 'event': 'direct-deposit', 'at': '2025-03-25T06:00:00Z',
                         'quantity': 2, 'attributes': {'amount': '1500.00'}},
    'CapacitySlot': {'resource': 'rooms', 'start': '2025-03-10T15:00:00Z', 'end': '2025-03-11T11:00:00Z',
                     'capacity': 100, 'unitPrice': '120.00', 'currency': 'USD'},
    'Reservation': {'slot': 'rooms-2025-03-10', 'subscription': 'globex-checking', 'units': 2,
                    'at': '2025-03-01T12:00:00Z'},
    'PeriodFact': {'subscription': 'globex-checking', 'period': '2025-03', 'name': 'average-balance',
                   'value': '2310.50'},
}
KINDS = list(SPEC)

# catalog-format.md section 2: the spec fields of each kind, required ones first.
REQUIRED = {
    'Organization': [],
    'Person': ['memberOf'],
    'ConsumerGroup': ['provider'],
    'Resource': ['organization', 'dimension', 'kind'],
    'Product': ['provider', 'components'],
    'Service': ['provider', 'owner', 'products'],
    'ServiceOffering': ['provider'],
    'ServiceRelationship': ['provider', 'consumer'],
    'Subscription': ['relationship', 'offering', 'start'],
    'Agreement': ['relationship', 'kind'],
    'PracticeAssignment': ['organization', 'practice', 'person', 'role'],
    'Feedback': ['relationship', 'person', 'at', 'score'],
    'ValueReview': ['relationship', 'period', 'assessedBy', 'overall'],
    'RelationshipReview': ['relationship', 'at'],
    'Order': ['relationship', 'requestedBy', 'at'],
    'GoodsDelivery': ['subscription', 'element', 'at'],
    'AccessGrant': ['subscription', 'element', 'grantee', 'validFrom'],
    'ActionInstance': ['subscription', 'element', 'requestedAt'],
    'ConsumptionEvent': ['subscription', 'event', 'at'],
    'CapacitySlot': ['resource', 'start', 'end', 'capacity'],
    'Reservation': ['slot', 'subscription', 'at'],
    'PeriodFact': ['subscription', 'period', 'name', 'value'],
}

OFFERING_ELEMENTS = [('elements', index) for index in range(3)]

NESTED_REQUIRED = [
    ('Resource', ('capacity', 'amount')), ('Resource', ('capacity', 'unit')), ('Resource', ('items', 0, 'name')),
    ('Product', ('components', 0, 'resource')),
    *[('ServiceOffering', (*element, key)) for element in OFFERING_ELEMENTS for key in ('name', 'product')],
    ('ServiceOffering', ('elements', 1, 'window', 'from')), ('ServiceOffering', ('elements', 1, 'window', 'to')),
    ('ServiceOffering', ('elements', 1, 'convertibleToGood', 'price')),
    ('ServiceOffering', ('pricing', 'currency')),
    ('ServiceOffering', ('pricing', 'fee', 'amount')), ('ServiceOffering', ('pricing', 'fee', 'per')),
    ('ServiceOffering', ('pricing', 'usage', 0, 'event')), ('ServiceOffering', ('pricing', 'usage', 0, 'amount')),
    ('ServiceOffering', ('requestItems', 0, 'name')), ('ServiceOffering', ('requestItems', 0, 'element')),
    ('ServiceRelationship', ('roles', 0, 'person')), ('ServiceRelationship', ('roles', 0, 'role')),
    *[('Agreement', ('targets', 0, key)) for key in ('name', 'kind', 'comparator', 'value')],
    *[('Agreement', ('targets', 0, 'measurements', 0, key)) for key in ('period', 'value')],
    ('ValueReview', ('factors', 0, 'kind')), ('ValueReview', ('factors', 0, 'direction')),
]

ENUMS = [
    ('Organization', ('kind',), ['legal-entity', 'business-unit', 'team', 'individual']),
    ('Resource', ('dimension',), ['organizations-and-people', 'information-and-technology', 'partners-and-suppliers',
                                  'value-streams-and-processes']),
    ('Resource', ('kind',), ['application', 'infrastructure', 'facility', 'goods-stock', 'people-capability',
                             'information', 'process', 'supplied-service']),
    ('Product', ('components', 0, 'visibility'), ['hidden', 'visible']),
    ('Service', ('lifecycle',), ['pipeline', 'live', 'retired']),
    ('ServiceOffering', ('lifecycle',), ['pipeline', 'live', 'retired']),
    ('ServiceOffering', ('elements', 2, 'trigger'), ['on-request', 'scheduled', 'on-event']),
    ('ServiceOffering', ('elements', 2, 'performedBy'), ['provider', 'consumer', 'joint']),
    ('ServiceOffering', ('pricing', 'fee', 'per'), ['month', 'night', 'one-off', 'user-month']),
    ('ServiceOffering', ('requestItems', 0, 'approval'), ['none', 'sponsor']),
    ('ServiceRelationship', ('type',), ['basic', 'cooperative', 'partnership']),
    ('ServiceRelationship', ('status',), ['prospect', 'agreed', 'active', 'suspended', 'terminated']),
    ('ServiceRelationship', ('roles', 0, 'role'), ['customer', 'user', 'sponsor']),
    ('Subscription', ('status',), ['active', 'ended', 'cancelled']),
    ('Agreement', ('kind',), ['sla', 'ola', 'underpinning-contract', 'contract', 'terms-of-service']),
    ('Agreement', ('targets', 0, 'kind'), ['operational', 'experience', 'outcome']),
    ('Agreement', ('targets', 0, 'comparator'), ['>=', '<=']),
    ('PracticeAssignment', ('role',), ['owner', 'manager', 'practitioner']),
    ('ValueReview', ('overall',), ['negative', 'neutral', 'positive']),
    ('ValueReview', ('factors', 0, 'kind'), ['outcome', 'output', 'cost', 'risk']),
    ('ValueReview', ('factors', 0, 'direction'), ['achieved', 'not-achieved', 'introduced', 'removed']),
    ('Order', ('status',), ['submitted', 'approved', 'rejected', 'fulfilled', 'cancelled']),
]

REFERENCES = [
    ('Organization', ('parent',)), ('Person', ('memberOf', 0)),
    ('ConsumerGroup', ('provider',)), ('ConsumerGroup', ('members', 0)),
    ('Resource', ('organization',)), ('Resource', ('dependsOn', 0)), ('Resource', ('items', 0, 'owner')),
    ('Product', ('provider',)), ('Product', ('components', 0, 'resource')), ('Product', ('hiddenFrom', 0)),
    ('Service', ('provider',)), ('Service', ('owner',)), ('Service', ('products', 0)),
    ('ServiceOffering', ('provider',)), ('ServiceOffering', ('services', 0)), ('ServiceOffering', ('targetGroups', 0)),
    *[('ServiceOffering', (*element, key)) for element in OFFERING_ELEMENTS for key in ('product', 'component')],
    ('ServiceOffering', ('pricing', 'waivers', 'anyOf', 2, 'subscribedTo')),
    ('ServiceOffering', ('requestItems', 0, 'element')),
    ('PracticeAssignment', ('organization',)), ('PracticeAssignment', ('practice',)),
    ('PracticeAssignment', ('person',)),
    *[('ServiceRelationship', path) for path in [('provider',), ('consumer',), ('manager',), ('roles', 0, 'person')]],
    *[('Subscription', (key,)) for key in ('relationship', 'offering', 'group', 'realizes')],
    ('Agreement', ('relationship',)), ('Agreement', ('subscriptions', 0)),
    ('Feedback', ('relationship',)), ('Feedback', ('person',)),
    ('ValueReview', ('relationship',)), ('ValueReview', ('assessedBy',)),
    ('RelationshipReview', ('relationship',)), ('RelationshipReview', ('attendees', 0)),
    *[('Order', (key,)) for key in ('relationship', 'requestedBy', 'subscription', 'requestItem', 'offering', 'group',
                                    'decidedBy')],
    *[('GoodsDelivery', path) for path in [('subscription',), ('element',), ('items', 0)]],
    *[('AccessGrant', (key,)) for key in ('subscription', 'element', 'item')],
    *[('ActionInstance', path) for path in [('subscription',), ('element',), ('requestedBy',), ('performers', 0)]],
    ('ConsumptionEvent', ('subscription',)), ('CapacitySlot', ('resource',)),
    ('Reservation', ('slot',)), ('Reservation', ('subscription',)), ('PeriodFact', ('subscription',)),
]

# A document's name, and the names of its owned parts, are slugs too.
NAMES = [*[(kind, ('metadata', 'name')) for kind in KINDS], ('Resource', ('spec', 'items', 0, 'name')),
         *[('ServiceOffering', ('spec', *element, 'name')) for element in OFFERING_ELEMENTS],
         ('ServiceOffering', ('spec', 'requestItems', 0, 'name')), ('Agreement', ('spec', 'targets', 0, 'name')),
         ('ConsumptionEvent', ('spec', 'event')), ('PeriodFact', ('spec', 'name'))]

MONEY = [
    ('ServiceOffering', ('pricing', 'fee', 'amount')),
    ('ServiceOffering', ('pricing', 'usage', 0, 'amount')),
    ('ServiceOffering', ('elements', 1, 'convertibleToGood', 'price')),
    ('CapacitySlot', ('unitPrice',)),
]

DATES = [('PracticeAssignment', ('from',)), ('PracticeAssignment', ('to',)), ('Subscription', ('start',)),
         ('Subscription', ('end',)), ('Agreement', ('effectiveFrom',)), ('Agreement', ('effectiveTo',))]

INSTANTS = [('Feedback', ('at',)), ('RelationshipReview', ('at',)), ('Order', ('at',)), ('Order', ('decidedAt',)),
            ('GoodsDelivery', ('at',)),
            *[('AccessGrant', (key,)) for key in ('validFrom', 'validTo', 'revokedAt', 'convertedAt')],
            *[('ActionInstance', (key,)) for key in ('requestedAt', 'startedAt', 'completedAt')],
            ('ConsumptionEvent', ('at',)), ('CapacitySlot', ('start',)), ('CapacitySlot', ('end',)),
            ('Reservation', ('at',))]

PERIODS = [('ValueReview', ('period',)), ('Agreement', ('targets', 0, 'measurements', 0, 'period')),
           ('PeriodFact', ('period',))]

MAX_INT = 2**31 - 1
WHOLE_NUMBERS = [
    ('Feedback', ('score',), 1, 5), ('Subscription', ('quantity',), 1, MAX_INT),
    ('ServiceOffering', ('elements', 0, 'quantity'), 1, MAX_INT),
    ('ServiceOffering', ('pricing', 'usage', 0, 'allowance'), 0, MAX_INT),
    ('GoodsDelivery', ('quantity',), 1, MAX_INT), ('ActionInstance', ('quality',), 1, 5),
    ('ConsumptionEvent', ('quantity',), 1, MAX_INT), ('CapacitySlot', ('capacity',), 1, MAX_INT),
    ('Reservation', ('units',), 1, MAX_INT),
]

# Exact decimals users record (not money: they may be negative).
DECIMALS = [
    ('Resource', ('capacity', 'amount')), ('Agreement', ('targets', 0, 'value')),
    ('Agreement', ('targets', 0, 'measurements', 0, 'value')), ('ValueReview', ('factors', 0, 'amount')),
    ('PeriodFact', ('value',)),
]

# Every mapping below the envelope, where an unknown field must be refused.
MAPPINGS = [
    *[(kind, ()) for kind in KINDS],
    ('Resource', ('capacity',)), ('Resource', ('items', 0)),
    ('Product', ('components', 0)),
    ('Product', ('components', 0, 'views', 'students')),
    *[('ServiceOffering', element) for element in OFFERING_ELEMENTS],
    ('ServiceOffering', ('elements', 1, 'window')), ('ServiceOffering', ('elements', 1, 'convertibleToGood')),
    ('ServiceOffering', ('elements', 2, 'targetDuration')),
    ('ServiceOffering', ('pricing',)), ('ServiceOffering', ('pricing', 'fee')),
    ('ServiceOffering', ('pricing', 'usage', 0)), ('ServiceOffering', ('value',)),
    ('ServiceOffering', ('requestItems', 0)),
    ('ServiceRelationship', ('roles', 0)), ('Agreement', ('targets', 0)),
    ('Agreement', ('targets', 0, 'measurements', 0)),
    ('ValueReview', ('factors', 0)),
]


@pytest.mark.parametrize('value, valid', [('person:gus', True), ('organization:globex', True), ('gus', False),
                                          ('team:gus', False), ('person:Gus', False), ('person:', False)])
def test_a_grantee_is_a_person_or_an_organization_by_name(value, valid):
    found = problems('AccessGrant', changed('AccessGrant', ('grantee',), value))
    assert found == (set() if valid else {('spec.grantee', 'must be person:NAME or organization:NAME')})

DELETE = object()
CONDITION = 'must be a condition: anyOf, allOf, {fact, atLeast | atMost | equals} or {subscribedTo}'


def full(kind: str) -> dict:
    return {'apiVersion': 'accord/v1', 'kind': kind, 'metadata': {'name': f'a-{kind.lower()}', 'title': 'A',
            'description': 'Text.', 'labels': {'team': 'core'}}, 'spec': copy.deepcopy(SPEC[kind])}


def minimal(kind: str) -> dict:
    spec = {key: value for key, value in SPEC[kind].items() if key in REQUIRED[kind]}
    return {'apiVersion': 'accord/v1', 'kind': kind, 'metadata': {'name': 'a'}, 'spec': spec}


def changed(kind: str, path: tuple, value: object, *, within: tuple = ('spec',)) -> dict:
    """The full document of ``kind`` with the value at ``within + path`` replaced (or deleted)."""
    document = full(kind)
    *parents, last = (*within, *path)
    container = document
    for key in parents:
        container = container[key]
    if value is DELETE:
        del container[last]
    else:
        container[last] = value
    return document


def problems(kind: str, document: dict) -> set[tuple[str, str]]:
    """What ``accord apply`` would print for the document: (path, message) pairs.

    The cheap check ``accord apply`` runs first must agree, or a document it passes would skip the
    full check and its problems would go unreported.
    """
    found = {(format_path(path), message)
             for error in validator(kind).iter_errors(document) for path, message in schema_problems(error)}
    assert conforms(kind, document) == (not found)
    return found


def spec_id(kind: str, path: tuple) -> str:
    return f'{kind}:{format_path(("spec", *path))}'


def cases(table: list) -> list:
    """Table rows as parameters named ``KIND:spec.PATH`` (rows already made parameters are kept)."""
    return [pytest.param(*row, id=spec_id(*row[:2])) if type(row) is tuple else row for row in table]


def test_there_is_a_schema_for_each_kind_and_no_other():
    """When a kind is added, its schema and its rows in the tables here come with it."""
    assert sorted(path.stem for path in SCHEMA_DIR.glob('*.json') if path.stem != 'common') == sorted(KINDS)
    assert sorted(KINDS_BY_NAME) == sorted(KINDS)


@pytest.mark.parametrize('kind', KINDS)
def test_the_schema_has_the_spec_fields_of_the_format(kind):
    schema = json.loads((SCHEMA_DIR / f'{kind}.json').read_text())['properties']['spec']
    assert set(schema['properties']) == set(SPEC[kind])
    assert sorted(schema.get('required', [])) == sorted(REQUIRED[kind])


@pytest.mark.parametrize('document', [full, minimal])
@pytest.mark.parametrize('kind', KINDS)
def test_a_valid_document_validates(kind, document):
    assert problems(kind, document(kind)) == set()


@pytest.mark.parametrize('kind', KINDS)
@pytest.mark.parametrize('path', [('apiVersion',), ('kind',), ('metadata',), ('spec',), ('metadata', 'name')],
                         ids=format_path)
def test_a_missing_envelope_field_is_reported_at_its_path(kind, path):
    document = full(kind)
    container = document['metadata'] if path[0] == 'metadata' and len(path) == 2 else document
    del container[path[-1]]
    assert problems(kind, document) == {(format_path(path), 'is required')}


@pytest.mark.parametrize('kind, path', cases([(kind, (key,)) for kind, keys in REQUIRED.items() for key in keys]
                                             + NESTED_REQUIRED))
def test_a_missing_required_field_is_reported_at_its_path(kind, path):
    assert problems(kind, changed(kind, path, DELETE)) == {(format_path(('spec', *path)), 'is required')}


@pytest.mark.parametrize('kind, path', cases([('Person', ('memberOf',)), ('Service', ('products',))]))
def test_an_empty_list_is_refused_where_the_format_says_at_least_one(kind, path):
    assert problems(kind, changed(kind, path, [])) == {(format_path(('spec', *path)), 'needs at least 1 entry')}


@pytest.mark.parametrize('kind, path, values', cases(ENUMS))
def test_an_enum_field_accepts_its_values_and_rejects_any_other(kind, path, values):
    for value in values:
        assert problems(kind, changed(kind, path, value)) == set(), value
    assert problems(kind, changed(kind, path, 'bogus')) == {
        (format_path(('spec', *path)), 'must be one of: ' + ', '.join(values))}


@pytest.mark.parametrize('element', OFFERING_ELEMENTS, ids=lambda e: f'elements[{e[1]}]')
def test_an_element_of_an_unknown_kind_is_refused_naming_the_kinds(element):
    assert problems('ServiceOffering', changed('ServiceOffering', (*element, 'kind'), 'service')) == {
        (format_path(('spec', *element)), 'must be an element: kind good, access or action, with its fields')}


@pytest.mark.parametrize('kind, path', cases(REFERENCES))
@pytest.mark.parametrize('value', ['Not A Slug', 'acme_corp', '-acme', 'acme-', '', 'a' * 101, 5])
def test_a_reference_field_rejects_anything_but_a_slug(kind, path, value):
    message = 'must be the name of another object (a slug)'
    if path[:2] == ('pricing', 'waivers'):  # a condition has several shapes: the message names them all
        message, path = CONDITION, path[:2]
    assert problems(kind, changed(kind, path, value)) == {(format_path(('spec', *path)), message)}


def test_a_component_view_names_its_group_by_a_slug():
    views = {'Students': {'label': 'Core banking'}}
    assert problems('Product', changed('Product', ('components', 0, 'views'), views)) == {
        ('spec.components[0].views', 'must be the name of another object (a slug)')}


@pytest.mark.parametrize('kind, path', [pytest.param(*row, id=f'{row[0]}:{format_path(row[1])}') for row in NAMES])
@pytest.mark.parametrize('value', ['Not A Slug', 'under_score', '-dash', 'a' * 101, 5])
def test_a_name_must_be_a_slug(kind, path, value):
    assert problems(kind, changed(kind, path, value, within=())) == {
        (format_path(path), "must be a slug: lowercase letters, digits and '-'")}


@pytest.mark.parametrize('kind, path', cases(MONEY))
@pytest.mark.parametrize('value', ['5.00', '5', 5, Decimal('5.00'), '0', '12345678901234.1234'])
def test_a_money_field_accepts_an_exact_non_negative_amount(kind, path, value):
    assert problems(kind, changed(kind, path, value)) == set()


@pytest.mark.parametrize('kind, path', cases(MONEY))
@pytest.mark.parametrize('value', ['5,00', -1, '-1', Decimal('-0.01'), '5.', '.5', '1e3', 'abc', '', True, None,
                                   '123456789012345', '5.00001'])
def test_a_money_field_rejects_anything_else(kind, path, value):
    assert problems(kind, changed(kind, path, value)) == {
        (format_path(('spec', *path)), 'must be a non-negative decimal amount such as "5.00"')}


@pytest.mark.parametrize('kind, path', cases(DATES))
@pytest.mark.parametrize('value, valid', [('2024-02-29', True), ('2025-13-01', False), ('2025-02-29', False),
                                          ('2025-3-1', False), ('01/03/2025', False), ('2025-03-01T00:00:00Z', False)])
def test_a_date_field_accepts_only_a_real_day(kind, path, value, valid):
    expected = set() if valid else {(format_path(('spec', *path)), 'must be a date YYYY-MM-DD')}
    assert problems(kind, changed(kind, path, value)) == expected


@pytest.mark.parametrize('kind, path', cases(INSTANTS))
@pytest.mark.parametrize('value, valid', [
    ('2025-03-20T10:05:00Z', True), ('2025-03-20T10:05:00+02:00', True), ('2025-03-20T10:05:00.5-05:00', True),
    ('2025-03-20T10:05:00', False), ('2025-03-20', False), ('2025-13-20T10:05:00Z', False),
    ('2025-03-20T25:05:00Z', False), ('yesterday', False),
])
def test_an_instant_field_needs_a_real_date_time_and_an_offset(kind, path, value, valid):
    expected = set() if valid else {
        (format_path(('spec', *path)), 'must be an instant with an offset, such as 2025-03-20T10:05:00Z')}
    assert problems(kind, changed(kind, path, value)) == expected


@pytest.mark.parametrize('kind, path', cases(PERIODS))
@pytest.mark.parametrize('value, valid', [('2025-03', True), ('2025-12', True), ('2025-13', False), ('2025-3', False),
                                          ('2025-03-01', False), (202503, False)])
def test_a_period_field_is_a_year_and_month(kind, path, value, valid):
    expected = set() if valid else {(format_path(('spec', *path)), 'must be a period YYYY-MM')}
    assert problems(kind, changed(kind, path, value)) == expected


@pytest.mark.parametrize('kind, path', cases(DECIMALS))
@pytest.mark.parametrize('value, valid', [('99.9', True), (40, True), (Decimal('-1.25'), True), ('-3', True),
                                          ('5,0', False), ('abc', False), ('1e3', False), (True, False)])
def test_a_decimal_field_accepts_exact_decimals_only(kind, path, value, valid):
    expected = set() if valid else {(format_path(('spec', *path)), 'must be a decimal number such as 40 or "99.9"')}
    assert problems(kind, changed(kind, path, value)) == expected


@pytest.mark.parametrize('kind, path, low, high', cases(WHOLE_NUMBERS))
def test_a_whole_number_field_keeps_to_its_range(kind, path, low, high):
    for value in (low, high):
        assert problems(kind, changed(kind, path, value)) == set(), value
    for value in (low - 1, high + 1, '3', Decimal('2.5'), True):
        assert problems(kind, changed(kind, path, value)), value


@pytest.mark.parametrize('value, valid', [('00:00', True), ('23:59', True), ('24:00', False), ('9:00', False),
                                          (900, False)])
def test_a_window_time_is_an_hour_and_minute(value, valid):
    path = ('elements', 1, 'window', 'from')
    expected = set() if valid else {(format_path(('spec', *path)), 'must be a time of day "HH:MM" (quoted)')}
    assert problems('ServiceOffering', changed('ServiceOffering', path, value)) == expected


@pytest.mark.parametrize('value', [{}, {'days': 1, 'hours': 2}, {'weeks': 1}, {'days': -1}])
def test_a_target_duration_is_one_of_days_business_days_or_hours(value):
    path = ('elements', 2, 'targetDuration')
    assert problems('ServiceOffering', changed('ServiceOffering', path, value))


@pytest.mark.parametrize('currency, valid', [('USD', True), ('JPY', True), ('usd', False), ('US', False),
                                             ('USDX', False)])
def test_a_currency_is_three_capital_letters(currency, valid):
    expected = set() if valid else {('spec.pricing.currency', 'must be an ISO 4217 code such as USD')}
    assert problems('ServiceOffering', changed('ServiceOffering', ('pricing', 'currency'), currency)) == expected


@pytest.mark.parametrize('kind, path', cases(MAPPINGS))
def test_an_unknown_field_is_refused_at_every_level(kind, path):
    document = full(kind)
    container = document['spec']
    for key in path:
        container = container[key]
    container['colour'] = 'red'
    found = problems(kind, document)
    assert (format_path(('spec', *path, 'colour')), 'unknown field') in found
    assert all(where.startswith(format_path(('spec', *path))) for where, _ in found), found


@pytest.mark.parametrize('kind', KINDS)
@pytest.mark.parametrize('where', [(), ('metadata',)], ids=['envelope', 'metadata'])
def test_an_unknown_field_of_the_envelope_is_refused(kind, where):
    document = full(kind)
    (document['metadata'] if where else document)['colour'] = 'red'
    assert problems(kind, document) == {(format_path((*where, 'colour')), 'unknown field')}


def test_a_wrong_api_version_is_refused():
    document = full('Organization') | {'apiVersion': 'accord/v2'}
    assert problems('Organization', document) == {('apiVersion', 'must be accord/v1')}

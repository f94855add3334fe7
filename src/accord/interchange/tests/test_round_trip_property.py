"""Property: any valid catalogue survives export, apply into an empty database, export, byte for byte."""

import io
import string
from decimal import Decimal

import pytest
import yaml
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accord.core.services import Actor
from accord.interchange.apply import apply_catalogue
from accord.interchange.export import dump_documents, export_documents

pytestmark = pytest.mark.django_db

slugs = st.from_regex(r'[a-z][a-z0-9]{0,6}', fullmatch=True)
# Text that YAML likes to reinterpret: numbers, booleans, dates, leading spaces, newlines, unicode.
awkward = st.one_of(
    st.sampled_from(['yes', 'no', 'null', '1.0', '007', '2025-01-01', ' lead', 'trail ', 'a: b', '- x', '#', '–€✓']),
    st.text(alphabet=string.ascii_letters + ' \n:#-\'"é€', min_size=1, max_size=30).filter(lambda s: s.strip()),
)
amounts = st.decimals(min_value=0, max_value=10000, places=2).map(lambda d: str(d))


def _doc(kind: str, name: str, spec: dict, title: str | None = None, description: str | None = None) -> dict:
    metadata = {'name': name}
    if title:
        metadata['title'] = title
    if description:
        metadata['description'] = description
    return {'apiVersion': 'accord/v1', 'kind': kind, 'metadata': metadata, 'spec': spec}


@st.composite
def catalogues(draw) -> list[dict]:
    """A small, valid catalogue of one provider: every kind, cross-references and awkward text."""
    names = draw(st.lists(slugs, min_size=12, max_size=12, unique=True))
    provider, supplier, person, group_a, group_b, *resources = names[:8]
    docs = [
        _doc('Organization', provider, {}, draw(st.none() | awkward), draw(st.none() | awkward)),
        _doc('Organization', supplier, {'external': True, 'kind': draw(st.sampled_from(['team', 'legal-entity']))}),
        _doc('Person', person, {'memberOf': [provider], 'email': f'{person}@example.org'}),
        _doc('ConsumerGroup', group_a, {'provider': provider, 'eligibility': draw(awkward)}),
        _doc('ConsumerGroup', group_b, {'provider': provider, 'members': [supplier]}),
    ]
    for index, resource in enumerate(resources):
        spec = {
            'organization': provider,
            'dimension': draw(st.sampled_from(['information-and-technology', 'partners-and-suppliers'])),
            'kind': draw(st.sampled_from(['application', 'supplied-service', 'goods-stock'])),
        }
        if index:
            spec['dependsOn'] = sorted(draw(st.sets(st.sampled_from(resources[:index]), max_size=2))) or None
        if draw(st.booleans()):
            spec['capacity'] = {'amount': draw(st.integers(0, 500)), 'unit': 'units'}
        if draw(st.booleans()):
            spec['items'] = [{'name': f'{resource}-item-{n}'} for n in range(draw(st.integers(1, 2)))]
        docs.append(_doc('Resource', resource, {k: v for k, v in spec.items() if v is not None}, draw(awkward)))
    components = [
        {'resource': resource, 'role': draw(awkward),
         'visibility': draw(st.sampled_from(['hidden', 'visible'])),
         'views': {group_a: {'label': draw(awkward)}} if draw(st.booleans()) else {}}
        for resource in draw(st.lists(st.sampled_from(resources), min_size=1, max_size=3, unique=True))
    ]
    docs.append(_doc('Product', 'product', {'provider': provider, 'components': components,
                                            'hiddenFrom': [group_b] if draw(st.booleans()) else []}))
    docs.append(_doc('Service', 'service', {'provider': provider, 'owner': person, 'products': ['product'],
                                            'lifecycle': draw(st.sampled_from(['pipeline', 'live', 'retired']))}))
    pricing = {'currency': draw(st.sampled_from(['USD', 'EUR', 'JPY']))}
    if draw(st.booleans()):
        amount = draw(amounts)
        pricing['fee'] = {'amount': str(Decimal(amount).quantize(Decimal(1))) if pricing['currency'] == 'JPY'
                          else amount, 'per': draw(st.sampled_from(['month', 'night', 'one-off', 'user-month']))}
        pricing['waivers'] = {'anyOf': [{'fact': 'direct-deposit', 'atLeast': draw(st.integers(0, 5))},
                                        {'subscribedTo': 'offering'}]}
    elements = [
        {'kind': 'good', 'name': 'good', 'product': 'product', 'quantity': draw(st.integers(1, 3))},
        {'kind': 'action', 'name': 'act', 'product': 'product',
         'targetDuration': {draw(st.sampled_from(['days', 'businessDays', 'hours'])): draw(st.integers(0, 9))},
         'requiresConsumerPresence': draw(st.booleans())},
    ]
    docs.append(_doc('ServiceOffering', 'offering', {
        'provider': provider, 'services': ['service'], 'targetGroups': [group_a],
        'elements': draw(st.permutations(elements)), 'pricing': pricing,
        'value': {'outcomes': [draw(awkward)]},
        'requestItems': [{'name': 'ask', 'element': 'act', 'approval': draw(st.sampled_from(['none', 'sponsor']))}],
    }))
    docs.append(_doc('PracticeAssignment', 'owner', {
        'organization': provider, 'practice': draw(st.sampled_from(['incident-management', 'change-control'])),
        'person': person, 'role': 'owner', 'from': '2025-01-01'}))
    return docs


DEFAULTS = {'hidden', 'live', 'none', 'provider', 'on-request', 'legal-entity', 'False', '0', 'change-control'}


def _leaves(value) -> set[str]:
    """Every value a document states, as text, whatever its nesting."""
    if isinstance(value, dict):
        return {leaf for item in value.values() for leaf in _leaves(item)}
    if isinstance(value, list):
        return {leaf for item in value for leaf in _leaves(item)}
    return set() if value is None else {str(value)}


def _export() -> str:
    stream = io.StringIO()
    dump_documents(export_documents(), stream)
    return stream.getvalue()


def _apply(tmp_path, text: str, name: str):
    path = tmp_path / name
    path.write_text(text, encoding='utf-8')
    return apply_catalogue([str(path)], actor=Actor(source='import', username='test'))


class _Rollback(Exception):
    pass


def _in_rolled_back_transaction(step):
    """Run ``step`` against the database as it is, then undo it: each example starts from empty."""
    outcome = {}
    try:
        with transaction.atomic():
            outcome['value'] = step()
            raise _Rollback
    except _Rollback:
        pass
    return outcome['value']


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                   HealthCheck.too_slow])
@given(catalogue=catalogues())
def test_a_valid_catalogue_survives_export_apply_export_byte_for_byte(catalogue, tmp_path):
    source = yaml.safe_dump_all(catalogue, allow_unicode=True, sort_keys=False)

    def first() -> str:
        result = _apply(tmp_path, source, 'source.yaml')
        assert result.ok, [str(p) for p in result.problems]
        return _export()

    exported = _in_rolled_back_transaction(first)
    lost = _leaves(catalogue) - _leaves(list(yaml.safe_load_all(exported))) - DEFAULTS
    assert not lost, f'the export lost {lost}'

    def second() -> tuple[str, set[str], set[str]]:
        assert _apply(tmp_path, exported, 'export.yaml').ok
        again = _apply(tmp_path, exported, 'export.yaml')
        original = _apply(tmp_path, source, 'source.yaml')
        return _export(), {e.action for e in again.plan}, {e.action for e in original.plan}

    re_exported, reapplied, original = _in_rolled_back_transaction(second)
    assert re_exported == exported
    assert reapplied == {'unchanged'}, 'applying an export twice rewrote objects'
    assert original == {'unchanged'}, 'the export lost something the source said'


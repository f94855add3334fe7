"""The catalogue reader reads YAML as PyYAML's safe loader does (YAML 1.1), compared with it directly.

The reader resolves and builds scalars itself, for speed (``accord.interchange.loading``); these
tests hold it to ``yaml.load(..., CSafeLoader)``, so that ``on``, ``0o17`` or ``~`` cannot drift.
Where the format reads on purpose otherwise, the test says so: a float is the exact Decimal
written, a date or timestamp its ISO text, a mapping key a string.
"""

import datetime
from decimal import Decimal

import pytest
import yaml

from accord.interchange.loading import EXPANSION_ALLOWANCE, LoadError, load_documents

SafeLoader = getattr(yaml, 'CSafeLoader', yaml.SafeLoader)

PLAIN = [
    # booleans, YAML 1.1
    'yes', 'no', 'on', 'off', 'Yes', 'NO', 'On', 'OFF', 'true', 'False', 'TRUE', 'y', 'n', 'Y',
    # nulls
    '~', 'null', 'Null', 'NULL', '',
    # whole numbers: separators, bases, sexagesimal
    '0', '-0', '+3', '-12', '1_000', '0o17', '017', '0x1F', '0x_1f', '0b101', '1:30', '190:20:30', '08', '09',
    # floats
    '1.5', '-1.5', '.5', '1.', '1e3', '1.0e+3', '6.8523015e+5', '1_000.5', '3.14_15',
    # dates and timestamps
    '2024-01-31', '2024-1-5 1:02:03', '2024-01-31T10:00:00Z', '2001-12-14t21:59:43.10-05:00',
    '2024-01-31 10:00:00.5 +02:00', '2024-01-31T10:00:00.123456789',
    # strings that look like something else
    'northwind', 'off-road', 'o', 'nil', 'none', '12abc', '0.1.2', '1e', '1_', '0o', '0x', '0b2', '1:60:x',
    '2024-01-31x', 'yes please', 'Ñame', '.', '+', '=x', '<x', '~x', '"yes"', "'1'", "'~'", '"2024-01-31"',
    # explicit standard tags
    '!!str 12', '!!str yes', '!!int "12"', '!!int "0x1F"', '!!float "1"', '!!bool "on"', '!!null "x"',
    '!!timestamp "2024-01-31"',
]


def ours(text: str) -> object:
    """What the catalogue reader makes of ``text``, a one-document file."""
    (document,) = load_documents(text, 'types.yaml')
    return document.data


def as_the_format_reads(value: object) -> object:
    """PyYAML's value as the catalogue format keeps it: floats exact, dates as ISO text."""
    if isinstance(value, float):
        return Decimal
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


@pytest.mark.parametrize('scalar', PLAIN)
def test_a_scalar_is_read_as_pyyaml_safe_loader_reads_it(scalar):
    text = f'value: {scalar}\n'
    theirs = yaml.load(text, Loader=SafeLoader)['value']
    mine = ours(text)['value']
    expected = as_the_format_reads(theirs)
    if expected is Decimal:
        assert isinstance(mine, Decimal) and float(mine) == theirs, (mine, theirs)
        written = scalar.split()[-1].strip('"').replace('_', '')
        assert str(mine) == str(Decimal(written)), 'the exact decimal written'
    else:
        assert (type(mine), mine) == (type(expected), expected)


@pytest.mark.parametrize('scalar', PLAIN)
def test_a_scalar_in_a_list_and_a_flow_mapping_is_read_alike(scalar):
    if scalar == '':
        pytest.skip('an empty flow entry is another thing')
    text = f'a: [{scalar}]\nb: {{c: {scalar}}}\n'
    theirs = yaml.load(text, Loader=SafeLoader)
    mine = ours(text)
    assert repr(mine['a'][0]) == repr(mine['b']['c']) == repr(ours(f'value: {scalar}\n')['value'])
    assert type(theirs['a'][0]) is type(theirs['b']['c'])


@pytest.mark.parametrize('text', ['a: .inf\n', 'a: -.Inf\n', 'a: .NaN\n', 'a: 190:20:30.15\n'])
def test_an_infinity_nan_or_sexagesimal_float_stays_as_written_where_pyyaml_reads_a_float(text):
    assert isinstance(yaml.load(text, Loader=SafeLoader)['a'], float)
    assert ours(text)['a'] == text[3:-1]


def test_an_impossible_date_stays_as_written_for_validation_to_refuse():
    with pytest.raises(ValueError):
        yaml.load('a: 2025-02-30\n', Loader=SafeLoader)
    assert ours('a: 2025-02-30\nb: [&d 2025-02-30, *d]\n') == {'a': '2025-02-30', 'b': ['2025-02-30'] * 2}


def test_whole_number_keys_become_strings_and_other_typed_keys_are_refused():
    assert yaml.load('017: a\n1_0: b\n0o17: c\n', Loader=SafeLoader) == {15: 'a', 10: 'b', '0o17': 'c'}
    assert ours('017: a\n1_0: b\n0o17: c\n"yes": d\n') == {'15': 'a', '10': 'b', '0o17': 'c', 'yes': 'd'}
    for key in ('yes', 'on', '~', '1.5', '[a]'):
        with pytest.raises(LoadError, match='a mapping key must be a plain string') as refused:
            ours(f'a: 1\n{key}: x\n')
        assert refused.value.line == 2


def test_merge_keys_are_read_as_pyyaml_reads_them():
    text = ('base: &base {tier: gold, size: 2}\nmore: &more {region: eu}\n'
            'one: {<<: *base, name: one}\ntwo: {<<: [*base, *more], name: two}\n')
    assert ours(text) == yaml.load(text, Loader=SafeLoader)
    assert list(ours(text)['two']) == list(yaml.load(text, Loader=SafeLoader)['two'])


def test_a_key_given_twice_is_refused_where_pyyaml_keeps_the_last():
    text = 'a: 1\nb:\n  c: 1\n  c: 2\n'
    assert yaml.load(text, Loader=SafeLoader)['b'] == {'c': 2}
    with pytest.raises(LoadError, match="duplicate key 'c'") as refused:
        ours(text)
    assert refused.value.line == 4


def test_a_key_overriding_a_merged_key_is_refused_as_given_twice():
    with pytest.raises(LoadError, match="duplicate key 'tier'"):
        ours('base: &base {tier: gold}\none: {<<: *base, tier: silver}\n')


@pytest.mark.parametrize(('value', 'tag'),
                         [('!!int abc', 'int'), ('!!bool maybe', 'bool'), ('!!timestamp x', 'timestamp')])
def test_a_value_its_explicit_tag_does_not_fit_is_refused_at_its_line(value, tag):
    with pytest.raises(LoadError, match=f'cannot be read as tag:yaml.org,2002:{tag}') as refused:
        ours(f'a: 1\nb:\n  - {value}\n')
    assert refused.value.line == 3


def test_each_value_keeps_the_line_of_its_key_or_list_entry():
    """A mapping entry is on its key's line, a list entry where its value starts; a path not written, its parent's."""
    (document,) = load_documents('a: 1\nb:\n  c:\n    - x\n    -\n      d: 2\n', 'lines.yaml')
    assert [document.line_of(path) for path in [(), ('a',), ('b',), ('b', 'c'), ('b', 'c', 0), ('b', 'c', 1),
                                                 ('b', 'c', 1, 'd'), ('b', 'c', 1, 'e'), ('b', 'c', 7), ('z',)]] \
        == [1, 1, 2, 3, 4, 6, 6, 6, 3, 1]


def test_aliases_within_the_budget_of_explicitly_tagged_nodes_are_read():
    """Explicitly tagged nodes count towards the budget too, though resolving them costs nothing."""
    items = 2 * EXPANSION_ALLOWANCE // 10
    text = 'list: &list [' + ', '.join(['!!str x'] * items) + ']\n' + ''.join(f'c{n}: *list\n' for n in range(12))
    data = ours(text)
    assert len(data) == 13 and all(value == ['x'] * items for value in data.values())

"""A waiver condition as rows: each row one condition, rows of the same option all required, any option enough.

Any condition tree (``anyOf``, ``allOf``, leaves; ``accord.catalog.pricing``) has this shape once
its ``allOf`` of ``anyOf`` are multiplied out, with the same meaning; the rows are written back in
the smallest tree that says it (a bare leaf, one ``allOf``, an ``anyOf`` of options), and a
condition whose rows did not change is kept exactly as it was written.
"""

from collections.abc import Iterable
from itertools import product
from typing import Any

from accord.api.shapes import canonical_number
from accord.catalog.pricing import FACT_COMPARATORS

Leaf = dict[str, Any]


def options(condition: dict | None) -> list[list[Leaf]]:
    """The condition as options of leaves: it holds when every leaf of one option holds."""
    if not condition:
        return []
    if 'anyOf' in condition:
        return [option for part in condition['anyOf'] for option in options(part)]
    if 'allOf' in condition:
        return [sum(parts, []) for parts in product(*(options(part) for part in condition['allOf']))]
    return [[condition]]


def condition_of(chosen: Iterable[list[Leaf]]) -> dict | None:
    """The smallest condition tree for the options; ``None`` when there is no option."""
    parts = [leaves[0] if len(leaves) == 1 else {'allOf': leaves} for leaves in chosen if leaves]
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else {'anyOf': parts}


def same(one: list[list[Leaf]], other: list[list[Leaf]]) -> bool:
    """Whether two sets of options say the same, numbers compared by value (``1`` and ``"1.0"``)."""
    def canonical(chosen: list[list[Leaf]]) -> list[list[tuple]]:
        return sorted(sorted(tuple(sorted((key, canonical_number(value) if key in FACT_COMPARATORS else value)
                                          for key, value in leaf.items())) for leaf in option)
                      for option in chosen)
    return canonical(one) == canonical(other)


def rows(condition: dict | None) -> list[dict]:
    """The formset's initial rows of a condition."""
    found = []
    for number, option in enumerate(options(condition), start=1):
        for leaf in option:
            if 'subscribedTo' in leaf:
                found.append({'option': number, 'kind': 'subscribedTo', 'offering': leaf['subscribedTo'] or ''})
            else:
                comparator = next(key for key in FACT_COMPARATORS if key in leaf)
                found.append({'option': number, 'kind': 'fact', 'fact': leaf['fact'], 'comparator': comparator,
                              'bound': leaf[comparator]})
    return found


def written(before: dict | None, forms: Iterable[Any]) -> dict | None:
    """The condition the kept rows say, or ``before`` itself when they say the same."""
    chosen: dict[int, list[Leaf]] = {}
    for form in forms:
        chosen.setdefault(form.cleaned_data['option'], []).append(form.leaf())
    after = [chosen[number] for number in sorted(chosen)]
    if before and same(options(before), after):
        return before
    return condition_of(after)

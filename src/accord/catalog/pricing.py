"""Price plans: money in a currency's minor units, and waiver conditions (R6 to R9).

A waiver condition is a small tree: ``{anyOf: [...]}``, ``{allOf: [...]}``, a fact leaf
``{fact, atLeast | atMost | equals}`` or ``{subscribedTo: OFFERING}``. It is stored as JSON on
the offering and evaluated against one period's facts.
"""

import operator
from collections.abc import Mapping, Set
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import NamedTuple

from babel.numbers import get_currency_precision, list_currencies
from django.core.exceptions import ValidationError

FACT_COMPARATORS = {'atLeast': '>=', 'atMost': '<=', 'equals': '='}
COMPARISONS = {'atLeast': operator.ge, 'atMost': operator.le, 'equals': operator.eq}  # what each one tests
ZERO = Decimal(0)
_KNOWN_CURRENCIES = frozenset(list_currencies())


def check_currency(code: str) -> None:
    if code not in _KNOWN_CURRENCIES:
        raise ValidationError(f'{code!r} is not an ISO 4217 currency code')


@cache
def minor_unit(currency: str) -> Decimal:
    """The smallest amount of ``currency``: 0.01 for USD, 1 for JPY, 0.001 for KWD (kept: a bill run asks per line)."""
    return Decimal(1).scaleb(-get_currency_precision(currency))


def check_money(amount: Decimal, currency: str) -> None:
    """An amount is non-negative and has no more decimals than its currency."""
    if amount < 0:
        raise ValidationError(f'{amount} is negative')
    if amount != amount.quantize(minor_unit(currency)):
        raise ValidationError(f'{amount} has more decimals than {currency} allows ({get_currency_precision(currency)})')


def format_money(amount: Decimal, currency: str) -> str:
    """Money as a string with the currency's decimals: '5.00' USD, '500' JPY."""
    return str(amount.quantize(minor_unit(currency)))


def _as_decimal(value, where: str) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, int | str | Decimal):
        raise ValidationError(f'{where}: {value!r} is not a number')
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        raise ValidationError(f'{where}: {value!r} is not a number') from None
    if not number.is_finite():
        raise ValidationError(f'{where}: {value!r} is not a finite number')
    return number


def check_condition(condition, where: str = 'waivers') -> set[str]:
    """Validate the shape of a condition tree; return the offerings its ``subscribedTo`` leaves name."""
    if not isinstance(condition, Mapping):
        raise ValidationError(f'{where}: a condition is a mapping')
    keys = set(condition)
    if keys in ({'anyOf'}, {'allOf'}):
        (key,) = keys
        parts = condition[key]
        if not isinstance(parts, list) or not parts:
            raise ValidationError(f'{where}.{key}: a non-empty list of conditions')
        named: set[str] = set()
        for index, part in enumerate(parts):
            named |= check_condition(part, f'{where}.{key}[{index}]')
        return named
    if keys == {'subscribedTo'}:
        if not isinstance(condition['subscribedTo'], str):
            raise ValidationError(f'{where}.subscribedTo: an offering name')
        return {condition['subscribedTo']}
    comparators = keys & set(FACT_COMPARATORS)
    if 'fact' in keys and len(comparators) == 1 and keys == {'fact'} | comparators:
        if not isinstance(condition['fact'], str) or not condition['fact']:
            raise ValidationError(f'{where}.fact: a fact name')
        (comparator,) = comparators
        _as_decimal(condition[comparator], f'{where}.{comparator}')
        return set()
    raise ValidationError(
        f'{where}: a condition is anyOf, allOf, {{subscribedTo}} or {{fact}} with one of atLeast, atMost, equals'
    )


def offerings_named(condition: Mapping | None) -> frozenset[str]:
    """The offerings the ``subscribedTo`` leaves of a valid (or hidden) condition name: all it reads of them."""
    if condition is None:
        return frozenset()
    for key in ('anyOf', 'allOf'):
        if key in condition:
            return frozenset().union(*(offerings_named(part) for part in condition[key]))
    name = condition.get('subscribedTo')
    return frozenset() if name is None else frozenset([name])


def hide_offerings(condition: Mapping, shown: Set[str]) -> dict:
    """The condition as a viewer who sees only the offerings ``shown`` reads it.

    A ``subscribedTo`` naming another offering becomes ``{subscribedTo: null}``: the name stays out of
    sight, the condition keeps its shape and meaning (a subscription that viewer does not hold, as
    whoever subscribes to an offering sees it).
    """
    for key in ('anyOf', 'allOf'):
        if key in condition:
            return {key: [hide_offerings(part, shown) for part in condition[key]]}
    if 'subscribedTo' in condition and condition['subscribedTo'] not in shown:
        return {'subscribedTo': None}
    return dict(condition)


class Outcome(NamedTuple):
    """Whether a condition held, and why: a tuple, as cheap to make as a bill run needs (one per waiver leaf)."""

    held: bool
    reason: str


def evaluate(condition: Mapping, facts: Mapping[str, Decimal], subscribed: Set[str]) -> Outcome:
    """Whether ``condition`` holds for the facts and subscriptions, and why (or why not)."""
    if 'anyOf' in condition:
        outcomes = [evaluate(part, facts, subscribed) for part in condition['anyOf']]
        for outcome in outcomes:
            if outcome.held:
                return outcome
        return Outcome(False, ' and '.join([o.reason for o in outcomes]))
    if 'allOf' in condition:
        outcomes = [evaluate(part, facts, subscribed) for part in condition['allOf']]
        for outcome in outcomes:
            if not outcome.held:
                return outcome
        return Outcome(True, ' and '.join([o.reason for o in outcomes]))
    if 'subscribedTo' in condition:
        name = condition['subscribedTo']
        if name is None:  # hidden from the asker (``hide_offerings``), so not one they subscribe to
            return Outcome(False, 'not subscribed to a hidden offering')
        if name in subscribed:
            return Outcome(True, f'subscribed to {name}')
        return Outcome(False, f'not subscribed to {name}')
    fact = condition['fact']
    actual = facts.get(fact, ZERO)
    comparator, bound = _comparison(condition)
    if compare(comparator, actual, bound):
        return Outcome(True, f'{fact} {FACT_COMPARATORS[comparator]} {bound}')
    return Outcome(False, f'{fact} = {actual}, not {FACT_COMPARATORS[comparator]} {bound}')


def compare(comparator: str, actual: Decimal, bound: Decimal) -> bool:
    """Whether a fact leaf's comparison (``atLeast``, ``atMost``, ``equals``) holds."""
    return COMPARISONS[comparator](actual, bound)


def _comparison(leaf: Mapping) -> tuple[str, Decimal]:
    for key in FACT_COMPARATORS:
        if key in leaf:
            return key, _decimal(str(leaf[key]))
    raise ValueError(f'not a condition: {leaf!r}')


@cache
def _decimal(text: str) -> Decimal:
    """A leaf's bound, parsed once (a bill run evaluates the same few waivers by the thousand)."""
    return Decimal(text)


def fact_comparisons(condition: Mapping | None) -> dict[str, list[tuple[str, Decimal]]]:
    """Per fact a condition looks at, the comparisons of its leaves: (comparator, bound).

    A leaf that holds gives a reason without the fact's value (``direct-deposit-total >= 1000``): facts whose
    every comparison holds read the same, whatever their value, which a bill run uses to price alike once.
    """
    found: dict[str, list[tuple[str, Decimal]]] = {}
    if condition is None:
        return found
    for key in ('anyOf', 'allOf'):
        for part in condition.get(key, ()):
            for fact, comparisons in fact_comparisons(part).items():
                found.setdefault(fact, []).extend(comparisons)
    if 'fact' in condition:
        found[condition['fact']] = [_comparison(condition)]
    return found


COMPARATOR_WORDS = {'atLeast': 'at least', 'atMost': 'at most', 'equals': 'exactly'}
PERIOD_WORDS = {'month': ' in the month', 'user-month': ' in the month', 'night': ' that night', 'one-off': ''}


def describe(condition: Mapping, titles: Mapping[str, str], per: str = 'month') -> str:
    """A waiver condition in words: 'at least 1 direct deposit in the month, or an active Basic Savings subscription'.

    ``titles`` gives the title of each offering the reader may view; a ``subscribedTo`` naming any
    other (or hidden by ``hide_offerings``) reads as an offering out of their sight, unnamed.
    """
    if 'anyOf' in condition:
        return ', or '.join(describe(part, titles, per) for part in condition['anyOf'])
    if 'allOf' in condition:
        return ', and '.join(describe(part, titles, per) for part in condition['allOf'])
    if 'subscribedTo' in condition:
        name = condition['subscribedTo']
        if name is None or name not in titles:
            return 'an active subscription to an offering you may not view'
        return f'an active {titles[name]} subscription'
    fact = condition['fact'].replace('-', ' ')
    for key, words in COMPARATOR_WORDS.items():
        if key in condition:
            return f'{words} {condition[key]} {fact}{PERIOD_WORDS.get(per, "")}'
    raise ValueError(f'not a condition: {condition!r}')


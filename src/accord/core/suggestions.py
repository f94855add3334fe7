"""The known names nearest to a name that matched nothing, so that "unknown NAME" says what was meant.

One helper for every such message (the command line's unknown objects, kinds and facts), so that
a misspelt name is answered the same way wherever it was typed.
"""

from collections.abc import Iterable
from difflib import SequenceMatcher, get_close_matches

NEAREST = 3
MARGIN = 0.1  # a name this much less alike than the nearest one is noise beside it


def nearest_names(name: str, known: Iterable[str], n: int = NEAREST) -> list[str]:
    """Up to ``n`` of ``known`` that look like ``name`` (difflib's ratio of at least 0.6), the nearest first.

    Only names about as near as the nearest are kept: ``student-checking`` for ``studnet-checking``,
    without ``standard-checking``.
    """
    name = str(name)
    guesses = get_close_matches(name, list(known), n=n)
    if not guesses:
        return []
    best = SequenceMatcher(None, name, guesses[0]).ratio()
    return [guess for guess in guesses if SequenceMatcher(None, name, guess).ratio() >= best - MARGIN]


def misspellings(name: str, known: Iterable[str], edits: int = 2) -> list[str]:
    """The ``known`` names ``name`` is a slip of: at most ``edits`` letters added, dropped, changed or swapped.

    Stricter than ``nearest_names``: ``atm-withdrawal`` is near ``foreign-atm-withdrawal`` but no slip of it,
    ``foriegn-atm-withdrawal`` is.
    """
    return sorted(other for other in known if other != name and _edits(name, other, edits) <= edits)


def _edits(a: str, b: str, limit: int) -> int:
    """The optimal string alignment distance of ``a`` and ``b`` (anything beyond ``limit`` as ``limit + 1``)."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous, row = None, list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        current = [i]
        for j, y in enumerate(b, 1):
            cost = min(row[j] + 1, current[j - 1] + 1, row[j - 1] + (x != y))
            if previous is not None and j > 1 and x == b[j - 2] and a[i - 2] == y:
                cost = min(cost, previous[j - 2] + 1)
            current.append(cost)
        previous, row = row, current
    return row[-1]


def did_you_mean(name: str, known: Iterable[str]) -> str:
    """``: did you mean A or B?`` with the known names nearest to ``name``, or '' when none is near."""
    guesses = nearest_names(name, known)
    if not guesses:
        return ''
    listed = guesses[0] if len(guesses) == 1 else f'{", ".join(guesses[:-1])} or {guesses[-1]}'
    return f': did you mean {listed}?'

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


def did_you_mean(name: str, known: Iterable[str]) -> str:
    """``: did you mean A or B?`` with the known names nearest to ``name``, or '' when none is near."""
    guesses = nearest_names(name, known)
    if not guesses:
        return ''
    listed = guesses[0] if len(guesses) == 1 else f'{", ".join(guesses[:-1])} or {guesses[-1]}'
    return f': did you mean {listed}?'

"""A year of generated activity for the bill-run benchmark, as the files a user would load.

``bench_charges.py`` generates its subscriptions' year here: the consumption events (CSV files for
``accord consume --file``, or rows for a raw insert) and the grants, deliveries and actions (YAML documents
for ``accord apply``). The same seed gives the same activity, so two databases can be loaded with the same rows
by two paths.
"""

import csv
import datetime
import random
from collections.abc import Iterator
from pathlib import Path

YEAR_START = datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC)
YEAR_SECONDS = 365 * 24 * 3600
DEPOSITS = 24  # two a month, each with an amount
EVENT_COLUMNS = ('name', 'subscription', 'event', 'at', 'quantity', 'amount')


def year_events(per_subscription: int, rng: random.Random) -> Iterator[tuple[str, datetime.datetime, int, dict]]:
    """One subscription's year: two direct deposits a month with an ``amount``, the rest ATM withdrawals
    (40 % at foreign ATMs, a tenth of them with a quantity of 2), as (event, at, quantity, attributes)."""
    for n in range(per_subscription):
        if n < DEPOSITS:
            at = YEAR_START + datetime.timedelta(days=(n // 2) * 30.4 + 1 + (n % 2) * 14, hours=6)
            yield 'direct-deposit', at, 1, {'amount': f'{rng.randint(100, 900)}.{rng.randint(0, 99):02d}'}
        else:
            at = YEAR_START + datetime.timedelta(seconds=rng.randrange(YEAR_SECONDS))
            event = 'foreign-atm-withdrawal' if rng.random() < 0.4 else 'atm-withdrawal'
            yield event, at, (2 if rng.random() < 0.1 else 1), {}


def write_events(folder: Path, subscriptions: list[str], per_subscription: int, seed: int, files: int) -> list[Path]:
    """The year's events as ``files`` CSV files for ``accord consume --file`` (each a share of the
    subscriptions, every event named), in ``folder``; returns the paths."""
    rng = random.Random(seed)
    paths = [folder / f'events-{part + 1:02d}.csv' for part in range(files)]
    share = -(-len(subscriptions) // files)
    for part, path in enumerate(paths):
        with path.open('w', newline='', encoding='utf-8') as handle:
            writer = csv.writer(handle)
            writer.writerow(EVENT_COLUMNS)
            for index in range(part * share, min(len(subscriptions), (part + 1) * share)):
                subscription = subscriptions[index]
                for n, (event, at, quantity, attributes) in enumerate(year_events(per_subscription, rng)):
                    writer.writerow((f'{subscription}-e{n}', subscription, event,
                                     at.strftime('%Y-%m-%dT%H:%M:%SZ'), quantity, attributes.get('amount', '')))
    return paths


def write_activity(path: Path, subscriptions: list[str], count: int) -> dict[str, int]:
    """About ``count`` grants, deliveries and actions as YAML documents for ``accord apply``: for each
    subscription in turn its debit-card grant, a card replacement, and a checkbook delivered (standard checking
    only: students get none), until ``count``; returns the documents per kind."""
    kinds = {'AccessGrant': 0, 'ActionInstance': 0, 'GoodsDelivery': 0}
    with path.open('w', encoding='utf-8') as handle:
        for index, subscription in enumerate(subscriptions):
            if sum(kinds.values()) >= count:
                break
            consumer = subscription.removesuffix('-checking')
            day = datetime.date(2025, 1, 1) + datetime.timedelta(days=index % 360)
            handle.write(_document('AccessGrant', f'{consumer}-debit-card', {
                'subscription': subscription, 'element': 'debit-card', 'grantee': f'organization:{consumer}',
                'validFrom': f'{day}T09:00:00Z'}))
            handle.write(_document('ActionInstance', f'{consumer}-card-replacement', {
                'subscription': subscription, 'element': 'card-replacement', 'requestedAt': f'{day}T10:00:00Z',
                'startedAt': f'{day}T14:00:00Z', 'completedAt': f'{day}T16:00:00Z', 'quality': 4}))
            kinds['AccessGrant'] += 1
            kinds['ActionInstance'] += 1
            if index % 2:  # the standard-checking half (see bench_charges.generate_subscriptions)
                handle.write(_document('GoodsDelivery', f'{consumer}-checkbook', {
                    'subscription': subscription, 'element': 'checkbook', 'quantity': 1, 'at': f'{day}T11:00:00Z'}))
                kinds['GoodsDelivery'] += 1
    return kinds


def _document(kind: str, name: str, spec: dict) -> str:
    fields = ''.join(f'  {key}: {value}\n' for key, value in spec.items())
    return f'---\napiVersion: accord/v1\nkind: {kind}\nmetadata:\n  name: {name}\nspec:\n{fields}'

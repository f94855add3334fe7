"""``accord consume SUBSCRIPTION EVENT [--quantity N] [--at INSTANT]``: one usage fact, as ``record_consumption``;
``accord consume --file events.csv``: many, all or none.

Each event is checked as the model checks every event (the subscription holds at its instant, the event type is
no slip of one the offering's price plan reads) and logged with the source ``cli``; ``accord charges`` then counts
it. A file is CSV with a header: ``subscription``, ``event`` and ``at`` are required, ``quantity`` (default 1) and
``name`` optional, and every other column an attribute (``amount``...; an empty cell is left out). Its events are
recorded in one transaction by ``record_events``, read and written a chunk at a time (a year of millions of events
fits in the memory of one chunk); any problem writes nothing and is reported as ``FILE:LINE``.
"""

import csv
from collections import deque
from collections.abc import Iterator
from itertools import islice
from pathlib import Path

from accord.cli.actor import cli_actor
from accord.cli.output import Output
from accord.cli.records import find, instant, refusals
from accord.cli.status import CommandError, ExitStatus

QUERY = True
REQUIRED = ('subscription', 'event', 'at')
COLUMNS = (*REQUIRED, 'quantity', 'name')


def register(sub):
    parser = sub.add_parser('consume', help='record a consumption event of a subscription, or a file of them')
    parser.add_argument('subscription', metavar='SUBSCRIPTION', nargs='?')
    parser.add_argument('event', metavar='EVENT', nargs='?', help='the kind of event (atm-withdrawal, night...)')
    parser.add_argument('--quantity', type=int, default=1, metavar='N', help='how many (default 1)')
    parser.add_argument('--at', metavar='INSTANT', help='ISO 8601 instant with a UTC offset (default: now)')
    parser.add_argument('--name', default='', help="the event's name (default: SUBSCRIPTION-EVENT-INSTANT)")
    parser.add_argument('--file', metavar='FILE', help='a CSV file of events: subscription,event,at[,quantity]'
                                                       '[,name][,ATTRIBUTE...]')
    return parser


def run(args, out: Output) -> ExitStatus:
    if (args.file is None) == (args.subscription is None or args.event is None):
        raise CommandError('name SUBSCRIPTION EVENT, or --file FILE (not both)', ExitStatus.USAGE)
    if args.file is not None:
        return _run_file(Path(args.file), out)
    from django.utils import timezone

    from accord.provision import services
    from accord.relationships.models import Subscription

    subscription = find(Subscription.objects.all(), args.subscription, 'subscription')
    at = instant(args.at) or timezone.now()
    with refusals(args.name or f'event {args.event} of {subscription.name}'):
        event = services.record_consumption(subscription, args.event, at=at, quantity=args.quantity, name=args.name,
                                            actor=cli_actor())
    answer = {'name': event.name, 'subscription': subscription.name, 'event': event.event,
              'at': event.at.isoformat(), 'quantity': event.quantity}
    out.answer(answer, lambda a, o: o.line(
        f'Event {a["name"]}: {a["quantity"]} {a["event"]} of {a["subscription"]} at {a["at"]}.'))
    return ExitStatus.SUCCESS


def _run_file(path: Path, out: Output) -> ExitStatus:
    from django.core.exceptions import ValidationError

    from accord.provision.consumption import record_events

    events = _EventFile(path)
    try:
        recorded = record_events(events.read(), actor=cli_actor())
    except ValidationError as error:
        raise CommandError('\n'.join(events.located(error))) from None
    answer = {'file': str(path), 'recorded': recorded}
    out.answer(answer, lambda a, o: o.line(f'Recorded {a["recorded"]} consumption event(s) from {a["file"]}.'))
    return ExitStatus.SUCCESS


class _EventFile:
    """A CSV file of events, read as ``record_events`` writes them: a chunk at a time, so a year of events (millions)
    needs the memory of one chunk and of the subscriptions named, not of the year.

    Problems of reading (a column, an unknown subscription) stop the writing but not the reading: every one in the
    file is reported at once, as ``FILE:LINE: column: message``, and the transaction writes nothing. A problem the
    model finds is named by ``record_events`` by position within the chunk being checked, always the last chunk
    read, whose lines are kept.
    """

    def __init__(self, path: Path):
        from accord.provision.consumption import CHUNK

        self.path = path
        self.lines: deque[int] = deque(maxlen=CHUNK)  # the lines of the last CHUNK events read
        self.count = 0  # events read so far
        self.subscriptions: dict = {}  # by name, each with the one shared instance of its offering
        self.offerings: dict = {}

    def read(self) -> Iterator:
        """The file's events, unsaved, their subscriptions loaded (one query per chunk for the new names)."""
        from accord.provision.consumption import CHUNK

        problems = []
        try:
            with self.path.open(newline='', encoding='utf-8') as handle:
                reader = csv.DictReader(handle)
                missing = [column for column in REQUIRED if column not in (reader.fieldnames or ())]
                if missing:
                    raise CommandError(f'{self.path}:1: the header lacks {", ".join(missing)} '
                                       f'(needs {", ".join(REQUIRED)})')
                while rows := [(reader.line_num, row) for row in islice(reader, CHUNK)]:
                    self._load_subscriptions({(row['subscription'] or '').strip() for _line, row in rows})
                    for line, row in rows:
                        try:
                            event = _event({key: (value or '').strip() for key, value in row.items() if key},
                                           self.subscriptions)
                        except CommandError as error:
                            problems.append(f'{self.path}:{line}: {error}')
                            continue
                        if not problems:
                            self.lines.append(line)
                            self.count += 1
                            yield event
        except (OSError, UnicodeDecodeError, csv.Error) as error:
            raise CommandError(f'{self.path}: {error}') from None
        if problems:
            raise CommandError('\n'.join(problems))
        if not self.count:
            raise CommandError(f'{self.path}: no events')

    def _load_subscriptions(self, names: set[str]) -> None:
        from accord.relationships.models import Subscription

        new = names - self.subscriptions.keys()
        for name, subscription in Subscription.objects.select_related('offering').in_bulk(
                new, field_name='name').items():
            subscription.offering = self.offerings.setdefault(subscription.offering_id, subscription.offering)
            self.subscriptions[name] = subscription

    def located(self, error) -> list[str]:
        """``record_events`` names an event by its position (``events[3].at``) among all read."""
        messages = []
        first = self.count - len(self.lines)
        for field, texts in error.message_dict.items():
            index, _, column = field.partition('.')
            line = self.lines[int(index[len('events['):-1]) - first]
            messages.extend(f'{self.path}:{line}: {column}: {text}' for text in texts)
        return messages


def _event(row: dict[str, str], subscriptions: dict):
    """One row as an unsaved event: the columns named, every other one an attribute."""
    from accord.provision.models import ConsumptionEvent
    from accord.relationships.models import Subscription

    subscription = subscriptions.get(row['subscription']) or find(Subscription.objects.all(), row['subscription'],
                                                                  'subscription')
    quantity = row.get('quantity') or '1'
    if not quantity.isdigit():
        raise CommandError(f'quantity: {quantity!r} is not a whole number')
    if not row['at']:
        raise CommandError('at: an instant is required')
    return ConsumptionEvent(subscription=subscription, event=row['event'], at=instant(row['at'], 'at'),
                            quantity=int(quantity), name=row.get('name', ''),
                            attributes={key: value for key, value in row.items() if key not in COLUMNS and value})

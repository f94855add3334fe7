"""``accord capacity RESOURCE --from INSTANT --to INSTANT``: per slot, capacity, used, perished, revenue lost."""

from accord.cli.arguments import read_option
from accord.cli.output import Output
from accord.cli.status import CommandError, ExitStatus

QUERY = True


def register(sub):
    parser = sub.add_parser('capacity', help='per slot of a resource: capacity, used, perished, revenue lost')
    parser.add_argument('resource', metavar='RESOURCE')
    parser.add_argument('--from', dest='start', required=True, metavar='INSTANT', help='ISO 8601 instant with offset')
    parser.add_argument('--to', dest='end', required=True, metavar='INSTANT', help='ISO 8601 instant (excluded)')
    return parser


def run(args, out: Output) -> ExitStatus:
    from accord.analysis.capacity import PARAMETERS, CapacityError, capacity

    start = read_option(PARAMETERS['from'], args.start, '--from')
    end = read_option(PARAMETERS['to'], args.end, '--to')
    try:
        out.answer(capacity(args.resource, start, end), render)
    except CapacityError as error:
        raise CommandError(str(error)) from None
    return ExitStatus.SUCCESS


def render(answer: dict, out: Output) -> None:
    rows = [[s['slot'], f'{_short(s["start"])} – {_short(s["end"])}', s['capacity'], s['used'], s['perished'],
             s['utilization'], '' if s['unrealizedRevenue'] is None else f'{s["unrealizedRevenue"]} {s["currency"]}']
            for s in answer['slots']]
    out.table(f'Capacity of {answer["resource"]} (UTC)', ['slot', 'span', 'capacity', 'used', 'perished',
                                                          'utilization', 'revenue lost'], rows)
    if not rows:
        out.line('No slot in that span.')


def _short(instant: str) -> str:
    """``2025-03-10T09:00:00+00:00`` as ``2025-03-10 09:00`` (the JSON keeps the whole instant)."""
    return instant[:16].replace('T', ' ')

"""``accord owner ITEM [--at INSTANT]``: who owns the item then, and every transfer of it."""

from accord.cli.arguments import read_option
from accord.cli.output import Output
from accord.cli.status import CommandError, ExitStatus

QUERY = True


def register(sub):
    parser = sub.add_parser('owner', help='who owns an item at an instant, and its ownership history')
    parser.add_argument('item', metavar='ITEM')
    parser.add_argument('--at', metavar='INSTANT', help='ISO 8601 instant with a UTC offset (default: now)')
    return parser


def run(args, out: Output) -> ExitStatus:
    from accord.analysis.ownership import PARAMETERS, OwnershipError, ownership

    at = read_option(PARAMETERS['at'], args.at, '--at')
    try:
        out.answer(ownership(args.item, at), render)
    except OwnershipError as error:
        raise CommandError(str(error)) from None
    return ExitStatus.SUCCESS


def render(answer: dict, out: Output) -> None:
    out.line(f'{answer["item"]} is owned by {answer["owner"]} {"at " + answer["at"] if answer["at"] else "now"}.')
    if answer['history']:
        out.table('Ownership history', ['at', 'from', 'to', 'why', 'record'],
                  [[t['at'], t['from'], t['to'], t['reason'], t['record']] for t in answer['history']])
    else:
        out.line('It has never changed owner.')

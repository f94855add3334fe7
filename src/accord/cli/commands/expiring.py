"""``accord expiring [--within 30d] [--at INSTANT]``: subscriptions, agreements and access grants ending soon."""

from accord.cli.arguments import read_option
from accord.cli.output import Output
from accord.cli.status import ExitStatus

QUERY = True


def register(sub):
    parser = sub.add_parser('expiring', help='subscriptions, agreements and access grants that end soon')
    parser.add_argument('--within', default='30d', metavar='Nd', help='how far ahead, in days (default 30d)')
    parser.add_argument('--at', metavar='INSTANT', help='counted from (ISO 8601 with offset; default now)')
    return parser


def run(args, out: Output) -> ExitStatus:
    from accord.analysis.expiring import PARAMETERS, expiring

    within = read_option(PARAMETERS['within'], args.within, '--within')
    at = read_option(PARAMETERS['at'], args.at, '--at')
    out.answer(expiring(within, at), render)
    return ExitStatus.SUCCESS


def render(answer: dict, out: Output) -> None:
    rows = []
    for relationship in answer['relationships']:
        for s in relationship['subscriptions']:
            rows.append([relationship['relationship'], 'subscription', s['name'], s['end'], s['daysLeft']])
        for a in relationship['agreements']:
            rows.append([relationship['relationship'], f'agreement ({a["kind"]})', a['name'], a['effectiveTo'],
                         a['daysLeft']])
        for g in relationship['accessGrants']:
            rows.append([relationship['relationship'], 'access grant', g['name'], g['validTo'][:10], g['daysLeft']])
    title = f'Ending by {answer["until"]} (within {answer["within"]})'
    if rows:
        out.table(title, ['relationship', 'what', 'name', 'ends', 'days left'], rows)
    else:
        out.line(f'{title}: nothing.')

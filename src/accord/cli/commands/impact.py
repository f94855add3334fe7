"""``accord impact organization:NAME | resource:NAME [--at INSTANT]``: the impact of a failure.

The walk is ``accord.analysis.impact`` (domain.md section 6): consumers affected with their
depth, and the resources, products, services, offerings and subscriptions affected.
"""

import datetime

from accord.cli.arguments import value_of
from accord.cli.output import Output
from accord.cli.status import CommandError, ExitStatus

QUERY = True


def source_argument(text: str) -> tuple[str, str]:
    """``organization:NAME`` or ``resource:NAME``; anything else is a usage error (exit 2)."""
    from accord.analysis.impact import PARAMETERS

    return value_of(PARAMETERS['source'], text)


def instant_argument(text: str) -> datetime.datetime:
    """An ISO 8601 instant with a UTC offset (``2025-03-10T12:00:00+01:00``, ``...Z``); else exit 2."""
    from accord.analysis.impact import PARAMETERS

    return value_of(PARAMETERS['at'], text)


def register(sub):
    parser = sub.add_parser('impact', help='who and what is affected when an organization or a resource fails')
    parser.add_argument('source', type=source_argument, metavar='SOURCE', help='organization:NAME or resource:NAME')
    parser.add_argument(
        '--at',
        type=instant_argument,
        metavar='INSTANT',
        help='ISO 8601 instant with an offset; subscriptions active on its day are followed (default: now)',
    )
    return parser


def run(args, out: Output) -> ExitStatus:
    from accord.analysis.impact import ImpactError, find_source, impact

    kind, name = args.source
    try:
        answer = impact(find_source(kind, name), args.at).to_json()
    except ImpactError as error:
        raise CommandError(str(error)) from None
    out.answer(answer, render)
    return ExitStatus.SUCCESS


def render(answer: dict, out: Output) -> None:
    when = f' at {answer["at"]}' if answer['at'] else ' now'
    if answer['consumers']:
        consumers = sorted(answer['consumers'], key=lambda c: (c['depth'], c['organization']))
        rows = [[c['organization'], c['depth']] for c in consumers]
        out.table(f'Impact of {answer["source"]}{when}: consumers affected', ['organization', 'depth'], rows)
    else:
        out.line(f'Impact of {answer["source"]}{when}: no consumer affected.')
    rows = [[what, len(answer[what]), ', '.join(answer[what])]
            for what in ('resources', 'products', 'services', 'offerings', 'subscriptions')]
    out.table('Affected', ['what', 'count', 'names'], rows)

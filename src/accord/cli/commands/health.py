"""``accord health RELATIONSHIP --period YYYY-MM``: the relationship's health score, band and components."""

from accord.cli.output import Output
from accord.cli.status import CommandError, ExitStatus

QUERY = True


def register(sub):
    parser = sub.add_parser('health', help='relationship health score, band and its components')
    parser.add_argument('relationship', metavar='RELATIONSHIP')
    parser.add_argument('--period', required=True, metavar='YYYY-MM', help='the month assessed')
    return parser


def run(args, out: Output) -> ExitStatus:
    from accord.analysis.health import HealthError, relationship_health

    try:
        answer = relationship_health(args.relationship, args.period)
    except HealthError as error:
        raise CommandError(str(error)) from None
    out.answer(answer, render)
    return ExitStatus.SUCCESS


def render(answer: dict, out: Output) -> None:
    from accord.analysis.health import WEIGHTS

    rows = [
        [name, 'missing' if figure is None else figure, format(float(WEIGHTS[name]), '.1f')]
        for name, figure in answer['components'].items()
    ]
    out.table(f'Health of {answer["relationship"]}, {answer["period"]}', ['component', 'figure', 'weight'], rows)
    out.line(f'Score: {answer["score"]} ({answer["band"]})')
    if None in answer['components'].values():
        out.line('Missing components are left out and the weights of the others rescaled.')

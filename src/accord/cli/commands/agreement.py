"""``accord agreement AGREEMENT --period YYYY-MM``: each target met or missed, the statuses and the watermelon flag."""

from accord.cli.output import Output
from accord.cli.status import CommandError, ExitStatus

QUERY = True
MET = {True: 'met', False: 'missed', None: 'not measured'}


def register(sub):
    parser = sub.add_parser('agreement', help='per target met or missed, operational and overall status, watermelon')
    parser.add_argument('agreement', metavar='AGREEMENT')
    parser.add_argument('--period', required=True, metavar='YYYY-MM', help='the month assessed')
    return parser


def run(args, out: Output) -> ExitStatus:
    from accord.analysis.agreements import AgreementError, agreement_status

    try:
        answer = agreement_status(args.agreement, args.period)
    except AgreementError as error:
        raise CommandError(str(error)) from None
    out.answer(answer, render)
    return ExitStatus.SUCCESS


def render(answer: dict, out: Output) -> None:
    rows = [
        [t['name'], t['kind'], f'{t["comparator"]} {t["value"]}', '' if t['actual'] is None else t['actual'],
         MET[t['met']]]
        for t in answer['targets']
    ]
    out.table(f'Agreement {answer["agreement"]}, {answer["period"]}', ['target', 'kind', 'level', 'actual', 'result'],
              rows)
    out.line(f'Operational status: {answer["operationalStatus"] or "nothing measured"}')
    out.line(f'Overall status: {answer["overallStatus"] or "nothing measured"}')
    if answer['watermelon']:
        out.line('Watermelon: yes (operations green, but experience, outcomes or satisfaction red)')
    else:
        out.line('Watermelon: no')

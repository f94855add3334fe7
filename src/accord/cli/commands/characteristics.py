"""``accord characteristics OFFERING [--from DATE --to DATE]``: the four service characteristics measured."""

from accord.cli.arguments import read_option
from accord.cli.output import Output
from accord.cli.status import CommandError, ExitStatus

QUERY = True


def register(sub):
    parser = sub.add_parser('characteristics', help='intangibility, heterogeneity, inseparability, perishability')
    parser.add_argument('offering', metavar='OFFERING')
    parser.add_argument('--from', dest='first', metavar='DATE', help='first day counted, YYYY-MM-DD')
    parser.add_argument('--to', dest='last', metavar='DATE', help='last day counted, YYYY-MM-DD (inclusive)')
    return parser


def run(args, out: Output) -> ExitStatus:
    from accord.analysis.characteristics import PARAMETERS, CharacteristicsError, characteristics

    first = read_option(PARAMETERS['from'], args.first, '--from')
    last = read_option(PARAMETERS['to'], args.last, '--to')
    try:
        out.answer(characteristics(args.offering, first, last), render)
    except CharacteristicsError as error:
        raise CommandError(str(error)) from None
    return ExitStatus.SUCCESS


def _figure(value) -> str:
    return '–' if value is None else str(value)


def render(answer: dict, out: Output) -> None:
    span = f' from {answer["from"] or "the first record"} to {answer["to"] or "the last"}'
    i, h, s, p = (answer[k] for k in ('intangibility', 'heterogeneity', 'inseparability', 'perishability'))
    revenue = ', '.join(f'{amount} {currency}' for currency, amount in p['unrealizedRevenue'].items()) or '–'
    out.table(f'Characteristics of {answer["offering"]}{span}', ['characteristic', 'measure', 'inputs'], [
        ['intangibility', f'goods share {_figure(i["goodsShare"])}',
         f'{i["goods"]} good(s), {i["access"]} access, {i["actions"]} action(s) of {i["elements"]} element(s)'],
        ['heterogeneity', f'cv {_figure(h["cv"])}', f'{h["actions"]} completed action(s), mean '
         f'{_figure(h["meanMinutes"])} min, stdev {_figure(h["stdevMinutes"])} min'],
        ['inseparability', f'presence share {_figure(s["presenceShare"])}',
         f'{s["requiringPresence"]} of {s["actionElements"]} action element(s) need the consumer; '
         f'{s["consumerPresent"]} of {s["actions"]} action(s) performed with them'],
        ['perishability', f'utilization {_figure(p["utilization"])}',
         f'{p["slots"]} slot(s): {p["used"]} of {p["capacity"]} unit(s) used, {p["perished"]} perished, '
         f'revenue lost {revenue}'],
    ])
    if h['perPerformer']:
        out.table('Action durations per performer (minutes)', ['performer', 'actions', 'mean', 'stdev', 'cv'],
                  [[r['performer'], r['actions'], _figure(r['meanMinutes']), _figure(r['stdevMinutes']),
                    _figure(r['cv'])] for r in h['perPerformer']])

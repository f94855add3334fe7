"""``accord charges SUBSCRIPTION --period YYYY-MM`` and the bill run ``accord charges --all --period YYYY-MM``.

A month's charge computed from stored consumption events, period facts, subscriptions and conversions
(``accord.analysis.charges``), with the lines of ``accord quote``; the bill run charges every subscription
holding in the month, with totals per provider and currency, also as CSV (``--format csv``).
"""

import csv

from accord.cli.arguments import read_option
from accord.cli.output import Output
from accord.cli.status import CommandError, ExitStatus

FORMATS = ('table', 'json', 'csv')
QUERY = True
CSV_COLUMNS = ('subscription', 'offering', 'provider', 'consumer', 'currency', 'total')


def register(sub):
    parser = sub.add_parser('charges', help="a month's charge of a subscription, or of every one (--all)")
    parser.add_argument('subscription', metavar='SUBSCRIPTION', nargs='?')
    parser.add_argument('--all', action='store_true', help='the bill run: every subscription holding in the month')
    parser.add_argument('--period', required=True, metavar='YYYY-MM', help='the month charged')
    return parser


def run(args, out: Output) -> ExitStatus:
    from accord.analysis.charges import BILL_RUN_PARAMETERS, ChargesError, bill_run, charges

    if args.all == (args.subscription is not None):
        raise CommandError('name one SUBSCRIPTION, or --all for the bill run (not both)', ExitStatus.USAGE)
    period = read_option(BILL_RUN_PARAMETERS['period'], args.period, '--period')
    try:
        if args.all:
            out.answer(bill_run(period), render_bill_run)
        else:
            out.answer(charges(args.subscription, period), render)
    except ChargesError as error:
        raise CommandError(str(error)) from None
    return ExitStatus.SUCCESS


def render(answer: dict, out: Output) -> None:
    if out.format == 'csv':
        writer = csv.writer(out.stdout, lineterminator='\n')
        writer.writerow(['kind', 'event', 'count', 'free', 'amount', 'reason'])
        for line in answer['lines']:
            writer.writerow([line['kind'], line.get('event', ''), line.get('count', ''), line.get('free', ''),
                             line['amount'], line.get('reason', '')])
        return
    currency = answer['currency'] or ''
    rows = [[line.get('event', line['kind']), ('waived: ' if line.get('waived') else '') + line['reason'],
             line['amount']] for line in answer['lines']]
    rows.append(['total', '', answer['total']])
    title = (f'Charges: {answer["subscription"]} ({answer["offering"]}), {answer["period"]}, '
             f'quantity {answer["quantity"]}') + (f' ({currency})' if currency else '')
    out.table(title, ['line', 'why', 'amount'], rows)
    if not answer['lines']:
        out.line(f'{answer["subscription"]} does not hold in {answer["period"]}: nothing is due.')
    out.line(f'Total: {answer["total"]} {currency}'.rstrip())


def render_bill_run(answer: dict, out: Output) -> None:
    if out.format == 'csv':
        writer = csv.writer(out.stdout, lineterminator='\n')
        writer.writerow(CSV_COLUMNS)
        for line in answer['subscriptions']:
            writer.writerow([line[column] for column in CSV_COLUMNS])
        return
    rows = [[line['subscription'], line['offering'], line['consumer'], line['currency'], line['total']]
            for line in answer['subscriptions']]
    out.table(f'Bill run {answer["period"]}: {len(rows)} subscription(s)',
              ['subscription', 'offering', 'consumer', 'currency', 'total'], rows)
    out.table('Totals per provider and currency', ['provider', 'currency', 'subscriptions', 'total'],
              [[t['provider'], t['currency'], t['subscriptions'], t['total']] for t in answer['totals']])
    if answer['unpriced']:
        out.line(f'Not charged, their offering has no price plan: {len(answer["unpriced"])} subscription(s), '
                 + ', '.join(f'{u["subscription"]} ({u["offering"]})' for u in answer['unpriced']) + '.')

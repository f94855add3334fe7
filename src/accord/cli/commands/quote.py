"""``accord quote OFFERING [--group GROUP] [--quantity N] [--fact NAME=VALUE]... [--subscribed OFFERING]...``.

The charge of an offering for one period with the facts given on the command line; the
computation is ``accord.analysis.quotes``, shared with ``accord charges``.
"""

from accord.cli.arguments import value_of
from accord.cli.output import Output
from accord.cli.status import CommandError, ExitStatus

QUERY = True


def fact_argument(text: str) -> tuple[str, str]:
    """``NAME=VALUE`` split in two; a malformed argument is a usage error (exit 2), a bad value is not."""
    from accord.analysis.quotes import PARAMETERS

    return value_of(PARAMETERS['fact'], text)


def quantity_argument(text: str) -> int:
    """A whole number; anything else is a usage error (exit 2). Below 1 is the quote's to refuse (exit 1)."""
    from accord.analysis.quotes import PARAMETERS

    return value_of(PARAMETERS['quantity'], text)


def register(sub):
    parser = sub.add_parser('quote', help='the charge of an offering for one period, with the facts given')
    parser.add_argument('offering', metavar='OFFERING')
    parser.add_argument('--group', metavar='GROUP', help='the target group quoted for (needed when there are several)')
    parser.add_argument(
        '--quantity', type=quantity_argument, default=1, metavar='N', help='users, nights or units (default 1)'
    )
    parser.add_argument(
        '--fact',
        type=fact_argument,
        action='append',
        default=[],
        metavar='NAME=VALUE',
        help='a waiver fact, or EVENT=N events of a type (repeatable)',
    )
    parser.add_argument(
        '--subscribed',
        action='append',
        default=[],
        metavar='OFFERING',
        help='an offering the consumer also subscribes to (repeatable)',
    )
    return parser


def run(args, out: Output) -> ExitStatus:
    from accord.analysis.quotes import QuoteError, parse_facts, quote, unused_subscriptions

    try:
        facts = parse_facts(args.fact)
        answer = quote(
            args.offering, group=args.group, quantity=args.quantity, facts=facts, subscribed=set(args.subscribed)
        )
    except QuoteError as error:
        raise CommandError(str(error)) from None
    for warning in unused_subscriptions(args.offering, set(args.subscribed)):
        out.error(f'accord: warning: {warning}')
    out.answer(answer, render)
    return ExitStatus.SUCCESS


def render(answer: dict, out: Output) -> None:
    currency = answer['currency'] or ''
    group = f' for {answer["group"]}' if answer['group'] else ''
    rows = []
    for line in answer['lines']:
        if line['kind'] == 'fee':
            rows.append(['fee', ('waived: ' if line['waived'] else '') + line['reason'], line['amount']])
        else:
            detail = f'{line["count"]} event(s), {line["free"]} free'
            rows.append([line['event'], detail, line['amount']])
    rows.append(['total', '', answer['total']])
    title = f'Quote: {answer["offering"]}{group}, quantity {answer["quantity"]}'
    title += f' ({currency})' if currency else ''
    out.table(title, ['line', 'why', 'amount'], rows)
    out.line(f'Total: {answer["total"]} {currency}'.rstrip())

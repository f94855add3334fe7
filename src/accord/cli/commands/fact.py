"""``accord fact SUBSCRIPTION NAME VALUE --period YYYY-MM``: a fact measured over a month, as ``record_period_fact``.

A period fact (an average balance) is what a waiver compares beside the counted events; ``accord charges`` reads
it for its month. A new value for the same subscription, month and name replaces the earlier one, logged.
"""

from decimal import Decimal, InvalidOperation

from accord.cli.actor import cli_actor
from accord.cli.output import Output
from accord.cli.records import find, refusals
from accord.cli.status import CommandError, ExitStatus

QUERY = True


def register(sub):
    parser = sub.add_parser('fact', help='record a fact measured for a subscription over a month')
    parser.add_argument('subscription', metavar='SUBSCRIPTION')
    parser.add_argument('fact', metavar='NAME', help='the name a waiver condition uses (average-balance...)')
    parser.add_argument('value', metavar='VALUE', help='a decimal number')
    parser.add_argument('--period', required=True, metavar='YYYY-MM', help='the month measured')
    parser.add_argument('--name', default='', help="the record's name (default: SUBSCRIPTION-NAME-YYYY-MM)")
    return parser


def run(args, out: Output) -> ExitStatus:
    from accord.provision import services
    from accord.relationships.models import Subscription

    subscription = find(Subscription.objects.all(), args.subscription, 'subscription')
    try:
        value = Decimal(args.value)
    except InvalidOperation:
        raise CommandError(f'VALUE: {args.value!r} is not a decimal number') from None
    with refusals(f'fact {args.fact} of {subscription.name}'):
        fact = services.record_period_fact(subscription, args.fact, value, period=args.period, name=args.name,
                                           actor=cli_actor())
    answer = {'name': fact.name, 'subscription': subscription.name, 'period': fact.period, 'fact': fact.fact,
              'value': str(fact.value)}
    out.answer(answer, lambda a, o: o.line(
        f'Fact {a["name"]}: {a["fact"]} = {a["value"]} for {a["subscription"]} in {a["period"]}.'))
    return ExitStatus.SUCCESS

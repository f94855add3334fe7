"""``accord consume SUBSCRIPTION EVENT [--quantity N] [--at INSTANT]``: one usage fact, as ``record_consumption``.

The event is checked as the model checks every event (the subscription holds at its instant, the offering
prices or declares the event) and logged with the source ``cli``; ``accord charges`` then counts it.
"""

from accord.cli.actor import cli_actor
from accord.cli.output import Output
from accord.cli.records import find, instant, refusals
from accord.cli.status import ExitStatus

QUERY = True


def register(sub):
    parser = sub.add_parser('consume', help='record a consumption event of a subscription')
    parser.add_argument('subscription', metavar='SUBSCRIPTION')
    parser.add_argument('event', metavar='EVENT', help='the kind of event (atm-withdrawal, night...)')
    parser.add_argument('--quantity', type=int, default=1, metavar='N', help='how many (default 1)')
    parser.add_argument('--at', metavar='INSTANT', help='ISO 8601 instant with a UTC offset (default: now)')
    parser.add_argument('--name', default='', help="the event's name (default: SUBSCRIPTION-EVENT-INSTANT)")
    return parser


def run(args, out: Output) -> ExitStatus:
    from django.utils import timezone

    from accord.provision import services
    from accord.relationships.models import Subscription

    subscription = find(Subscription.objects.all(), args.subscription, 'subscription')
    at = instant(args.at) or timezone.now()
    with refusals(args.name or f'event {args.event} of {subscription.name}'):
        event = services.record_consumption(subscription, args.event, at=at, quantity=args.quantity, name=args.name,
                                            actor=cli_actor())
    answer = {'name': event.name, 'subscription': subscription.name, 'event': event.event,
              'at': event.at.isoformat(), 'quantity': event.quantity}
    out.answer(answer, lambda a, o: o.line(
        f'Event {a["name"]}: {a["quantity"]} {a["event"]} of {a["subscription"]} at {a["at"]}.'))
    return ExitStatus.SUCCESS

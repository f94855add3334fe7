"""``accord reserve SLOT SUBSCRIPTION [--units N] [--at INSTANT]``: book units of a capacity slot, as ``reserve``.

Only before the slot ends and never beyond its capacity, also when two bookings of the last unit arrive at
once (the verb locks the slot); logged with the source ``cli``.
"""

from accord.cli.actor import cli_actor
from accord.cli.output import Output
from accord.cli.records import find, instant, refusals
from accord.cli.status import ExitStatus

QUERY = True


def register(sub):
    parser = sub.add_parser('reserve', help='book units of a capacity slot for a subscription')
    parser.add_argument('slot', metavar='SLOT')
    parser.add_argument('subscription', metavar='SUBSCRIPTION')
    parser.add_argument('--units', type=int, default=1, metavar='N', help='how many units (default 1)')
    parser.add_argument('--at', metavar='INSTANT', help='when the booking is made (default: now)')
    return parser


def run(args, out: Output) -> ExitStatus:
    from accord.provision import services
    from accord.provision.models import CapacitySlot
    from accord.relationships.models import Subscription

    slot = find(CapacitySlot.objects.all(), args.slot, 'capacity slot')
    subscription = find(Subscription.objects.all(), args.subscription, 'subscription')
    at = instant(args.at)
    with refusals(f'reservation of {slot.name} for {subscription.name}'):
        reservation = services.reserve(slot, subscription, units=args.units, at=at, actor=cli_actor())
    answer = {'name': reservation.name, 'slot': slot.name, 'subscription': subscription.name,
              'units': reservation.units, 'at': reservation.at.isoformat()}
    out.answer(answer, lambda a, o: o.line(
        f'Reservation {a["name"]}: {a["units"]} unit(s) of {a["slot"]} for {a["subscription"]}, made at {a["at"]}.'))
    return ExitStatus.SUCCESS

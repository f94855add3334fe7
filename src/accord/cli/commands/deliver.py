"""``accord deliver SUBSCRIPTION ELEMENT (--item ITEM... | --quantity N) [--at]``: goods handed to the consumer.

Each item changes owner in the same transaction (``deliver_goods``); the change log says the command line did it.
"""

from accord.cli.actor import cli_actor
from accord.cli.output import Output
from accord.cli.records import find, instant, refusals
from accord.cli.status import ExitStatus

QUERY = True


def register(sub):
    parser = sub.add_parser('deliver', help="deliver items (or untracked units) of a subscription's good element")
    parser.add_argument('subscription', metavar='SUBSCRIPTION')
    parser.add_argument('element', metavar='ELEMENT', help="a good element of the subscription's offering")
    what = parser.add_mutually_exclusive_group(required=True)
    what.add_argument('--item', action='append', default=[], metavar='ITEM', dest='items',
                      help='an item the provider owns (repeat for more)')
    what.add_argument('--quantity', type=int, metavar='N', help='units of a good whose items are not tracked')
    parser.add_argument('--at', metavar='INSTANT', help='ISO 8601 instant with a UTC offset (default: now)')
    return parser


def subscription_element(subscription_name: str, element_name: str):
    """The subscription and the element of its offering, by name; unknown names answered with suggestions."""
    from accord.relationships.models import Subscription

    subscription = find(Subscription.objects.select_related('relationship__provider', 'relationship__consumer',
                                                             'offering'), subscription_name, 'subscription')
    element = find(subscription.offering.elements.all(), element_name, f'element of {subscription.offering.name}')
    return subscription, element


def run(args, out: Output) -> ExitStatus:
    from accord.provision import services
    from accord.resources.models import Item

    subscription, element = subscription_element(args.subscription, args.element)
    items = [find(Item.objects.all(), name, 'item') for name in args.items]
    at = instant(args.at)
    with refusals(f'delivery of {element.name} to {subscription.name}'):
        delivery = services.deliver_goods(subscription, element, items=items, quantity=args.quantity, at=at,
                                          actor=cli_actor())
    answer = {'name': delivery.name, 'subscription': subscription.name, 'element': element.name,
              'items': sorted(item.name for item in items), 'quantity': delivery.quantity,
              'at': delivery.at.isoformat(), 'owner': subscription.relationship.consumer.name}
    out.answer(answer, render)
    return ExitStatus.SUCCESS


def render(answer: dict, out: Output) -> None:
    what = ', '.join(answer['items']) if answer['items'] else f'{answer["quantity"]} unit(s)'
    out.line(f'Delivery {answer["name"]}: {what} of {answer["element"]} delivered to {answer["owner"]} '
             f'({answer["subscription"]}) at {answer["at"]}.')

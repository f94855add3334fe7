"""``accord order place|approve|reject|fulfil|cancel``: an order's lifecycle, through the same verbs as the API.

A consumer's person orders a request item of a subscription (or an offering for a group); a sponsor of the
relationship approves or rejects what asks for approval; the provider fulfils it, which creates the
subscription, delivery, grant or action the order asks for. Each write is logged with the source ``cli``.
"""

from accord.cli.actor import cli_actor
from accord.cli.output import FORMATS, Output
from accord.cli.records import find, instant, refusals
from accord.cli.status import CommandError, ExitStatus

QUERY = False  # each action takes --format itself, so that it may follow the action's arguments

AT_HELP = 'ISO 8601 instant with a UTC offset (default: now)'


def register(sub):
    parser = sub.add_parser('order', help='place, approve, reject, fulfil and cancel orders')
    actions = parser.add_subparsers(dest='action', metavar='ACTION', parser_class=type(parser))
    actions.required = True
    place = actions.add_parser('place', help='a person of the consumer orders a request item or an offering')
    place.add_argument('relationship', metavar='RELATIONSHIP')
    place.add_argument('--by', required=True, metavar='PERSON', help='who orders: a user or customer of the consumer')
    place.add_argument('--subscription', metavar='SUBSCRIPTION', help='the subscription whose request item is ordered')
    place.add_argument('--item', metavar='REQUEST_ITEM', help="a request item of the subscription's offering")
    place.add_argument('--offering', metavar='OFFERING', help='an offering to subscribe to (with --group)')
    place.add_argument('--group', metavar='GROUP', help="the provider's consumer group the subscription is for")
    place.add_argument('--name', default='', help="the order's name (default: PERSON-order-INSTANT)")
    decisions = []
    for verb, does in (('approve', 'a sponsor of the relationship approves the order'),
                       ('reject', 'a sponsor of the relationship rejects the order')):
        decision = actions.add_parser(verb, help=does)
        decision.add_argument('order', metavar='ORDER')
        decision.add_argument('--by', required=True, metavar='PERSON', help='the sponsor who decides')
        decision.add_argument('--comment', default='', help="why, in the sponsor's words")
        decisions.append(decision)
    fulfil = actions.add_parser('fulfil', help='the provider does what the order asks')
    fulfil.add_argument('order', metavar='ORDER')
    fulfil.add_argument('--item', action='append', default=[], metavar='ITEM', dest='items',
                        help='an item the provider owns, delivered by the order (repeat for more)')
    cancel = actions.add_parser('cancel', help='withdraw an order not yet fulfilled')
    cancel.add_argument('order', metavar='ORDER')
    for action in (place, *decisions, fulfil):
        action.add_argument('--at', metavar='INSTANT', help=AT_HELP)
    for action in (place, *decisions, fulfil, cancel):
        action.add_argument('--format', choices=FORMATS, default='table', help='table (default) or json')
    return parser


def run(args, out: Output) -> ExitStatus:
    action = {'place': place, 'approve': decide, 'reject': decide, 'fulfil': fulfil, 'cancel': cancel}[args.action]
    answer = action(args)
    out.answer(answer, lambda answer, out: out.line(answer['message']))
    return ExitStatus.SUCCESS


def _order(name: str):
    from accord.provision.models import Order

    return find(Order.objects.select_related('relationship', 'requested_by', 'request_item'), name, 'order')


def _person(name: str):
    from accord.parties.models import Person

    return find(Person.objects.all(), name, 'person')


def described(order, message: str) -> dict:
    """The order as it is now, in the file format's words, with what the command did."""
    def name(record):
        return record.name if record is not None else None

    return {'name': order.name, 'status': order.status, 'relationship': order.relationship.name,
            'requestedBy': order.requested_by.name, 'at': order.at.isoformat(),
            'subscription': name(order.subscription), 'requestItem': name(order.request_item),
            'offering': name(order.offering), 'group': name(order.group), 'decidedBy': name(order.decided_by),
            'decidedAt': order.decided_at.isoformat() if order.decided_at else None,
            'decisionComment': order.decision_comment, 'message': message}


def place(args) -> dict:
    from accord.catalog.models import ServiceOffering
    from accord.provision import services
    from accord.provision.choices import OrderStatus
    from accord.relationships.models import ServiceRelationship

    if bool(args.subscription) == bool(args.offering) or bool(args.subscription) != bool(args.item) \
            or bool(args.offering) != bool(args.group):
        raise CommandError('order place: give --subscription with --item, or --offering with --group',
                           ExitStatus.USAGE)
    relationship = find(ServiceRelationship.objects.select_related('provider', 'consumer'), args.relationship,
                        'relationship')
    by = _person(args.by)
    at = instant(args.at)
    chosen = {}
    if args.subscription:
        subscription = find(relationship.subscriptions.select_related('offering'), args.subscription,
                            f'subscription of {relationship.name}')
        chosen = {'subscription': subscription,
                  'request_item': find(subscription.offering.request_items.all(), args.item,
                                       f'request item of {subscription.offering.name}')}
    else:
        chosen = {'offering': find(ServiceOffering.objects.all(), args.offering, 'offering'),
                  'group': find(relationship.provider.consumer_groups.all(), args.group,
                                f'consumer group of {relationship.provider.name}')}
    with refusals(args.name or 'order'):
        order = services.place_order(relationship, by, at=at, name=args.name, actor=cli_actor(), **chosen)
    waits = "waits for a sponsor's approval" if order.status == OrderStatus.SUBMITTED else f'is {order.status}'
    return described(order, f'Order {order.name} placed by {by.name} in {relationship.name}; it {waits}.')


def decide(args) -> dict:
    from accord.provision import services

    order, by, at = _order(args.order), _person(args.by), instant(args.at)
    verb = services.approve if args.action == 'approve' else services.reject
    with refusals(order.name):
        order = verb(order, by=by, at=at, comment=args.comment, actor=cli_actor())
    return described(order, f'Order {order.name} {order.status} by {by.name}.')


def fulfil(args) -> dict:
    from accord.provision import services
    from accord.resources.models import Item

    order, at = _order(args.order), instant(args.at)
    items = [find(Item.objects.all(), name, 'item') for name in args.items]
    with refusals(order.name):
        made = services.fulfil(order, at=at, items=items, actor=cli_actor())
    order.refresh_from_db()
    answer = described(order, f'Order {order.name} fulfilled: {type(made)._meta.verbose_name} {made.name} created.')
    answer['made'] = {'kind': type(made).__name__, 'name': made.name}
    return answer


def cancel(args) -> dict:
    from accord.provision import services

    order = _order(args.order)
    with refusals(order.name):
        order = services.cancel(order, actor=cli_actor())
    return described(order, f'Order {order.name} cancelled.')

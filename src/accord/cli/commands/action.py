"""``accord action request|start|complete``: a service action's life, through the provision verbs.

A request is due at its instant plus the element's target duration (business days skip weekends); the work
starts and completes by performers, with the consumer present or not, and a quality from 1 to 5. Each write is
logged with the source ``cli``.
"""

from accord.cli.actor import cli_actor
from accord.cli.output import FORMATS, Output
from accord.cli.records import find, instant, refusals
from accord.cli.status import ExitStatus

QUERY = False  # each action takes --format itself, so that it may follow the action's arguments


def register(sub):
    parser = sub.add_parser('action', help='request, start and complete service actions')
    actions = parser.add_subparsers(dest='action', metavar='ACTION', parser_class=type(parser))
    actions.required = True
    request = actions.add_parser('request', help="ask for a service action of a subscription's element")
    request.add_argument('subscription', metavar='SUBSCRIPTION')
    request.add_argument('element', metavar='ELEMENT', help="an action element of the subscription's offering")
    request.add_argument('--by', metavar='PERSON', help='the person of the consumer who asks')
    request.add_argument('--name', default='', help="the action's name (default: SUBSCRIPTION-ELEMENT-INSTANT)")
    start = actions.add_parser('start', help='the work begins')
    complete = actions.add_parser('complete', help='the work is done')
    for moment in (start, complete):
        moment.add_argument('name', metavar='ACTION')
        moment.add_argument('--performer', action='append', default=[], metavar='PERSON', dest='performers',
                            help='who does the work (repeat for more)')
    presence = complete.add_mutually_exclusive_group()
    presence.add_argument('--present', action='store_const', const=True, dest='consumer_present',
                          help='the consumer was there')
    presence.add_argument('--absent', action='store_const', const=False, dest='consumer_present',
                          help='the consumer was not there')
    complete.add_argument('--quality', type=int, metavar='1-5', help='how well the work was done')
    for action in (request, start, complete):
        action.add_argument('--at', metavar='INSTANT', help='ISO 8601 instant with a UTC offset (default: now)')
        action.add_argument('--format', choices=FORMATS, default='table', help='table (default) or json')
    return parser


def run(args, out: Output) -> ExitStatus:
    from accord.provision import services
    from accord.provision.models import ActionInstance

    at = instant(args.at)
    if args.action == 'request':
        record = _request(args, at)
    else:
        record = find(ActionInstance.objects.all(), args.name, 'action')
        performers = [_person(name) for name in args.performers]
        with refusals(record.name):
            if args.action == 'start':
                record = services.start_action(record, at=at, performers=performers, actor=cli_actor())
            else:
                record = services.complete_action(record, at=at, performers=performers,
                                                  consumer_present=args.consumer_present, quality=args.quality,
                                                  actor=cli_actor())
    out.answer(described(record), render)
    return ExitStatus.SUCCESS


def _person(name: str):
    from accord.parties.models import Person

    return find(Person.objects.all(), name, 'person')


def _request(args, at):
    from accord.cli.commands.deliver import subscription_element
    from accord.provision import services

    subscription, element = subscription_element(args.subscription, args.element)
    by = _person(args.by) if args.by else None
    with refusals(args.name or f'action {element.name} of {subscription.name}'):
        return services.request_action(subscription, element, requested_by=by, at=at, name=args.name,
                                       actor=cli_actor())


def described(action) -> dict:
    """The action as it is now, in the file format's words, with when it is due."""
    def iso(value):
        return value.isoformat() if value else None

    return {'name': action.name, 'subscription': action.subscription.name, 'element': action.element.name,
            'requestedBy': action.requested_by.name if action.requested_by_id else None,
            'requestedAt': iso(action.requested_at), 'due': iso(action.due_at),
            'startedAt': iso(action.started_at), 'completedAt': iso(action.completed_at),
            'performers': sorted(action.performers.values_list('name', flat=True)),
            'consumerPresent': action.consumer_present, 'quality': action.quality}


def render(answer: dict, out: Output) -> None:
    moment = next(key for key in ('completedAt', 'startedAt', 'requestedAt') if answer[key] or key == 'requestedAt')
    state = f'{moment.removesuffix("At")} at {answer[moment]}'
    line = f'Action {answer["name"]} ({answer["element"]} of {answer["subscription"]}) {state}, due {answer["due"]}'
    if answer['performers']:
        line += f', by {", ".join(answer["performers"])}'
    if answer['quality'] is not None:
        line += f', quality {answer["quality"]}'
    out.line(line + '.')

"""``accord grant SUBSCRIPTION ELEMENT GRANTEE [--item ITEM] [--from INSTANT] [--to INSTANT]``: access granted.

Access never moves ownership; the grant lies within the subscription's term (``grant_access``) and is logged
with the source ``cli``. ``accord revoke`` and ``accord convert`` answer in the same shape.
"""

from accord.cli.actor import cli_actor
from accord.cli.arguments import read_option
from accord.cli.output import Output
from accord.cli.records import find, instant, refusals
from accord.cli.status import ExitStatus

QUERY = True


def register(sub):
    parser = sub.add_parser('grant', help="grant a person or organization access to a subscription's access element")
    parser.add_argument('subscription', metavar='SUBSCRIPTION')
    parser.add_argument('element', metavar='ELEMENT', help="an access element of the subscription's offering")
    parser.add_argument('grantee', metavar='GRANTEE', help='person:NAME or organization:NAME')
    parser.add_argument('--item', metavar='ITEM', help="one item the grant is for (else the element's resources)")
    parser.add_argument('--from', dest='valid_from', metavar='INSTANT', help='when the grant starts (default: now)')
    parser.add_argument('--to', dest='valid_to', metavar='INSTANT',
                        help='when it ends (default: when the subscription ends)')
    return parser


def run(args, out: Output) -> ExitStatus:
    from accord.analysis.access import GRANTEE_KINDS, PARAMETERS
    from accord.cli.commands.deliver import subscription_element
    from accord.provision import services
    from accord.resources.models import Item

    subscription, element = subscription_element(args.subscription, args.element)
    kind, name = read_option(PARAMETERS['grantee'], args.grantee, 'GRANTEE')
    grantee = find(GRANTEE_KINDS[kind].objects.all(), name, kind)
    item = find(Item.objects.all(), args.item, 'item') if args.item else None
    valid_from, valid_to = instant(args.valid_from, '--from'), instant(args.valid_to, '--to')
    with refusals(f'grant of {element.name} to {grantee.name}'):
        grant = services.grant_access(subscription, element, grantee, item=item, valid_from=valid_from,
                                      valid_to=valid_to, actor=cli_actor())
    out.answer(described(grant), render)
    return ExitStatus.SUCCESS


def described(grant) -> dict:
    """The grant as it is now, in the file format's words."""
    def iso(value):
        return value.isoformat() if value else None

    grantee = grant.grantee_person or grant.grantee_organization
    return {'name': grant.name, 'subscription': grant.subscription.name, 'element': grant.element.name,
            'grantee': f'{"person" if grant.grantee_person_id else "organization"}:{grantee.name}',
            'item': grant.item.name if grant.item_id else None, 'validFrom': iso(grant.valid_from),
            'validTo': iso(grant.valid_to), 'revokedAt': iso(grant.revoked_at),
            'revokeReason': grant.revoke_reason or None, 'convertedAt': iso(grant.converted_at)}


def render(answer: dict, out: Output) -> None:
    what = f'{answer["element"]}' + (f' ({answer["item"]})' if answer['item'] else '')
    line = f'Grant {answer["name"]}: {answer["grantee"]} may use {what} from {answer["validFrom"]}'
    line += f' to {answer["validTo"]}' if answer['validTo'] else f' while {answer["subscription"]} lasts'
    if answer['revokedAt']:
        line += f'; revoked at {answer["revokedAt"]} ({answer["revokeReason"]})'
    if answer['convertedAt']:
        line += f'; converted to a good at {answer["convertedAt"]}'
    out.line(line + '.')

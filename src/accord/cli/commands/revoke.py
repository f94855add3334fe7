"""``accord revoke GRANT --reason TEXT [--at INSTANT]``: end an access grant, with its reason (``revoke_access``)."""

from accord.cli.actor import cli_actor
from accord.cli.output import Output
from accord.cli.records import find, instant, refusals
from accord.cli.status import ExitStatus

QUERY = True


def register(sub):
    parser = sub.add_parser('revoke', help='end an access grant now (or at --at), with a reason')
    parser.add_argument('grant', metavar='GRANT')
    parser.add_argument('--reason', required=True, help='why the grant ends (a lost card, a leaver...)')
    parser.add_argument('--at', metavar='INSTANT', help='ISO 8601 instant with a UTC offset (default: now)')
    return parser


def run(args, out: Output) -> ExitStatus:
    from accord.cli.commands.grant import described, render
    from accord.provision import services
    from accord.provision.models import AccessGrant

    grant, at = find(AccessGrant.objects.all(), args.grant, 'access grant'), instant(args.at)
    with refusals(grant.name):
        grant = services.revoke_access(grant, reason=args.reason, at=at, actor=cli_actor())
    out.answer(described(grant), render)
    return ExitStatus.SUCCESS

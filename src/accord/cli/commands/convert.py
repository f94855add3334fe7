"""``accord convert GRANT [--at INSTANT]``: the consumer keeps the granted item (``convert_to_good``).

The item changes owner and the element's conversion price is charged; the change log says the command line did it.
"""

from accord.cli.actor import cli_actor
from accord.cli.output import Output
from accord.cli.records import find, instant, refusals
from accord.cli.status import ExitStatus

QUERY = True


def register(sub):
    parser = sub.add_parser('convert', help='the consumer keeps the item of an access grant, at its conversion price')
    parser.add_argument('grant', metavar='GRANT')
    parser.add_argument('--at', metavar='INSTANT', help='ISO 8601 instant with a UTC offset (default: now)')
    return parser


def run(args, out: Output) -> ExitStatus:
    from accord.cli.commands.grant import described, render
    from accord.provision import services
    from accord.provision.models import AccessGrant

    grant, at = find(AccessGrant.objects.all(), args.grant, 'access grant'), instant(args.at)
    with refusals(grant.name):
        grant = services.convert_to_good(grant, at=at, actor=cli_actor())
    out.answer(described(grant), render)
    return ExitStatus.SUCCESS

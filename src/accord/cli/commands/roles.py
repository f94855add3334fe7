"""``accord roles ORGANIZATION``: whether an organization is provider, consumer or both, and where."""

from accord.cli.output import Output
from accord.cli.status import CommandError, ExitStatus

QUERY = True


def register(sub):
    parser = sub.add_parser('roles', help='provider, consumer or both, and in which relationships')
    parser.add_argument('organization', metavar='ORGANIZATION')
    return parser


def run(args, out: Output) -> ExitStatus:
    from accord.analysis.roles import RolesError, organization_roles

    try:
        answer = organization_roles(args.organization)
    except RolesError as error:
        raise CommandError(str(error)) from None
    out.answer(answer, render)
    return ExitStatus.SUCCESS


def render(answer: dict, out: Output) -> None:
    if not answer['roles']:
        out.line(f'{answer["organization"]} is neither provider nor consumer in a relationship that is not terminated.')
        return
    rows = [['provider', name] for name in answer['providerIn']] + [['consumer', name] for name in answer['consumerIn']]
    out.table(f'Roles of {answer["organization"]}: {" and ".join(answer["roles"])}', ['role', 'relationship'], rows)

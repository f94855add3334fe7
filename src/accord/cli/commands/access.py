"""``accord access GRANTEE TARGET [--at INSTANT]``: whether a person or organization may use an item or resource."""

from accord.cli.arguments import read_option
from accord.cli.output import Output
from accord.cli.status import CommandError, ExitStatus

QUERY = True


def register(sub):
    parser = sub.add_parser('access', help='whether a person or organization may use an item or resource, and why')
    parser.add_argument('grantee', metavar='GRANTEE', help='person:NAME or organization:NAME')
    parser.add_argument('target', metavar='TARGET', help='item:NAME or resource:NAME')
    parser.add_argument('--at', metavar='INSTANT', help='ISO 8601 instant with a UTC offset (default: now)')
    return parser


def run(args, out: Output) -> ExitStatus:
    from accord.analysis.access import PARAMETERS, AccessError, access

    grantee = read_option(PARAMETERS['grantee'], args.grantee, 'GRANTEE')
    target = read_option(PARAMETERS['target'], args.target, 'TARGET')
    at = read_option(PARAMETERS['at'], args.at, '--at')
    try:
        out.answer(access(grantee, target, at), render)
    except AccessError as error:
        raise CommandError(str(error)) from None
    return ExitStatus.SUCCESS


def render(answer: dict, out: Output) -> None:
    when = f'at {answer["at"]}' if answer['at'] else 'now'
    verdict = 'may use' if answer['access'] else 'may not use'
    out.line(f'{answer["grantee"]} {verdict} {answer["target"]} {when}'
             + (f', by grant {answer["grant"]}.' if answer['grant'] else '.'))
    out.line(f'Why: {answer["reason"]}')

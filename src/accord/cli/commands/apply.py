"""``accord apply PATH... [--dry-run]``: validate every document, then write them all or nothing."""

from accord.cli.actor import cli_actor
from accord.cli.output import Output
from accord.cli.status import ExitStatus
from accord.core.choices import ChangeSource


def register(sub):
    parser = sub.add_parser('apply', help='create or update catalogue objects from files')
    parser.add_argument('paths', nargs='+', metavar='PATH', help='YAML files, or folders of *.yaml / *.yml')
    parser.add_argument('--dry-run', action='store_true', help='print the plan and write nothing')
    return parser


def run(args, out: Output) -> ExitStatus:
    from accord.interchange.apply import apply_catalogue, plan_lines

    result = apply_catalogue(args.paths, actor=cli_actor(ChangeSource.IMPORT), dry_run=args.dry_run)
    if not result.ok:
        for problem in result.problems:
            out.error(str(problem))
        out.error(f'{len(result.problems)} problem(s); nothing written.')
        return ExitStatus.ERROR
    for line in plan_lines(result):
        out.line(line)
    return ExitStatus.SUCCESS

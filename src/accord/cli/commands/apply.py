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
    from accord.interchange.apply import apply_catalogue

    result = apply_catalogue(args.paths, actor=cli_actor(ChangeSource.IMPORT), dry_run=args.dry_run)
    if not result.ok:
        for problem in result.problems:
            out.error(str(problem))
        out.error(f'{len(result.problems)} problem(s); nothing written.')
        return ExitStatus.ERROR
    counts = {'created': 0, 'updated': 0, 'unchanged': 0}
    for entry in result.plan:
        counts[entry.action] += 1
        detail = f' ({", ".join(entry.changed)})' if entry.changed else ''
        out.line(f'{entry.kind}:{entry.name} {entry.action}{detail}')
    summary = ', '.join(f'{n} {action}' for action, n in counts.items())
    out.line(f'{summary}{" (dry run: nothing written)" if args.dry_run else ""}')
    return ExitStatus.SUCCESS

"""``accord apply PATH... [--dry-run] [--compare-all]``: validate every document, then write them all or nothing.

Files unchanged since the last apply, with nothing written to the database since, are not read
(``accord.interchange.recorded``); a note on standard error says how many, before the plan.
"""

from accord.cli.actor import cli_actor
from accord.cli.output import Output
from accord.cli.status import ExitStatus
from accord.core.choices import ChangeSource


def register(sub):
    parser = sub.add_parser('apply', help='create or update catalogue objects from files')
    parser.add_argument('paths', nargs='+', metavar='PATH', help='YAML files, or folders of *.yaml / *.yml')
    parser.add_argument('--dry-run', action='store_true', help='print the plan and write nothing')
    parser.add_argument('--compare-all', action='store_true',
                        help='read and compare every file, even those unchanged since the last apply')
    return parser


def run(args, out: Output) -> ExitStatus:
    from accord.interchange.apply import plan_lines
    from accord.interchange.recorded import apply_recorded

    result = apply_recorded(args.paths, actor=cli_actor(ChangeSource.IMPORT), dry_run=args.dry_run,
                            compare_all=args.compare_all)
    if not result.ok:
        for problem in result.problems:
            out.error(str(problem))
        out.error(f'{len(result.problems)} problem(s); nothing written.')
        return ExitStatus.ERROR
    if result.skipped_files:
        out.error(f'{result.skipped_files} file(s) unchanged since the last apply, with nothing written since: '
                  'not read (--compare-all reads them)')
    out.lines(plan_lines(result))
    return ExitStatus.SUCCESS

"""``accord export [--kind KIND...] [-o FILE]``: every stored object as catalogue documents."""


from accord.cli.output import Output
from accord.cli.status import CommandError, ExitStatus
from accord.core.suggestions import did_you_mean


def register(sub):
    parser = sub.add_parser('export', help='write every stored object as catalogue documents')
    parser.add_argument('--kind', action='append', metavar='KIND', help='only this kind (repeatable)')
    parser.add_argument('-o', '--output', metavar='FILE', help='write to FILE instead of standard output')
    return parser


def run(args, out: Output) -> ExitStatus:
    from accord.interchange.export import dump_documents, export_documents
    from accord.interchange.kinds import KINDS, KINDS_BY_NAME

    wanted = args.kind or []
    unknown = [k for k in wanted if k not in KINDS_BY_NAME]
    if unknown:
        hint = did_you_mean(unknown[0], KINDS_BY_NAME) or f'; known kinds: {", ".join(KINDS_BY_NAME)}'
        raise CommandError(f'unknown kind {unknown[0]!r}{hint}')
    kinds = [k for k in KINDS if not wanted or k.name in wanted]
    if args.output:
        try:
            with open(args.output, 'w', encoding='utf-8') as stream:
                count = dump_documents(export_documents(kinds), stream)
        except OSError as error:
            raise CommandError(f'{args.output}: cannot write: {error.strerror}') from None
        out.error(f'{count} document(s) written to {args.output}')
    else:
        dump_documents(export_documents(kinds), out.stdout)
    return ExitStatus.SUCCESS

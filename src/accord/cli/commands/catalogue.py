"""``accord catalogue GROUP``: what a consumer group sees of its provider's offerings (R1 to R4)."""

from accord.cli.output import Output
from accord.cli.status import CommandError, ExitStatus

QUERY = True


def register(sub):
    parser = sub.add_parser('catalogue', help='what a consumer group sees: live offerings, products, components')
    parser.add_argument('group', metavar='GROUP')
    return parser


def run(args, out: Output) -> ExitStatus:
    from accord.analysis.catalogue import CatalogueError, catalogue_view

    try:
        answer = catalogue_view(args.group)
    except CatalogueError as error:
        raise CommandError(str(error)) from None
    out.answer(answer, render)
    return ExitStatus.SUCCESS


def render(answer: dict, out: Output) -> None:
    if not answer['offerings']:
        out.line(f'No live offering targets {answer["group"]}.')
        return
    rows = []
    for offering in answer['offerings']:
        name = f'{offering["title"]} ({offering["name"]})'
        if not offering['products']:
            rows.append([name, '', ''])
        for product in offering['products']:
            rows.append([name, f'{product["title"]} ({product["name"]})', '; '.join(product['components'])])
            name = ''
    out.table(f'Catalogue of {answer["group"]}', ['offering', 'product', 'what you see'], rows)

"""``accord quote GROUP``: what a consumer group sees."""

QUERY = True


def register(sub):
    parser = sub.add_parser('catalogue', help='the charge of an offering for one period, with the facts given')
    parser.add_argument('group', metavar='GROUP')
    return parser


def run(args, out):
    raise NotImplementedError

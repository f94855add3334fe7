"""``accord quote OFFERING ...``: the charge for one period with the facts given."""

QUERY = True


def register(sub):
    parser = sub.add_parser('quote', help='the charge of an offering for one period, with the facts given')
    parser.add_argument('offering', metavar='OFFERING')
    return parser


def run(args, out):
    raise NotImplementedError

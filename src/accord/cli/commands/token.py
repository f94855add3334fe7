"""``accord token create|list|revoke``: API tokens for scripts; the key is printed once, at creation."""

from accord.cli.actor import cli_actor
from accord.cli.output import FORMATS, Output
from accord.cli.records import find
from accord.cli.status import CommandError, ExitStatus

QUERY = False  # each action takes --format itself, so that it may follow the action's arguments


def _positive(text: str) -> int:
    import argparse

    try:
        days = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f'not a number of days: {text!r}') from None
    if days <= 0:
        raise argparse.ArgumentTypeError(f'must be a positive number of days: {text!r}')
    return days


def register(sub):
    parser = sub.add_parser('token', help='create, list and revoke API tokens')
    actions = parser.add_subparsers(dest='action', metavar='ACTION', parser_class=type(parser))
    actions.required = True
    create = actions.add_parser('create', help='issue a token for a user and print its key, once')
    create.add_argument('username', metavar='USERNAME')
    expiry = create.add_mutually_exclusive_group()
    expiry.add_argument(
        '--expires-in', type=_positive, default=90, metavar='DAYS', help='days of validity (default 90)'
    )
    expiry.add_argument('--no-expiry', action='store_true', help='a token that never expires')
    create.add_argument('--name', default='', help='what the token is for')
    listing = actions.add_parser('list', help="list tokens (never their keys), all users' or one user's")
    listing.add_argument('username', metavar='USERNAME', nargs='?')
    revoke = actions.add_parser('revoke', help='revoke a token from now on')
    revoke.add_argument('id', type=int, metavar='ID')
    for action in (create, listing, revoke):
        action.add_argument('--format', choices=FORMATS, default='table', help='table (default) or json')
    return parser


def run(args, out: Output) -> ExitStatus:
    return {'create': create, 'list': list_tokens, 'revoke': revoke}[args.action](args, out)


def _user(username: str):
    from django.contrib.auth import get_user_model

    return find(get_user_model().objects.all(), username, 'user', field='username')


def _iso(value) -> str | None:
    return value.isoformat(timespec='seconds') if value else None


def create(args, out: Output) -> ExitStatus:
    from accord.core.tokens import create_token

    user = _user(args.username)
    token, key = create_token(
        user, actor=cli_actor(), expires_in_days=None if args.no_expiry else args.expires_in, name=args.name
    )
    answer = {'id': token.pk, 'user': user.get_username(), 'prefix': token.key_prefix,
              'expires': _iso(token.expires), 'key': key}

    def render(answer: dict, out: Output) -> None:
        out.line(f'Token {answer["id"]} for {answer["user"]}, expires {answer["expires"] or "never"}.')
        out.line(f'Key (shown this once only; store it now): {answer["key"]}')
        out.line(f'Use it as the header:  Authorization: Bearer {answer["key"]}')

    out.answer(answer, render)
    return ExitStatus.SUCCESS


def list_tokens(args, out: Output) -> ExitStatus:
    from django.utils import timezone

    from accord.core.models import APIToken

    tokens = APIToken.objects.select_related('user').order_by('id')
    if args.username:
        tokens = tokens.filter(user=_user(args.username))
    now = timezone.now()
    answer = [
        {'id': t.pk, 'user': t.user.get_username(), 'prefix': t.key_prefix, 'name': t.name,
         'created': _iso(t.created), 'expires': _iso(t.expires), 'lastUsed': _iso(t.last_used),
         'status': t.status(now)}
        for t in tokens
    ]

    def render(rows: list, out: Output) -> None:
        if not rows:
            out.line('No tokens.')
            return
        columns = ['id', 'user', 'prefix', 'name', 'created', 'expires', 'last used', 'status']
        keys = ['id', 'user', 'prefix', 'name', 'created', 'expires', 'lastUsed', 'status']
        out.table('API tokens', columns, [[row[k] if k != 'expires' else row[k] or 'never' for k in keys]
                                          for row in rows])

    out.answer(answer, render)
    return ExitStatus.SUCCESS


def revoke(args, out: Output) -> ExitStatus:
    from accord.core.models import APIToken
    from accord.core.tokens import revoke_token

    token = APIToken.objects.select_related('user').filter(pk=args.id).first()
    if token is None:
        raise CommandError(f'no token with id {args.id}')
    already = token.revoked_at is not None
    revoke_token(token, actor=cli_actor())
    answer = {'id': token.pk, 'user': token.user.get_username(), 'prefix': token.key_prefix,
              'revoked': _iso(token.revoked_at)}
    out.answer(answer, lambda a, o: o.line(
        f'Token {a["id"]} ({a["prefix"]}…) of {a["user"]} {"was already" if already else "is now"} revoked.'))
    return ExitStatus.SUCCESS

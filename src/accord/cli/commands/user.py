"""``accord user create|link|grant|deactivate``: set up a consumer's or a staff member's account without a shell.

A consumer's account is the login of their Person (``link``), which is what lets them see their
organization's relationships; a staff member's holds a role for an organization (``grant``).
Every write goes through the services, with the change log.
"""

import sys

from accord.cli.actor import cli_actor
from accord.cli.output import FORMATS, Output
from accord.cli.records import find
from accord.cli.status import CommandError, ExitStatus

QUERY = False  # each action takes --format itself, so that it may follow the action's arguments


def register(sub):
    from accord.core.roles import Role

    parser = sub.add_parser('user', help='create accounts, link them to a person, grant roles, deactivate them')
    actions = parser.add_subparsers(dest='action', metavar='ACTION', parser_class=type(parser))
    actions.required = True
    create = actions.add_parser('create', help='create an account')
    create.add_argument('username', metavar='USERNAME')
    create.add_argument('--email', default='')
    create.add_argument('--person', metavar='PERSON', help='the Person (by name) whose login the account is')
    create.add_argument('--password-stdin', action='store_true',
                        help='read the password from the first line of standard input (else the account logs in '
                             'with API tokens only)')
    link = actions.add_parser('link', help="make the account a person's login (a consumer sees their organization's)")
    link.add_argument('username', metavar='USERNAME')
    target = link.add_mutually_exclusive_group(required=True)
    target.add_argument('person', metavar='PERSON', nargs='?', help='the Person, by name')
    target.add_argument('--none', action='store_true', help="the account is no longer anybody's login")
    grant = actions.add_parser('grant', help='grant the account a staff role for an organization and its units')
    grant.add_argument('username', metavar='USERNAME')
    grant.add_argument('role', choices=Role.values, metavar='ROLE', help=', '.join(Role.values))
    grant.add_argument('organization', metavar='ORGANIZATION')
    deactivate = actions.add_parser('deactivate', help='stop the account logging in; its tokens are refused')
    deactivate.add_argument('username', metavar='USERNAME')
    for action in (create, link, grant, deactivate):
        action.add_argument('--format', choices=FORMATS, default='table', help='table (default) or json')
    return parser


def run(args, out: Output) -> ExitStatus:
    from django.core.exceptions import ValidationError
    from django.db import transaction

    action = {'create': create, 'link': link, 'grant': grant, 'deactivate': deactivate}[args.action]
    try:
        with transaction.atomic():  # nothing half-written: create --person links or creates nothing
            answer = action(args)
    except ValidationError as error:
        raise CommandError('; '.join(_messages(error))) from None
    out.answer(answer, lambda answer, out: out.line(answer['message']))
    return ExitStatus.SUCCESS


def _messages(error) -> list[str]:
    if not hasattr(error, 'message_dict'):
        return list(error.messages)
    return [message if field == '__all__' else f'{field}: {message}'
            for field, messages in error.message_dict.items() for message in messages]


def _account(username: str):
    from django.contrib.auth import get_user_model

    return find(get_user_model().objects.all(), username, 'user', field='username')


def _person(name: str):
    from accord.parties.models import Person

    return find(Person.objects.all(), name, 'person')


def _described(user, message: str) -> dict:
    from accord.parties.models import Person

    person = Person.objects.filter(user=user).first()
    return {'username': user.get_username(), 'active': user.is_active, 'person': person.name if person else None,
            'roles': [{'role': grant.role, 'organization': grant.organization.name}
                      for grant in user.role_grants.select_related('organization').order_by('organization__name')],
            'message': message}


def create(args) -> dict:
    from accord.core.accounts import create_account
    from accord.parties.services import link_account

    person = _person(args.person) if args.person else None
    password = sys.stdin.readline().rstrip('\n') if args.password_stdin else None
    user = create_account(args.username, actor=cli_actor(), email=args.email, password=password)
    if person is not None:
        link_account(user, person, actor=cli_actor())
    login = 'with a password' if password is not None else 'without a password (API tokens only: accord token create)'
    of = f', the login of {person.name}' if person else ''
    return _described(user, f'Account {user.username} created {login}{of}.')


def link(args) -> dict:
    from accord.parties.services import link_account

    user = _account(args.username)
    person = None if args.none else _person(args.person)
    changed = link_account(user, person, actor=cli_actor())
    what = f'the login of {person.name}' if person else "nobody's login"
    return _described(user, f'Account {user.username} is {"now" if changed else "already"} {what}.')


def grant(args) -> dict:
    from accord.parties.models import Organization
    from accord.parties.services import grant_role

    user = _account(args.username)
    organization = find(Organization.objects.all(), args.organization, 'organization')
    grant_role(user, role=args.role, organization=organization, actor=cli_actor())
    return _described(user, f'Account {user.username} is now {args.role} for {organization.name} and its units.')


def deactivate(args) -> dict:
    from accord.core.accounts import deactivate_account

    user = _account(args.username)
    changed = deactivate_account(user, actor=cli_actor())
    return _described(user, f'Account {user.username} is {"now" if changed else "already"} inactive: it can no '
                            'longer log in and its API tokens are refused.')

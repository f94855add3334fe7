"""``accord demo [--no-serve] [--reset] [--addr HOST:PORT]``: load FirstTown Bank, then serve it.

The demo is a catalogue file shipped in the package, so it is also an example of the format.
It never overwrites what a user changed: it loads into an empty database, or adds what is
missing to a database that already holds it; a database whose objects differ from the demo's
is left alone (the command says what loading would change) unless ``--reset`` is given.
"""

import os
from importlib.resources import as_file, files

from accord.cli.actor import cli_actor
from accord.cli.commands.serve import add_addr, check_addr, serve
from accord.cli.output import Output
from accord.cli.status import CommandError, ExitStatus
from accord.core.choices import ChangeSource

DEMO_FILE = 'firsttown-bank.yaml'
DEMO_USER = 'demo'


def register(sub):
    parser = sub.add_parser('demo', help='load the FirstTown Bank example and serve it')
    parser.add_argument('--no-serve', action='store_true', help='load the example and stop')
    parser.add_argument('--reset', action='store_true',
                        help="put the demo's objects back as shipped, overwriting changes made to them")
    add_addr(parser)
    return parser


def load_demo(out: Output, *, reset: bool = False) -> bool:
    """Load the demo unless that would overwrite a change; return whether the database holds the demo."""
    from accord.interchange.apply import apply_catalogue

    with as_file(files('accord.interchange') / 'data' / DEMO_FILE) as path:
        if not reset and not _database_is_empty():
            preview = apply_catalogue([str(path)], actor=cli_actor(ChangeSource.IMPORT), dry_run=True)
            if preview.ok and _refuse_to_overwrite(preview.plan, out):
                return _holds_demo(preview.plan)
        result = apply_catalogue([str(path)], actor=cli_actor(ChangeSource.IMPORT))
    if not result.ok:
        for problem in result.problems:
            out.error(str(problem))
        raise CommandError('the demo catalogue did not load')
    changed = sum(1 for entry in result.plan if entry.action != 'unchanged')
    out.line(f'FirstTown Bank loaded: {len(result.plan)} objects, {changed} created or updated.')
    return True


def _database_is_empty() -> bool:
    from accord.interchange.kinds import KINDS

    return not any(kind.model.objects.exists() for kind in KINDS)


def _refuse_to_overwrite(plan: list, out: Output) -> bool:
    """Say what loading would change and return True when it would touch what is not the demo's as shipped.

    Creating what is missing loses nothing, so a database that already holds the demo takes its
    additions; an update would put back a value someone changed, and a database holding none of
    the demo is someone else's catalogue.
    """
    from accord.interchange.apply import UPDATED

    updated = [entry for entry in plan if entry.action == UPDATED]
    if not updated and _holds_demo(plan):
        return False
    if updated:
        out.error(f'The database differs from the FirstTown Bank demo; loading it would change {len(updated)} objects:')
        for entry in updated:
            out.error(f'  {entry.kind} {entry.name}: {", ".join(entry.changed)}')
    else:
        out.error('The database holds other objects than the FirstTown Bank demo; the demo loads only '
                  'into an empty database.')
    out.error('Nothing was changed. Run `accord demo --reset` to load the demo as shipped anyway, '
              'or set ACCORD_DATA_DIR to an empty folder for a fresh demo.')
    return True


def _holds_demo(plan: list) -> bool:
    """Some of the demo's objects are already stored (the plan would not create them all)."""
    from accord.interchange.apply import CREATED

    return any(entry.action != CREATED for entry in plan)


def ensure_demo_user(out: Output) -> None:
    """A superuser to browse the demo with; its password comes from ACCORD_DEMO_PASSWORD."""
    from django.contrib.auth import get_user_model

    password = os.environ.get('ACCORD_DEMO_PASSWORD', 'accord-demo')
    User = get_user_model()
    if not User.objects.filter(username=DEMO_USER).exists():
        User.objects.create_superuser(DEMO_USER, email='', password=password)
        out.line(f'Log in as {DEMO_USER!r} with password {password!r} (set ACCORD_DEMO_PASSWORD to choose another).')


# The bank's staff and the roles their work needs (README "Demo accounts").
DEMO_ROLES = {
    'maria-lopez': 'catalogue-manager',
    'daniel-kim': 'relationship-manager',
    'li-wei': 'practitioner',
    'james-okafor': 'auditor',
}
DEMO_STAFF_OF = 'firsttown-bank'


def ensure_demo_accounts(out: Output) -> None:
    """An account for every demo person, named after the person, with the demo password; roles for the bank's staff.

    A person already linked to an account keeps it; grants are added once. Written through the
    account and parties services, so the change log names each.
    """
    from django.contrib.auth import get_user_model
    from django.core.exceptions import ValidationError

    from accord.core.accounts import create_account
    from accord.parties.models import Organization, Person, RoleGrant
    from accord.parties.services import grant_role, link_account

    password = os.environ.get('ACCORD_DEMO_PASSWORD', 'accord-demo')
    User = get_user_model()
    actor = cli_actor()
    created = []
    try:
        for person in Person.objects.filter(user__isnull=True).order_by('name'):
            if User.objects.filter(username=person.name).exists():
                continue
            user = create_account(person.name, actor=actor, email=person.email, password=password)
            link_account(user, person, actor=actor)
            created.append(person.name)
    except ValidationError as error:
        raise CommandError(f'the demo accounts were not created: {"; ".join(error.messages)}') from None
    bank = Organization.objects.filter(name=DEMO_STAFF_OF).first()
    for username, role in DEMO_ROLES.items():
        user = User.objects.filter(username=username).first()
        if bank is None or user is None or RoleGrant.objects.filter(user=user, role=role, organization=bank).exists():
            continue
        grant_role(user, role=role, organization=bank, actor=actor)
    if created:
        out.line(f'{len(created)} demo people may sign in at /login/ as themselves (e.g. maria-lopez) '
                 f'with password {password!r}.')


def run(args, out: Output) -> ExitStatus:
    addr = check_addr(args.addr)
    if load_demo(out, reset=args.reset):
        ensure_demo_user(out)
        ensure_demo_accounts(out)
    if args.no_serve:
        return ExitStatus.SUCCESS
    return serve(addr, out)

"""Writes of the parties app that the CLI and the API share: an account's Person, and role grants."""

from django.core.exceptions import ValidationError

from accord.core.services import Actor, atomic, save_object
from accord.parties.models import Organization, Person, RoleGrant


@atomic
def link_account(user, person: Person | None, *, actor: Actor) -> bool:
    """Make ``user`` the login of ``person`` (``None``: of nobody); return whether anything changed.

    An account is the login of one Person at most, and a Person has one login: a Person already
    linked to another account is refused rather than taken from it.
    """
    current = Person.objects.filter(user=user).first()
    if current == person:
        return False
    if person is not None and person.user_id is not None:
        raise ValidationError({'person': f'{person.name} is already the login of account {person.user}'})
    if current is not None:
        current.user = None
        save_object(current, actor=actor)
    if person is not None:
        person.user = user
        save_object(person, actor=actor)
    return True


def grant_role(user, *, role: str, organization: Organization, actor: Actor) -> RoleGrant:
    """``user`` holds ``role`` for ``organization`` and its units (refused if already held)."""
    grant = RoleGrant(user=user, role=role, organization=organization)
    save_object(grant, actor=actor)
    return grant

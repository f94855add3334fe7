"""Writes of accounts: create one, deactivate one. The CLI (``accord user``) and the API share them.

An account's link to its Person and its role grants belong to the parties app
(``accord.parties.services``).
"""

from django.contrib.auth import get_user_model, password_validation
from django.core.exceptions import ValidationError
from django.db import transaction

from accord.core.services import Actor, save_object


@transaction.atomic
def create_account(username: str, *, actor: Actor, email: str = '', password: str | None = None):
    """A new account; without a password it cannot log in with one (an API token still works)."""
    user = get_user_model()(username=username, email=email)
    if password is None:
        user.set_unusable_password()
    else:
        try:
            password_validation.validate_password(password, user)
        except ValidationError as error:
            raise ValidationError({'password': error.messages}) from None
        user.set_password(password)
    save_object(user, actor=actor)
    return user


@transaction.atomic
def deactivate_account(user, *, actor: Actor) -> bool:
    """The account can no longer log in and its tokens are refused; its history still names it.

    Returns whether anything changed (an inactive account stays as it is, with no change-log entry).
    """
    if not user.is_active:
        return False
    user.is_active = False
    save_object(user, actor=actor)
    return True

"""System checks Django's own do not make (``manage.py check --deploy``)."""

from django.conf import settings
from django.core.checks import Tags, Warning, register
from django.core.exceptions import ImproperlyConfigured

from accord.core.secret_key import PUBLISHED_KEYS, key_problem


@register(Tags.security, deploy=True)
def check_secret_key_is_secret(app_configs, **kwargs) -> list[Warning]:
    """Django accepts any long key; a key published in the source is long and still not secret."""
    problem = key_problem(settings.SECRET_KEY)
    if problem is None:
        return []
    return [Warning(
        f'SECRET_KEY is not secret: {problem}.',
        hint='Unset ACCORD_SECRET_KEY to have a random key generated into ACCORD_DATA_DIR, '
             'or set it to a random string of 50 characters or more.',
        id='accord.W001',
    )]


def refuse_published_secret_key() -> None:
    """Stop a production server (DEBUG off) from starting with a key printed in the source."""
    if not settings.DEBUG and settings.SECRET_KEY in PUBLISHED_KEYS:
        raise ImproperlyConfigured(
            "ACCORD_SECRET_KEY is the key published in Accord's source: anyone could forge sessions and signed "
            'links. Unset it to have a random key generated into ACCORD_DATA_DIR, or set a random string of '
            '50 characters or more.')

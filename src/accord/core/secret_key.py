"""Django's secret key: configured, or generated once per data directory, never a published one.

Every install used to share one key printed in the source, which lets anyone forge sessions,
password-reset links and signed values for any install. Without ``ACCORD_SECRET_KEY`` each data
directory now gets its own random key on first use, readable only by its owner, and every
process on that data directory reads the same one.
"""

import os
import secrets
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

# The key every install shared before keys were generated: never secret, wherever it is configured.
PUBLISHED_KEYS = frozenset({'accord-insecure-development-key-set-ACCORD_SECRET_KEY'})
MIN_LENGTH = 50
KEY_FILE = 'secret_key'


def key_problem(key: str) -> str | None:
    """Why ``key`` is not secret, or None when it may sign production data."""
    if key in PUBLISHED_KEYS:
        return "it is the key published in Accord's source, shared by every install that did not set one"
    if len(key) < MIN_LENGTH or len(set(key)) < 5:
        return f'it is too short to be secret (fewer than {MIN_LENGTH} characters or 5 distinct ones)'
    return None


def read_or_create_secret_key(data_dir: Path) -> str:
    """The data directory's key, created (mode 0600) by whichever process needs it first."""
    path = data_dir / KEY_FILE
    try:
        if not path.exists():
            data_dir.mkdir(parents=True, exist_ok=True)
            _create(path)
        return path.read_text().strip()
    except OSError as error:
        raise ImproperlyConfigured(f'cannot keep a secret key in {data_dir} ({error.strerror or error}): set '
                                   'ACCORD_DATA_DIR to a writable folder, or ACCORD_SECRET_KEY') from None


def _create(path: Path) -> None:
    """Write the key whole under a temporary name, then link it into place: a process racing this
    one either wins the link or reads the winner's complete key, never a half-written file."""
    temporary = path.with_name(f'.{KEY_FILE}.{os.getpid()}.{secrets.token_hex(4)}')
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(descriptor, 'w') as file:
            file.write(secrets.token_urlsafe(64) + '\n')
        try:
            os.link(temporary, path)
        except FileExistsError:
            pass
    finally:
        temporary.unlink(missing_ok=True)

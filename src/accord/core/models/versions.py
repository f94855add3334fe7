"""The data version: one row that every committed write moves on.

Caches of derived data (the API's representations, ``accord.api.caching``) are valid for one
data version, so that several app processes on one database never serve each other's stale
copies: a process sees another's write as soon as it reads the version. See
``accord.core.versions`` for when it moves.
"""

from django.db import models


class DataVersion(models.Model):
    """The number of committed writes since the database was created, and when the last was."""

    value = models.BigIntegerField(verbose_name='value', default=0)
    changed = models.DateTimeField(
        verbose_name='changed',
        null=True,
        help_text='When the last write was committed (database clock): a database restored from a '
                  'backup never repeats a (value, changed) pair it had before.',
    )

    class Meta:
        verbose_name = 'data version'
        verbose_name_plural = 'data versions'

    def __str__(self) -> str:
        return f'data version {self.value}'

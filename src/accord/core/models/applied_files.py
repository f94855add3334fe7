"""The record of the catalogue files the command line applied last, so that a re-apply skips those unchanged.

It lives in core, beside the change log and the data version whose marks it keeps: it is the
write layer's bookkeeping, not a domain object (no domain owns it, no change-log row records it,
no cache holds it), and the file-format package (``accord.interchange``) is not an app with models
of its own. Only ``accord apply`` from the command line reads and writes it, through
``accord.core.services.record_applied_files``.
"""

from django.db import models


class AppliedFile(models.Model):
    """A file as the last ``accord apply`` read it, with where the database's writes stood after that apply.

    A re-apply may skip the file, without reading it, while its content, Accord's version and those
    marks are all the same: then its objects are in the database exactly as the file says.
    """

    path = models.TextField(
        verbose_name='path',
        unique=True,
        help_text='The file as resolved (absolute, symbolic links followed).',
    )
    sha256 = models.CharField(
        verbose_name='SHA-256',
        max_length=64,
        help_text='Of the bytes applied.',
    )
    documents = models.JSONField(
        verbose_name='documents',
        default=list,
        help_text="Each document's [kind, name], in the file's order, with the parent's name third when its "
                  'kind has one: enough to print the plan and to order it without reading the file.',
    )
    accord_version = models.CharField(
        verbose_name='Accord version',
        max_length=50,
        help_text='A new version may read or write documents differently: it reads every file again.',
    )
    last_change = models.BigIntegerField(
        verbose_name='last change',
        help_text='The id of the last change-log row after the apply (0: none).',
    )
    data_version = models.BigIntegerField(
        verbose_name='data version',
        help_text='The data version once the apply committed (-1: another writer committed meanwhile).',
    )
    applied = models.DateTimeField(
        verbose_name='applied',
        auto_now_add=True,
    )

    class Meta:
        verbose_name = 'applied file'
        verbose_name_plural = 'applied files'
        ordering = ('path',)

    def __str__(self) -> str:
        return self.path

"""The base model tiers every domain model stands on.

``ChangeLoggedModel`` carries creation and update times; ``NamedModel`` adds the natural key
of catalogue files, the CLI and API filters: a ``name`` slug unique per kind.
"""

from django.core.validators import RegexValidator
from django.db import models

from accord.core.querysets import RestrictedQuerySet

name_validator = RegexValidator(
    r'^[a-z0-9]([a-z0-9-]*[a-z0-9])?$',
    "must be a slug: lowercase letters, digits and '-', starting and ending with a letter or digit",
)


class ChangeLoggedModel(models.Model):
    """A model whose writes go through services that record an ObjectChange."""

    created = models.DateTimeField(
        verbose_name='created',
        auto_now_add=True,
    )
    last_updated = models.DateTimeField(
        verbose_name='last updated',
        auto_now=True,
    )

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        abstract = True


class NamedModel(ChangeLoggedModel):
    """A top-level object of the catalogue, known by its name."""

    name = models.CharField(
        verbose_name='name',
        max_length=100,
        unique=True,
        validators=[name_validator],
        help_text="Slug unique per kind: lowercase letters, digits and '-'.",
    )
    title = models.CharField(
        verbose_name='title',
        max_length=200,
        blank=True,
        help_text='Display name; defaults to the name.',
    )
    description = models.TextField(
        verbose_name='description',
        blank=True,
        help_text='Markdown.',
    )
    labels = models.JSONField(
        verbose_name='labels',
        default=dict,
        blank=True,
        help_text="A map of strings to strings, for the provider's own grouping.",
    )

    class Meta:
        abstract = True
        ordering = ['name']

    def __str__(self) -> str:
        return self.display_title

    @property
    def display_title(self) -> str:
        return self.title or self.name


def related(obj: models.Model, attr: str) -> models.Model | None:
    """The object a foreign key points to, saved or not (an admin inline validates before its parent is saved)."""
    return getattr(obj, attr, None) if getattr(obj, f'{attr}_id', None) or attr in obj._state.fields_cache else None

"""The base model tiers every domain model stands on.

``ChangeLoggedModel`` carries creation and update times; ``NamedModel`` adds the natural key
of catalogue files, the CLI and API filters: a ``name`` slug unique per kind.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models

from accord.core.querysets import RestrictedQuerySet

LABEL_MAX_LENGTH = 200  # as the file format's schema (interchange/schemas/common.json)

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

    def clean_fields(self, exclude: Any = None) -> None:
        """Django's checks of each field, and labels as the file format defines them: a map of short strings.

        A JSON field takes any JSON; without this the API stored nested labels that an export
        then wrote into a document ``accord apply`` refuses.
        """
        errors: dict = {}
        try:
            super().clean_fields(exclude=exclude)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if 'labels' not in errors and 'labels' not in (exclude or ()):
            problem = label_problem(self.labels)
            if problem:
                errors['labels'] = [problem]
        if errors:
            raise ValidationError(errors)

    @property
    def display_title(self) -> str:
        return self.title or self.name


def label_problem(labels: Any) -> str | None:
    """What is wrong with ``labels`` as a map of label names to strings of at most 200 characters, if anything."""
    if not isinstance(labels, dict):
        return 'must be a map of label names to strings'
    for key, value in labels.items():
        if not isinstance(value, str):
            return f'label {key!r}: must be a string'
        if len(value) > LABEL_MAX_LENGTH:
            return f'label {key!r}: at most {LABEL_MAX_LENGTH} characters'
    return None


def related(obj: models.Model, attr: str) -> models.Model | None:
    """The object a foreign key points to, saved or not (an admin inline validates before its parent is saved)."""
    return getattr(obj, attr, None) if getattr(obj, f'{attr}_id', None) or attr in obj._state.fields_cache else None

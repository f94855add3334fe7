"""Owned parts nested in an object's representation, in the catalogue format's shape.

An offering's elements, a product's components, an agreement's targets... are read and written
through the part fields of ``accord.api.shapes`` defined beside each app's serializers
(``catalog.api.parts``...), which build the domain's service verbs' specs and call them
(``accord.catalog.services.set_elements``...). An error in a part comes back nested at its path,
as DRF nests errors of nested serializers, a list's by the index of the failing part:
``{"elements": {"1": {"kind": ["..."]}}}``.
"""

from collections.abc import Callable
from functools import cache
from typing import Any

from django.apps import apps
from django.core.exceptions import NON_FIELD_ERRORS
from django.db import models
from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.plumbing import build_array_type
from rest_framework import serializers
from rest_framework.settings import api_settings

from accord.api.serializers.fields import camel
from accord.api.serializers.strict import StrictFieldsMixin
from accord.api.shapes import MISSING, SpecError, unknown_reference
from accord.core.parts import PartRefused
from accord.core.querysets import sees_all
from accord.core.services import Actor
from accord.resources.models import Item


class PartShape(StrictFieldsMixin, serializers.Serializer):
    """The shape of an owned part, or of a piece of one, as written: a key it does not know is refused."""


# Owned parts in the catalogue format.

ErrorPath = tuple[str | int, ...]


def nest(path: ErrorPath, messages: list[str]) -> Any:
    """Messages at a path, as DRF nests errors: ``('elements', 1, 'kind')`` → ``{'elements': {1: {'kind': [...]}}}``.

    A list's errors are keyed by the failing part's index, as DRF reports a nested list
    (``LIST_SERIALIZER_ERRORS_AS_DICT``); a path ending at a part puts the messages under its
    ``non_field_errors``.
    """
    if not path:
        return list(messages)
    head, *rest = path
    inner = nest(tuple(rest), messages)
    if isinstance(head, int) and not rest:
        inner = {api_settings.NON_FIELD_ERRORS_KEY: inner}
    return {head: inner}


def merge_errors(one: Any, other: Any) -> Any:
    """Two nested error structures as one."""
    if isinstance(one, dict) and isinstance(other, dict):
        merged = dict(one)
        for key, value in other.items():
            merged[key] = merge_errors(merged[key], value) if key in merged else value
        return merged
    if isinstance(one, list) and isinstance(other, list):
        return one + other
    return other


class PartsInvalid(Exception):
    """A part the model refused, with its errors already nested at the API's path."""

    def __init__(self, errors: dict):
        super().__init__(errors)
        self.errors = errors


@cache
def named_model(kind: str) -> type[models.Model]:
    """The model a part names by kind (``Resource``, ``ConsumerGroup``): kinds are the models' class names."""
    return next(model for model in apps.get_models() if model.__name__ == kind)


class ApiPartWriter:
    """What the part fields resolve names through, for the API: among what the user may see.

    The parts themselves are written by the domain's service verbs, which the part fields call with
    this writer's actor (source api).
    """

    def __init__(self, actor: Actor):
        self.actor = actor
        self.user = actor.user
        self.resolved: dict[tuple[str, str], models.Model] = {}

    def resolve(self, kind: str, name: str, path: ErrorPath) -> models.Model:
        if (kind, name) not in self.resolved:
            model = named_model(kind)
            found = model.objects.restrict(self.user, 'view').filter(name=name).first()
            if found is None:
                raise SpecError(path, unknown_reference(kind, name))
            self.resolved[(kind, name)] = found
        return self.resolved[(kind, name)]

    def existing_item(self, name: str) -> Item | None:
        return Item.objects.restrict(self.user, 'view').filter(name=name).first()

    @staticmethod
    def errors(part: Any, refused: PartRefused) -> dict:
        """A refused part's errors nested at the API's paths: its fields', else its ``non_field_errors``."""
        found: dict = {}
        for located in part.locate(refused):
            if located.attr is None:
                path = located.base
            elif located.attr == NON_FIELD_ERRORS:
                path = (*located.base, api_settings.NON_FIELD_ERRORS_KEY)
            else:
                path = located.path or (*located.base, camel(located.attr))
            found = merge_errors(found, nest(path, located.messages))
        return found


class Parts(serializers.Field):
    """Owned parts of an object in the catalogue format's shape.

    ``serializer_class`` checks the shape (and documents it in the OpenAPI schema); ``part`` is the
    part's field (``accord.api.shapes``) that reads the canonical form, as ``accord export`` prints it
    (defaults left out), and writes it through the service verbs, as ``accord apply`` does. A list
    replaces all the parts: matched ones (by their natural key) are updated, new ones created,
    the others deleted. ``null`` (for a single object such as a price plan) clears it.
    """

    def __init__(self, serializer_class: type[serializers.Serializer], part: Any, *, many: bool = True,
                 **kwargs: Any):
        self.serializer_class, self.part, self.many = serializer_class, part, many
        kwargs.setdefault('required', False)
        if not many:
            kwargs.setdefault('allow_null', True)
        super().__init__(**kwargs)

    def get_attribute(self, instance: models.Model) -> models.Model:
        return instance

    def to_representation(self, instance: models.Model) -> Any:
        value = self.part.read(instance)
        if value is MISSING:
            return [] if self.many else None
        return value

    def shown(self, model: type[models.Model], referenced: Callable[[], set[str]]) -> set[str] | None:
        """The names among ``referenced()`` (those of ``model`` the parts of the whole response name) that
        the request user may view; ``None`` when they view them all. Asked once per response."""
        if '_shown' not in self.__dict__:
            user = getattr(self.context.get('request'), 'user', None)
            self._shown = None if sees_all(user, model) else set(
                model.objects.restrict(user, 'view').filter(name__in=referenced()).values_list('name', flat=True))
        return self._shown

    def to_internal_value(self, data: Any) -> Any:
        # A fresh serializer: a PATCH of the parent is never a partial update of its parts.
        serializer = self.serializer_class(data=data, many=self.many, context=self.context)
        if not serializer.is_valid():
            raise serializers.ValidationError(serializer.errors)
        value = _plain(serializer.validated_data)
        if not self.many:
            return self.part.normalize_in(value, {})
        # Each part on its own: the format sorts some lists (items, request items, roles), but an
        # error names the part by its index in the list as sent.
        return [self.part.normalize_in([item], {})[0] for item in value]


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


class PartsExtension(OpenApiSerializerFieldExtension):
    """The schema of nested parts is their serializer's."""

    target_class = Parts
    match_subclasses = True

    def map_serializer_field(self, auto_schema: Any, direction: str) -> dict:
        component = auto_schema.resolve_serializer(self.target.serializer_class(), direction)
        schema = component.ref if component else {'type': 'object'}
        if self.target.many:
            return build_array_type(schema)
        return {'allOf': [schema], 'nullable': True} if self.target.allow_null else schema

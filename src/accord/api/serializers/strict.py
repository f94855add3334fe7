"""Serializer mixins: camelCase names, and refusal of a body key the serializer does not take."""

from collections.abc import Mapping
from typing import Any

from django.db import models
from django.http import QueryDict
from drf_spectacular.extensions import OpenApiSerializerExtension
from rest_framework import serializers

from accord.api.serializers.fields import camel
from accord.core.suggestions import did_you_mean


class CamelCaseMixin:
    """Fields declared by model attribute (``target_groups``) are named in camelCase (``targetGroups``)."""

    api_names: dict[str, str] = {}

    def get_fields(self) -> dict:
        fields = {}
        for attr, field in super().get_fields().items():
            name = self.api_names.get(attr, camel(attr))
            if name != attr and field.source is None:
                field.source = attr
            fields[name] = field
        return fields

    # The model validates; the serializer only parses. No uniqueness or model validators here.
    def get_validators(self) -> list:
        return []

    def build_standard_field(self, field_name: str, model_field: models.Field) -> tuple:
        field_class, kwargs = super().build_standard_field(field_name, model_field)
        kwargs.pop('validators', None)
        return field_class, kwargs


# What Django's CSRF check reads from an HTML form (the browsable API's): not a field of the object.
FORM_KEYS = frozenset({'csrfmiddlewaretoken'})


class StrictFieldsMixin:
    """Refuses a body key the serializer does not know, and a read-only key that would change what is stored.

    DRF ignores both: a client that misspells ``targetGroups`` or sends ``id: 99`` would get 200 and
    believe its change landed. The refused keys are reported with the fields' own errors, at once.
    A read-only key equal to the stored value passes, so what a GET answers can be sent back
    unchanged; on create nothing is stored yet, so a read-only key is refused.
    """

    def to_internal_value(self, data: Any) -> Any:
        refused = self.refused_keys(data) if isinstance(data, Mapping) else {}
        try:
            value = super().to_internal_value(data)
        except serializers.ValidationError as error:
            if refused and isinstance(error.detail, dict):
                raise serializers.ValidationError({**error.detail, **refused}) from None
            raise
        if refused:
            raise serializers.ValidationError(refused)
        return value

    def refused_keys(self, data: Mapping) -> dict[str, list[str]]:
        """Messages by refused key: unknown, or read-only and different from what is stored."""
        fields = self.fields
        refused = {}
        for key in data:
            field = fields.get(key)
            if field is None:
                if not (key in FORM_KEYS and isinstance(data, QueryDict)):
                    refused[key] = [self.unknown_message(key)]
            elif field.read_only:
                if self.instance is None:
                    refused[key] = ['read-only: set by the server, leave it out']
                elif data[key] != self.stored(field):
                    refused[key] = ['read-only: cannot be changed']
        return refused

    def unknown_message(self, key: str) -> str:
        writable = [name for name, field in self.fields.items() if not field.read_only]
        return f'unknown field{did_you_mean(key, writable) or ": the fields are " + ", ".join(writable)}'

    def stored(self, field: serializers.Field) -> Any:
        """The field's value as a GET answers it (None as None, as DRF's serializer leaves it)."""
        value = field.get_attribute(self.instance)
        return None if value is None else field.to_representation(value)


class StrictSerializerExtension(OpenApiSerializerExtension):
    """The schema of a serializer that refuses unknown keys says so: ``additionalProperties: false``."""

    target_class = StrictFieldsMixin
    match_subclasses = True

    def map_serializer(self, auto_schema: Any, direction: str) -> dict:
        schema = auto_schema._map_serializer(self.target, direction, bypass_extensions=True)
        return {**schema, 'additionalProperties': False}

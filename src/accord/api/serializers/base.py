"""The base serializer of every model endpoint: the object, its many-to-many fields and its parts in one write."""

from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models
from rest_framework import serializers
from rest_framework.settings import api_settings

from accord.api.serializers.fields import ObjectURLField, camel
from accord.api.serializers.parts import ApiPartWriter, Parts, PartsInvalid, merge_errors, nest
from accord.api.serializers.strict import CamelCaseMixin, StrictFieldsMixin
from accord.api.shapes import MISSING, SpecError
from accord.core.choices import ChangeSource
from accord.core.parts import PartRefused
from accord.core.querysets import sees_all
from accord.core.services import Actor, write_object


class NamedModelSerializer(StrictFieldsMixin, CamelCaseMixin, serializers.ModelSerializer):
    """id, url, name, title, description, labels, then the model's own fields in camelCase.

    Owned parts are nested in the catalogue format's shape and written with the object (docs/api.md).
    """

    url = ObjectURLField(view_name='')  # view name set per subclass

    class Meta:
        fields = ['id', 'url', 'name', 'title', 'description', 'labels']
        read_only_fields = ['id']

    def get_fields(self) -> dict:
        fields = super().get_fields()
        if 'url' in fields:
            fields['url'].view_name = f'{self.Meta.model._meta.model_name}-detail'
        return fields

    def create(self, validated_data: dict) -> models.Model:
        return self._write(self.Meta.model(), validated_data)

    def update(self, instance: models.Model, validated_data: dict) -> models.Model:
        return self._write(instance, validated_data)

    def part_fields(self) -> dict[str, Parts]:
        """The nested parts, by model attribute (the key of validated data)."""
        return {field.source: field for field in self.fields.values() if isinstance(field, Parts)}

    def _write(self, instance: models.Model, validated_data: dict) -> models.Model:
        request = self.context['request']
        # The console writes through the same serializers, as the web UI (accord.catalog.forms).
        actor = Actor(user=request.user, source=self.context.get('source', ChangeSource.API))
        part_fields = self.part_fields()
        many: dict[str, Any] = {}
        parts: dict[str, Any] = {}
        for attr, value in validated_data.items():
            if attr in part_fields:
                parts[attr] = MISSING if value is None else value
                continue
            field = instance._meta.get_field(attr)
            if field.many_to_many:
                many[attr] = [*value, *self.kept_out_of_sight(instance, attr)]
            elif value is not None or not self.kept_out_of_sight(instance, attr):
                setattr(instance, attr, value)
        writer = ApiPartWriter(actor)

        def set_columns() -> None:
            # Columns a part keeps on the object itself (a price plan's fee, a capacity).
            for attr, value in parts.items():
                part_fields[attr].part.write(instance, value, writer)

        def write_related() -> None:
            for attr, value in many.items():
                self.set_many(instance, attr, value, actor)
            # Parts are read afresh from the database, never from a prefetch of the request.
            getattr(instance, '_prefetched_objects_cache', {}).clear()
            for step in ('write_related', 'finish'):
                for attr, value in parts.items():
                    part = part_fields[attr].part
                    try:
                        getattr(part, step)(instance, value, writer)
                    except PartRefused as refused:
                        raise PartsInvalid(writer.errors(part, refused)) from None

        try:
            write_object(instance, actor=actor, set_columns=set_columns, write_related=write_related)
        except DjangoValidationError as error:
            raise serializers.ValidationError(self.api_errors(error)) from None
        except PartsInvalid as error:
            raise serializers.ValidationError(error.errors) from None
        except SpecError as error:
            raise serializers.ValidationError(nest(error.path, [error.message])) from None
        getattr(instance, '_prefetched_objects_cache', {}).clear()
        return instance

    def set_many(self, instance: models.Model, attr: str, value: list, actor: Actor) -> None:
        """Write a many-to-many field; a serializer whose relation has a verb of its own calls it here."""
        getattr(instance, attr).set(value)

    def kept_out_of_sight(self, instance: models.Model, attr: str) -> list[models.Model]:
        """What ``instance`` refers to through ``attr`` that the writer may not see: read as null or left
        out of a list, so a write keeps it, and what a GET answers can be sent back unchanged."""
        field = instance._meta.get_field(attr)
        user = self.context['request'].user
        if instance.pk is None or not field.is_relation or sees_all(user, field.related_model):
            return []
        stored = getattr(instance, attr).all() if field.many_to_many else field.related_model._base_manager.filter(
            pk=getattr(instance, field.attname))
        return list(stored.exclude(pk__in=field.related_model.objects.restrict(user, 'view').values('pk')))

    def api_errors(self, error: DjangoValidationError) -> dict | list:
        """Django's errors keyed by the API's names (``target_groups`` → ``targetGroups``)."""
        if not hasattr(error, 'error_dict'):
            return {api_settings.NON_FIELD_ERRORS_KEY: error.messages}
        names = {field.source: name for name, field in self.fields.items()}
        # Columns kept by a part (a price plan's currency) are reported inside it: pricing.currency.
        paths = {attr: path for field in self.part_fields().values() for attr, path in field.part.attr_paths().items()
                 if attr not in names}
        result: dict[str, Any] = {}
        for attr, errors in error.message_dict.items():
            if attr in paths:
                result = merge_errors(result, nest(paths[attr], errors))
                continue
            key = api_settings.NON_FIELD_ERRORS_KEY if attr == NON_FIELD_ERRORS else names.get(attr, camel(attr))
            result.setdefault(key, []).extend(errors)
        return result


def named_fields(*fields: str) -> list[str]:
    """The base fields followed by a model's own."""
    return [*NamedModelSerializer.Meta.fields, *fields]

"""The base serializer of every model endpoint.

References to other named objects are read and written by name, through a field whose queryset
is the request user's restricted view: a name the user may not see fails like an unknown one.
Validation is the model's, once: the serializer only parses; ``save_object`` runs ``clean()``
and the constraints, then many-to-many fields are set and ``clean_relations()`` checks them,
all in one transaction. Django's errors come back keyed by the API's field names.
"""

from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models, transaction
from rest_framework import serializers
from rest_framework.settings import api_settings

from accord.core.choices import ChangeSource
from accord.core.services import Actor, save_object


def camel(name: str) -> str:
    """``target_groups`` → ``targetGroups``: the API's spelling of a model attribute."""
    head, *rest = name.split('_')
    return head + ''.join(part.title() for part in rest)


class NameField(serializers.SlugRelatedField):
    """A reference to a named object, by its name, among the objects the request user may see."""

    def __init__(self, model: type[models.Model], **kwargs: Any):
        self.model = model
        kwargs.setdefault('slug_field', 'name')
        if not kwargs.get('read_only'):
            kwargs['queryset'] = model.objects.all()
        super().__init__(**kwargs)

    def get_queryset(self) -> models.QuerySet:
        request = self.context.get('request')
        return self.model.objects.restrict(getattr(request, 'user', None), 'view')


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


class PartSerializer(CamelCaseMixin, serializers.ModelSerializer):
    """An owned part nested in its parent's representation."""


class NamedModelSerializer(CamelCaseMixin, serializers.ModelSerializer):
    """id, url, name, title, description, labels, then the model's own fields in camelCase.

    ``nested_writers`` names owned parts a subclass writes after the object itself is saved,
    through ``write_<field>(instance, value)``.
    """

    url = serializers.HyperlinkedIdentityField(view_name='')  # view name set per subclass
    nested_writers: tuple[str, ...] = ()

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

    def _write(self, instance: models.Model, validated_data: dict) -> models.Model:
        request = self.context['request']
        many: dict[str, Any] = {}
        nested: dict[str, Any] = {}
        for attr, value in validated_data.items():
            if attr in self.nested_writers:
                nested[attr] = value
                continue
            field = instance._meta.get_field(attr)
            if field.many_to_many:
                many[attr] = value
            else:
                setattr(instance, attr, value)
        try:
            with transaction.atomic():
                save_object(instance, actor=Actor(user=request.user, source=ChangeSource.API))
                for attr, value in many.items():
                    self.set_many(instance, attr, value)
                for attr, value in nested.items():
                    getattr(self, f'write_{attr}')(instance, value)
                if hasattr(instance, 'clean_relations'):
                    instance.clean_relations()
        except DjangoValidationError as error:
            raise serializers.ValidationError(self.api_errors(error)) from None
        return instance

    def set_many(self, instance: models.Model, attr: str, value: list) -> None:
        getattr(instance, attr).set(value)

    def api_errors(self, error: DjangoValidationError) -> dict | list:
        """Django's errors keyed by the API's names (``target_groups`` → ``targetGroups``)."""
        if not hasattr(error, 'error_dict'):
            return {api_settings.NON_FIELD_ERRORS_KEY: error.messages}
        names = {field.source: name for name, field in self.fields.items()}
        result: dict[str, list[str]] = {}
        for attr, errors in error.message_dict.items():
            key = api_settings.NON_FIELD_ERRORS_KEY if attr == NON_FIELD_ERRORS else names.get(attr, camel(attr))
            result.setdefault(key, []).extend(errors)
        return result


def named_fields(*fields: str) -> list[str]:
    """The base fields followed by a model's own."""
    return [*NamedModelSerializer.Meta.fields, *fields]

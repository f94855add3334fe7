"""The base serializer of every model endpoint.

References to other named objects are read and written by name, through a field whose queryset
is the request user's restricted view: a name the user may not see fails like an unknown one.
Validation is the model's, once: the serializer only parses; ``save_object`` runs ``clean()``
and the constraints, then many-to-many fields are set and ``clean_relations()`` checks them,
all in one transaction. Django's errors come back keyed by the API's field names.

Owned parts (an offering's elements, a product's components, an agreement's targets...) are
nested in the catalogue format's shape and written through the same part fields ``accord apply``
uses (``accord.interchange``), each part saved or deleted through the audited write layer, inside
the parent's transaction. An error in a part comes back nested at its path, as DRF nests errors
of nested serializers, a list's by the index of the failing part:
``{"elements": {"1": {"kind": ["..."]}}}``.

A body key a serializer does not take is refused, at any depth, never ignored (``StrictFieldsMixin``):
``{"elements": {"1": {"colour": ["unknown field: ..."]}}}``.
"""

from collections.abc import Callable, Mapping
from difflib import get_close_matches
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models, transaction
from django.db.models import ProtectedError, RestrictedError
from django.http import QueryDict
from drf_spectacular.extensions import OpenApiSerializerExtension, OpenApiSerializerFieldExtension
from drf_spectacular.plumbing import build_array_type
from rest_framework import serializers
from rest_framework.relations import MANY_RELATION_KWARGS
from rest_framework.settings import api_settings

from accord.core.choices import ChangeSource
from accord.core.prefetch import related
from accord.core.querysets import sees_all
from accord.core.services import Actor, delete_object, save_object, snapshot
from accord.interchange.fields import MISSING, SpecError
from accord.interchange.kinds import KINDS_BY_NAME
from accord.resources.models import Item


def camel(name: str) -> str:
    """``target_groups`` → ``targetGroups``: the API's spelling of a model attribute."""
    head, *rest = name.split('_')
    return head + ''.join(part.title() for part in rest)


def represented(field: serializers.Field) -> list[models.Model]:
    """The objects the response of ``field``'s serializer shows: the page of a list, or its one object."""
    instance = field.root.instance
    return [instance] if isinstance(instance, models.Model) else list(instance or ())


class NameField(serializers.SlugRelatedField):
    """A reference to a named object, by its name, among the objects the request user may see.

    Read, a reference to an object the user may not see is ``null`` (a list leaves it out): its name
    would show what is out of their sight. ``named_though_hidden`` keeps the name, for the exceptions
    ``docs/roles.md`` lists. Which referenced objects the user sees is asked once per field and
    response, among all the objects the response refers to: a list costs the same queries however long.
    """

    def __init__(self, model: type[models.Model], *, named_though_hidden: bool = False, **kwargs: Any):
        self.model = model
        self.named_though_hidden = named_though_hidden
        kwargs.setdefault('slug_field', 'name')
        if not kwargs.get('read_only'):
            kwargs['queryset'] = model.objects.all()
        super().__init__(**kwargs)

    def get_queryset(self) -> models.QuerySet:
        return self.model.objects.restrict(self.user, 'view')

    @property
    def user(self) -> Any:
        return getattr(self.context.get('request'), 'user', None)

    @classmethod
    def many_init(cls, *args: Any, **kwargs: Any) -> 'NameListField':
        """DRF's ``many=True``, with a list field that reads a relation ``prefetched()`` into a list."""
        list_kwargs = {key: value for key, value in kwargs.items() if key in MANY_RELATION_KWARGS}
        return NameListField(child_relation=cls(*args, **kwargs), **list_kwargs)

    def to_internal_value(self, data: Any) -> Any:
        # PostgreSQL refuses NUL in text (a DataError, a 500): refuse it first, as CharField does.
        if isinstance(data, str) and '\x00' in data:
            raise serializers.ValidationError('Null characters are not allowed.')
        return super().to_internal_value(data)

    def get_attribute(self, instance: models.Model) -> models.Model | None:
        # Here rather than in to_representation(), which also names the choices of the browsable API's form.
        found = super().get_attribute(instance)
        return found if found is None or self.shows(found.pk) else None

    def shows(self, pk: Any) -> bool:
        """Whether the user may see the referenced object ``pk`` (one of those ``referenced()`` gives)."""
        if '_shown' not in self.__dict__:
            self._shown = None if self.named_though_hidden or sees_all(self.user, self.model) else set(
                self.get_queryset().filter(pk__in=self.referenced()).values_list('pk', flat=True))
        return self._shown is None or pk in self._shown

    def referenced(self) -> set[Any]:
        """The ids of the objects this field (or the list it is the child of) refers to in the whole response."""
        if isinstance(self.parent, NameListField):
            return {obj.pk for instance in represented(self) for obj in self.parent.related_objects(instance)}
        attname = self.parent.Meta.model._meta.get_field(self.source_attrs[0]).attname
        return {getattr(obj, attname) for obj in represented(self)}


class NameListField(serializers.ManyRelatedField):
    """Names of related objects the user may see; reads the list ``accord.core.prefetch.prefetched()`` left."""

    def get_attribute(self, instance: models.Model) -> list[models.Model]:
        return [obj for obj in self.related_objects(instance) if self.child_relation.shows(obj.pk)]

    def related_objects(self, instance: models.Model) -> Any:
        if instance.pk is None or len(self.source_attrs) != 1:
            return super().get_attribute(instance)
        return related(instance, self.source_attrs[0])


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
        guess = get_close_matches(str(key), writable, n=1)
        if guess:
            return f'unknown field: did you mean {guess[0]}?'
        return f'unknown field: the fields are {", ".join(writable)}'

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


class ApiPartWriter:
    """What the catalogue format's part fields write through, for the API.

    The interchange writes a document's parts through a context (``resolve``, ``save``,
    ``delete``, ``existing_item``); this one resolves names among what the user may see and saves
    and deletes every part through the audited write layer, so each has its change-log entry with
    source api. A part left as it was is not saved again.
    """

    def __init__(self, actor: Actor):
        self.actor = actor
        self.user = actor.user
        self.resolved: dict[tuple[str, str], models.Model] = {}

    def resolve(self, kind: str, name: str, path: ErrorPath) -> models.Model:
        if (kind, name) not in self.resolved:
            model = KINDS_BY_NAME[kind].model
            found = model.objects.restrict(self.user, 'view').filter(name=name).first()
            if found is None:
                raise SpecError(path, f'{kind} {name!r} does not exist')
            self.resolved[(kind, name)] = found
        return self.resolved[(kind, name)]

    def existing_item(self, name: str) -> Item | None:
        return Item.objects.restrict(self.user, 'view').filter(name=name).first()

    def save(self, obj: models.Model, attr_to_path: dict[str, ErrorPath], base: ErrorPath) -> None:
        before = None
        if not obj._state.adding:
            stored = type(obj).objects.get(pk=obj.pk)
            if all(getattr(stored, f.attname) == getattr(obj, f.attname) for f in obj._meta.concrete_fields
                   if f.attname not in ('created', 'last_updated')):
                return
            before = snapshot(stored)
        try:
            save_object(obj, actor=self.actor, before=before)
        except DjangoValidationError as error:
            raise PartsInvalid(self.errors(error, attr_to_path, base)) from None

    @staticmethod
    def errors(error: DjangoValidationError, attr_to_path: dict[str, ErrorPath], base: ErrorPath) -> dict:
        found: dict = {}
        for attr, messages in (error.message_dict if hasattr(error, 'error_dict') else {NON_FIELD_ERRORS:
                                                                                         error.messages}).items():
            if attr == NON_FIELD_ERRORS:
                path = (*base, api_settings.NON_FIELD_ERRORS_KEY)
            else:
                path = attr_to_path.get(attr, (*base, camel(attr)))
            found = merge_errors(found, nest(path, messages))
        return found

    def delete(self, obj: models.Model, path: ErrorPath) -> None:
        try:
            with transaction.atomic():
                delete_object(obj, actor=self.actor)
        except (ProtectedError, RestrictedError) as error:
            referrers = error.protected_objects if isinstance(error, ProtectedError) else error.restricted_objects
            users = sorted({str(o) for o in referrers})[:5]
            raise SpecError(path, f'cannot remove {obj}: still referred to by {", ".join(users)}') from None


class PartRef(NameField):
    """A reference inside a part: checked among what the user may see, kept as the name the format writes."""

    def to_internal_value(self, data: Any) -> str:
        return super().to_internal_value(data).name


class Parts(serializers.Field):
    """Owned parts of an object in the catalogue format's shape.

    ``serializer_class`` checks the shape (and documents it in the OpenAPI schema); ``part`` is the
    catalogue format's field (``accord.interchange``) that reads the canonical form, as ``accord
    export`` prints it (defaults left out), and writes it, as ``accord apply`` does. A list
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


class ObjectURLField(serializers.HyperlinkedIdentityField):
    """An object's absolute URL, as DRF's ``HyperlinkedIdentityField`` gives it, reversed once per serializer.

    ``reverse()`` and ``build_absolute_uri()`` per object cost a tenth of a list of 50 offerings; the
    URLs of a list differ only in the pk, so the URL is reversed once with a placeholder for it
    (the router's ``[^/.]+`` matches it, ``reverse()`` does not quote it) and each integer pk is put
    in its place. A serializer, and so this field, serves one request; other lookups go DRF's way.
    """

    PLACEHOLDER = 'accord-pk-placeholder'

    def get_url(self, obj: models.Model, view_name: str, request: Any, format: str | None) -> str | None:
        value = getattr(obj, self.lookup_field)
        if not isinstance(value, int):  # unsaved (None) or not a number: DRF's way
            return super().get_url(obj, view_name, request, format)
        templates = self.__dict__.setdefault('_templates', {})
        if (view_name, format) not in templates:
            url = self.reverse(view_name, kwargs={self.lookup_url_kwarg: self.PLACEHOLDER}, request=request,
                               format=format)
            templates[view_name, format] = url.rpartition(self.PLACEHOLDER)
        head, _, tail = templates[view_name, format]
        return f'{head}{value}{tail}'


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
        actor = Actor(user=request.user, source=ChangeSource.API)
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
        try:
            with transaction.atomic():
                # Columns a part keeps on the object itself (a price plan's fee, a capacity) first.
                for attr, value in parts.items():
                    part_fields[attr].part.write(instance, value, writer)
                save_object(instance, actor=actor)
                for attr, value in many.items():
                    self.set_many(instance, attr, value)
                # Parts are read afresh from the database, never from a prefetch of the request.
                getattr(instance, '_prefetched_objects_cache', {}).clear()
                for attr, value in parts.items():
                    part_fields[attr].part.write_related(instance, value, writer)
                for attr, value in parts.items():
                    part_fields[attr].part.finish(instance, value, writer)
                if hasattr(instance, 'clean_relations'):
                    instance.clean_relations()
        except DjangoValidationError as error:
            raise serializers.ValidationError(self.api_errors(error)) from None
        except PartsInvalid as error:
            raise serializers.ValidationError(error.errors) from None
        except SpecError as error:
            raise serializers.ValidationError(nest(error.path, [error.message])) from None
        getattr(instance, '_prefetched_objects_cache', {}).clear()
        return instance

    def set_many(self, instance: models.Model, attr: str, value: list) -> None:
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

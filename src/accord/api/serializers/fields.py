"""Fields of the API's serializers: references by name among what the reader may see, object URLs."""

from typing import Any

from django.db import models
from rest_framework import serializers
from rest_framework.relations import MANY_RELATION_KWARGS

from accord.core.prefetch import related
from accord.core.querysets import sees_all


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


class PartRef(NameField):
    """A reference inside a part: checked among what the user may see, kept as the name the format writes."""

    def to_internal_value(self, data: Any) -> str:
        return super().to_internal_value(data).name


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

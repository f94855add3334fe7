"""Detail URLs accept an object's name as well as its id: ``/api/v1/service-offerings/student-checking/``.

Names are the natural key of files, the CLI and filters (unique per kind), so a client that knows
a name needs no list query to find the id first. A name is a slug and may be all digits
(``2025``): a key of digits is looked up as an id first and, when no object the caller may see has
that id, as a name. Whatever the key, an object out of the caller's sight is 404, as by id.
"""

from typing import Any

from django.db import models

from accord.core.models.base import name_validator

# The slug of ``name_validator``, which an id (digits) also matches; no dot, so a format suffix
# (``/student-checking.json``) still parses.
ID_OR_NAME = name_validator.regex.pattern.removeprefix('^').removesuffix('$')
DESCRIPTION = ("The object's id, or its name. A key of digits is an id first; when no object you may see has "
               'that id, it is the name.')


def has_unique_name(model: type[models.Model]) -> bool:
    try:
        return model._meta.get_field('name').unique
    except Exception:  # FieldDoesNotExist: not a named model
        return False


class IdOrNameLookup:
    """A viewset mixin: ``get_object`` by id, or by name for models whose name is unique."""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        queryset = getattr(cls, 'queryset', None)
        if queryset is not None and has_unique_name(queryset.model):
            cls.lookup_value_regex = ID_OR_NAME  # the router's URL and the schema's parameter pattern

    def get_object(self) -> models.Model:
        if not has_unique_name(self.queryset.model):
            return super().get_object()
        self.lookup_url_kwarg = self.lookup_url_kwarg or self.lookup_field
        key = self.kwargs[self.lookup_url_kwarg]
        if not key.isdigit() or self._by_name(key):
            self.lookup_field = 'name'
        return super().get_object()

    def _by_name(self, key: str) -> bool:
        """A key of digits names an object when no object the caller may see has it as id, and one has it as name.

        Decided before the look-up, so that the viewset's own 404-or-403 answer speaks of that one object.
        """
        visible = self.queryset.model.objects.restrict(self.request.user, 'view')
        return not visible.filter(pk=key).exists() and visible.filter(name=key).exists()


def describe_name_lookup(result: dict, generator: Any, request: Any, public: bool) -> dict:
    """drf-spectacular post-processing hook: say in the schema what the ``{id}`` of a named model accepts."""
    for operations in result.get('paths', {}).values():
        for operation in operations.values():
            for parameter in operation.get('parameters', []) if isinstance(operation, dict) else []:
                if parameter.get('in') == 'path' and parameter.get('schema', {}).get('pattern') == f'^{ID_OR_NAME}$':
                    parameter['description'] = DESCRIPTION
    return result

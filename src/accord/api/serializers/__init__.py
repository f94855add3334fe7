"""The base serializer of every model endpoint, its fields and its nested parts.

``fields`` (references by name, URLs), ``strict`` (camelCase names, unknown keys refused),
``parts`` (owned parts in the format's shape) and ``base`` (``NamedModelSerializer``).

References to other named objects are read and written by name, through a field whose queryset
is the request user's restricted view: a name the user may not see fails like an unknown one.
Validation is the model's, once: the serializer only parses; ``save_object`` runs ``clean()``
and the constraints, then many-to-many fields are set and ``clean_relations()`` checks them,
all in one transaction. Django's errors come back keyed by the API's field names.

Owned parts (an offering's elements, a product's components, an agreement's targets...) are
nested in the catalogue format's shape and written by the domain's service verbs, as ``accord
apply`` writes them, inside the parent's transaction. An error in a part comes back nested at its
path, as DRF nests errors of nested serializers, a list's by the index of the failing part:
``{"elements": {"1": {"kind": ["..."]}}}``.

A body key a serializer does not take is refused, at any depth, never ignored (``StrictFieldsMixin``):
``{"elements": {"1": {"colour": ["unknown field: ..."]}}}``.
"""

from accord.api.serializers.base import NamedModelSerializer, named_fields
from accord.api.serializers.fields import NameField, NameListField, ObjectURLField, PartRef, camel, represented
from accord.api.serializers.parts import (
    ApiPartWriter,
    Parts,
    PartsExtension,
    PartShape,
    PartsInvalid,
    merge_errors,
    nest,
)
from accord.api.serializers.strict import CamelCaseMixin, StrictFieldsMixin, StrictSerializerExtension

__all__ = [
    'ApiPartWriter', 'CamelCaseMixin', 'NameField', 'NameListField', 'NamedModelSerializer', 'ObjectURLField',
    'PartRef', 'PartShape', 'Parts', 'PartsExtension', 'PartsInvalid', 'StrictFieldsMixin', 'StrictSerializerExtension',
    'camel',
    'merge_errors', 'named_fields', 'nest', 'represented',
]

"""API representation of the change log: who changed what, from where, before and after."""

from rest_framework import serializers

from accord.api.serializers import CamelCaseMixin
from accord.core.models import ObjectChange


class ObjectChangeSerializer(CamelCaseMixin, serializers.ModelSerializer):
    """One entry, read-only; the object is named by its type (``app.model``), id and text at the time."""

    url = serializers.HyperlinkedIdentityField(view_name='objectchange-detail')
    user = serializers.CharField(source='user_name', read_only=True)
    object_type = serializers.SerializerMethodField(method_name='get_object_type')
    object_id = serializers.IntegerField(source='changed_object_id', read_only=True)
    object = serializers.CharField(source='object_repr', read_only=True)

    class Meta:
        model = ObjectChange
        fields = ['id', 'url', 'time', 'user', 'source', 'action', 'object_type', 'object_id', 'object',
                  'before', 'after']
        read_only_fields = fields

    def get_object_type(self, change: ObjectChange) -> str:
        """``app_label.model``, as ``?object_type=`` takes it (``resources.resource``)."""
        content_type = change.changed_object_type
        return f'{content_type.app_label}.{content_type.model}'

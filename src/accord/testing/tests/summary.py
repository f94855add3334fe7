"""What a bank restored from a snapshot must share with a freshly applied one, whatever the ids."""

from django.contrib.auth.models import Permission

from accord.core.models import ObjectChange
from accord.testing.fixtures import _all_models


def summary() -> dict:
    """Row counts per table and the natural keys of what the bank names, whatever the ids."""
    names = {m._meta.label: sorted(m._base_manager.values_list('name', flat=True))
             for m in _all_models() if any(f.name == 'name' for f in m._meta.concrete_fields)}
    return {
        'counts': {m._meta.label: m._base_manager.count() for m in _all_models()},
        'names': names,
        'permissions': sorted(Permission.objects.values_list('content_type__app_label', 'content_type__model',
                                                             'codename')),
        'changes': sorted(ObjectChange.objects.values_list(
            'changed_object_type__app_label', 'changed_object_type__model', 'object_repr', 'action', 'source',
            'user_name')),
    }

"""The permission gate: every view, endpoint, export and search starts from ``restrict()``.

An object outside what the user may see is simply not in the queryset, so callers answer 404.
Roles for provider staff and consumers extend ``restrict`` in the API issue; until then the
gate grants the superuser everything and anyone else what Django's model permissions give.
"""

from django.db import models


class RestrictedQuerySet(models.QuerySet):
    def restrict(self, user, action: str = 'view') -> 'RestrictedQuerySet':
        """Only the objects ``user`` may perform ``action`` (view, add, change, delete) on."""
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_superuser:
            return self
        meta = self.model._meta
        if user.has_perm(f'{meta.app_label}.{action}_{meta.model_name}'):
            return self
        return self.none()

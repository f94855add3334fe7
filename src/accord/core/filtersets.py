"""Filters shared by every filterset, and the filtersets of the change log, accounts and API tokens.

Every named model's filterset extends ``NamedModelFilterSet``: ``name``, ``id``, and each reference
listed in ``Meta.references`` by name and by id (``?provider=NAME``, ``?provider_id=ID``), among
what the request's user may see.
"""

from datetime import UTC, datetime
from typing import Any

import django_filters
from django import forms
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet
from django.utils import timezone
from django_filters.constants import EMPTY_VALUES
from django_filters.fields import IsoDateTimeField, RangeField
from django_filters.widgets import DateRangeWidget

from accord.core.choices import ChangeAction, ChangeSource
from accord.core.models import APIToken, ObjectChange, User
from accord.core.models.tokens import TOKEN_STATUSES


class IdFilter(django_filters.NumberFilter):
    """An id: a whole number within the database's 64-bit range, else 400 (SQLite overflows on a larger one)."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault('min_value', -(2 ** 63))
        kwargs.setdefault('max_value', 2 ** 63 - 1)
        super().__init__(*args, **kwargs)


class ReferenceFilterMixin:
    """A reference filter that matches only referenced objects the request user may see.

    Filtering by a hidden object's name or id then finds nothing, exactly as for a name that does
    not exist: the answer never reveals that the hidden object exists or what refers to it.
    """

    def __init__(self, *args, reference: str, related_model: type, many: bool, **kwargs):
        self.reference = reference
        self.related_model = related_model
        self.many = many
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if value in EMPTY_VALUES:
            return qs
        request = getattr(self.parent, 'request', None)
        visible = self.related_model.objects.all()
        if request is not None and hasattr(visible, 'restrict'):
            visible = visible.restrict(getattr(request, 'user', None), 'view')
        lookup = 'name' if isinstance(self, django_filters.CharFilter) else 'pk'
        qs = qs.filter(**{f'{self.reference}__in': visible.filter(**{lookup: value}).values('pk')})
        return qs.distinct() if self.many else qs


class ReferenceNameFilter(ReferenceFilterMixin, django_filters.CharFilter):
    """``?provider=NAME`` among what the user may see."""


class ReferenceIdFilter(ReferenceFilterMixin, IdFilter):
    """``?provider_id=ID`` among what the user may see."""


class ReferencesFilterSet(django_filters.FilterSet):
    """``id``, plus each reference listed in ``Meta.references`` by name and by id."""

    id = IdFilter(field_name='id')

    @classmethod
    def get_filters(cls) -> dict:
        filters = super().get_filters()
        for ref in getattr(getattr(cls, 'Meta', None), 'references', ()):
            field = cls._meta.model._meta.get_field(ref)
            many = field.many_to_many or field.one_to_many
            related = dict(reference=ref, related_model=field.related_model, many=many)
            filters[ref] = ReferenceNameFilter(field_name=f'{ref}__name', label=f'{ref} (name)', **related)
            filters[f'{ref}_id'] = ReferenceIdFilter(
                field_name=f'{ref}__id' if many else f'{ref}_id', label=f'{ref} (id)', **related)
        return filters


class NamedModelFilterSet(ReferencesFilterSet):
    """``name`` and ``id``, plus each reference listed in ``Meta.references`` by name and by id."""

    name = django_filters.CharFilter(field_name='name')


class UTCDateTimeField(IsoDateTimeField):
    """An ISO 8601 instant, turned to UTC: PostgreSQL refuses offsets past ±15:59, Python allows ±23:59."""

    def to_python(self, value: Any) -> datetime | None:
        instant = super().to_python(value)
        if instant is None:
            return None
        try:
            return instant.astimezone(UTC)
        except OverflowError:  # 9999-12-31T23:00-05:00 is past the last instant Python can hold
            raise forms.ValidationError('an instant out of range', code='invalid') from None


class UTCDateTimeFilter(django_filters.IsoDateTimeFilter):
    field_class = UTCDateTimeField


class UTCDateTimeRangeField(RangeField):
    """``FIELD_after`` / ``FIELD_before``: two ISO 8601 instants, each turned to UTC (``UTCDateTimeField``)."""

    widget = DateRangeWidget

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__((UTCDateTimeField(), UTCDateTimeField()), *args, **kwargs)


class UTCDateTimeFromToRangeFilter(django_filters.RangeFilter):
    """django-filter's ``IsoDateTimeFromToRangeFilter``, its instants in UTC, so PostgreSQL takes any offset."""

    field_class = UTCDateTimeRangeField


class ObjectTypeFilter(django_filters.CharFilter):
    """``?object_type=resources.resource``: the entries about objects of one model; an unknown model finds none."""

    def filter(self, qs, value):
        if not value:
            return qs
        app_label, _, model = value.partition('.')
        types = ContentType.objects.filter(app_label=app_label, model=model.lower())
        return qs.filter(changed_object_type__in=types)


class ObjectChangeFilterSet(django_filters.FilterSet):
    """Who (``user``), from where (``source``), what (``action``, ``object_type``, ``object_id``), and when."""

    id = IdFilter(field_name='id')
    user = django_filters.CharFilter(field_name='user_name', label='user (name at the time)')
    source = django_filters.ChoiceFilter(choices=ChangeSource.choices)
    action = django_filters.ChoiceFilter(choices=ChangeAction.choices)
    object_type = ObjectTypeFilter(label='object type, app_label.model (resources.resource)')
    object_id = IdFilter(field_name='changed_object_id', label='object id')
    after = UTCDateTimeFilter(field_name='time', lookup_expr='gte', label='at or after (ISO 8601)')
    before = UTCDateTimeFilter(field_name='time', lookup_expr='lt', label='before (ISO 8601)')

    class Meta:
        model = ObjectChange
        fields: list[str] = []


class UserFilterSet(django_filters.FilterSet):
    """By ``username``, ``email``, the flags, and the ``person`` the account is the login of."""

    id = IdFilter(field_name='id')
    person = django_filters.CharFilter(field_name='person__name', label='person (name)')

    class Meta:
        model = User
        fields = ['username', 'email', 'is_active', 'is_staff', 'is_superuser']


class APITokenFilterSet(django_filters.FilterSet):
    """By ``user`` (username), ``name`` and ``status`` (active, expired, revoked)."""

    id = IdFilter(field_name='id')
    user = django_filters.CharFilter(field_name='user__username', label='user (username)')
    status = django_filters.ChoiceFilter(choices=[(s, s) for s in TOKEN_STATUSES], method='filter_status')

    class Meta:
        model = APIToken
        fields = ['name']

    def filter_status(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        expired = Q(expires__lte=timezone.now())
        if value == 'revoked':
            return queryset.exclude(revoked_at=None)
        if value == 'expired':
            return queryset.filter(expired, revoked_at=None)
        return queryset.filter(revoked_at=None).exclude(expired)

"""Filtersets of the parties, and the base every named model's filterset extends.

A reference is filtered by name and by id: ``?provider=NAME`` and ``?provider_id=ID``.
``NamedModelFilterSet`` lives here, beside the first named models it serves; the id filter that
every filterset shares, the change log's included, is in ``accord.core.filtersets``.
"""

import django_filters
from django_filters.constants import EMPTY_VALUES

from accord.core.filtersets import IdFilter
from accord.parties.models import ConsumerGroup, Organization, Person, RoleGrant


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


class OrganizationFilterSet(NamedModelFilterSet):
    class Meta:
        model = Organization
        fields = ['kind', 'external']
        references = ('parent',)


class PersonFilterSet(NamedModelFilterSet):
    class Meta:
        model = Person
        fields = ['email']
        references = ('member_of',)


class ConsumerGroupFilterSet(NamedModelFilterSet):
    class Meta:
        model = ConsumerGroup
        fields: list[str] = []
        references = ('provider', 'members')


class RoleGrantFilterSet(ReferencesFilterSet):
    """By ``user`` (username), ``role`` and ``organization`` (name or id).

    Grants are already those the user may see, so the username needs no visibility check of its own.
    """

    user = django_filters.CharFilter(field_name='user__username', label='user (username)')

    class Meta:
        model = RoleGrant
        fields = ['role']
        references = ('organization',)

"""Filtersets of the parties, and the base every named model's filterset extends.

A reference is filtered by name and by id: ``?provider=NAME`` and ``?provider_id=ID``.
``NamedModelFilterSet`` belongs in core; it lives here until core grows a ``filtersets`` module,
since every domain app may import parties.
"""

import django_filters

from accord.parties.models import ConsumerGroup, Organization, Person


class NamedModelFilterSet(django_filters.FilterSet):
    """``name`` and ``id``, plus each reference listed in ``Meta.references`` by name and by id."""

    name = django_filters.CharFilter(field_name='name')
    id = django_filters.NumberFilter(field_name='id')

    @classmethod
    def get_filters(cls) -> dict:
        filters = super().get_filters()
        for ref in getattr(getattr(cls, 'Meta', None), 'references', ()):
            field = cls._meta.model._meta.get_field(ref)
            many = field.many_to_many or field.one_to_many
            filters[ref] = django_filters.CharFilter(field_name=f'{ref}__name', distinct=many, label=f'{ref} (name)')
            filters[f'{ref}_id'] = django_filters.NumberFilter(
                field_name=f'{ref}__id' if many else f'{ref}_id', distinct=many, label=f'{ref} (id)')
        return filters


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

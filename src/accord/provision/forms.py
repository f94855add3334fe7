"""The forms of fulfilment: each translates a practitioner's choices into one provision verb, and back its refusals.

A form is built for one record (the order, subscription, grant or action the verb acts on) and the reader; its
choices are what the verb could accept there (the items the provider still owns, the consumer's members, the
provider's people). ``perform`` calls the verb; a ``ValidationError`` it raises is shown at the field it names
(``errors_from``), the rest above the form.
"""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import models

from accord.catalog.choices import ElementKind
from accord.catalog.models import OfferingElement
from accord.core.roles import directory
from accord.core.services import Actor
from accord.parties.models import Organization, Person
from accord.provision import services
from accord.provision.models import AccessGrant, ActionInstance, Order
from accord.provision.models.terms import element_resource_ids
from accord.relationships.models import Subscription
from accord.resources.models import Item

QUALITY = [('', 'not scored'), *((str(score), f'{score} of 5') for score in range(1, 6))]


class DateTimeInput(forms.DateTimeInput):
    input_type = 'datetime-local'

    def __init__(self, **kwargs: Any):
        super().__init__(format='%Y-%m-%dT%H:%M', **kwargs)


def when_field(label: str, required: bool = False, help_text: str = '') -> forms.DateTimeField:
    return forms.DateTimeField(label=label, required=required, widget=DateTimeInput(), help_text=help_text)


def named(objects: models.QuerySet) -> list[tuple[str, str]]:
    """Choices of objects by name, labelled by title."""
    return [(obj.name, obj.title or obj.name) for obj in objects]


class VerbForm(forms.Form):
    """A form for one record; ``error_fields`` names the form field of each key the verb's refusals use."""

    error_fields: dict[str, str] = {}

    def __init__(self, *args: Any, record: models.Model, user: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.record, self.user = record, user

    def perform(self, actor: Actor) -> models.Model:
        raise NotImplementedError

    def errors_from(self, error: ValidationError) -> None:
        """The verb's refusal at each field it names, the rest above the form with the key it was given."""
        if not hasattr(error, 'error_dict'):
            self.add_error(None, error)
            return
        for key, messages in error.message_dict.items():
            field = self.error_fields.get(key, key)
            for message in messages:
                if field in self.fields:
                    self.add_error(field, message)
                else:
                    self.add_error(None, message if key == '__all__' else f'{key.replace("_", " ")}: {message}')


def deliverable_items(element: OfferingElement, provider: Organization, user: Any) -> models.QuerySet:
    """The items of the element's resources the provider still owns and never delivered: what it can hand over."""
    return Item.objects.restrict(user, 'view').filter(
        resource_id__in=element_resource_ids(element), owner=provider, deliveries__isnull=True,
    ).select_related('resource').order_by('name')


def item_choices(items: models.QuerySet) -> list[tuple[str, str]]:
    return [(item.name, f'{item.title or item.name} ({item.resource.title or item.resource.name})')
            for item in items]


class FulfilForm(VerbForm):
    """Fulfil an approved order; for a good, the items to hand over (else a quantity of untracked units)."""

    items = forms.MultipleChoiceField(required=False, widget=forms.CheckboxSelectMultiple,
                                      help_text="Items the provider still owns; they become the consumer's.")
    quantity = forms.IntegerField(required=False, min_value=1,
                                  help_text='Units handed over when they are not tracked as items.')

    def __init__(self, *args: Any, record: Order, user: Any, **kwargs: Any):
        super().__init__(*args, record=record, user=user, **kwargs)
        element = record.request_item.element if record.request_item_id else None
        if element is None or element.kind != ElementKind.GOOD:
            del self.fields['items'], self.fields['quantity']
            return
        self.element = element
        self.fields['items'].choices = item_choices(deliverable_items(element, record.relationship.provider, user))
        self.fields['quantity'].help_text = (f'Units handed over when they are not tracked as items; left empty, '
                                             f"the element's {element.quantity or 1}.")
        if not self.fields['items'].choices:
            del self.fields['items']

    def clean(self) -> dict:
        data = super().clean()
        if data.get('items') and data.get('quantity'):
            raise ValidationError('Choose the items to deliver or a quantity, not both.')
        return data

    def perform(self, actor: Actor) -> models.Model:
        items = list(Item.objects.filter(name__in=self.cleaned_data.get('items') or []))
        return services.fulfil(self.record, items=items, quantity=self.cleaned_data.get('quantity'), actor=actor)


class ElementForm(VerbForm):
    """A record of one element of the subscription's offering, of the form's ``kind``."""

    kind: str
    element = forms.ChoiceField()

    def __init__(self, *args: Any, record: Subscription, user: Any, **kwargs: Any):
        super().__init__(*args, record=record, user=user, **kwargs)
        self.elements = {element.name: element for element in OfferingElement.objects.filter(
            offering=record.offering, kind=self.kind).select_related('product', 'component').order_by('name')}
        self.fields['element'].choices = [(name, f'{name} ({element.product.title or element.product.name})')
                                          for name, element in self.elements.items()]

    def chosen(self) -> OfferingElement:
        return self.elements[self.cleaned_data['element']]


class DeliverForm(ElementForm):
    """Hand items (or untracked units) of a good element of the subscription to its consumer."""

    kind = ElementKind.GOOD
    items = forms.MultipleChoiceField(required=False, widget=forms.CheckboxSelectMultiple,
                                      help_text="Items the provider still owns; they become the consumer's.")
    quantity = forms.IntegerField(required=False, min_value=1,
                                  help_text='Units handed over when they are not tracked as items.')

    def __init__(self, *args: Any, record: Subscription, user: Any, **kwargs: Any):
        super().__init__(*args, record=record, user=user, **kwargs)
        provider = record.relationship.provider
        self.fields['items'].choices = [
            choice for element in self.elements.values()
            for choice in item_choices(deliverable_items(element, provider, user))]

    def perform(self, actor: Actor) -> models.Model:
        items = list(Item.objects.filter(name__in=self.cleaned_data['items']))
        return services.deliver_goods(self.record, self.chosen(), items=items,
                                      quantity=self.cleaned_data.get('quantity'), actor=actor)


class GrantForm(ElementForm):
    """Let a member of the consumer, or the consumer itself, use an access element."""

    kind = ElementKind.ACCESS
    grantee = forms.ChoiceField(help_text='A member of the consumer, or the consumer as a whole.')
    valid_from = when_field('Valid from', help_text='Now, when left empty.')
    valid_to = when_field('Valid to', help_text='Until the subscription ends, when left empty.')
    error_fields = {'grantee_person': 'grantee', 'grantee_organization': 'grantee'}

    def __init__(self, *args: Any, record: Subscription, user: Any, **kwargs: Any):
        super().__init__(*args, record=record, user=user, **kwargs)
        consumer = record.relationship.consumer
        members = Person.objects.filter(member_of=consumer).order_by('name')
        self.fields['grantee'].choices = [(f'organization:{consumer.name}', consumer.title or consumer.name),
                                          *((f'person:{name}', title) for name, title in named(members))]
        windows = [f'{name}: {element.window_from:%H:%M}–{element.window_to:%H:%M}'
                   for name, element in self.elements.items() if element.window_from is not None]
        self.fields['element'].help_text = (
            "The element's daily window applies to the grant: " + '; '.join(windows) if windows
            else 'No element of this offering has a daily window: access holds all day.')

    def chosen_grantee(self) -> Person | Organization:
        kind, name = self.cleaned_data['grantee'].split(':', 1)
        return (Person if kind == 'person' else Organization).objects.get(name=name)

    def perform(self, actor: Actor) -> models.Model:
        return services.grant_access(self.record, self.chosen(), self.chosen_grantee(),
                                     valid_from=self.cleaned_data.get('valid_from'),
                                     valid_to=self.cleaned_data.get('valid_to'), actor=actor)


class RevokeForm(VerbForm):
    """End a grant now, saying why; the consumer reads the reason."""

    reason = forms.CharField(widget=forms.Textarea(attrs={'rows': 3}), max_length=2000,
                             help_text='Why the access ends; the consumer reads it.')
    error_fields = {'revoke_reason': 'reason'}

    def perform(self, actor: Actor) -> models.Model:
        record: AccessGrant = self.record
        return services.revoke_access(record, reason=self.cleaned_data['reason'], actor=actor)


def provider_people(action: ActionInstance, user: Any) -> list[tuple[str, str]]:
    """The persons of the provider (its units included) the reader may view: who may perform the action."""
    units = directory().units({action.subscription.relationship.provider_id})
    return named(Person.objects.restrict(user, 'view').filter(member_of__in=units).distinct().order_by('name'))


class StartForm(VerbForm):
    """The action begins, by these performers (the signed-in person, unless others are chosen)."""

    performers = forms.MultipleChoiceField(required=False, widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args: Any, record: ActionInstance, user: Any, **kwargs: Any):
        super().__init__(*args, record=record, user=user, **kwargs)
        self.fields['performers'].choices = provider_people(record, user)
        me = Person.objects.filter(user=user).values_list('name', flat=True).first()
        self.fields['performers'].initial = [me] if me else []

    def chosen_performers(self) -> list[Person]:
        return list(Person.objects.filter(name__in=self.cleaned_data['performers']))

    def perform(self, actor: Actor) -> models.Model:
        return services.start_action(self.record, performers=self.chosen_performers(), actor=actor)


class CompleteForm(StartForm):
    """The action is done: by whom besides those who started it, with the consumer present or not, how well."""

    consumer_present = forms.NullBooleanField(label='Consumer present', required=False)
    quality = forms.TypedChoiceField(choices=QUALITY, coerce=int, empty_value=None, required=False,
                                     help_text='How well the action went, 1 (poorly) to 5 (very well).')

    def __init__(self, *args: Any, record: ActionInstance, user: Any, **kwargs: Any):
        super().__init__(*args, record=record, user=user, **kwargs)
        if record.element.requires_consumer_presence:
            self.fields['consumer_present'].initial = True

    def perform(self, actor: Actor) -> models.Model:
        return services.complete_action(self.record, performers=self.chosen_performers(),
                                        consumer_present=self.cleaned_data['consumer_present'],
                                        quality=self.cleaned_data['quality'], actor=actor)

"""API representations of products, services and offerings.

A product's components (with their views per group) and an offering's elements, price plan, value
and request items are nested in the catalogue format's shape (``catalog-format.md``) and written
through the parent, as ``accord apply`` writes them: see ``accord.api.serializers.Parts``.
"""

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import RegexValidator
from rest_framework import serializers

from accord.api.serializers import (
    NamedModelSerializer,
    NameField,
    PartRef,
    Parts,
    PartShape,
    named_fields,
    represented,
)
from accord.catalog import pricing
from accord.catalog.api.parts import VALUE_KEYS, Components, Elements, Pricing, RequestItems, ValueStatement
from accord.catalog.choices import (
    ActionTrigger,
    Approval,
    ComponentVisibility,
    ElementKind,
    FeePeriod,
    PerformedBy,
)
from accord.catalog.models import Product, Service, ServiceOffering
from accord.core.prefetch import related
from accord.parties.models import ConsumerGroup, Organization, Person
from accord.resources.models import Resource

MONEY = {'max_digits': 18, 'decimal_places': 4, 'min_value': 0}
TIME_OF_DAY = RegexValidator(r'^([01][0-9]|2[0-3]):[0-5][0-9]$', 'a time of day "HH:MM"')


class ComponentViewPart(PartShape):
    label = serializers.CharField(required=False, allow_blank=True, max_length=200)


class ComponentPart(PartShape):
    """A component: a resource with a role, hidden unless visible or shown to a group by a view (R3, R4)."""

    resource = PartRef(Resource)
    role = serializers.CharField(required=False, allow_blank=True, max_length=100)
    visibility = serializers.ChoiceField(ComponentVisibility.choices, required=False)
    views = serializers.DictField(child=ComponentViewPart(), required=False,
                                  help_text='By consumer group name: what that group sees (an optional label).')


class ProductSerializer(NamedModelSerializer):
    """A product; ``components`` replaces the whole list when given, views per group included."""

    provider = NameField(Organization)
    components = Parts(ComponentPart, Components())
    hidden_from = NameField(ConsumerGroup, many=True, required=False)

    class Meta(NamedModelSerializer.Meta):
        model = Product
        fields = named_fields('provider', 'components', 'hidden_from')


class ServiceSerializer(NamedModelSerializer):
    provider = NameField(Organization)
    owner = NameField(Person)
    products = NameField(Product, many=True)

    class Meta(NamedModelSerializer.Meta):
        model = Service
        fields = named_fields('provider', 'owner', 'products', 'lifecycle')


class WindowPart(PartShape):
    """A daily window, ``{from, to}`` as "HH:MM"."""

    def get_fields(self) -> dict:
        return {key: serializers.CharField(validators=[TIME_OF_DAY]) for key in ('from', 'to')}


class ConversionPart(PartShape):
    price = serializers.DecimalField(**MONEY)


class DurationPart(PartShape):
    """One of ``{days: N}``, ``{businessDays: N}`` (Monday to Friday), ``{hours: N}``."""

    days = serializers.IntegerField(min_value=0, required=False)
    businessDays = serializers.IntegerField(min_value=0, required=False)  # noqa: N815 (the format's name)
    hours = serializers.IntegerField(min_value=0, required=False)

    def validate(self, attrs: dict) -> dict:
        if len(attrs) != 1:
            raise serializers.ValidationError('one of days, businessDays or hours')
        return attrs


KIND_FIELDS = {
    ElementKind.GOOD: {'quantity'},
    ElementKind.ACCESS: {'window', 'convertibleToGood'},
    ElementKind.ACTION: {'trigger', 'performedBy', 'requiresConsumerPresence', 'targetDuration'},
}


class ElementPart(PartShape):
    """A good, an access to resources or a service action, with the fields of its kind."""

    kind = serializers.ChoiceField(ElementKind.choices)
    name = serializers.CharField(max_length=100)
    product = PartRef(Product)
    component = PartRef(Resource, required=False)
    quantity = serializers.IntegerField(min_value=1, required=False, help_text='good')
    window = WindowPart(required=False, help_text='access')
    convertibleToGood = ConversionPart(required=False, help_text='access')  # noqa: N815
    trigger = serializers.ChoiceField(ActionTrigger.choices, required=False, help_text='action')
    performedBy = serializers.ChoiceField(PerformedBy.choices, required=False, help_text='action')  # noqa: N815
    requiresConsumerPresence = serializers.BooleanField(required=False, help_text='action')  # noqa: N815
    targetDuration = DurationPart(required=False, help_text='action')  # noqa: N815

    def validate(self, attrs: dict) -> dict:
        others = set().union(*KIND_FIELDS.values()) - KIND_FIELDS[attrs['kind']]
        wrong = {key: [f'not a field of a {attrs["kind"]} element'] for key in sorted(others & set(attrs))}
        if wrong:
            raise serializers.ValidationError(wrong)
        return attrs


class FeePart(PartShape):
    amount = serializers.DecimalField(**MONEY)
    per = serializers.ChoiceField(FeePeriod.choices)


class UsagePart(PartShape):
    event = serializers.CharField(max_length=100)
    amount = serializers.DecimalField(**MONEY)
    allowance = serializers.IntegerField(min_value=0, required=False)


class PricingPart(PartShape):
    """The price plan (R6-R8): base fee, waivers (one condition), usage charges."""

    currency = serializers.CharField(max_length=3)
    fee = FeePart(required=False)
    waivers = serializers.JSONField(
        required=False,
        help_text='A condition: {anyOf: [...]}, {allOf: [...]}, {fact, atLeast | atMost | equals} or '
                  '{subscribedTo: OFFERING}.')
    usage = UsagePart(many=True, required=False)

    def validate_waivers(self, value: Any) -> Any:
        try:
            named = pricing.check_condition(value)
        except DjangoValidationError as error:
            raise serializers.ValidationError(error.messages) from None
        request = self.context.get('request')
        visible = set(ServiceOffering.objects.restrict(getattr(request, 'user', None), 'view').filter(
            name__in=named).values_list('name', flat=True))
        unknown = sorted(named - visible)
        if unknown:
            raise serializers.ValidationError(f'no such offering: {", ".join(unknown)}')
        return value


class ValuePart(PartShape):
    """What the offering is worth to the consumer: outcomes, costs and risks added and removed."""

    def get_fields(self) -> dict:
        return {key: serializers.ListField(child=serializers.CharField(), required=False) for key in VALUE_KEYS}


class RequestItemPart(PartShape):
    name = serializers.CharField(max_length=100)
    title = serializers.CharField(required=False, allow_blank=True, max_length=200)
    element = serializers.CharField(max_length=100, help_text='The name of an element of this offering.')
    approval = serializers.ChoiceField(Approval.choices, required=False)


class PricingAsSent(Pricing):
    """The format's price plan with the usage charges in the order sent: an error names a charge by its index."""

    def normalize(self, value: dict) -> dict:
        plan = super().normalize
        canonical = plan({**value, 'usage': []})
        currency = value['currency']
        usage = [plan({'currency': currency, 'usage': [charge]})['usage'][0] for charge in value.get('usage', [])]
        return {**canonical, 'usage': usage} if usage else canonical


class ElementParts(Parts):
    """Elements; each names its product and component only to a user who may view the product.

    R2–R4 decide per group which products and components a consumer sees, and the catalogue view
    applies them; an element naming its product (a supplier's service as component, R4) would
    bypass them. So does a supplier's offering seen by its customer's staff.
    """

    def to_representation(self, instance: ServiceOffering) -> list[dict]:
        elements = super().to_representation(instance)
        shown = self.shown(Product, self.products)
        if shown is None:
            return elements
        return [element if element['product'] in shown else
                {key: value for key, value in element.items() if key not in ('product', 'component')}
                for element in elements]

    def products(self) -> set[str]:
        """The products the elements of the whole response name."""
        return {e.product.name for offering in represented(self) for e in related(offering, 'elements')}


class PricingParts(Parts):
    """The price plan; a waiver's ``subscribedTo`` naming an offering the user may not view reads ``null``."""

    def to_representation(self, instance: ServiceOffering) -> dict | None:
        plan = super().to_representation(instance)
        if not plan or 'waivers' not in plan:
            return plan
        shown = self.shown(ServiceOffering, self.offerings)
        return plan if shown is None else {**plan, 'waivers': pricing.hide_offerings(plan['waivers'], shown)}

    def offerings(self) -> set[str]:
        """The offerings the waivers of the whole response name."""
        return {name for offering in represented(self) if offering.waivers
                for name in pricing.check_condition(offering.waivers)}


class ServiceOfferingSerializer(NamedModelSerializer):
    """An offering with its elements, price plan, value and request items in the catalogue format's shape.

    References, element products and waiver offerings name only what the request user may view.
    """

    provider = NameField(Organization)
    services = NameField(Service, many=True, required=False)
    target_groups = NameField(ConsumerGroup, many=True, required=False)
    elements = ElementParts(ElementPart, Elements())
    pricing = PricingParts(PricingPart, PricingAsSent(), many=False)
    value = Parts(ValuePart, ValueStatement(), many=False)
    request_items = Parts(RequestItemPart, RequestItems())

    class Meta(NamedModelSerializer.Meta):
        model = ServiceOffering
        fields = named_fields('provider', 'services', 'target_groups', 'lifecycle', 'elements', 'pricing', 'value',
                              'request_items')

"""A service's form: the generic ``ObjectForm`` of ``accord.ui.forms`` with the service's fields."""

from django import forms

from accord.catalog.api.serializers import ServiceSerializer
from accord.catalog.choices import Lifecycle
from accord.catalog.models import Product
from accord.parties.models import Organization, Person
from accord.ui.forms import ObjectForm, ReferenceField, ReferencesField


class ServiceForm(ObjectForm):
    """A service's form (``accord.ui.forms``): its provider, owner, products and lifecycle."""

    serializer_class = ServiceSerializer
    provider = ReferenceField(Organization)
    owner = ReferenceField(Person)
    products = ReferencesField(Product)
    lifecycle = forms.ChoiceField(choices=Lifecycle.choices)

"""Service: a means of enabling value co-creation by facilitating outcomes that customers want to
achieve, without the customer having to manage specific costs and risks.

A service is based on one or more products and has one service owner.
"""

from django.core.exceptions import ValidationError
from django.db import models

from accord.catalog.choices import Lifecycle
from accord.core.models import NamedModel


class Service(NamedModel):
    """A provider's service, based on its products, with one owner and a portfolio status."""

    provider = models.ForeignKey(
        verbose_name='provider',
        to='parties.Organization',
        on_delete=models.PROTECT,
        related_name='services',
    )
    owner = models.ForeignKey(
        verbose_name='service owner',
        to='parties.Person',
        on_delete=models.PROTECT,
        related_name='owned_services',
    )
    products = models.ManyToManyField(
        verbose_name='products',
        to='catalog.Product',
        related_name='services',
    )
    lifecycle = models.CharField(
        verbose_name='lifecycle',
        max_length=10,
        choices=Lifecycle.choices,
        default=Lifecycle.LIVE,
    )

    class Meta(NamedModel.Meta):
        verbose_name = 'service'
        verbose_name_plural = 'services'

    def clean(self) -> None:
        if self.provider_id and self.owner_id and not self.owner.is_member_of(self.provider):
            raise ValidationError({'owner': f'{self.owner.name} is not a member of {self.provider.name}'})

    def clean_relations(self) -> None:
        """A service is based on at least one product, all of its provider."""
        products = list(self.products.all())
        if not products:
            raise ValidationError({'products': 'a service is based on at least one product'})
        foreign = sorted(p.name for p in products if p.provider_id != self.provider_id)
        if foreign:
            raise ValidationError({'products': f'products of another provider: {", ".join(foreign)}'})

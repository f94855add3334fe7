"""Item: one tangible unit of a resource (ATM #17, robe R-088, laptop L-501) with an owner.

Goods delivery moves an item's ownership to the consumer; access grants never do.
"""

from django.db import models

from accord.core.models import NamedModel


class Item(NamedModel):
    """One tangible unit of a resource, owned by one organization."""

    resource = models.ForeignKey(
        verbose_name='resource',
        to='resources.Resource',
        on_delete=models.CASCADE,
        related_name='items',
    )
    owner = models.ForeignKey(
        verbose_name='owner',
        to='parties.Organization',
        on_delete=models.PROTECT,
        related_name='owned_items',
    )

    class Meta(NamedModel.Meta):
        verbose_name = 'item'
        verbose_name_plural = 'items'

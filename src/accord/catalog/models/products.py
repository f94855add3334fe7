"""Product: a configuration of an organization's resources, designed to offer value to a consumer.

Consumers never see all of a product. Each component (a resource with a role) is hidden
unless the product makes it visible, for every group or for named groups with their own label;
a supplied-service component is visible only to groups named explicitly (R3, R4).
"""

from django.core.exceptions import ValidationError
from django.db import models

from accord.catalog.choices import ComponentVisibility
from accord.core.models import ChangeLoggedModel, NamedModel
from accord.core.models.base import related


class Product(NamedModel):
    """A configuration of a provider's resources."""

    provider = models.ForeignKey(
        verbose_name='provider',
        to='parties.Organization',
        on_delete=models.PROTECT,
        related_name='products',
    )
    hidden_from = models.ManyToManyField(
        verbose_name='hidden from',
        to='parties.ConsumerGroup',
        related_name='hidden_products',
        blank=True,
        help_text="Groups that do not even see the product's name.",
    )

    class Meta(NamedModel.Meta):
        verbose_name = 'product'
        verbose_name_plural = 'products'

    def clean_relations(self) -> None:
        """A product configures at least one resource; the groups it hides from are its provider's."""
        if not self.components.exists():
            raise ValidationError({'components': 'a product has at least one component'})
        foreign = [g.name for g in self.hidden_from.all() if g.provider_id != self.provider_id]
        if foreign:
            raise ValidationError({'hidden_from': f'groups of another provider: {", ".join(sorted(foreign))}'})


class ProductComponent(ChangeLoggedModel):
    """One resource in a product, with its role and who may see it."""

    product = models.ForeignKey(
        verbose_name='product',
        to='catalog.Product',
        on_delete=models.CASCADE,
        related_name='components',
    )
    resource = models.ForeignKey(
        verbose_name='resource',
        to='resources.Resource',
        on_delete=models.PROTECT,
        related_name='product_components',
    )
    role = models.CharField(
        verbose_name='role',
        max_length=200,
        blank=True,
    )
    visibility = models.CharField(
        verbose_name='visibility',
        max_length=10,
        choices=ComponentVisibility.choices,
        default=ComponentVisibility.HIDDEN,
    )
    position = models.PositiveIntegerField(
        verbose_name='position',
        default=0,
    )

    class Meta:
        verbose_name = 'product component'
        verbose_name_plural = 'product components'
        ordering = ['product', 'position', 'id']
        constraints = [
            models.UniqueConstraint(
                fields=['product', 'resource'],
                name='productcomponent_unique_resource',
                violation_error_message='the resource is a component of this product already',
            ),
        ]

    def __str__(self) -> str:
        return f'{self.product.name}: {self.resource.name}'

    def clean(self) -> None:
        """R16: a product's components are resources of the product's provider."""
        product = related(self, 'product')
        if product and self.resource_id and self.resource.organization_id != product.provider_id:
            raise ValidationError(
                {'resource': f'{self.resource.name} belongs to {self.resource.organization.name}, '
                             f"not to the product's provider {product.provider.name}"}
            )


class ComponentView(models.Model):
    """What one consumer group sees of one component: it is visible to the group, with an optional label."""

    component = models.ForeignKey(
        verbose_name='component',
        to='catalog.ProductComponent',
        on_delete=models.CASCADE,
        related_name='views',
    )
    group = models.ForeignKey(
        verbose_name='consumer group',
        to='parties.ConsumerGroup',
        on_delete=models.PROTECT,
        related_name='component_views',
    )
    label = models.CharField(
        verbose_name='label',
        max_length=200,
        blank=True,
        help_text="What the group sees instead of the resource's title.",
    )

    class Meta:
        verbose_name = 'component view'
        verbose_name_plural = 'component views'
        constraints = [
            models.UniqueConstraint(
                fields=['component', 'group'],
                name='componentview_unique_group',
                violation_error_message='the component has a view for this group already',
            ),
        ]

    def __str__(self) -> str:
        return f'{self.component} for {self.group.name}'

    def clean(self) -> None:
        if self.component_id and self.group_id and self.group.provider_id != self.component.product.provider_id:
            raise ValidationError({'group': f'{self.group.name} is a group of another provider'})

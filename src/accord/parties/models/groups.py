"""Consumer group: a target segment a provider defines (students, premier clients, corporate guests).

Offerings are designed for target consumer groups; what a group sees of a product is decided
per group (domain.md section 3).
"""

from django.db import models

from accord.core.models import NamedModel


class ConsumerGroup(NamedModel):
    """A provider's target segment of consumers, with an eligibility statement."""

    provider = models.ForeignKey(
        verbose_name='provider',
        to='parties.Organization',
        on_delete=models.PROTECT,
        related_name='consumer_groups',
    )
    eligibility = models.TextField(
        verbose_name='eligibility',
        blank=True,
    )
    members = models.ManyToManyField(
        verbose_name='members',
        to='parties.Organization',
        related_name='placed_in_groups',
        blank=True,
        help_text='Organizations placed in the group; subscribers belong to it through their subscriptions.',
    )

    class Meta(NamedModel.Meta):
        verbose_name = 'consumer group'
        verbose_name_plural = 'consumer groups'

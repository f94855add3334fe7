"""Order: a service request within a relationship, for a request item of a subscription or for a new subscription.

A user or customer of the consumer raises it; a sponsor approves it where the request item asks for approval;
the provider fulfils it. Each state change is a transition of the declared table, recorded in the change log.
"""

from django.core.exceptions import ValidationError
from django.db import models

from accord.catalog.choices import Approval
from accord.core.models import NamedModel
from accord.core.models.base import related
from accord.provision.choices import OrderStatus
from accord.provision.models.terms import covers, not_covered
from accord.relationships.choices import ConsumerRoleKind

DECIDED = (OrderStatus.APPROVED, OrderStatus.REJECTED, OrderStatus.FULFILLED)
ORDERING_ROLES = (ConsumerRoleKind.USER, ConsumerRoleKind.CUSTOMER)


class Order(NamedModel):
    """A request by a person of the consumer: a request item within a subscription, or an offering for a group."""

    relationship = models.ForeignKey(
        verbose_name='relationship',
        to='relationships.ServiceRelationship',
        on_delete=models.PROTECT,
        related_name='orders',
    )
    requested_by = models.ForeignKey(
        verbose_name='requested by',
        to='parties.Person',
        on_delete=models.PROTECT,
        related_name='orders',
        help_text='A user or customer of the consumer in the relationship.',
    )
    at = models.DateTimeField(
        verbose_name='at',
        help_text='When the order was placed.',
    )
    subscription = models.ForeignKey(
        verbose_name='subscription',
        to='relationships.Subscription',
        on_delete=models.PROTECT,
        related_name='orders',
        null=True,
        blank=True,
        help_text='A request within this subscription (with a request item).',
    )
    request_item = models.ForeignKey(
        verbose_name='request item',
        to='catalog.RequestItem',
        on_delete=models.PROTECT,
        related_name='orders',
        null=True,
        blank=True,
    )
    offering = models.ForeignKey(
        verbose_name='offering',
        to='catalog.ServiceOffering',
        on_delete=models.PROTECT,
        related_name='orders',
        null=True,
        blank=True,
        help_text='A new subscription to this offering, created when the order is fulfilled.',
    )
    group = models.ForeignKey(
        verbose_name='consumer group',
        to='parties.ConsumerGroup',
        on_delete=models.PROTECT,
        related_name='orders',
        null=True,
        blank=True,
    )
    status = models.CharField(
        verbose_name='status',
        max_length=10,
        choices=OrderStatus.choices,
        default=OrderStatus.SUBMITTED,
    )
    decided_by = models.ForeignKey(
        verbose_name='decided by',
        to='parties.Person',
        on_delete=models.PROTECT,
        related_name='decided_orders',
        null=True,
        blank=True,
        help_text='The sponsor who approved or rejected the order.',
    )
    decided_at = models.DateTimeField(
        verbose_name='decided at',
        null=True,
        blank=True,
    )
    decision_comment = models.TextField(
        verbose_name='decision comment',
        blank=True,
        help_text='Why the sponsor approved or rejected the order, in their words.',
    )

    class Meta(NamedModel.Meta):
        verbose_name = 'order'
        verbose_name_plural = 'orders'
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(subscription__isnull=False, request_item__isnull=False,
                             offering__isnull=True, group__isnull=True)
                    | models.Q(subscription__isnull=True, request_item__isnull=True, offering__isnull=False)
                ),
                name='order_one_request',
                violation_error_message='an order names either a subscription and a request item, '
                                        'or an offering (and a group)',
            ),
            models.CheckConstraint(
                condition=models.Q(decided_by__isnull=True, decided_at__isnull=True)
                | models.Q(decided_by__isnull=False, decided_at__isnull=False),
                name='order_decision_complete',
                violation_error_message='a decision names both who decided and when',
            ),
            models.CheckConstraint(
                condition=models.Q(decided_at__isnull=True) | models.Q(decided_at__gte=models.F('at')),
                name='order_decided_after_placed',
                violation_error_message='an order is decided after it is placed',
            ),
            models.CheckConstraint(
                condition=models.Q(decision_comment='') | models.Q(decided_by__isnull=False),
                name='order_comment_with_decision',
                violation_error_message='a decision comment comes with a decision',
            ),
        ]
        indexes = [models.Index(fields=['relationship', 'status'], name='order_relationship_status')]

    @property
    def needs_approval(self) -> bool:
        """Whether a sponsor must approve: a request item that asks for it, or any new subscription."""
        return self.request_item is None or self.request_item.approval == Approval.SPONSOR

    def clean(self) -> None:
        relationship = related(self, 'relationship')
        if relationship is None:
            return
        errors = {}
        if self.requested_by_id and not relationship.roles.filter(
            person_id=self.requested_by_id, role__in=ORDERING_ROLES
        ).exists():
            errors['requested_by'] = [f'{self.requested_by.name} holds no user or customer role in '
                                      f'{relationship.name}']
        if self.decided_by_id and not relationship.roles.filter(
            person_id=self.decided_by_id, role=ConsumerRoleKind.SPONSOR
        ).exists():
            errors['decided_by'] = [f'{self.decided_by.name} is not a sponsor of {relationship.name}']
        errors.update(self._decision_errors())
        if self.subscription_id:
            errors.update(self._request_item_errors(relationship))
        elif self.offering_id:
            errors.update(self._new_subscription_errors(relationship))
        if errors:
            raise ValidationError(errors)

    def _decision_errors(self) -> dict[str, list[str]]:
        """A sponsor decides an order that needs approval, and only such an order, before it moves on."""
        if self.request_item_id is None and self.offering_id is None:
            return {}
        decided = self.status in DECIDED
        if self.decided_by_id and not self.needs_approval:
            return {'decided_by': [f'{self.request_item.name} needs no approval']}
        if self.needs_approval and decided and self.decided_by_id is None:
            return {'decided_by': [f"required: an order {self.status} needs a sponsor's decision"]}
        if self.decided_by_id and self.status == OrderStatus.SUBMITTED:
            return {'decided_by': ['a submitted order is not decided yet']}
        return {}

    def _request_item_errors(self, relationship) -> dict[str, list[str]]:
        subscription = self.subscription
        if subscription.relationship_id != relationship.pk:
            return {'subscription': [f'{subscription.name} is a subscription of another relationship']}
        if self.at and not covers(subscription, self.at):
            return {'subscription': [not_covered(subscription, self.at)]}
        if self.request_item_id and self.request_item.offering_id != subscription.offering_id:
            return {'request_item': [f'{self.request_item.name} is a request item of '
                                     f'{self.request_item.offering.name}, which {relationship.consumer.name} '
                                     f'does not subscribe to in {subscription.name}']}
        return {}

    def _new_subscription_errors(self, relationship) -> dict[str, list[str]]:
        offering = self.offering
        if offering.provider_id != relationship.provider_id:
            return {'offering': [f'{offering.name} is an offering of {offering.provider.name}, '
                                 f'not of the provider {relationship.provider.name}']}
        groups = {group.pk: group.name for group in offering.target_groups.all()}
        if groups and self.group_id is None:
            return {'group': [f'required: {offering.name} targets {", ".join(sorted(groups.values()))}']}
        if self.group_id and self.group_id not in groups:
            return {'group': [f'{self.group.name} is not a target group of {offering.name}']}
        return {}

"""Choices of provision and consumption: the order lifecycle and why an item changed owner."""

from django.db import models


class OrderStatus(models.TextChoices):
    SUBMITTED = 'submitted', 'Submitted'
    APPROVED = 'approved', 'Approved'
    REJECTED = 'rejected', 'Rejected'
    FULFILLED = 'fulfilled', 'Fulfilled'
    CANCELLED = 'cancelled', 'Cancelled'


# The declared lifecycle of an order: from each status, the statuses it may move to. An order whose
# request item needs no approval is approved when it is placed; only an approved order is fulfilled.
ORDER_TRANSITIONS: dict[str, frozenset[str]] = {
    OrderStatus.SUBMITTED: frozenset({OrderStatus.APPROVED, OrderStatus.REJECTED, OrderStatus.CANCELLED}),
    OrderStatus.APPROVED: frozenset({OrderStatus.FULFILLED, OrderStatus.CANCELLED}),
    OrderStatus.REJECTED: frozenset(),
    OrderStatus.FULFILLED: frozenset(),
    OrderStatus.CANCELLED: frozenset(),
}


class TransferReason(models.TextChoices):
    DELIVERY = 'delivery', 'Goods delivery'
    CONVERSION = 'conversion', 'Conversion of an access to a good'

"""Signals of the relationships app: what other apps hear of, without relationships importing them."""

from django.dispatch import Signal

# Sent by ``end_subscription`` with ``subscription``, ``at`` and ``actor``, inside its transaction: provision ends
# the subscription's access grants at that instant.
subscription_ended = Signal()

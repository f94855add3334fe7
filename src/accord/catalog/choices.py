"""Choices of the catalogue: lifecycles, element kinds, pricing periods, request approval."""

from django.db import models


class Lifecycle(models.TextChoices):
    PIPELINE = 'pipeline', 'Pipeline'
    LIVE = 'live', 'Live'
    RETIRED = 'retired', 'Retired'


class ComponentVisibility(models.TextChoices):
    HIDDEN = 'hidden', 'Hidden'
    VISIBLE = 'visible', 'Visible'


class ElementKind(models.TextChoices):
    GOOD = 'good', 'Good'
    ACCESS = 'access', 'Access to resources'
    ACTION = 'action', 'Service action'


class ActionTrigger(models.TextChoices):
    ON_REQUEST = 'on-request', 'On request'
    SCHEDULED = 'scheduled', 'Scheduled'
    ON_EVENT = 'on-event', 'On event'


class PerformedBy(models.TextChoices):
    PROVIDER = 'provider', 'Provider'
    CONSUMER = 'consumer', 'Consumer'
    JOINT = 'joint', 'Joint'


class DurationUnit(models.TextChoices):
    DAYS = 'days', 'Days'
    BUSINESS_DAYS = 'businessDays', 'Business days'
    HOURS = 'hours', 'Hours'


class FeePeriod(models.TextChoices):
    MONTH = 'month', 'Month'
    NIGHT = 'night', 'Night'
    ONE_OFF = 'one-off', 'One-off'
    USER_MONTH = 'user-month', 'User-month'


class Approval(models.TextChoices):
    NONE = 'none', 'None'
    SPONSOR = 'sponsor', 'Sponsor'

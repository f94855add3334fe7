"""Choices of the parties: kinds of organization."""

from django.db import models


class OrganizationKind(models.TextChoices):
    LEGAL_ENTITY = 'legal-entity', 'Legal entity'
    BUSINESS_UNIT = 'business-unit', 'Business unit'
    TEAM = 'team', 'Team'
    INDIVIDUAL = 'individual', 'Individual'

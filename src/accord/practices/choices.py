"""Choices of practices: the three categories of ITIL 4 and the roles that staff a practice."""

from django.db import models


class PracticeCategory(models.TextChoices):
    GENERAL = 'general', 'General management'
    SERVICE = 'service', 'Service management'
    TECHNICAL = 'technical', 'Technical management'


class PracticeRole(models.TextChoices):
    OWNER = 'owner', 'Practice owner'
    MANAGER = 'manager', 'Practice manager'
    PRACTITIONER = 'practitioner', 'Practitioner'

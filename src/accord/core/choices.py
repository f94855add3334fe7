"""Choices shared by every app: where a change came from and what it did."""

from django.db import models


class ChangeSource(models.TextChoices):
    CLI = 'cli', 'Command line'
    IMPORT = 'import', 'Catalogue import'
    API = 'api', 'REST API'
    UI = 'ui', 'Web UI'
    ADMIN = 'admin', 'Admin'


class ChangeAction(models.TextChoices):
    CREATE = 'create', 'Created'
    UPDATE = 'update', 'Updated'
    DELETE = 'delete', 'Deleted'

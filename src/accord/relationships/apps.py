from django.apps import AppConfig


class RelationshipsConfig(AppConfig):
    name = 'accord.relationships'
    label = 'relationships'
    verbose_name = 'Service relationships'

    def ready(self) -> None:
        from accord.core.roles import register
        from accord.relationships.permissions import SCOPES

        register(SCOPES)

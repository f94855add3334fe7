from django.apps import AppConfig


class RelationshipsConfig(AppConfig):
    name = 'accord.relationships'
    label = 'relationships'
    verbose_name = 'Service relationships'

    def ready(self) -> None:
        from accord.core.roles import register
        from accord.core.services import when_written
        from accord.relationships.models import Subscription
        from accord.relationships.permissions import SCOPES
        from accord.relationships.services import subscription_written

        register(SCOPES)
        when_written(Subscription, subscription_written)

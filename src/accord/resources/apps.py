from django.apps import AppConfig


class ResourcesConfig(AppConfig):
    name = 'accord.resources'
    label = 'resources'
    verbose_name = 'Resources'

    def ready(self) -> None:
        from accord.core.roles import register
        from accord.resources.permissions import SCOPES

        register(SCOPES)

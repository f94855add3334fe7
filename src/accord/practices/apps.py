from django.apps import AppConfig


class PracticesConfig(AppConfig):
    name = 'accord.practices'
    label = 'practices'
    verbose_name = 'Practices'

    def ready(self) -> None:
        from accord.core.roles import register
        from accord.practices.permissions import SCOPES

        register(SCOPES)

from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = 'accord.core'
    label = 'core'
    verbose_name = 'Core'

    def ready(self) -> None:
        from accord.core import checks, versions  # noqa: F401  (checks registers itself)

        versions.connect()

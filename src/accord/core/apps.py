from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = 'accord.core'
    label = 'core'
    verbose_name = 'Core'

    def ready(self) -> None:
        from accord.core import checks, text, versions  # noqa: F401  (checks registers itself)
        from accord.core.permissions import OWN_ROWS
        from accord.core.roles import register

        versions.connect()
        text.guard_stored_text()
        register(own_rows=OWN_ROWS)

from django.apps import AppConfig


class PartiesConfig(AppConfig):
    name = 'accord.parties'
    label = 'parties'
    verbose_name = 'Parties'

    def ready(self) -> None:
        from accord.core.roles import register, register_directory
        from accord.parties.permissions import DIRECTORY, OWN_ROWS, SCOPES

        register(SCOPES, OWN_ROWS)
        register_directory(DIRECTORY)

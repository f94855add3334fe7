from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = 'accord.catalog'
    label = 'catalog'
    verbose_name = 'Catalogue'

    def ready(self) -> None:
        from accord.catalog.permissions import SCOPES
        from accord.core.roles import register

        register(SCOPES)

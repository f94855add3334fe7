from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = 'accord.catalog'
    label = 'catalog'
    verbose_name = 'Catalogue'

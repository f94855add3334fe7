from django.apps import AppConfig


class ResourcesConfig(AppConfig):
    name = 'accord.resources'
    label = 'resources'
    verbose_name = 'Resources'

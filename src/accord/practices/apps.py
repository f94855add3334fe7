from django.apps import AppConfig


class PracticesConfig(AppConfig):
    name = 'accord.practices'
    label = 'practices'
    verbose_name = 'Practices'

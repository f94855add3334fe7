from django.apps import AppConfig


class ProvisionConfig(AppConfig):
    name = 'accord.provision'
    label = 'provision'
    verbose_name = 'Provision and consumption'

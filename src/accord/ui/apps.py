from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class UiConfig(AppConfig):
    name = 'accord.ui'
    label = 'ui'
    verbose_name = 'Web UI'


class AdminConfig(admin_apps.AdminConfig):
    """``django.contrib.admin`` with Accord's site as the default one (``accord.ui.admin_site``)."""

    default = False  # named in INSTALLED_APPS in place of django.contrib.admin; UiConfig is this module's own
    default_site = 'accord.ui.admin_site.AccordAdminSite'

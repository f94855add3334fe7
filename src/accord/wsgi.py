"""WSGI entry point for gunicorn: ``gunicorn accord.wsgi``."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'accord.settings')
application = get_wsgi_application()

from accord.core.checks import refuse_published_secret_key  # noqa: E402  (needs the settings configured)

refuse_published_secret_key()

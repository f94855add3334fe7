"""Django settings, read from the environment so that every app process is stateless.

``ACCORD_DATABASE_URL`` selects the database (``sqlite:///PATH`` or ``postgresql://...``);
without it Accord uses an embedded SQLite file in ``ACCORD_DATA_DIR`` (default
``~/.local/share/accord``).
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url

from accord.core.secret_key import read_or_create_secret_key

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(os.environ.get('ACCORD_DATA_DIR', Path.home() / '.local' / 'share' / 'accord'))

SECRET_KEY = os.environ.get('ACCORD_SECRET_KEY') or read_or_create_secret_key(DATA_DIR)
DEBUG = os.environ.get('ACCORD_DEBUG', '') == '1'
ALLOWED_HOSTS = os.environ.get('ACCORD_ALLOWED_HOSTS', 'localhost,127.0.0.1,[::1],testserver').split(',')


def _flag(name: str) -> bool:
    return os.environ.get(name, '') == '1'


# Behind a reverse proxy that ends TLS (README, "Configuration"): ACCORD_HTTPS=1 makes every answer
# HTTPS-only (redirect, HSTS, cookies sent only over TLS); the proxy says a request came over TLS
# in the header ACCORD_PROXY_SSL_HEADER names (e.g. X-Forwarded-Proto: https), which the proxy
# must set itself and never pass through from the client.
HTTPS = _flag('ACCORD_HTTPS')
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = int(os.environ.get('ACCORD_HSTS_SECONDS', '31536000' if HTTPS else '0'))
SECURE_HSTS_INCLUDE_SUBDOMAINS = _flag('ACCORD_HSTS_INCLUDE_SUBDOMAINS')
SECURE_HSTS_PRELOAD = _flag('ACCORD_HSTS_PRELOAD')
if os.environ.get('ACCORD_PROXY_SSL_HEADER'):
    SECURE_PROXY_SSL_HEADER = ('HTTP_' + os.environ['ACCORD_PROXY_SSL_HEADER'].upper().replace('-', '_'), 'https')
# Content-Security-Policy on every page (django-csp): only this origin's scripts, never an inline
# one (Swagger UI loads its set-up script as a file: SpectacularSwaggerSplitView). Inline styles
# stay allowed: the admin, the browsable API and Swagger UI set style attributes.
CONTENT_SECURITY_POLICY = {
    'DIRECTIVES': {
        'default-src': ["'self'"],
        'script-src': ["'self'"],
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:'],
        'object-src': ["'none'"],
        'base-uri': ["'self'"],
        'form-action': ["'self'"],
        'frame-ancestors': ["'none'"],
    },
}
CSRF_TRUSTED_ORIGINS = [origin for origin in os.environ.get('ACCORD_CSRF_TRUSTED_ORIGINS', '').split(',') if origin]

INSTALLED_APPS = [
    'accord.ui.apps.AdminConfig',  # django.contrib.admin, for superusers only
    'django.contrib.auth',
    'django.contrib.contenttypes',
    'django.contrib.sessions',
    'django.contrib.messages',
    'django.contrib.staticfiles',
    'rest_framework',
    'django_filters',
    'drf_spectacular',
    'drf_spectacular_sidecar',
    'django_htmx',
    'axes',
    'csp',
    'accord.core',
    'accord.parties',
    'accord.resources',
    'accord.catalog',
    'accord.practices',
    'accord.relationships',
    'accord.provision',
    'accord.ui',
    'accord.portal',
]

MIDDLEWARE = [
    'django.middleware.security.SecurityMiddleware',
    'csp.middleware.CSPMiddleware',
    'whitenoise.middleware.WhiteNoiseMiddleware',
    'django.contrib.sessions.middleware.SessionMiddleware',
    'django.middleware.common.CommonMiddleware',
    'django.middleware.csrf.CsrfViewMiddleware',
    'django.contrib.auth.middleware.AuthenticationMiddleware',
    'accord.portal.middleware.ConsumerAddresses',  # a consumer opens only their objects' pages of the console
    'django.contrib.messages.middleware.MessageMiddleware',
    'django.middleware.clickjacking.XFrameOptionsMiddleware',
    'django_htmx.middleware.HtmxMiddleware',
    'accord.api.middleware.NoStoreForAuthenticatedAPI',
    'axes.middleware.AxesMiddleware',  # last: turns a lockout into its answer
]

ROOT_URLCONF = 'accord.urls'
WSGI_APPLICATION = 'accord.wsgi.application'
AUTH_USER_MODEL = 'core.User'
DEFAULT_AUTO_FIELD = 'django.db.models.BigAutoField'

TEMPLATES = [
    {
        'BACKEND': 'django.template.backends.django.DjangoTemplates',
        'DIRS': [],
        'APP_DIRS': True,
        'OPTIONS': {
            'context_processors': [
                'django.template.context_processors.request',
                'django.contrib.auth.context_processors.auth',
                'django.contrib.messages.context_processors.messages',
            ],
        },
    },
]

SQLITE_OPTIONS = {
    'transaction_mode': 'IMMEDIATE',
    # Writers queue for the write lock rather than fail with "database is locked": a burst of
    # concurrent API writers on a busy machine must wait its turn (accord.api.tests.test_concurrency).
    'timeout': 20,
    'init_command': 'PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;',
}


def database_from_url(url: str | None) -> dict:
    """Return Django's database settings for ``url``, or the embedded SQLite default."""
    if not url:
        url = f'sqlite:///{DATA_DIR / "accord.sqlite3"}'
    config = dj_database_url.parse(url, conn_max_age=0)
    if config['ENGINE'] == 'django.db.backends.sqlite3':
        config['OPTIONS'] = dict(SQLITE_OPTIONS)
    else:
        # A PostgreSQL connection costs a round trip and a server process to open: keep it for
        # ACCORD_CONN_MAX_AGE seconds between requests, checked before each request reuses it.
        config['CONN_MAX_AGE'] = int(os.environ.get('ACCORD_CONN_MAX_AGE', '60'))
        config['CONN_HEALTH_CHECKS'] = True
    return config


DATABASES = {'default': database_from_url(os.environ.get('ACCORD_DATABASE_URL'))}

# Login lockout (django-axes, database-backed; see docs/api-authentication.md): five failed
# logins from one address for one username lock that pair out for 15 minutes, counted strictly
# even under concurrent attempts (accord.core.lockout); a successful login clears the count.
AUTHENTICATION_BACKENDS = [
    'accord.core.lockout.LockoutBackend',
    'django.contrib.auth.backends.ModelBackend',
]
AXES_HANDLER = 'accord.core.lockout.LockoutHandler'
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [['username', 'ip_address']]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = 'accord.core.lockout.lockout_response'
AXES_VERBOSE = False

AUTH_PASSWORD_VALIDATORS = [
    {'NAME': 'django.contrib.auth.password_validation.UserAttributeSimilarityValidator'},
    {'NAME': 'django.contrib.auth.password_validation.MinimumLengthValidator'},
    {'NAME': 'django.contrib.auth.password_validation.CommonPasswordValidator'},
    {'NAME': 'django.contrib.auth.password_validation.NumericPasswordValidator'},
]

LANGUAGE_CODE = 'en-us'
TIME_ZONE = 'UTC'
USE_I18N = True
USE_TZ = True

STATIC_URL = 'static/'
STATIC_ROOT = os.environ.get('ACCORD_STATIC_ROOT') or None  # for collectstatic behind a reverse proxy
STORAGES = {
    'default': {'BACKEND': 'django.core.files.storage.FileSystemStorage'},
    'staticfiles': {'BACKEND': 'whitenoise.storage.CompressedStaticFilesStorage'},
}
WHITENOISE_USE_FINDERS = True

REST_FRAMEWORK = {
    'DEFAULT_SCHEMA_CLASS': 'drf_spectacular.openapi.AutoSchema',
    'DEFAULT_FILTER_BACKENDS': ['django_filters.rest_framework.DjangoFilterBackend'],
    'DEFAULT_PARSER_CLASSES': [  # DRF's, with a JSON parser that refuses duplicate keys and deep nesting
        'accord.api.parsers.JSONParser',
        'rest_framework.parsers.FormParser',
        'rest_framework.parsers.MultiPartParser',
    ],
    'DEFAULT_AUTHENTICATION_CLASSES': [
        'accord.api.authentication.APITokenAuthentication',
        'rest_framework.authentication.SessionAuthentication',
    ],
    'DEFAULT_PERMISSION_CLASSES': ['rest_framework.permissions.IsAuthenticated'],
    'EXCEPTION_HANDLER': 'accord.api.errors.exception_handler',
    'DEFAULT_PAGINATION_CLASS': 'accord.api.pagination.LimitOffsetPagination',
    'PAGE_SIZE': 50,
}
# Representations of listed objects each process keeps for the current data version (accord.api.caching).
ACCORD_API_CACHE_SIZE = int(os.environ.get('ACCORD_API_CACHE_SIZE', '20000'))
ACCORD_API_CACHE_SECONDS = float(os.environ.get('ACCORD_API_CACHE_SECONDS', '60'))
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # Django's default, stated: larger bodies answer 413 in JSON
SPECTACULAR_SETTINGS = {
    'TITLE': 'Accord API',
    'VERSION': '1',
    'SWAGGER_UI_DIST': 'SIDECAR',
    'SWAGGER_UI_FAVICON_HREF': 'SIDECAR',
    'REDOC_DIST': 'SIDECAR',
    'ENUM_NAME_OVERRIDES': {'APITokenStatusEnum': 'accord.core.models.tokens.TOKEN_STATUSES'},
    'POSTPROCESSING_HOOKS': [
        'drf_spectacular.hooks.postprocess_schema_enums',
        'accord.api.lookup.describe_name_lookup',  # detail URLs take a name too
    ],
}

LOGGING = {
    'version': 1,
    'disable_existing_loggers': False,
    'handlers': {'console': {'class': 'logging.StreamHandler'}},
    'root': {'handlers': ['console'], 'level': 'WARNING'},
}

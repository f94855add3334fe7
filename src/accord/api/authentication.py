"""API token authentication: ``Authorization: Bearer <key>`` (``Token <key>`` is accepted too).

An unknown, expired or revoked key, and a key of a deactivated user, get one and the same answer,
so that the answer does not tell an attacker which keys are real or once existed.
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, get_authorization_header

from accord.core.tokens import find_token, touch_token

KEYWORDS = (b'bearer', b'token')
INVALID_TOKEN = _('Invalid, expired or revoked token.')


class APITokenAuthentication(BaseAuthentication):
    """Authenticate by an ``APIToken`` key, looked up by its SHA-256 digest."""

    keyword = 'Bearer'

    def authenticate(self, request):
        parts = get_authorization_header(request).split()
        if not parts or parts[0].lower() not in KEYWORDS:
            return None
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed(_('Invalid token header: give "Bearer <key>".'))
        try:
            key = parts[1].decode()
        except UnicodeError:
            raise exceptions.AuthenticationFailed(INVALID_TOKEN) from None
        return self.authenticate_credentials(key)

    def authenticate_credentials(self, key: str):
        token = find_token(key)
        if token is None or not token.is_active or not token.user.is_active:
            raise exceptions.AuthenticationFailed(INVALID_TOKEN)
        touch_token(token)
        return token.user, token

    def authenticate_header(self, request) -> str:
        """Makes a failed authentication answer 401 (with ``WWW-Authenticate``) rather than 403."""
        return self.keyword


class APITokenScheme(OpenApiAuthenticationExtension):
    """Describes token authentication in the OpenAPI schema as an HTTP bearer scheme."""

    target_class = APITokenAuthentication
    name = 'apiToken'

    def get_security_definition(self, auto_schema) -> dict:
        return {
            'type': 'http',
            'scheme': 'bearer',
            'description': 'An API token from `accord token create USERNAME`: `Authorization: Bearer <key>`.',
        }

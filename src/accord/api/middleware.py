"""``Cache-Control: no-store`` on every API answer to an authenticated caller.

What a consumer may see is theirs alone: no browser cache or shared proxy may keep it for the
next user of the machine. The header is set here, once, rather than in each view, so that every
endpoint (the models', the questions', the accounts') carries it.
"""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers

API_PREFIX = '/api/'


class NoStoreForAuthenticatedAPI:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        # DRF sets request.user on the underlying request once it has authenticated a token too.
        user = getattr(request, 'user', None)
        if request.path.startswith(API_PREFIX) and user is not None and user.is_authenticated:
            add_never_cache_headers(response)
        return response

"""Which console addresses a consumer account opens: the pages of what is theirs, in the portal's shell.

One rule for every console page, rather than one per view: for a consumer account (``is_consumer_only``)
the console's object page of a kind the portal shows (``accord.portal.objects.PAGES``) is answered by
the portal's page of that object; the sign-in, the sign-out and the home page (which sends them on to
the portal) are as for everyone; every other console address (lists, other kinds, history, forms,
search, questions, catalogue files) answers 404, so a consumer does not even learn it exists.
"""

from collections.abc import Callable
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse

from accord.core.querysets import is_consumer_only
from accord.portal.objects import PAGES, object_page

CONSOLE = 'ui'
OPEN_TO_EVERYONE = frozenset({'home', 'login', 'logout'})
DETAIL = '-detail'


class ConsumerAddresses:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view: Any, args: tuple, kwargs: dict) -> HttpResponse | None:
        match = request.resolver_match
        if match.namespace != CONSOLE or match.url_name in OPEN_TO_EVERYONE or not is_consumer_only(request.user):
            return None
        route = match.url_name.removesuffix(DETAIL)
        if match.url_name.endswith(DETAIL) and route in PAGES:
            return object_page(request, route, kwargs['name'])
        raise Http404('No such page.')

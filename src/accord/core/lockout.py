"""Login lockout on top of django-axes, strict under concurrent attempts.

Stock django-axes checks the failure count before the password and records the failure after
it, so N simultaneous wrong guesses all pass the check before any is counted. Here each attempt
is counted *before* its password is checked, in one locked row per (username, IP address), and
an attempt whose count passes the limit is refused without checking the password; a successful
login clears the count (``AXES_RESET_ON_SUCCESS``). At most ``AXES_FAILURE_LIMIT`` passwords are
ever checked per cool-off, however many requests arrive at once.

The lockout answer is the same whether or not the user exists: it never names the user.
"""

from axes.backends import AxesStandaloneBackend
from axes.exceptions import AxesBackendPermissionDenied
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_credentials, get_failure_limit, get_lockout_message, toggleable
from axes.models import AccessAttempt
from axes.signals import user_locked_out
from django.conf import settings
from django.db import router, transaction
from django.db.models import F
from django.http import HttpRequest, HttpResponse, JsonResponse

#: Every attempt on one (username, IP) pair counts in one row, whatever the user agent says,
#: so that the row lock serializes the counting (an attacker varying the agent gets no new rows).
ANY_AGENT = '*'


class LockoutHandler(AxesDatabaseHandler):
    """The database handler, counting each attempt once, before or instead of its failure."""

    def count_attempt(self, request: HttpRequest, credentials: dict | None) -> int:
        """Add one to the attempts of this username from this address; return the new count."""
        self.clean_expired_user_attempts(request, credentials)
        username = get_client_username(request, credentials)
        with transaction.atomic(using=router.db_for_write(AccessAttempt)):
            attempt, created = AccessAttempt.objects.select_for_update().get_or_create(
                username=username,
                ip_address=request.axes_ip_address,
                user_agent=ANY_AGENT,
                defaults={
                    'get_data': '', 'post_data': '', 'http_accept': request.axes_http_accept[:1025],
                    'path_info': request.axes_path_info[:255], 'failures_since_start': 1,
                    'attempt_time': request.axes_attempt_time,
                },
            )
            if not created:
                AccessAttempt.objects.filter(pk=attempt.pk).update(
                    failures_since_start=F('failures_since_start') + 1, attempt_time=request.axes_attempt_time
                )
                attempt.refresh_from_db(fields=['failures_since_start'])
        request.accord_attempt_counted = True
        return attempt.failures_since_start

    def user_login_failed(self, sender, credentials: dict, request=None, **kwargs):
        """Count the failure unless it was counted before its password was checked; lock at the limit."""
        if request is None:
            return
        if self.is_whitelisted(request, credentials):
            return
        if not getattr(request, 'accord_attempt_counted', False):
            self.count_attempt(request, credentials)
        failures = self.get_failures(request, credentials)
        request.axes_failures_since_start = failures
        if settings.AXES_LOCK_OUT_AT_FAILURE and failures >= get_failure_limit(request, credentials):
            request.axes_locked_out = True
            request.axes_credentials = credentials
            user_locked_out.send(
                'axes', request=request, username=get_client_username(request, credentials),
                ip_address=request.axes_ip_address,
            )


class LockoutBackend(AxesStandaloneBackend):
    """First of ``AUTHENTICATION_BACKENDS``: refuses a locked-out client, else reserves the attempt."""

    @toggleable
    def authenticate(self, request: HttpRequest, username: str | None = None, password: str | None = None, **kwargs):
        super().authenticate(request, username, password, **kwargs)  # raises when already locked out
        from axes.handlers.proxy import AxesProxyHandler

        handler = AxesProxyHandler.get_implementation()
        credentials = get_credentials(username=username, password=password, **kwargs)
        if not isinstance(handler, LockoutHandler) or handler.is_whitelisted(request, credentials):
            return None
        if handler.count_attempt(request, credentials) > get_failure_limit(request, credentials):
            request.axes_locked_out = True
            raise AxesBackendPermissionDenied('too many attempts at once')
        return None


def lockout_response(request: HttpRequest, original_response=None, credentials=None) -> HttpResponse:
    """The same answer for every locked-out attempt: no username, no hint whether it exists."""
    status = settings.AXES_HTTP_RESPONSE_CODE
    message = str(get_lockout_message())
    wants_json = (
        request.headers.get('x-requested-with') == 'XMLHttpRequest'
        or 'application/json' in request.headers.get('accept', '')
    )
    if wants_json:
        return JsonResponse({'detail': message}, status=status)
    return HttpResponse(message, status=status, content_type='text/plain; charset=utf-8')

"""The Django admin as Accord serves it: for superusers only, signed in through the console.

Everyone else works in the console. The admin's own login form would check a password and then
refuse an account that is not staff, after the lockout had counted the attempt: five right
passwords of a consumer locked them out. So the admin has no login form of its own; it sends a
visitor to ``/login/``, which counts only wrong passwords, whoever the account is.
"""

from typing import Any

from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.urls import reverse


class AccordAdminSite(admin.AdminSite):
    """Django's admin site, for active superusers, with the console's sign-in."""

    def has_permission(self, request: HttpRequest) -> bool:
        return request.user.is_active and request.user.is_superuser

    def login(self, request: HttpRequest, extra_context: dict[str, Any] | None = None) -> HttpResponse:
        if request.user.is_authenticated:
            # Sending a signed-in account back to sign in would loop: the console sends it here again.
            raise PermissionDenied('The admin is for superusers; your work is in the console.')
        return redirect_to_login(request.GET.get('next') or reverse('admin:index'), reverse('ui:login'))

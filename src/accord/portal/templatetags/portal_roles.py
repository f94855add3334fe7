"""The portal's template tags: which pages the signed-in person's roles open, for the portal's menu."""

from typing import Any

from django import template

from accord.portal.scope import MONEY_ROLES, SERVICE_LEVEL_ROLES, held_roles

register = template.Library()


@register.simple_tag
def role_pages(user: Any) -> dict[str, bool]:
    """Whether the person holds a role that opens Money (customer, sponsor) and Service levels (customer)."""
    roles = held_roles(user)
    return {'money': bool(roles & set(MONEY_ROLES)), 'service_levels': bool(roles & set(SERVICE_LEVEL_ROLES))}

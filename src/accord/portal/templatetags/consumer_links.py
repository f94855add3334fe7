"""Template tags of the portal: a link to an object only where a consumer opens its page."""

from typing import Any

from django import template

from accord.portal import objects

register = template.Library()


@register.simple_tag
def consumer_link(obj: Any) -> str:
    """The object's page when a consumer opens it (``accord.portal.objects.PAGES``), else its label."""
    return objects.consumer_link(obj)

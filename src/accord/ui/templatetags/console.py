"""Template tags of the console: the menu, links to objects, money."""

from typing import Any

from django import template

from accord.ui import navigation, values

register = template.Library()


@register.inclusion_tag('ui/menu.html', takes_context=True)
def console_menu(context: dict) -> dict:
    request = context['request']
    return {'groups': navigation.menu(request.path, request.user), 'user': request.user}


@register.simple_tag
def object_link(obj: Any) -> str:
    return values.link(obj)


@register.simple_tag
def money(amount: Any, currency: str) -> str:
    return values.money(amount, currency)


@register.filter
def label(obj: Any) -> str:
    return values.label(obj)

"""The console's menu: the work queue, every kind grouped as a service manager thinks of them, then the questions."""

from collections.abc import Callable
from typing import Any

from django.urls import NoReverseMatch, reverse

from accord.provision.work_queue import may_work

MENU: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    ('Work', (
        ('Work queue', 'ui:work-queue'),
    )),
    ('Parties', (
        ('Organizations', 'ui:organizations-list'),
        ('Persons', 'ui:persons-list'),
        ('Consumer groups', 'ui:consumer-groups-list'),
    )),
    ('Resources', (
        ('Resources', 'ui:resources-list'),
        ('Items', 'ui:items-list'),
    )),
    ('Catalogue', (
        ('Products', 'ui:products-list'),
        ('Services', 'ui:services-list'),
        ('Service offerings', 'ui:service-offerings-list'),
        ('Catalogue files', 'ui:catalogue-files'),
    )),
    ('Relationships', (
        ('Service relationships', 'ui:service-relationships-list'),
        ('Subscriptions', 'ui:subscriptions-list'),
        ('Agreements', 'ui:agreements-list'),
        ('Feedback', 'ui:feedback-list'),
        ('Value reviews', 'ui:value-reviews-list'),
        ('Relationship reviews', 'ui:relationship-reviews-list'),
    )),
    ('Provision', (
        ('Orders', 'ui:orders-list'),
        ('Goods deliveries', 'ui:goods-deliveries-list'),
        ('Access grants', 'ui:access-grants-list'),
        ('Action instances', 'ui:action-instances-list'),
        ('Consumption events', 'ui:consumption-events-list'),
        ('Period facts', 'ui:period-facts-list'),
        ('Capacity slots', 'ui:capacity-slots-list'),
        ('Reservations', 'ui:reservations-list'),
    )),
    ('Practices', (
        ('Practices', 'ui:practices-list'),
        ('Practice assignments', 'ui:practice-assignments-list'),
    )),
    ('Questions', (
        ('Impact', 'ui:question-impact'),
        ('View as group', 'ui:question-catalogue'),
        ('Quote', 'ui:question-quote'),
        ('Agreement status', 'ui:question-agreement'),
        ('Relationship health', 'ui:question-health'),
    )),
)


# The pages only some readers may open: shown to those for whom the test holds.
SHOWN_TO: dict[str, Callable[[Any], bool]] = {'ui:work-queue': may_work}


def menu(path: str, user: Any) -> list[tuple[str, list[tuple[str, str, bool]]]]:
    """The menu's groups with (label, address, current) for each page that exists and the reader may open."""
    groups = []
    for heading, entries in MENU:
        links = []
        for label, url_name in entries:
            if url_name in SHOWN_TO and not SHOWN_TO[url_name](user):
                continue
            try:
                url = reverse(url_name)
            except NoReverseMatch:
                continue
            links.append((label, url, path.startswith(url)))
        if links:
            groups.append((heading, links))
    return groups

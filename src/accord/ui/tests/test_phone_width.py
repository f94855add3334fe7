"""At 390 pixels no page scrolls sideways: a wide table or picture scrolls inside its own box, never the page.

Every page of the portal (each pattern of ``accord.portal.urls``, the order's with the demo's
order, so that pages added there are covered) and each page a consumer opens at the console's
addresses; then a sample of the console's pages as the bank's relationship manager reads them:
lists, object pages, forms, search and the questions (the impact picture among them).
"""

import pytest
from django.urls import reverse

from accord.core.models import User
from accord.parties.models import Organization, Person, RoleGrant
from accord.portal.tests.test_isolation import portal_addresses
from accord.ui.tests.conftest import PHONE, SCREENSHOTS, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = 'a-long-demo-password'
CONSUMER_PAGES = ['/service-relationships/firsttown-bank-northwind-traders/', '/service-offerings/standard-checking/',
                  '/subscriptions/northwind-standard-checking/', '/orders/northwind-checkbook-2025-03/',
                  '/agreements/sla-northwind-2025/']
CONSOLE_PAGES = [
    '/', '/service-offerings/', '/service-offerings/?provider=firsttown-bank', '/subscriptions/', '/organizations/',
    '/access-grants/', '/consumption-events/', '/service-offerings/student-checking/',
    '/service-relationships/firsttown-bank-northwind-traders/', '/organizations/firsttown-bank/',
    '/subscriptions/northwind-standard-checking/history/', '/subscriptions/northwind-standard-checking/edit/',
    '/search/?q=checking', '/questions/impact/?source=organization:cardnet&at=2025-03-10T12:00:00Z',
    '/questions/impact/?source=resource:core-banking&all=1', '/questions/catalogue/?group=students',
    '/questions/agreement/?agreement=sla-northwind-2025&period=2025-03',
    '/questions/health/?relationship=firsttown-bank-northwind-traders&period=2025-03',
    '/questions/quote/?offering=student-checking&group=students',
]


def too_wide(page, addresses: list[str], prefix: str, *, only_found: bool = False) -> list[tuple[str, int]]:
    """Each address whose page is wider than the phone, with its width; each page saved as PREFIX-N-phone.png.

    ``only_found``: an address that answers 404 or 405 (a page of another role, a POST-only address) is passed by.
    """
    page.set_viewport_size(PHONE)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    wide = []
    for number, address in enumerate(addresses):
        if only_found and page.request.get(address).status in (404, 405):
            continue
        response = page.goto(address)
        assert response.status == 200, address
        width = page.evaluate('document.documentElement.scrollWidth')
        if width > PHONE['width']:
            wide.append((address, width))
        page.screenshot(path=SCREENSHOTS / f'{prefix}-{number}-phone.png', full_page=True)
    return wide


def test_no_portal_page_scrolls_sideways_at_390_pixels(page, live_bank):
    user = User.objects.create_user('nina-park', password=PASSWORD)
    Person.objects.filter(name='nina-park').update(user=user)
    sign_in(page, 'nina-park', PASSWORD)
    addresses = portal_addresses(['northwind-checkbook-2025-03'])
    assert '/portal/requests/northwind-checkbook-2025-03/' in addresses
    assert too_wide(page, addresses + CONSUMER_PAGES, 'width-portal', only_found=True) == []


def test_no_console_page_of_the_sample_scrolls_sideways_at_390_pixels(page, live_bank):
    user = User.objects.create_user('daniel-kim', password=PASSWORD)
    RoleGrant.objects.create(user=user, role='relationship-manager',
                             organization=Organization.objects.get(name='firsttown-bank'))
    sign_in(page, 'daniel-kim', PASSWORD)
    assert reverse('ui:home') in CONSOLE_PAGES
    assert too_wide(page, CONSOLE_PAGES, 'width-console') == []

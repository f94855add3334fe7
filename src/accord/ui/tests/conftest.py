"""Browser journeys: Playwright from PyPI driving Debian's chromium, never a downloaded browser.

Tests marked ``browser`` get ``page``: a fresh chromium context on pytest-django's ``live_server``
(``base_url`` set). The sync API runs an event loop in the test's thread, so the ORM in the same
test needs ``DJANGO_ALLOW_ASYNC_UNSAFE``; it is set for the session here.
"""

import os
import tempfile
from pathlib import Path

import pytest

CHROMIUM = '/usr/bin/chromium'
CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
                 '--disable-component-update', '--disable-sync']
# The journeys render every page at both widths; they refresh the pictures in docs/ only when asked
# (ACCORD_SCREENSHOTS=1), so that a test run leaves the working tree as it was.
DOCS_SCREENSHOTS = Path(__file__).resolve().parents[4] / 'docs' / 'screenshots'
SCREENSHOTS = DOCS_SCREENSHOTS if os.environ.get('ACCORD_SCREENSHOTS') == '1' else (
    Path(tempfile.gettempdir()) / 'accord-screenshots')
DESKTOP = {'width': 1280, 'height': 860}
PHONE = {'width': 390, 'height': 844}


@pytest.fixture(scope='session')
def chromium():
    sync_api = pytest.importorskip('playwright.sync_api')
    if not os.path.exists(CHROMIUM):
        pytest.fail(f'no chromium at {CHROMIUM}: apt-get install chromium (.ci/run does)')
    os.environ['DJANGO_ALLOW_ASYNC_UNSAFE'] = 'true'
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def live_bank(transactional_db):
    """The bank for a live server: applied by the first journey, restored from its rows by the next ones."""
    from accord.testing.live_bank import live_bank

    return live_bank()


@pytest.fixture
def page(chromium, live_server):
    context = chromium.new_context(base_url=live_server.url, viewport=DESKTOP)
    context.set_default_timeout(15_000)
    page = context.new_page()
    refused = []
    page.on('console', lambda message: refused.append(message.text)
            if message.type == 'error' and 'Content Security Policy' in message.text else None)
    yield page
    context.close()
    assert not refused, f'the Content-Security-Policy refused: {refused}'



def sign_in(page, username: str, password: str) -> None:
    page.goto('/login/')
    page.get_by_label('Username').fill(username)
    page.get_by_label('Password').fill(password)
    page.get_by_role('button', name='Sign in').click()
    page.wait_for_url(lambda url: '/login/' not in url)


def screenshot(page, name: str) -> None:
    """Save the page at desktop width and at 390 px as NAME-desktop.png and NAME-phone.png in ``SCREENSHOTS``."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size(DESKTOP)
    page.screenshot(path=SCREENSHOTS / f'{name}-desktop.png', full_page=False)
    page.set_viewport_size(PHONE)
    page.screenshot(path=SCREENSHOTS / f'{name}-phone.png', full_page=False)
    page.set_viewport_size(DESKTOP)

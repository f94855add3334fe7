"""The console's browser fixtures (chromium, the live bank, a page) serve the portal's journeys too."""

from accord.ui.tests.conftest import chromium, live_bank, page  # noqa: F401

"""What the relationships' tests share: the bank's relationship manager, signed in."""

import pytest

from accord.testing.forms import staff_signed_in


@pytest.fixture
def manager(client, bank):
    """daniel-kim, the bank's relationship manager (as the demo grants), signed in on ``client``."""
    return staff_signed_in(client, 'daniel-kim', 'relationship-manager')

"""A password hasher for tests: Django's PBKDF2, in its format, with one iteration instead of a million.

Tests create users and sign them in hundreds of times (fixtures, the API's and the console's
tests, the browser journeys' sign-ins); at Django's iterations each password costs half a second
of CPU, or several on a loaded machine. The root conftest uses this hasher for the whole session;
production, and the real servers ``accord.testing.server`` starts, keep Django's.
"""

from django.contrib.auth.hashers import PBKDF2PasswordHasher


class QuickPBKDF2PasswordHasher(PBKDF2PasswordHasher):
    iterations = 1

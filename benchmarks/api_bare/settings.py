"""Accord's settings, with the benchmark's URLconf: the whole site plus ``/bench/offerings/``."""

from accord.settings import *  # noqa: F403

ROOT_URLCONF = 'api_bare.urls'

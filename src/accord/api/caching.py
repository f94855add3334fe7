"""The representations of a list's objects, kept between requests while the data stays the same.

Reading a page of 50 offerings means some 700 model instances and their serialization: nine
tenths of the request. The representation of an object depends on the data, the site's
address (for its ``url``) and its reader, as references name only what the reader may view
(``accord.api.serializers.NameField``): a list keeps them per reader, and the superusers, who view
everything, share theirs. Which objects the page shows is decided afresh on every request (the
restricted queryset picks the page). So each process keeps the representations it made, for the
data version they were read at (``accord.core.versions``): a write anywhere, in any process, moves
the version and the next request reads afresh. Nothing another process needs lives here.

A bounded least-recently-used map; copies older than ``ACCORD_API_CACHE_SECONDS`` are read
again even when the version has not moved (the version is moved after a commit: a process killed
between the two must not leave others serving the old copy for long). ``ACCORD_API_CACHE_SIZE=0``
turns the cache off.
"""

import threading
import time
from collections import OrderedDict
from collections.abc import Hashable, Iterable
from typing import Any

from django.conf import settings

from accord.core.versions import Version


class RepresentationCache:
    """Representations by (variant, pk), valid for one data version; older versions are dropped whole."""

    def __init__(self, size: int, seconds: float):
        self.size, self.seconds = size, seconds
        self.version: Version | None = None
        self.entries: OrderedDict[tuple[Hashable, Any], tuple[float, Any]] = OrderedDict()
        self.lock = threading.Lock()

    def _at(self, version: Version) -> None:
        """Adopt ``version`` (under the lock): what was kept for another is no longer valid."""
        if version != self.version:
            self.entries.clear()
            self.version = version

    def get_many(self, version: Version, variant: Hashable, pks: Iterable[Any]) -> dict[Any, Any]:
        """The kept representations of ``pks`` read at ``version``: shared, so never changed in place."""
        if not self.size:
            return {}
        oldest = time.monotonic() - self.seconds
        found = {}
        with self.lock:
            self._at(version)
            for pk in pks:
                entry = self.entries.get((variant, pk))
                if entry is not None and entry[0] >= oldest:
                    self.entries.move_to_end((variant, pk))
                    found[pk] = entry[1]
        return found

    def put_many(self, version: Version, variant: Hashable, representations: dict[Any, Any]) -> None:
        """Keep representations read at ``version``; from now on they are shared, never to be changed in place."""
        if not self.size:
            return
        now = time.monotonic()
        with self.lock:
            self._at(version)
            for pk, representation in representations.items():
                self.entries[(variant, pk)] = (now, representation)
                self.entries.move_to_end((variant, pk))
            while len(self.entries) > self.size:
                self.entries.popitem(last=False)

    def clear(self) -> None:
        with self.lock:
            self.entries.clear()
            self.version = None


representations = RepresentationCache(settings.ACCORD_API_CACHE_SIZE, settings.ACCORD_API_CACHE_SECONDS)

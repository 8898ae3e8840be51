"""Answers of the list and statistics endpoints, kept until the store changes.

A key is the store's revision (:func:`eventwire.store.queries.revision`: it moves with
every ingest and every review action) plus the endpoint and its parsed parameters, so a
cached answer is never stale; the revision costs three primary-key lookups per request.
Bounded by total size; least recently used answers go first.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable

MAX_BYTES = 64 << 20
MAX_ANSWER = 1 << 20  # larger answers are not kept


class AnswerCache:
    def __init__(self, max_bytes: int = MAX_BYTES) -> None:
        self._items: OrderedDict[Hashable, str] = OrderedDict()
        self._bytes = 0
        self._max = max_bytes
        self._lock = threading.Lock()
        self.hits = self.misses = 0

    def get_or_make(self, key: Hashable, make: Callable[[], str]) -> str:
        with self._lock:
            body = self._items.get(key)
            if body is not None:
                self._items.move_to_end(key)
                self.hits += 1
                return body
            self.misses += 1
        body = make()
        if len(body) <= MAX_ANSWER:
            with self._lock:
                if key not in self._items:
                    self._items[key] = body
                    self._bytes += len(body)
                while self._bytes > self._max:
                    _, old = self._items.popitem(last=False)
                    self._bytes -= len(old)
        return body

"""A demo store that lives: stock moves, a price drops, now and then a product is withdrawn, as in a real shop.

Without it the demo's catalog never changes after start-up, and nothing on screen shows that the kiosk
follows its backend all day. The store changes itself on its own thread, as a web shop's staff and orders
would; the kiosk only notices through its change feed, like any other change.
"""

from __future__ import annotations

import logging
import threading
from typing import Protocol

_log = logging.getLogger(__name__)


class LiveStore(Protocol):
    def live_changes(self, step: int) -> int: ...


class DemoStoreActivity:
    """Calls `store.live_changes(step)` every `interval_s` seconds on a daemon thread until `stop()`."""

    def __init__(self, store: LiveStore, interval_s: float) -> None:
        if interval_s <= 0:
            raise ValueError(f"live changes need a positive interval, got {interval_s:g} s")
        self._store = store
        self._interval_s = interval_s
        self._stop = threading.Event()
        self.steps = 0
        self._thread = threading.Thread(target=self._run, name="demo-store-activity", daemon=True)

    def start(self) -> DemoStoreActivity:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._thread.ident is not None:
            self._thread.join(timeout=5)

    def _run(self) -> None:
        while not self._stop.wait(self._interval_s):
            try:
                self._store.live_changes(self.steps)
            except Exception:
                _log.exception("demo store: live change %d failed", self.steps)
            self.steps += 1

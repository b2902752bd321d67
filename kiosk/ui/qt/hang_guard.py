"""Ends a kiosk whose GUI event loop has stopped, before systemd's watchdog would, so it is back sooner.

systemd restarts the kiosk when its WATCHDOG=1 pings stop for WatchdogSec (30 s), which with the restart
itself puts a frozen screen back up to ~32 s after it froze. A thread of the kiosk's own sees the loop's
heartbeat stop and, after `limit_s` (20 s under a 30 s watchdog), logs why and aborts the process (SIGABRT,
as systemd's WatchdogSignal would, so a core dump shows where the GUI thread was); `Restart=always` brings
it back at once. It never pings systemd: a frozen screen must not look alive. When the interpreter itself is
stuck (a C call holding the GIL, a stopped process) this thread cannot run either, and systemd's watchdog
remains the backstop.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

_log = logging.getLogger(__name__)
TICK_MS = 1000


def guard_limit_s(watchdog_interval_ms: int | None) -> float | None:
    """Two thirds of the watchdog period (pings come every half period), at most 20 s; None without a watchdog
    or with one so short (under 4.5 s) that the guard's 1 s tick could not beat it."""
    if watchdog_interval_ms is None:
        return None
    limit = min(20.0, watchdog_interval_ms * 2 / 1000 * 2 / 3)
    return limit if limit >= 3 * TICK_MS / 1000 else None


class HangGuard(QObject):
    """A GUI-thread tick and a watcher thread; `abort` is os.abort in the kiosk (tests pass their own)."""

    def __init__(
        self,
        limit_s: float,
        *,
        abort: Callable[[], None] = os.abort,
        clock: Callable[[], float] = time.monotonic,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        if limit_s <= TICK_MS / 1000:
            raise ValueError(f"a hang guard needs a limit above its {TICK_MS} ms tick, got {limit_s:g} s")
        self.limit_s = limit_s
        self._abort = abort
        self._clock = clock
        self._last_tick = clock()
        self._stop = threading.Event()
        self._timer = QTimer(self)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self._tick)
        self._timer.start()
        self._thread = threading.Thread(target=self._watch, name="hang-guard", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._timer.stop()

    def _tick(self) -> None:
        self._last_tick = self._clock()

    def _watch(self) -> None:
        while not self._stop.wait(TICK_MS / 1000):
            stalled = self._clock() - self._last_tick
            if stalled > self.limit_s:
                _log.critical(
                    "the GUI event loop has not run for %.0f s; ending the kiosk so systemd starts it again", stalled
                )
                for handler in logging.getLogger().handlers:
                    handler.flush()
                self._abort()
                return

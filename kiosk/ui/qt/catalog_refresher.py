"""Drives the periodic delta sync from a GUI-thread timer: the pass runs on the writer, the result comes back here.

core.services.catalog_refresh decides when; this only owns the timer, so the pass shares the one writer
thread with every other cache write (one writer per SQLite file) and never blocks the event loop.
"""

from __future__ import annotations

import collections
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from kiosk.core.errors import BackendError
from kiosk.core.services.catalog_refresh import CatalogRefresh
from kiosk.core.services.catalog_sync import SyncReport
from kiosk.ui.qt.runner import BackgroundRunner

_log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class PassTiming:
    """When a pass ran on the writer (time.monotonic_ns()) and on which thread: what `kiosk bench` needs to
    tell the wait for the next pass from the pass itself, and the pass's own requests from others'."""

    started_ns: int
    ended_ns: int
    thread_id: int
    native_id: int = 0  # the OS's id for that thread (its /proc/self/task/<id> entry)


class CatalogRefresher(QObject):
    """One pass at a time; `passed` carries each finished pass's report to the view-models."""

    passed = Signal(object)  # SyncReport

    def __init__(
        self,
        refresh: CatalogRefresh,
        sync: Callable[[], SyncReport],
        runner: BackgroundRunner,
        parent: QObject | None = None,
        *,
        on_pass: Callable[[bool], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.refresh = refresh
        self._sync = sync
        self._runner = runner
        # told True when a pass starts on the writer and False when it is over (the GUI thread's garbage
        # collector holds its older generations meanwhile: kiosk.ui.qt.main_thread_gc)
        self._on_pass = on_pass
        self._in_pass = False
        self._busy = False
        self._stopped = False
        self.passes = 0
        self.timings: collections.deque[PassTiming] = collections.deque(maxlen=256)  # the latest passes
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.poll_now)

    def start(self, first_in_s: float | None = None) -> None:
        self._stopped = False
        self._schedule(self.refresh.policy.interval_s if first_in_s is None else first_in_s)

    def stop(self) -> None:
        self._stopped = True
        self._timer.stop()
        self._pass_over()  # a pass still running reports to no one that holds the collector

    def poll_now(self) -> None:
        """A pass now (the timer's, or a staff "refresh" and tests); a pass already running is not doubled."""
        if self._busy or self._stopped:
            return
        self._busy = True
        if self._on_pass is not None and not self._in_pass:
            self._in_pass = True
            self._on_pass(True)
        self._runner.write(self._timed_pass, self._done)

    def _pass_over(self) -> None:
        if self._in_pass:
            self._in_pass = False
            if self._on_pass is not None:
                self._on_pass(False)

    def _timed_pass(self) -> SyncReport:
        started = time.monotonic_ns()
        try:
            return self._sync()
        finally:
            self.timings.append(
                PassTiming(started, time.monotonic_ns(), threading.get_ident(), threading.get_native_id())
            )

    def _done(self, report: Any, error: Exception | None) -> None:
        self._busy = False
        self._pass_over()
        self.passes += 1
        if isinstance(error, BackendError):
            delay = self.refresh.failed(error)
            _log.info("catalog refresh failed, next in %.0f s: %s", delay, error)
        elif error is not None:
            # e.g. the disk: the cache keeps what it had; try again at the usual pace
            _log.warning("catalog refresh could not be applied: %s", error)
            delay = self.refresh.policy.interval_s
        else:
            delay = self.refresh.succeeded(report)
            self.passed.emit(report)
        self._schedule(delay)

    def _schedule(self, seconds: float) -> None:
        if not self._stopped:
            self._timer.start(max(0, round(seconds * 1000)))

"""Drives the periodic delta sync from a GUI-thread timer: the pass runs on the writer, the result comes back here.

core.services.catalog_refresh decides when; this only owns the timer, so the pass shares the one writer
thread with every other cache write (one writer per SQLite file) and never blocks the event loop. A pass that
turns out big (kiosk.core.services.catalog_catch_up) comes back from the writer as a CatchUp: a thread of its
own waits for the worker process that applies the rest, so neither the GUI thread nor the writer waits (an
order placed meanwhile is written at once); then `settle` runs on the writer and the pass ends as any other.
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
from kiosk.core.services.catalog_catch_up import CatchUp
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
    _caught_up = Signal(object, object, object)  # CatchUp, its SyncReport or None, its error or None

    def __init__(
        self,
        refresh: CatalogRefresh,
        sync: Callable[[], SyncReport | CatchUp],
        runner: BackgroundRunner,
        parent: QObject | None = None,
        *,
        on_pass: Callable[[bool], None] | None = None,
        settle: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.refresh = refresh
        self._sync = sync
        self._runner = runner
        # on the writer after a worker applied the rest of a pass, however it ended (the cache's and the
        # backend's in-memory state, the recalls and promotions)
        self._settle = settle
        self._caught_up.connect(self._on_caught_up)  # queued: emitted on the waiting thread
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

    def _timed_pass(self) -> SyncReport | _Pending:
        started = time.monotonic_ns()
        outcome: SyncReport | CatchUp | None = None
        try:
            outcome = self._sync()
        finally:
            if not isinstance(outcome, CatchUp):
                self.timings.append(
                    PassTiming(started, time.monotonic_ns(), threading.get_ident(), threading.get_native_id())
                )
        if isinstance(outcome, CatchUp):
            return _Pending(outcome, started, threading.get_ident(), threading.get_native_id())
        return outcome

    def _wait_for_worker(self, pending: _Pending) -> None:
        """On the catch-up thread: the worker's whole run, then back to the GUI thread."""
        try:
            report = pending.catch_up.finish()
        except Exception as exc:  # any failure is a failed pass, reported on the GUI thread
            self._caught_up.emit(pending, None, exc)
        else:
            self._caught_up.emit(pending, report, None)

    def _on_caught_up(self, pending: _Pending, report: SyncReport | None, error: Exception | None) -> None:
        """On the GUI thread: `settle` on the writer, then the pass ends with the whole report, or with the
        worker's error after the first page's changes have been shown."""

        def settle() -> None:
            try:
                if self._settle is not None:
                    self._settle()
            finally:
                ended = time.monotonic_ns()
                self.timings.append(PassTiming(pending.started_ns, ended, pending.thread_id, pending.native_id))

        def settled(_result: object, settle_error: Exception | None) -> None:
            if settle_error is not None:
                _log.warning("catalog refresh could not settle after the worker: %s", settle_error)
            if error is not None:
                if pending.catch_up.first.anything_changed and not self._stopped:
                    self.passed.emit(pending.catch_up.first)  # applied before the worker failed
                self._done(None, error)
            else:
                self._done(report, None)

        self._runner.write(settle, settled)

    def _done(self, report: Any, error: Exception | None) -> None:
        if isinstance(report, _Pending) and error is None:
            if self._stopped:  # closing: the worker is not started (KioskApp.shutdown stops a running one)
                self._busy = False
                self._pass_over()
                return
            threading.Thread(target=self._wait_for_worker, args=(report,), name="catalog-catch-up", daemon=True).start()
            return
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


@dataclass(frozen=True, slots=True)
class _Pending:
    """A pass the writer began and a worker process is to finish."""

    catch_up: CatchUp
    started_ns: int
    thread_id: int
    native_id: int

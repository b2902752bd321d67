"""Runs blocking work (SQLite, HTTP) off the GUI thread and hands the result back on the GUI thread."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

_log = logging.getLogger(__name__)


class _Delivery(QObject):
    """Lives on the GUI thread; signals emitted from the pool thread are queued to it."""

    done = Signal(object, object, object)  # callback, result, error


class _Task(QRunnable):
    def __init__(self, delivery: _Delivery, work: Callable[[], Any], callback: Callable[[Any, Exception | None], None]):
        super().__init__()
        self._delivery = delivery
        self._work = work
        self._callback = callback

    def run(self) -> None:
        try:
            result = self._work()
        except Exception as exc:  # handed to the callback on the GUI thread, which explains it to the shopper
            self._delivery.done.emit(self._callback, None, exc)
            return
        self._delivery.done.emit(self._callback, result, None)


class BackgroundRunner(QObject):
    """One small pool for reads and one single-thread pool for writes, so writes keep their order."""

    def __init__(self, parent: QObject | None = None, readers: int = 2) -> None:
        super().__init__(parent)
        self._reads = QThreadPool(self)
        self._reads.setMaxThreadCount(readers)
        self._writes = QThreadPool(self)
        self._writes.setMaxThreadCount(1)
        # Threads are kept for the runner's life (three) instead of ending after 30 s idle: the first read
        # after a quiet spell does not wait for a thread to start.
        self._reads.setExpiryTimeout(-1)
        self._writes.setExpiryTimeout(-1)
        self._delivery = _Delivery(self)
        self._delivery.done.connect(self._deliver)

    def read(self, work: Callable[[], Any], callback: Callable[[Any, Exception | None], None]) -> None:
        self._reads.start(_Task(self._delivery, work, callback))

    def write(self, work: Callable[[], Any], callback: Callable[[Any, Exception | None], None]) -> None:
        self._writes.start(_Task(self._delivery, work, callback))

    @Slot(object, object, object)
    def _deliver(self, callback: Callable[[Any, Exception | None], None], result: Any, error: Any) -> None:
        try:
            callback(result, error)
        except Exception:
            _log.exception("UI callback failed")

    def wait_idle(self, timeout_ms: int = 5000) -> bool:
        """For shutdown and tests: waits for queued work (results still arrive through the event loop)."""
        return bool(self._reads.waitForDone(timeout_ms) and self._writes.waitForDone(timeout_ms))

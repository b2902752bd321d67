"""Event-loop helpers for the composition root and headless tours, so they need not import Qt themselves."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer


def run_forever() -> int:
    app = QCoreApplication.instance()
    assert app is not None
    return int(app.exec())


def process_until(condition: Callable[[], bool], timeout_s: float, step_ms: int = 20) -> bool:
    """Runs the event loop until `condition()` holds or the time is up; returns whether it held.

    One timer for all the steps: `QTimer.singleShot(ms, callable)` once per step kept a small object alive per
    call (64,721 of them, 3.3 MB, by the end of a 1M-SKU `kiosk bench` driving the UI at 2 ms steps)."""
    deadline = time.monotonic() + timeout_s
    loop = QEventLoop()
    step = QTimer()
    step.setSingleShot(True)
    step.setInterval(step_ms)
    step.timeout.connect(loop.quit)
    while not condition():
        if time.monotonic() > deadline:
            return False
        step.start()
        loop.exec()
    return True


def process_for(seconds: float) -> None:
    loop = QEventLoop()
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    loop.exec()

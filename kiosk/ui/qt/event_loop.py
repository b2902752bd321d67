"""Event-loop helpers for the composition root and headless tours, so they need not import Qt themselves."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer


def run_forever() -> int:
    app = QCoreApplication.instance()
    assert app is not None
    return int(app.exec())


def process_until(condition: Callable[[], bool], timeout_s: float) -> bool:
    """Runs the event loop until `condition()` holds or the time is up; returns whether it held."""
    deadline = time.monotonic() + timeout_s
    loop = QEventLoop()
    while not condition():
        if time.monotonic() > deadline:
            return False
        QTimer.singleShot(20, loop.quit)
        loop.exec()
    return True


def process_for(seconds: float) -> None:
    loop = QEventLoop()
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    loop.exec()

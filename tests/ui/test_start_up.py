"""Start-up order: the first frame first; the demo backend, the senders and the sync after it (and, for the
demo backend's build, after a pause in the shopper's taps and scans); the demo tray's codes when it opens."""

from __future__ import annotations

import dataclasses
import os
import threading
import time
from pathlib import Path
from typing import cast

from PySide6.QtQuick import QQuickWindow

from kiosk.app import DeferredBackend, KioskApp, Services
from kiosk.config import load_config
from kiosk.core.ports import CommerceBackend
from kiosk.ui.devtools.bench_driver import process_until
from kiosk.ui.qt.application import StartedAndQuiet
from tests.fakes import FakeClock


def _window_counting_frames() -> tuple[QQuickWindow, list[float]]:
    """A small window, not shown yet, and the times of the frames it will swap."""
    window = QQuickWindow()
    window.resize(200, 200)
    frames: list[float] = []
    window.frameSwapped.connect(lambda: frames.append(time.monotonic()))
    return window, frames

def test_waits_for_the_first_frame_then_for_a_pause_in_activity(qtbot) -> None:  # type: ignore[no-untyped-def]
    window, frames = _window_counting_frames()
    calls: list[float] = []
    started = StartedAndQuiet(window, lambda: calls.append(time.monotonic()), quiet_ms=1000, fallback_ms=60_000)
    try:
        process_until(lambda: False, 0.3)
        assert calls == [] and frames == []  # not shown: no frame, nothing started
        window.show()
        qtbot.waitUntil(lambda: bool(frames))
        last_poke = time.monotonic()
        for _ in range(6):  # a shopper scanning every 0.1 s keeps it waiting
            started.poke()
            last_poke = time.monotonic()
            process_until(lambda: False, 0.1)
        assert calls == []
        qtbot.waitUntil(lambda: bool(calls), timeout=5000)
        assert calls[0] - last_poke >= 0.9
        process_until(lambda: False, 0.2)
        assert len(calls) == 1
    finally:
        window.close()


def test_starts_at_the_latest_max_wait_after_the_first_frame(qtbot) -> None:  # type: ignore[no-untyped-def]
    window, frames = _window_counting_frames()
    calls: list[float] = []
    started = StartedAndQuiet(window, lambda: calls.append(time.monotonic()), quiet_ms=10_000, max_wait_ms=800)
    try:
        window.show()
        qtbot.waitUntil(lambda: bool(frames))
        deadline = time.monotonic() + 5
        while not calls and time.monotonic() < deadline:
            started.poke()  # never a pause
            process_until(lambda: False, 0.05)
        assert calls and 0.7 <= calls[0] - frames[0] < 3.0
    finally:
        window.close()


def test_a_window_that_never_renders_still_starts_after_the_fallback(qtbot) -> None:  # type: ignore[no-untyped-def]
    window = QQuickWindow()  # never shown
    calls: list[float] = []
    shown_at = time.monotonic()
    StartedAndQuiet(window, lambda: calls.append(time.monotonic()), fallback_ms=300)
    qtbot.waitUntil(lambda: bool(calls), timeout=5000)
    assert calls[0] - shown_at >= 0.25


def test_the_demo_backend_is_built_after_start_up_and_the_tray_codes_when_it_opens(  # type: ignore[no-untyped-def]
    qtbot, tmp_path: Path, demo_backend
) -> None:
    env = {**os.environ, "KIOSK_DATA_DIR": str(tmp_path / "data"), "KIOSK_LANGUAGE": "en"}
    config = load_config(env=env)
    config = dataclasses.replace(config, scanner=dataclasses.replace(config.scanner, wedge=False))
    builds: list[str] = []

    def build() -> CommerceBackend:
        builds.append(threading.current_thread().name)
        return cast(CommerceBackend, demo_backend)

    deferred = DeferredBackend(build)
    kiosk = KioskApp(Services.build(config, backend=cast(CommerceBackend, deferred), clock=FakeClock()))
    try:
        tray = kiosk.app_vm.demoScanner
        assert deferred.built is None and builds == []  # nothing on the way to the first frame built it
        assert tray.codes.rowCount() == 0
        kiosk.start_sync()
        qtbot.waitUntil(kiosk.sync_done.is_set, timeout=15_000)  # after the first frame and a quiet moment
        assert deferred.built is demo_backend
        assert len(builds) == 1 and builds[0] != "MainThread"  # built once, off the GUI thread
        report = kiosk.last_sync
        assert report is not None and report.snapshot and report.snapshot_error == ""  # the empty cache's snapshot
        assert report.products == 300 and kiosk.services.store.product_count() == 300
        kiosk.app_vm.home.reload()  # the UI's readers across the swap
        qtbot.waitUntil(lambda: kiosk.app_vm.home.popular.rowCount() > 0, timeout=5000)
        qtbot.waitUntil(lambda: kiosk.app_vm.checkout.shippingMethods.count > 0, timeout=5000)
        tray.setOpen(True)
        assert tray.codes.rowCount() > 0  # fetched when the tray opened
    finally:
        kiosk.shutdown()

"""sd_notify through a real NOTIFY_SOCKET datagram socket: READY after the first frame, WATCHDOG pings from the
GUI event loop that stop while the loop is blocked and resume after it, STATUS lines, STOPPING at shutdown."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtQuick import QQuickWindow

from kiosk.ui.qt.systemd_notify import SystemdNotify, watchdog_interval_ms


class NotifySocket:
    """What systemd listens on: an AF_UNIX datagram socket; collects every message sent to it."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.sock.bind(str(path))
        self.sock.setblocking(False)
        self.messages: list[tuple[float, str]] = []

    def drain(self) -> list[str]:
        while True:
            try:
                data = self.sock.recv(4096)
            except BlockingIOError:
                break
            self.messages.append((time.monotonic(), data.decode()))
        return [m for _, m in self.messages]

    def lines(self) -> list[str]:
        return [line for m in self.drain() for line in m.split("\n")]

    def close(self) -> None:
        self.sock.close()


@pytest.fixture
def notify_socket(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[NotifySocket]:
    sock = NotifySocket(tmp_path / "notify")
    monkeypatch.setenv("NOTIFY_SOCKET", str(sock.path))
    monkeypatch.setenv("WATCHDOG_USEC", "200000")  # a ping every 100 ms
    monkeypatch.delenv("WATCHDOG_PID", raising=False)
    yield sock
    sock.close()


def test_the_interval_is_half_the_watchdog_period_and_only_for_the_watched_process() -> None:
    assert watchdog_interval_ms({"WATCHDOG_USEC": "30000000"}, 42) == 15_000
    assert watchdog_interval_ms({"WATCHDOG_USEC": "30000000", "WATCHDOG_PID": "42"}, 42) == 15_000
    assert watchdog_interval_ms({"WATCHDOG_USEC": "30000000", "WATCHDOG_PID": "43"}, 42) is None
    assert watchdog_interval_ms({}, 42) is None
    assert watchdog_interval_ms({"WATCHDOG_USEC": "0"}, 42) is None
    assert watchdog_interval_ms({"WATCHDOG_USEC": "soon"}, 42) is None


def test_ready_after_the_first_frame_then_pings_that_stop_while_the_loop_is_blocked(
    qtbot, notify_socket: NotifySocket
) -> None:  # type: ignore[no-untyped-def]
    window = QQuickWindow()
    window.resize(200, 200)
    notify = SystemdNotify(window, ready_status=lambda: "Ready: attract screen")
    try:
        assert notify.active and notify.watchdog_interval_ms == 100
        qtbot.waitUntil(lambda: "WATCHDOG=1" in notify_socket.lines(), timeout=2000)
        assert "READY=1" not in notify_socket.lines()  # pings, but no frame yet: not ready
        assert "STATUS=Starting: loading the screens" in notify_socket.lines()
        with qtbot.waitSignal(notify.ready, timeout=5000):
            window.show()
        lines = notify_socket.lines()
        assert "READY=1" in lines and "STATUS=Ready: attract screen" in lines
        assert notify.is_ready

        # the GUI thread hangs for 1 s: nothing may reach systemd meanwhile
        qtbot.waitUntil(lambda: notify_socket.lines().count("WATCHDOG=1") >= 3, timeout=2000)
        notify_socket.drain()
        hang: list[float] = []

        def hung_slot() -> None:  # a slot that blocks the GUI thread for 1 s: the hang under test
            hang.append(time.monotonic())
            time.sleep(1.0)
            hang.append(time.monotonic())

        QTimer.singleShot(0, hung_slot)
        qtbot.waitUntil(lambda: len(hang) == 2, timeout=5000)
        blocked_from, blocked_to = hang
        notify_socket.drain()
        during = [t for t, m in notify_socket.messages if blocked_from + 0.01 < t < blocked_to and m == "WATCHDOG=1"]
        assert during == []
        count = len(notify_socket.messages)
        qtbot.waitUntil(lambda: len(notify_socket.drain()) >= count + 2, timeout=2000)  # the loop runs: pings again

        notify.status("Idle: online, 0 orders waiting")
        notify.status("Idle: online, 0 orders waiting")  # the same line again is not resent
        assert notify_socket.lines().count("STATUS=Idle: online, 0 orders waiting") == 1
        notify.stopping()
        assert "STOPPING=1" in notify_socket.lines()
        notify_socket.messages.clear()
        before = time.monotonic()
        qtbot.waitUntil(lambda: time.monotonic() - before > 0.35, timeout=2000)
        assert "WATCHDOG=1" not in notify_socket.lines()  # stopped on purpose: no more pings
    finally:
        window.close()


def test_outside_systemd_it_sends_nothing_and_still_reports_ready(qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.delenv("NOTIFY_SOCKET", raising=False)
    window = QQuickWindow()
    window.resize(100, 100)
    notify = SystemdNotify(window)
    try:
        assert not notify.active and notify.watchdog_interval_ms is None
        with qtbot.waitSignal(notify.ready, timeout=5000):
            window.show()
    finally:
        window.close()


def test_the_running_kiosk_tells_systemd_ready_and_stopping(make_kiosk, notify_socket: NotifySocket, qtbot) -> None:  # type: ignore[no-untyped-def]
    kiosk = make_kiosk()
    kiosk.window.show()
    qtbot.waitUntil(lambda: "READY=1" in notify_socket.lines(), timeout=10_000)
    qtbot.waitUntil(lambda: "WATCHDOG=1" in notify_socket.lines(), timeout=2000)
    assert "STATUS=Ready: attract screen, kiosk kiosk-01 at madrid-gran-via" in notify_socket.lines()
    kiosk._heartbeat_wake.set()  # each heartbeat becomes the status line
    qtbot.waitUntil(lambda: any(line.startswith("STATUS=Idle, online, 0 order(s) waiting") for line in notify_socket.lines()), timeout=10_000)
    kiosk.shutdown()
    assert "STOPPING=1" in notify_socket.lines()

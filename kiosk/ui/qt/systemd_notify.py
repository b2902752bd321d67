"""systemd's notify protocol for the running kiosk: READY=1 after the first frame, WATCHDOG=1 from the GUI loop.

The kiosk unit is `Type=notify` with `WatchdogSec=`: systemd counts the kiosk started only when a frame is on
screen (not when the process exists), and restarts it when the pings stop. The pings come from a QTimer on
the GUI thread, so the event loop that can hang (a blocking call in a slot, a deadlock with a worker) is the
very thing that must keep running for them to go out; a ping from a thread of its own would keep a frozen
screen alive. Without NOTIFY_SOCKET (a developer's `kiosk demo`) this object does nothing.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable, Mapping

import sdnotify
from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot
from PySide6.QtQuick import QQuickWindow

_log = logging.getLogger(__name__)


def watchdog_interval_ms(env: Mapping[str, str], pid: int) -> int | None:
    """How often to ping: half of WATCHDOG_USEC (what sd_watchdog_enabled(3) advises), or None when this
    process is not the one watched (no WATCHDOG_USEC, or WATCHDOG_PID names another process)."""
    usec = env.get("WATCHDOG_USEC", "")
    watched_pid = env.get("WATCHDOG_PID", "")
    if not usec.isdigit() or int(usec) == 0:
        return None
    if watched_pid and (not watched_pid.isdigit() or int(watched_pid) != pid):
        return None
    return max(1, int(usec) // 2000)


class SystemdNotify(QObject):
    """Tells systemd the kiosk is ready (its first frame swapped), alive (a ping per half watchdog period
    from the GUI event loop) and what it is doing (STATUS= lines shown by `systemctl status kiosk`)."""

    ready = Signal()

    def __init__(
        self,
        window: QQuickWindow,
        *,
        ready_status: Callable[[], str] = lambda: "Ready",
        env: Mapping[str, str] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        env = os.environ if env is None else env
        # sdnotify connects to $NOTIFY_SOCKET itself and swallows send errors: a missing or restarted
        # systemd never costs the shopper anything.
        self._notifier = sdnotify.SystemdNotifier() if env.get("NOTIFY_SOCKET") else None
        self._window: QQuickWindow | None = window
        self._ready_status = ready_status
        self._is_ready = False
        self._lock = threading.Lock()
        self._status = ""
        self._timer = QTimer(self)
        interval = watchdog_interval_ms(env, os.getpid()) if self._notifier is not None else None
        if interval is not None:
            self._timer.setInterval(interval)
            self._timer.timeout.connect(self._ping)
            self._timer.start()
        # queued: with a threaded render loop frameSwapped comes from the render thread
        window.frameSwapped.connect(self._first_frame, Qt.ConnectionType.QueuedConnection)
        self.status("Starting: loading the screens")

    @property
    def active(self) -> bool:
        """Whether systemd is listening (NOTIFY_SOCKET was set)."""
        return self._notifier is not None

    @property
    def is_ready(self) -> bool:
        return self._is_ready

    @property
    def watchdog_interval_ms(self) -> int | None:
        return self._timer.interval() if self._timer.isActive() else None

    def status(self, text: str) -> None:
        """One STATUS= line for a person reading `systemctl status`; repeats of the same line are not sent.
        Callable from any thread (the heartbeat's): it only compares a string and sends a datagram."""
        with self._lock:
            if text == self._status:
                return
            self._status = text
        self._send(f"STATUS={text}")

    def stopping(self) -> None:
        """The kiosk is closing on purpose: no more pings, and systemd knows the exit is not a crash."""
        self._timer.stop()
        self._disconnect_window()
        self._send("STOPPING=1\nSTATUS=Stopping")

    @Slot()
    def _first_frame(self) -> None:
        if self._is_ready:
            return
        self._is_ready = True
        self._disconnect_window()
        self._status = self._ready_status()
        self._send(f"READY=1\nSTATUS={self._status}")
        _log.info("first frame on screen; told systemd READY")
        self.ready.emit()

    @Slot()
    def _ping(self) -> None:
        self._send("WATCHDOG=1")

    def _disconnect_window(self) -> None:
        window, self._window = self._window, None  # once: a second disconnect would warn
        if window is not None:
            window.frameSwapped.disconnect(self._first_frame)

    def _send(self, message: str) -> None:
        if self._notifier is not None:
            self._notifier.notify(message)

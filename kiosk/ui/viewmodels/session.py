"""Watches for inactivity: shows the 'are you still there?' warning, then ends the session and wipes it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer, Slot

from kiosk.core.ports import Clock
from kiosk.core.services.session import SessionPhase, SessionPolicy
from kiosk.ui.qt.activity import SCREEN_ACTIVITY
from kiosk.ui.qt.properties import ViewModel, notified


class SessionViewModel(ViewModel):
    phaseChanged, phase = notified(str, "phase", SessionPhase.IDLE.value)
    secondsLeftChanged, secondsLeft = notified(int, "secondsLeft", 0)
    # seconds until an untouched session ends and the screen starts over (0 when no session): the
    # confirmation shows it so a shopper knows how long the order number stays up
    resetInChanged, resetIn = notified(int, "resetIn", 0)

    def __init__(
        self, policy: SessionPolicy, clock: Clock, on_expired: Callable[[], None], parent: QObject | None = None
    ):
        super().__init__(parent)
        self._policy = policy
        self._base_policy = policy
        self.speech_factor = 2.0  # in speech mode the timeouts last this many times longer (config)
        self._clock = clock
        self._on_expired = on_expired
        self._active = False
        self._last_activity = clock.monotonic()
        self._timer = QTimer(self, interval=250)
        self._timer.timeout.connect(self.tick)
        self._timer.start()

    @property
    def policy(self) -> SessionPolicy:
        return self._policy

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Installed on the kiosk window: any touch, click or key counts as the shopper still being there."""
        if event.type() in SCREEN_ACTIVITY:
            self.touch()
        return False

    def set_speech_mode(self, on: bool) -> None:
        """Listening takes longer than reading: in speech mode the idle timeout and its warning stretch
        (EN 301 549 5.1.3.x / WCAG 2.2.1: time limits adjustable)."""
        base = self._base_policy
        factor = self.speech_factor if on else 1.0
        self._policy = SessionPolicy(base.idle_timeout_s * factor, base.warning_s * factor)
        self.tick()

    @Slot()
    def touch(self) -> None:
        self._last_activity = self._clock.monotonic()
        if not self._active:
            self._active = True
        self.tick()

    @Slot()
    def keepGoing(self) -> None:
        self.touch()

    @Slot()
    def tick(self) -> None:
        idle_for = self._clock.monotonic() - self._last_activity
        phase = self._policy.phase(self._active, idle_for)
        self._set("secondsLeft", self._policy.seconds_left(idle_for) if phase is SessionPhase.WARNING else 0)
        self._set("resetIn", self._policy.seconds_left(idle_for) if self._active else 0)
        self._set("phase", phase.value)
        if phase is SessionPhase.EXPIRED:
            self.end()

    @Slot()
    def end(self) -> None:
        self._active = False
        self._set("phase", SessionPhase.IDLE.value)
        self._set("secondsLeft", 0)
        self._set("resetIn", 0)
        self._on_expired()

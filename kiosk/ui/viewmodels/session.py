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

    def __init__(
        self, policy: SessionPolicy, clock: Clock, on_expired: Callable[[], None], parent: QObject | None = None
    ):
        super().__init__(parent)
        self._policy = policy
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
        self._set("phase", phase.value)
        if phase is SessionPhase.EXPIRED:
            self.end()

    @Slot()
    def end(self) -> None:
        self._active = False
        self._set("phase", SessionPhase.IDLE.value)
        self._set("secondsLeft", 0)
        self._on_expired()

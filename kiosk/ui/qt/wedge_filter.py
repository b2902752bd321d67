"""Keyboard-wedge scans caught at the window, before any text field sees a key.

Installed on the kiosk's window, the filter feeds the key presses arriving there to the pure
WedgeDetector. Keys are held while they come scanner-fast; a burst ending in Enter/Tab is emitted as
`scanned(bytes)` and never reaches the focused item; anything else is replayed to the window it was
going to, in order, so typing works as before (at most `max_gap_ms` late). The on-screen keyboard sends
its keys from inside the application (not spontaneous): those pass at once.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent

from kiosk.core.scanning.wedge import WedgeDecision, WedgeDetector

_TERMINATORS = frozenset({Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab})
_MODIFIER_KEYS = frozenset(
    {Qt.Key.Key_Shift, Qt.Key.Key_Control, Qt.Key.Key_Alt, Qt.Key.Key_Meta, Qt.Key.Key_AltGr, Qt.Key.Key_CapsLock}
)
_SHORTCUT_MODIFIERS = (
    Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.MetaModifier
)


@dataclass(frozen=True, slots=True)
class _HeldKey:
    """Enough of a QKeyEvent to send it again: the original is deleted once the filter returns."""

    receiver: QObject
    key: int
    modifiers: Qt.KeyboardModifier
    text: str
    native_scan_code: int
    native_virtual_key: int
    native_modifiers: int


class WedgeFilter(QObject):
    """Emits `scanned` with the scanner's bytes (AIM id included if the scanner sends one)."""

    scanned = Signal(bytes)

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        max_gap_ms: int = 30,
        min_length: int = 4,
        clock: Callable[[], int] = time.monotonic_ns,
    ) -> None:
        super().__init__(parent)
        self._detector: WedgeDetector[_HeldKey] = WedgeDetector(max_gap_ms=max_gap_ms, min_length=min_length)
        self._clock = clock
        self._replaying = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(max_gap_ms)
        self._timer.timeout.connect(self._on_timeout)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self._replaying or event.type() != QEvent.Type.KeyPress or not watched.isWindowType():
            return False
        if not event.spontaneous():
            # Sent from inside the application: the on-screen keyboard types this way (a finger, never a
            # scanner), and holding its keys would add the whole gap to every letter a shopper taps.
            # A wedge scanner is a keyboard device: its keys come from the window system (spontaneous).
            return False
        assert isinstance(event, QKeyEvent)
        key = event.key()
        if key in _MODIFIER_KEYS:
            return False  # Shift for an upper-case letter is part of a scan, not an interruption
        now = self._clock()
        text = event.text()
        if key in _TERMINATORS and not event.modifiers() & _SHORTCUT_MODIFIERS:
            decision = self._detector.terminator(now)
        elif len(text) == 1 and text.isprintable() and not event.modifiers() & _SHORTCUT_MODIFIERS:
            held = _HeldKey(
                watched,
                key,
                event.modifiers(),
                text,
                event.nativeScanCode(),
                event.nativeVirtualKey(),
                event.nativeModifiers(),
            )
            decision = self._detector.key(text, now, held)
        else:
            decision = self._detector.other(now)
        return self._apply(decision)

    def _apply(self, decision: WedgeDecision[_HeldKey]) -> bool:
        self._replay(decision.release)
        if self._detector.holding:
            self._timer.start()
        else:
            self._timer.stop()
        if decision.scan is not None:
            self.scanned.emit(decision.scan)
        return decision.consume

    def _on_timeout(self) -> None:
        self._replay(self._detector.timeout())

    def _replay(self, keys: tuple[_HeldKey, ...]) -> None:
        self._replaying = True
        try:
            for held in keys:
                # Only the press: the original release was never held back, and a text field types on press.
                copy = QKeyEvent(
                    QEvent.Type.KeyPress,
                    held.key,
                    held.modifiers,
                    held.native_scan_code,
                    held.native_virtual_key,
                    held.native_modifiers,
                    held.text,
                )
                QCoreApplication.sendEvent(held.receiver, copy)
        finally:
            self._replaying = False

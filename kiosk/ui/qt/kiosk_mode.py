"""Kiosk lock-down: the key combinations that close or leave an app are swallowed, and the window refuses to
close until a staff PIN has authorised the exit.

What an application can and cannot stop: keys reach Qt only if the compositor passes them on. Under a
kiosk compositor such as `cage` there is no task switcher and VT switching is off unless started with `-s`,
so Alt+Tab and Ctrl+Alt+F1 never arrive; on a desktop the window manager takes them before Qt does.
What does arrive (Esc, Alt+F4 as a key, Ctrl+Q/W, F11, Meta ...) is dropped here, and a compositor's close
request (how a WM turns Alt+F4 into an action) arrives as a Close event, which is refused.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent, QWindow

Key = Qt.Key
Mod = Qt.KeyboardModifier

# Keys that mean "leave / close / switch" on their own.
_ALWAYS = {
    Key.Key_Escape, Key.Key_F11, Key.Key_Meta, Key.Key_Super_L, Key.Key_Super_R, Key.Key_Hyper_L, Key.Key_Hyper_R,
    Key.Key_Menu, Key.Key_Close, Key.Key_Exit, Key.Key_Launch0, Key.Key_LaunchMail, Key.Key_TaskPane,
}
# With Alt: close (F4), switch (Tab, Esc), window menu (Space), run dialog (F2).
_WITH_ALT = {Key.Key_F4, Key.Key_Tab, Key.Key_Backtab, Key.Key_Escape, Key.Key_Space, Key.Key_F2}
# With Ctrl: quit, close window/tab, start menu (Ctrl+Esc).
_WITH_CTRL = {Key.Key_Q, Key.Key_W, Key.Key_Escape, Key.Key_F4}


def is_escape_combo(key: int, modifiers: Qt.KeyboardModifier) -> bool:
    """True for a key press that could close, hide or leave the kiosk app. Plain typing is never one."""
    if key in _ALWAYS:
        return True
    alt = bool(modifiers & Mod.AltModifier)
    ctrl = bool(modifiers & Mod.ControlModifier)
    if modifiers & Mod.MetaModifier:
        return True  # Super/Windows key combinations belong to the desktop, never to the kiosk
    if alt and ctrl:
        return True  # Ctrl+Alt+Backspace (kill X), Ctrl+Alt+Del, Ctrl+Alt+Fn (switch VT), Ctrl+Alt+T ...
    if alt and key in _WITH_ALT:
        return True
    return ctrl and key in _WITH_CTRL


class KioskGuard(QObject):
    """Installed on the kiosk window, last (so it sees every key before the other filters and any item do), in
    kiosk mode."""

    _KEY_EVENTS = (QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.ShortcutOverride)

    def __init__(self, window: QWindow, *, keep_fullscreen: bool = True, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._window = window
        self._keep_fullscreen = keep_fullscreen
        self._exit_allowed = False
        self.swallowed = 0  # key presses dropped, for the technician's log and the tests
        self.refused_closes = 0

    @property
    def exit_allowed(self) -> bool:
        return self._exit_allowed

    def allow_exit(self) -> None:
        """Called only after a staff PIN was accepted and 'Exit' chosen."""
        self._exit_allowed = True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in self._KEY_EVENTS and isinstance(event, QKeyEvent):
            if is_escape_combo(event.key(), event.modifiers()):
                if kind == QEvent.Type.KeyPress:
                    self.swallowed += 1
                event.accept()  # a ShortcutOverride accepted and filtered: no Shortcut fires either
                return True
            return False
        if kind == QEvent.Type.Close and watched is self._window and not self._exit_allowed:
            self.refused_closes += 1
            event.ignore()
            return True
        # Minimised or un-fullscreened from outside (a WM shortcut, a stray F11): go back, after Qt has
        # finished applying the change it is telling us about.
        if (
            kind == QEvent.Type.WindowStateChange
            and watched is self._window
            and self._keep_fullscreen
            and not self._exit_allowed
            and self._window.visibility() != QWindow.Visibility.FullScreen
        ):
            QTimer.singleShot(0, self._window.showFullScreen)
        return False

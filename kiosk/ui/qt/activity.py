"""What counts as someone using the screen, for every part of the kiosk that watches for it.

One definition for the shopper's session timeout, the associate's re-authentication after idle time and
start-up's wait for a quiet moment: a finger down or moving (a drag through a list is use too), a click, a
key, a wheel. Release events are left out: a press or a move always comes first.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent

SCREEN_ACTIVITY = frozenset(
    {
        QEvent.Type.MouseButtonPress,
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
        QEvent.Type.KeyPress,
        QEvent.Type.Wheel,
    }
)

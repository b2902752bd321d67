"""Measuring the real QML UI for `kiosk bench`: frame timestamps, GUI-thread stalls, taps and key presses.

"To frame" means what the shopper sees: the clock stops at the first frame the scene graph swaps after the
change is visible to QML, not when a Python call returns. A change made on the GUI thread reaches the
screen at the next synchronisation of the scene graph, so the probe waits for a sync that *starts* after
the change and then for the swap that follows it.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPointF, Qt, QTimer
from PySide6.QtGui import QInputMethodEvent, QKeyEvent, QMouseEvent
from PySide6.QtQuick import QQuickItem, QQuickWindow

from kiosk.ui.qt import event_loop


def now_ns() -> int:
    """CLOCK_MONOTONIC, which another process on the same machine reads the same way (cold start)."""
    return time.monotonic_ns()


class FrameProbe:
    """Records when the window synchronises and swaps frames (signals may arrive on the render thread)."""

    def __init__(self, window: QQuickWindow) -> None:
        self._window = window
        self._lock = threading.Lock()
        self._syncs: list[int] = []
        self._swaps: list[int] = []
        direct = Qt.ConnectionType.DirectConnection
        window.beforeSynchronizing.connect(self._on_sync, direct)
        window.frameSwapped.connect(self._on_swap, direct)

    def _on_sync(self) -> None:
        with self._lock:
            self._syncs.append(now_ns())
            del self._syncs[:-64]

    def _on_swap(self) -> None:
        with self._lock:
            self._swaps.append(now_ns())
            del self._swaps[:-64]

    def frame_after(self, visible_ns: int) -> int | None:
        """The swap time of the first frame whose synchronisation began at or after `visible_ns`."""
        with self._lock:
            sync = next((t for t in self._syncs if t >= visible_ns), None)
            if sync is None:
                return None
            return next((t for t in self._swaps if t >= sync), None)

    def wait_frame_after(self, visible_ns: int, timeout_s: float = 10.0) -> int | None:
        self._window.update()  # an idle scene renders only when asked; a real change asks by itself
        found: list[int] = []

        def ready() -> bool:
            frame = self.frame_after(visible_ns)
            if frame is not None:
                found.append(frame)
            return frame is not None

        if not process_until(ready, timeout_s, step_ms=1):
            return None
        return found[0]


class StallMonitor(QObject):
    """The GUI thread's longest stall: how late a 5 ms timer fires at worst while the bench runs."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.longest_ms = 0.0
        self._last = time.perf_counter()
        self._timer = QTimer(self, interval=5)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._tick)

    def start(self) -> None:
        self._last = time.perf_counter()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def _tick(self) -> None:
        now = time.perf_counter()
        gap_ms = (now - self._last) * 1000
        self._last = now
        self.on_gap(gap_ms)

    def on_gap(self, gap_ms: float) -> None:
        """Each interval between two ticks; a subclass may keep more than the longest."""
        self.longest_ms = max(self.longest_ms, gap_ms - 5)


class VisibleWhen(QObject):
    """Remembers the first moment `condition` holds, checked whenever one of the given signals fires."""

    def __init__(self, condition: Callable[[], bool], signals: list[object]) -> None:
        super().__init__()
        self._condition = condition
        self._signals = signals
        self.at_ns: int | None = None
        for signal in signals:
            signal.connect(self._check)  # type: ignore[attr-defined]
        self._check()

    def _check(self, *_args: object) -> None:
        if self.at_ns is None and self._condition():
            self.at_ns = now_ns()

    def close(self) -> None:
        for signal in self._signals:
            signal.disconnect(self._check)  # type: ignore[attr-defined]


def process_until(condition: Callable[[], bool], timeout_s: float, step_ms: int = 2) -> bool:
    """The UI's own wait (kiosk.ui.qt.event_loop) at the bench's 2 ms steps: a frame is timed to the step."""
    return event_loop.process_until(condition, timeout_s, step_ms)


def find_item(window: QQuickWindow, name: str) -> QQuickItem:
    # Qt matches the name in C++ over the window's whole object tree (content, popups, overlays), so only
    # objects of that name get Python wrappers: calling objectName() on every child's wrapper met, once in a
    # busy run, a stale wrapper PySide kept for a destroyed object whose address Qt had reused, and crashed.
    for found in window.findChildren(QObject, name):
        if isinstance(found, QQuickItem):
            return found
    for item in visual_items(window.contentItem()):  # delegates: only a visual parent
        if item.objectName() == name:
            return item
    raise LookupError(f"no item named {name!r} in the window")


def scroll_into_view(window: QQuickWindow, item: QQuickItem) -> None:
    """As a finger would scroll first: moves the enclosing Flickable until the item shows inside it
    (inside the window is not enough: the top bar sits over a page scrolled under it)."""
    parent = item.parentItem()
    while parent is not None and not parent.inherits("QQuickFlickable"):
        parent = parent.parentItem()
    if parent is None:
        return
    centre = item.mapToItem(parent, QPointF(item.width() / 2, item.height() / 2))
    if 0 <= centre.y() < parent.height():
        return
    top = item.mapToItem(parent.property("contentItem"), QPointF(0, 0)).y()
    limit = max(0.0, float(parent.property("contentHeight")) - parent.height())
    parent.setProperty("contentY", min(limit, max(0.0, top - parent.height() / 3)))
    settle_layout(item)


def settle_layout(item: QQuickItem) -> None:
    """Runs the pending layout passes (polish) from the window's root down to the item: a page that has just
    appeared has its final geometry only after them, and a tap computed from an earlier layout lands beside
    its target. Polishing directly, rather than waiting in a nested event loop for a rendered frame, keeps
    the test from re-entering Qt's animation timer mid-update (that raced into a Qt warning)."""
    chain = []
    current: object = item
    # a parent destroyed a moment ago (a results card rebound, a keyboard layout switched) can leave PySide
    # a stale wrapper of another type at its address: the walk stops there (seen once in a busy run)
    while isinstance(current, QQuickItem):
        chain.append(current)
        current = current.parentItem()
    for ancestor in reversed(chain):
        ancestor.ensurePolished()


def tap(window: QQuickWindow, item: QQuickItem) -> None:
    """A finger tap at the item's centre: a press and a release sent to the window, which delivers them to its
    items as it does the window system's. Not QTest.mouseClick: Qt's test library loads QtWidgets (8 MB of the
    kiosk's memory as the bench measured it, which no kiosk carries)."""
    centre = item.mapToScene(QPointF(item.width() / 2, item.height() / 2))
    global_centre = QPointF(window.mapToGlobal(centre))
    left, none = Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton
    for kind, buttons in ((QEvent.Type.MouseButtonPress, left), (QEvent.Type.MouseButtonRelease, none)):
        event = QMouseEvent(kind, centre, global_centre, left, buttons, Qt.KeyboardModifier.NoModifier)
        event.setTimestamp(time.monotonic_ns() // 1_000_000)
        QCoreApplication.sendEvent(window, event)


def visual_items(root: QQuickItem) -> Iterator[QQuickItem]:
    """Every item under `root` by visual parent: Repeater and ListView delegates and the on-screen
    keyboard's keys have no QObject parent in the window, so findChild never sees them. A delegate
    destroyed a moment ago can leave PySide a stale wrapper of another type at its address; such entries
    are not items and are skipped."""
    stack: list[object] = [root]
    while stack:
        item = stack.pop()
        if isinstance(item, QQuickItem):
            yield item
            stack.extend(item.childItems())


def on_screen_key(window: QQuickWindow, ch: str) -> QQuickItem | None:
    """The on-screen keyboard's key that types `ch`, if the shown layout has one inside the window.

    Shoppers type on the on-screen keyboard, which delivers text as input-method events; key presses are
    what a keyboard-wedge scanner (or a rare hardware keyboard) sends, and the wedge filter holds those for
    up to its gap to tell a scan from typing. Timing searches through the real keys measures the path a
    shopper's finger takes."""
    for item in visual_items(window.contentItem()):
        if item.metaObject().indexOfProperty("key") >= 0 and item.property("text") == ch and item.isVisible():
            centre = item.mapToScene(QPointF(item.width() / 2, item.height() / 2))
            if 0 <= centre.y() < window.height():
                return item
    return None


def commit_text(window: QQuickWindow, text: str) -> None:
    """What the on-screen keyboard sends for a character its layout shows only on a long press (é, ñ)."""
    target = window.activeFocusItem()
    if target is not None:
        event = QInputMethodEvent()
        event.setCommitString(text)
        QCoreApplication.sendEvent(target, event)


def press_key(window: QQuickWindow, ch: str) -> None:
    """One key press and release from a keyboard device (a wedge scanner is one), through the window
    system as hardware keys arrive (spontaneous), so the wedge filter treats it as it would a real key. Only
    Qt's test library makes spontaneous events, and it loads QtWidgets: the bench reads the kiosk's memory
    before it first presses a hardware key."""
    from PySide6.QtTest import QTest

    QTest.keyClick(window, ch)  # type: ignore[call-overload]  # the (QWindow, char) overload, missing from the stubs


def press_backspace(window: QQuickWindow, times: int) -> None:
    for _ in range(times):
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QCoreApplication.sendEvent(window, QKeyEvent(kind, Qt.Key.Key_Backspace, Qt.KeyboardModifier.NoModifier))


def speech_after_focus(window: QQuickWindow, vm: Any, samples: int) -> list[float]:
    """Issue 17's target: speech starts <= 300 ms after a focus change. Speech on (the kiosk's engine: the
    bench runs the mock one), then the keypad's Down `samples` times on the home page; each time, from the
    focus change to the engine reporting that it speaks (SpeechViewModel.lastLatencyMs)."""
    speech = vm.speech
    speech.setEnabled(True)
    if not speech.enabled:
        return []
    latencies: list[float] = []
    for _ in range(samples):
        before = window.activeFocusItem()
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QCoreApplication.sendEvent(window, QKeyEvent(kind, Qt.Key.Key_Down, Qt.KeyboardModifier.NoModifier))
        if window.activeFocusItem() is not before and speech.lastLatencyMs >= 0:
            latencies.append(float(speech.lastLatencyMs))
        process_until(lambda: False, 0.01)  # let the frame and the engine's state changes through
    speech.setEnabled(False)
    return latencies

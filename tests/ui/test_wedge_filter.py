"""The wedge filter on a real QQuickWindow with a focused TextField: scans never leak into the field,
typing always reaches it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QObject, Qt
from PySide6.QtQml import QQmlApplicationEngine
from PySide6.QtQuick import QQuickWindow
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk.ui.qt.application import make_application
from kiosk.ui.qt.wedge_filter import WedgeFilter

# The in-app InputPanel, as the kiosk's Main.qml has: without one, the first focused field of the process makes
# Qt Virtual Keyboard (QT_IM_MODULE, tests/conftest.py) open its desktop panel, a window of its own that takes the
# activation, so the field never had the focus and every test here failed when this file ran alone or first
# (after any kiosk test, that kiosk's panel had been registered). The panel pulls in Qt Multimedia, whose start-up
# notes come from its own thread: make_application's logging rules keep them from pytest-qt's handler; loadData
# hung for good without them (seen with faulthandler: the main thread in loadData, a thread with no Python frame).
QML = b"""
import QtQuick
import QtQuick.Controls
import QtQuick.VirtualKeyboard
Window {
    id: win
    width: 320; height: 120; visible: true
    property int acceptedCount: 0
    TextField { objectName: "field"; anchors.fill: parent; focus: true; onAccepted: acceptedCount++ }
    InputPanel { y: win.height; width: win.width }
}
"""


class FakeNanoClock:
    def __init__(self) -> None:
        self.now = 1_000_000_000

    def __call__(self) -> int:
        return self.now

    def advance_ms(self, ms: int) -> None:
        self.now += ms * 1_000_000


@pytest.fixture
def window(qapp: QApplication, qtbot: QtBot) -> Iterator[QQuickWindow]:
    make_application()  # the kiosk's own set-up of the application pytest-qt made: input method, logging rules
    engine = QQmlApplicationEngine()
    engine.loadData(QML)
    (root,) = engine.rootObjects()
    assert isinstance(root, QQuickWindow)
    root.requestActivate()
    field = root.findChild(QObject, "field")
    assert field is not None
    qtbot.waitUntil(lambda: root.activeFocusItem() is not None and bool(field.property("activeFocus")))
    yield root
    root.close()
    del engine


@pytest.fixture
def clock() -> FakeNanoClock:
    return FakeNanoClock()


@pytest.fixture
def wedge(window: QQuickWindow, clock: FakeNanoClock) -> Iterator[WedgeFilter]:
    f = WedgeFilter(max_gap_ms=30, min_length=4, clock=clock)
    window.installEventFilter(f)  # where KioskApp installs it
    yield f
    window.removeEventFilter(f)


def _field_text(window: QQuickWindow) -> str:
    field = window.findChild(QObject, "field")
    assert field is not None
    return str(field.property("text"))


def _scan(window: QQuickWindow, clock: FakeNanoClock, text: str, terminator: Qt.Key = Qt.Key.Key_Return) -> None:
    for ch in text:
        clock.advance_ms(4)
        QTest.keyClick(window, ch)
    clock.advance_ms(4)
    QTest.keyClick(window, terminator)


def _type(window: QQuickWindow, clock: FakeNanoClock, text: str) -> None:
    for ch in text:
        clock.advance_ms(120)
        QTest.keyClick(window, ch)


def test_a_scan_is_emitted_and_never_reaches_the_text_field(
    window: QQuickWindow, wedge: WedgeFilter, clock: FakeNanoClock, qtbot: QtBot
) -> None:
    with qtbot.waitSignal(wedge.scanned, timeout=1000) as blocker:
        _scan(window, clock, "]E04006381333931")
    assert blocker.args == [b"]E04006381333931"]
    assert _field_text(window) == ""
    assert window.property("acceptedCount") == 0  # the scanner's Enter did not submit the field


def test_tab_terminated_scan_with_upper_case_and_url(
    window: QQuickWindow, wedge: WedgeFilter, clock: FakeNanoClock, qtbot: QtBot
) -> None:
    with qtbot.waitSignal(wedge.scanned, timeout=1000) as blocker:
        _scan(window, clock, "HTTPS://SHOP.EXAMPLE.COM/M/AB3X9", Qt.Key.Key_Tab)
    assert blocker.args == [b"HTTPS://SHOP.EXAMPLE.COM/M/AB3X9"]
    assert _field_text(window) == ""


def test_typing_reaches_the_field_and_is_not_a_scan(
    window: QQuickWindow, wedge: WedgeFilter, clock: FakeNanoClock, qtbot: QtBot
) -> None:
    scans: list[bytes] = []
    wedge.scanned.connect(scans.append)
    _type(window, clock, "hello")
    qtbot.waitUntil(lambda: _field_text(window) == "hello", timeout=1000)
    clock.advance_ms(120)
    QTest.keyClick(window, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.property("acceptedCount") == 1, timeout=1000)
    assert scans == []


def test_typing_then_a_scan_then_typing(
    window: QQuickWindow, wedge: WedgeFilter, clock: FakeNanoClock, qtbot: QtBot
) -> None:
    scans: list[bytes] = []
    wedge.scanned.connect(scans.append)
    _type(window, clock, "ab")
    clock.advance_ms(200)
    _scan(window, clock, "96385074")
    _type(window, clock, "cd")
    qtbot.waitUntil(lambda: _field_text(window) == "abcd", timeout=1000)
    assert scans == [b"96385074"]


def test_fast_short_burst_with_enter_is_typing(
    window: QQuickWindow, wedge: WedgeFilter, clock: FakeNanoClock, qtbot: QtBot
) -> None:
    """Two quick keys and Enter (key rollover) are below min_length: they go to the field, Enter submits."""
    scans: list[bytes] = []
    wedge.scanned.connect(scans.append)
    _scan(window, clock, "ok")
    qtbot.waitUntil(lambda: _field_text(window) == "ok" and window.property("acceptedCount") == 1, timeout=1000)
    assert scans == []


def test_backspace_and_arrows_pass_straight_through(
    window: QQuickWindow, wedge: WedgeFilter, clock: FakeNanoClock, qtbot: QtBot
) -> None:
    _type(window, clock, "abc")
    clock.advance_ms(120)
    QTest.keyClick(window, Qt.Key.Key_Backspace)
    qtbot.waitUntil(lambda: _field_text(window) == "ab", timeout=1000)

"""Driving the real QML UI like a finger would: find items by objectName, tap their centre, type keys."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPoint, QPointF, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtQuick import QQuickItem, QQuickWindow
from PySide6.QtTest import QTest


def find(window: QQuickWindow, name: str) -> QQuickItem:
    item = window.contentItem().findChild(QObject, name)
    if item is None:
        for child in window.findChildren(QQuickItem):
            if child.objectName() == name:
                item = child
                break
    assert isinstance(item, QQuickItem), f"no visible item named {name!r}"
    return item


def tap(window: QQuickWindow, item: QQuickItem) -> None:
    assert item.isVisible(), f"{item.objectName()} is not visible"
    centre = item.mapToScene(QPointF(item.width() / 2, item.height() / 2))
    QTest.mouseClick(window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(int(centre.x()), int(centre.y())))


def type_text(window: QQuickWindow, text: str) -> None:
    """Key events carrying their text, as a keyboard or the virtual keyboard sends them (accents included)."""
    for ch in text:
        key = Qt.Key(ord(ch.upper())) if ch.isascii() and ch.isalnum() else Qt.Key.Key_unknown
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QCoreApplication.sendEvent(window, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, ch))


def text_of(window: QQuickWindow, name: str) -> str:
    return str(find(window, name).property("text"))

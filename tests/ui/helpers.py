"""Driving the real QML UI like a finger would: find items by objectName, tap their centre, type keys."""

from __future__ import annotations

from PySide6.QtCore import QObject, QPoint, QPointF, Qt
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
    for ch in text:
        QTest.keyClick(window, ch)


def text_of(window: QQuickWindow, name: str) -> str:
    return str(find(window, name).property("text"))

"""Walks a window's accessibility tree as a screen reader sees it (QAccessible) and lists the controls a
blind shopper could not identify: interactive roles with no name. Used by the tests on every screen."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from PySide6.QtGui import QAccessible, QAccessibleInterface, QWindow
from PySide6.QtQuick import QQuickItem

Role = QAccessible.Role
INTERACTIVE = frozenset(
    {
        Role.Button, Role.CheckBox, Role.RadioButton, Role.EditableText, Role.ComboBox, Role.Slider,
        Role.SpinBox, Role.Link, Role.MenuItem, Role.PageTab, Role.ListItem, Role.Dial, Role.ButtonMenu,
    }
)


@dataclass(frozen=True, slots=True)
class Node:
    role: QAccessible.Role
    name: str
    description: str
    path: str  # objectName chain, for the failure message
    x: int
    y: int
    width: int
    height: int
    disabled: bool


def walk(root: QAccessibleInterface, path: str = "") -> Iterator[Node]:
    """Every shown node under `root`, depth first (invisible and off-screen parts are not spoken either)."""
    stack = [(root, path)]
    while stack:
        iface, where = stack.pop()
        if iface is None or not iface.isValid():
            continue
        state = iface.state()
        obj = iface.object()
        # Qt Quick reports a hidden item (a page behind the current one, the virtual keyboard's shadow field)
        # without the invisible state; AT-SPI's "showing" follows the item, and so does this walk.
        if state.invisible or (isinstance(obj, QQuickItem) and not obj.isVisible()):
            continue
        name = obj.objectName() if obj is not None else ""
        here = f"{where}/{name or type(obj).__name__}"
        rect = iface.rect()
        yield Node(
            iface.role(), iface.text(QAccessible.Text.Name).strip(), iface.text(QAccessible.Text.Description),
            here, rect.x(), rect.y(), rect.width(), rect.height(), bool(state.disabled),
        )
        for i in reversed(range(iface.childCount())):
            stack.append((iface.child(i), here))


def window_nodes(window: QWindow) -> list[Node]:
    iface = QAccessible.queryAccessibleInterface(window)
    return list(walk(iface)) if iface is not None else []


def unnamed_controls(window: QWindow) -> list[Node]:
    return [node for node in window_nodes(window) if node.role in INTERACTIVE and not node.name]

"""A compact way to declare QML-facing properties whose setters emit only on change."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Property, QObject, Signal


def notified(type_: type, name: str, default: Any) -> tuple[Any, Any]:
    """Returns (signal, property) for a read-only-from-QML property stored as `_<name>` on the object.

    Each view-model declares `fooChanged, foo = notified(str, "foo", "")` and updates with
    `self._set("foo", value)`, which emits only when the value really changes.
    """
    signal = Signal()

    def getter(self: QObject) -> Any:
        return getattr(self, f"_{name}", default)

    return signal, Property(type_, getter, notify=signal)


class ViewModel(QObject):
    def _set(self, name: str, value: Any) -> None:
        if getattr(self, f"_{name}", object()) == value and hasattr(self, f"_{name}"):
            return
        setattr(self, f"_{name}", value)
        getattr(self, f"{name}Changed").emit()

"""Qt list models for QML: a generic role-mapped model and a lazily fetched one for search results."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    Property,
    QAbstractListModel,
    QByteArray,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
    Slot,
)

Row = dict[str, Any]
_Index = QModelIndex | QPersistentModelIndex


class RowListModel(QAbstractListModel):
    """Rows are plain dicts already formatted for display; roles are their keys, fixed at construction."""

    countChanged = Signal()

    def __init__(self, roles: Sequence[str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._role_names = list(roles)
        self._rows: list[Row] = []

    def roleNames(self) -> dict[int, QByteArray]:
        return {Qt.ItemDataRole.UserRole + i: QByteArray(name.encode()) for i, name in enumerate(self._role_names)}

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's own signature
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return str(row.get(self._role_names[0], ""))
        offset = role - Qt.ItemDataRole.UserRole
        if 0 <= offset < len(self._role_names):
            return row.get(self._role_names[offset])
        return None

    def _get_count(self) -> int:
        return len(self._rows)

    def reset(self, rows: Sequence[Row]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()
        self.countChanged.emit()

    def replace(self, rows: Sequence[Row]) -> None:
        """Like reset, but row by row: rows that stay keep their delegates (only the changed ones are told),
        and only the surplus or missing rows are removed or inserted. A view then rebinds a few properties
        instead of destroying and building every visible delegate, which is most of a keystroke's frame."""
        new = list(rows)
        old_count, new_count = len(self._rows), len(new)
        if new_count < old_count:
            self.beginRemoveRows(QModelIndex(), new_count, old_count - 1)
            del self._rows[new_count:]
            self.endRemoveRows()
        common = min(old_count, new_count)
        changed = [i for i in range(common) if self._rows[i] != new[i]]
        self._rows[:common] = new[:common]
        for first, last in _runs(changed):
            self.dataChanged.emit(self.index(first), self.index(last))
        if new_count > old_count:
            self.beginInsertRows(QModelIndex(), old_count, new_count - 1)
            self._rows.extend(new[old_count:])
            self.endInsertRows()
        if new_count != old_count:
            self.countChanged.emit()

    def append(self, rows: Sequence[Row]) -> None:
        if not rows:
            return
        self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(rows) - 1)
        self._rows.extend(rows)
        self.endInsertRows()
        self.countChanged.emit()

    def rows(self) -> list[Row]:
        return list(self._rows)

    @Slot(int, result="QVariantMap")
    def get(self, row: int) -> Row:
        return dict(self._rows[row]) if 0 <= row < len(self._rows) else {}

    count = Property(int, _get_count, notify=countChanged)


def _runs(indexes: Sequence[int]) -> list[tuple[int, int]]:
    """Consecutive runs of sorted indexes as (first, last) pairs: one dataChanged per run."""
    runs: list[tuple[int, int]] = []
    for i in indexes:
        if runs and runs[-1][1] == i - 1:
            runs[-1] = (runs[-1][0], i)
        else:
            runs.append((i, i))
    return runs


class PagedListModel(RowListModel):
    """Fetches further pages only when the view scrolls near the end, so a million hits cost one page."""

    restarted = Signal()  # a new query's first page is in: the view goes back to its top

    def __init__(
        self,
        roles: Sequence[str],
        fetch_page: Callable[[int, int, Callable[[list[Row]], None]], None],
        page_size: int = 24,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(roles, parent)
        self._fetch_page = fetch_page
        self._page_size = page_size
        self._exhausted = True
        self._loading = False
        self._generation = 0

    def restart(self, first_rows: Sequence[Row]) -> None:
        self._generation += 1
        self._exhausted = len(first_rows) < self._page_size
        self._loading = False
        self.replace(first_rows)
        self.restarted.emit()

    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._exhausted and not self._loading

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent):
            return
        self._loading = True
        generation = self._generation

        def arrived(rows: list[Row]) -> None:
            if generation != self._generation:  # a newer query replaced this one
                return
            self._loading = False
            self._exhausted = len(rows) < self._page_size
            self.append(rows)

        self._fetch_page(self.rowCount(), self._page_size, arrived)

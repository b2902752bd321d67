"""The on-screen demo scanner tray: each sample code is written as bytes into the virtual scanner's pty."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Property, QObject, Slot

from kiosk.ui.qt.properties import ViewModel, notified
from kiosk.ui.viewmodels.list_models import RowListModel


class DemoScannerViewModel(ViewModel):
    openChanged, open = notified(bool, "open", False)
    enabledChanged, enabled = notified(bool, "enabled", False)

    def __init__(
        self,
        samples: Callable[[str], Sequence[tuple[str, bytes]]],
        write: Callable[[bytes], None] | None,
        lang: Callable[[], str],
        parent: QObject | None = None,
    ):
        super().__init__(parent)
        self._samples = samples
        self._write = write
        self._lang = lang
        self._codes = RowListModel(("label", "code"), self)
        self._payloads: list[bytes] = []
        self._set("enabled", write is not None)
        self.refresh_language()

    def _get_codes(self) -> RowListModel:
        return self._codes

    codes = Property(QObject, _get_codes, constant=True)

    def refresh_language(self) -> None:
        samples = list(self._samples(self._lang()))
        self._payloads = [payload for _, payload in samples]
        self._codes.reset(
            [
                {
                    "label": label,
                    "code": payload.decode("utf-8", "replace").strip().removeprefix("]E0").removeprefix("]Q1"),
                }
                for label, payload in samples
            ]
        )

    @Slot(bool)
    def setOpen(self, value: bool) -> None:
        self._set("open", value)

    @Slot(int)
    def scan(self, index: int) -> None:
        if self._write is not None and 0 <= index < len(self._payloads):
            self._write(self._payloads[index])
            self._set("open", False)

"""'Call an associate' from any shopper page: the call goes to the backend as a kiosk event (EventTap) and
into the list the staff menu shows (newest first), until an associate marks it answered."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Property, QObject, Signal, Slot

from kiosk.core.ports import Clock
from kiosk.ui.qt.properties import ViewModel, notified
from kiosk.ui.viewmodels.list_models import RowListModel
from kiosk.ui.viewmodels.speech_words import ASSOCIATE_CALLED

MAX_CALLS = 50


class AssistanceViewModel(ViewModel):
    waitingChanged, waiting = notified(int, "waiting", 0)
    called = Signal(str)  # the page the shopper called from, for the event queue

    def __init__(self, clock: Clock, lang: Callable[[], str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._clock = clock
        self._lang = lang
        self.calls = RowListModel(["where", "time"], self)
        self._rows: list[dict[str, str]] = []

    callsModel = Property(QObject, lambda self: self.calls, constant=True)

    def call(self, page: str) -> str:
        """Records a call from `page`; returns what the shopper is told (shown and spoken)."""
        at = self._clock.now().astimezone().strftime("%H:%M")
        self._rows = [{"where": page, "time": at}, *self._rows][:MAX_CALLS]
        self.calls.reset(self._rows)
        self._set("waiting", len(self._rows))
        self.called.emit(page)
        return ASSOCIATE_CALLED.get(self._lang())

    @Slot()
    def answerAll(self) -> None:
        self._rows = []
        self.calls.reset([])
        self._set("waiting", 0)

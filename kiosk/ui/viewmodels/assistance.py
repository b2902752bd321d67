"""'Call an associate' from any shopper page: the call goes to the backend as a kiosk event (EventTap) and
into the list the staff menu shows (newest first), until an associate marks it answered.

With a backend that lists the store's calls (core.assistance.AssistanceBoard) the list is store-wide: every
kiosk's calls, on every associate device; answering sends an ASSISTANCE_ANSWERED event per call. Offline, or
with a backend that cannot list them, the list holds this device's own calls."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import datetime

from PySide6.QtCore import Property, QObject, Signal, Slot

from kiosk.core.assistance import CALLS_SHOWN_FOR, AssistanceCall
from kiosk.core.events import EventKind
from kiosk.core.ports import Clock
from kiosk.ui.qt.properties import ViewModel, notified
from kiosk.ui.qt.runner import BackgroundRunner
from kiosk.ui.viewmodels.formatting import time_text
from kiosk.ui.viewmodels.list_models import RowListModel
from kiosk.ui.viewmodels.speech_words import ASSOCIATE_CALLED

MAX_CALLS = 50


class AssistanceViewModel(ViewModel):
    waitingChanged, waiting = notified(int, "waiting", 0)
    called = Signal(str)  # the page the shopper called from, for the event queue

    def __init__(
        self,
        clock: Clock,
        lang: Callable[[], str],
        parent: QObject | None = None,
        *,
        store_calls: Callable[[datetime], Sequence[AssistanceCall] | None] | None = None,
        runner: BackgroundRunner | None = None,
        record: Callable[[EventKind, Mapping[str, str]], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self._clock = clock
        self._lang = lang
        self._store_calls = store_calls  # blocking; None from it: the backend cannot list calls (local list)
        self._runner = runner
        self._record = record
        self.calls = RowListModel(["where", "time", "device"], self)
        self._rows: list[dict[str, str]] = []
        self._shown_ids: list[str] = []  # the store-wide calls on screen, answered together
        # counts "mark all as answered": a store list read before the last one is older than what is on screen
        self._answered = 0

    callsModel = Property(QObject, lambda self: self.calls, constant=True)

    def call(self, page: str) -> str:
        """Records a call from `page`; returns what the shopper is told (shown and spoken)."""
        at = time_text(self._clock.now())
        self._rows = [{"where": page, "time": at, "device": ""}, *self._rows][:MAX_CALLS]
        self.calls.reset(self._rows)
        self._set("waiting", len(self._rows))
        self.called.emit(page)
        return ASSOCIATE_CALLED.get(self._lang())

    @Slot()
    def refresh(self) -> None:
        """The store's calls from the backend (a worker thread); the device's own list when it cannot say."""
        if self._store_calls is None or self._runner is None:
            return
        store_calls, since = self._store_calls, self._clock.now() - CALLS_SHOWN_FOR
        answered = self._answered

        def done(calls: Sequence[AssistanceCall] | None, error: Exception | None) -> None:
            if calls is None:
                return  # offline or not supported: the local list stays
            if answered != self._answered:
                return  # read before the associate answered them all: it would bring them back
            self._shown_ids = [c.call_id for c in calls]
            rows = [{"where": c.page, "time": time_text(c.at), "device": c.device_id} for c in calls[:MAX_CALLS]]
            self.calls.reset(rows)
            self._set("waiting", len(calls))

        self._runner.read(lambda: store_calls(since), done)

    @Slot()
    def answerAll(self) -> None:
        if self._record is not None:
            for call_id in self._shown_ids:
                self._record(EventKind.ASSISTANCE_ANSWERED, {"call_id": call_id})
        self._answered += 1
        self._shown_ids = []
        self._rows = []
        self.calls.reset([])
        self._set("waiting", 0)

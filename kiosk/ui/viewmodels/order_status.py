"""An order's status page (its QR scanned at any kiosk) and the associates' list of shoppers waiting to collect."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import Property, QObject, Signal, Slot

from kiosk.core.clock import SystemClock
from kiosk.core.events import EventKind
from kiosk.core.order_tracking import ArrivalAnswer, OrderCode, arrival_message
from kiosk.core.ports import Clock
from kiosk.core.services.order_status import OrderStatusLookup, StatusAnswer
from kiosk.ui.qt.properties import ViewModel, notified
from kiosk.ui.qt.runner import BackgroundRunner
from kiosk.ui.viewmodels.formatting import price_text, time_text
from kiosk.ui.viewmodels.list_models import RowListModel


class OrderStatusViewModel(ViewModel):
    busyChanged, busy = notified(bool, "busy", False)
    foundChanged, found = notified(bool, "found", False)
    numberChanged, number = notified(str, "number", "")
    stateChanged, state = notified(str, "state", "")
    headlineChanged, headline = notified(str, "headline", "")
    detailChanged, detail = notified(str, "detail", "")
    totalChanged, total = notified(str, "total", "")
    # the backend's final amount when it differs from what this kiosk showed, or "Price confirmed when the
    # order is sent." for an offer-priced order not sent yet; "" otherwise (StatusAnswer.price_message)
    priceNoteChanged, priceNote = notified(str, "priceNote", "")
    # this kiosk's delivered order: the backend's notes (a line short of stock, a coupon left off...), one a line
    outcomeChanged, outcome = notified(str, "outcome", "")
    itemCountChanged, itemCount = notified(int, "itemCount", 0)
    asOfChanged, asOf = notified(str, "asOf", "")  # "" when the backend answered just now
    arrivalChanged, arrival = notified(str, "arrival", "")  # what "I'm here" means, for a pickup at this store
    arrivalKindChanged, arrivalKind = notified(str, "arrivalKind", "")
    arrived = Signal()  # a shopper announced a pickup here: the event sender should not wait

    def __init__(
        self,
        lookup: OrderStatusLookup,
        runner: BackgroundRunner,
        lang: Callable[[], str],
        parent: QObject | None = None,
        clock: Clock | None = None,
        record: Callable[[EventKind, Mapping[str, str]], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self._record = record  # the kiosk's event recorder (writer thread): arrivals reach the backend durably
        self._lookup = lookup
        self._runner = runner
        self._lang = lang
        self._clock = clock or SystemClock()
        self._ticket = 0
        self._answer: StatusAnswer | None = None
        self._arrivals = RowListModel(("orderNumber", "waitingMinutes", "state", "items"), self)

    def _get_arrivals(self) -> RowListModel:
        return self._arrivals

    arrivals = Property(QObject, _get_arrivals, constant=True)  # associates: shoppers waiting, oldest first

    def show(self, code: OrderCode) -> None:
        """Looks the order up on a worker (the backend first); a newer scan supersedes an older one."""
        self.wipe()
        self._ticket += 1
        ticket = self._ticket
        self._set("busy", True)
        self._set("number", code.number)
        lookup = self._lookup

        def done(answer: StatusAnswer | None, error: Exception | None) -> None:
            if ticket != self._ticket:
                return
            self._set("busy", False)
            self._answer = answer
            self._fill()
            event = lookup.arrival_event(code, answer) if answer is not None else None
            if event is not None and self._record is not None:
                self._record(EventKind.PICKUP_ARRIVAL, event)
                self.arrived.emit()

        self._runner.read(lambda: lookup.look_up(code), done)

    def _fill(self) -> None:
        answer, lang = self._answer, self._lang()
        tracking = answer.tracking if answer is not None else None
        self._set("found", tracking is not None)
        if answer is None or tracking is None:
            return
        self._set("number", tracking.number)
        self._set("state", tracking.state.value)
        self._set("headline", tracking.headline(lang))
        self._set("detail", tracking.detail(lang))
        self._set("total", price_text(tracking.total, lang) if tracking.total is not None else "")
        self._set("priceNote", answer.price_message(lang))
        self._set("outcome", answer.outcome_message(lang))
        self._set("itemCount", tracking.item_count)
        self._set("asOf", "" if answer.live else time_text(tracking.as_of))
        self._set("arrivalKind", answer.arrival.value if answer.arrival is not ArrivalAnswer.NOT_PICKUP else "")
        self._set("arrival", arrival_message(answer.arrival, tracking, lang))

    @Slot()
    def refreshArrivals(self) -> None:
        lookup, now = self._lookup, self._clock.now()

        def done(arrivals: object, error: Exception | None) -> None:
            rows = []
            for arrival in arrivals if isinstance(arrivals, tuple) else ():
                waited = max(0, int((now - arrival.arrived_at).total_seconds() // 60))
                rows.append({"orderNumber": arrival.order_number, "waitingMinutes": waited,
                             "state": arrival.state.value, "items": arrival.item_count})  # fmt: skip
            self._arrivals.reset(rows)

        self._runner.read(lookup.arrivals, done)

    def refresh_language(self) -> None:
        self._fill()

    def wipe(self) -> None:
        self._ticket += 1
        self._answer = None
        for name in ("number", "state", "headline", "detail", "total", "priceNote", "outcome", "asOf", "arrival",
                     "arrivalKind"):  # fmt: skip
            self._set(name, "")
        self._set("itemCount", 0)
        self._set("found", False)
        self._set("busy", False)

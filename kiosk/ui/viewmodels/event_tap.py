"""Listens to the view-models and records the kiosk's measurement events (never who, only what).

Kept apart from the view-models so that measuring the kiosk changes none of them: it only connects to
signals they already emit. Recording goes through `record`, which the composition root points at the
durable event queue on a worker thread.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import cast

from PySide6.QtCore import QObject, QTimer

from kiosk.core.events import EventKind
from kiosk.core.scanning import ScanKind, ScanResult
from kiosk.ui.viewmodels.app import AppViewModel
from kiosk.ui.viewmodels.list_models import RowListModel

Record = Callable[[EventKind, Mapping[str, object]], None]
SEARCH_SETTLE_MS = 1500  # one event per search the shopper settled on, not one per keystroke


class EventTap(QObject):
    def __init__(self, app: AppViewModel, record: Record, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._app = app
        self._record = record
        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_SETTLE_MS)
        self._search_timer.timeout.connect(self._search_settled)
        app.scan.interpreted.connect(self._scanned)
        app.search.queryChanged.connect(self._search_timer.start)
        app.product.productIdChanged.connect(self._viewed)
        app.product.addedToCart.connect(self._added)
        app.travel.cartLoaded.connect(lambda _notice: self._emit(EventKind.HANDOFF, {"direction": "in"}))
        app.travel.phoneUrlChanged.connect(self._published)
        app.checkout.orderSaved.connect(self._ordered)
        app.assistance.called.connect(lambda page: self._emit(EventKind.ASSISTANCE, {"page": page}))

    def _emit(self, kind: EventKind, data: Mapping[str, object]) -> None:
        self._record(kind, {**data, "lang": self._app.lang(), "recognised": self._recognised()})

    def _recognised(self) -> str:
        return "yes" if self._app.customer is not None or self._app.loyalty_number else "no"

    def _scanned(self, result: ScanResult, source: str) -> None:
        data: dict[str, object] = {"scan_kind": result.kind.value, "source": source}
        if result.symbology:
            data["symbology"] = result.symbology
        if result.kind in (ScanKind.PRODUCT, ScanKind.GS1, ScanKind.DIGITAL_LINK) and result.gtin:
            data["gtin"] = result.gtin
        self._emit(EventKind.SCAN, data)
        if result.recall is not None and result.gtin:
            # issue 20: a recalled lot or serial refused at the kiosk reaches the backend; the serial number
            # itself stays here (it could tie a unit to a purchase), the lot does not identify anyone
            matched = result.recall_by or "lot"
            recall: dict[str, object] = {"recall": result.recall, "gtin": result.gtin, "match": matched}
            if matched == "lot" and result.batch:
                recall["lot"] = result.batch
            self._emit(EventKind.RECALL, recall)

    def _search_settled(self) -> None:
        query = str(self._app.search.query).strip()
        if query:
            results = cast(RowListModel, self._app.search.results)
            self._emit(EventKind.SEARCH, {"query": query, "results": results.rowCount()})

    def _viewed(self) -> None:
        product_id = str(self._app.product.productId)
        if product_id:
            self._emit(EventKind.PRODUCT_VIEW, {"product_id": product_id})

    def _added(self, _name: str) -> None:
        product = self._app.product
        self._emit(EventKind.ADD_TO_CART, {"product_id": product.productId, "quantity": 1})

    def _published(self) -> None:
        if self._app.travel.phoneUrl:
            self._emit(EventKind.HANDOFF, {"direction": "out"})

    def _ordered(self) -> None:
        # a cart received in several ways is several orders: one event each, as the backend sees them
        for order in self._app.checkout.last_orders:
            self._emit(
                EventKind.ORDER,
                {
                    "order_number": order.number,
                    "fulfilment": order.fulfilment.value,
                    "payment": order.payment.value,
                    "lines": len(order.lines),
                    "total_minor": order.total.to_minor(),
                    "currency": order.currency,
                },
            )

"""Turns scan frames from any source into what the shopper sees: a product page, a greeting or a message."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QObject, Signal, Slot

from kiosk.core.i18n import LocalizedText
from kiosk.core.order_tracking import OrderCode
from kiosk.core.ports import ScanFrame
from kiosk.core.scanning import NO_RECALLS, RecallList, ScanConfig, ScanKind, ScanResult, ScanRouter, lookup_order
from kiosk.core.services.lookup import ProductLookup, ProductMatch
from kiosk.ui.qt.properties import ViewModel, notified
from kiosk.ui.qt.runner import BackgroundRunner

NOT_IN_CATALOG = LocalizedText(
    "We could not find this product in our catalog. Please ask a store associate.",
    "No encontramos este producto en nuestro catálogo. Pide ayuda al personal de la tienda.",
)
NOT_YET = LocalizedText(
    "This code was read correctly, but this kiosk cannot use it yet.",
    "Hemos leído el código, pero este quiosco todavía no puede usarlo.",
)


class ScanViewModel(ViewModel):
    """One path for every source: serial scanner, keyboard wedge, NFC, demo tray."""

    lastKindChanged, lastKind = notified(str, "lastKind", "")
    messageChanged, message = notified(str, "message", "")
    productScanned = Signal(object)  # ProductMatch
    loyaltyScanned = Signal(object)  # ScanResult
    handoffScanned = Signal(str)  # the web-shop cart id
    orderScanned = Signal(object)  # OrderCode: a kiosk order's QR
    couponScanned = Signal(str)  # a promotion poster's coupon code, normalised (kiosk.core.promotions)
    interpreted = Signal(object, str)  # every ScanResult and its source, for the kiosk's measurement events

    def __init__(
        self,
        config: ScanConfig,
        lookup: ProductLookup,
        runner: BackgroundRunner,
        lang: Callable[[], str],
        parent: QObject | None = None,
        *,
        today: Callable[[], date] = date.today,
        recalls: Callable[[], RecallList] = lambda: NO_RECALLS,
    ):
        super().__init__(parent)
        self._config = config
        self._lookup = lookup
        self._runner = runner
        self._lang = lang
        # expiry, recall and the same-pack rule (issue 20) happen in the router, before anything is shown
        self.router = ScanRouter(config, today=today, recalls=recalls)

    @Slot(object)
    def handle_frame(self, frame: ScanFrame) -> None:
        result = self.router.route(frame.data, frame.received_ns)
        self.interpreted.emit(result, frame.source.split(":", 1)[0])
        self.handle_result(result)

    def handle_result(self, result: ScanResult) -> None:
        self._set("lastKind", result.kind.value)
        if result.kind in (ScanKind.EMPTY, ScanKind.REPEAT):
            return  # counted by the router and the event tap; nothing for the shopper to see
        if result.kind is ScanKind.SAME_PACK:
            # the pack's other symbol: the item is already on screen; only a new caution is worth saying
            if result.warning is not None and result.message is not None:
                self._show(result.message)
            return
        keys = lookup_order(result)
        if result.is_item and keys:
            lookup = self._lookup
            warning = result.message if result.warning is not None else None

            def find() -> ProductMatch | None:
                # an 8-digit code valid as EAN-8 and UPC-E: the market's reading first, else the one we sell
                for key in keys:
                    match = lookup.by_gtin(key)
                    if match is not None:
                        return match
                return None

            self._runner.read(find, lambda match, error: self._found(match, error, warning))
        elif result.kind is ScanKind.LOYALTY:
            self.loyaltyScanned.emit(result)
        elif result.kind is ScanKind.CART_HANDOFF and result.cart_id:
            self._set("message", "")
            self.handoffScanned.emit(result.cart_id)
        elif result.kind is ScanKind.ORDER and result.order_id and result.order_number:
            self._set("message", "")
            self.orderScanned.emit(OrderCode(result.order_number, result.order_id))
        elif result.kind is ScanKind.COUPON and result.coupon_code:
            self._set("message", "")
            self.couponScanned.emit(result.coupon_code)
        elif result.message is not None:
            self._show(result.message)
        else:
            self._show(NOT_YET)

    def _found(self, match: ProductMatch | None, error: Exception | None, warning: LocalizedText | None = None) -> None:
        if match is None:
            self._show(NOT_IN_CATALOG)
            return
        self._set("message", "")
        self.productScanned.emit(match)
        if warning is not None:
            self._show(warning)  # the item is shown, with its caution (best-before passed) on top

    def show(self, text: LocalizedText) -> None:
        """A refusal decided elsewhere (a scanned coupon the offers refuse), in the scan's toast."""
        self._show(text)

    def _show(self, text: LocalizedText) -> None:
        # Re-set so the same rejection twice in a row still notifies the toast.
        self._set("message", "")
        self._set("message", text.get(self._lang()))

    @Slot()
    def dismiss(self) -> None:
        self._set("message", "")

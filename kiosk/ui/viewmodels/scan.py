"""Turns scan frames from any source into what the shopper sees: a product page, a greeting or a message."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal, Slot

from kiosk.core.i18n import LocalizedText
from kiosk.core.order_tracking import OrderCode
from kiosk.core.ports import ScanFrame
from kiosk.core.scanning import ScanConfig, ScanKind, ScanResult, interpret
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
    interpreted = Signal(object, str)  # every ScanResult and its source, for the kiosk's measurement events

    def __init__(
        self,
        config: ScanConfig,
        lookup: ProductLookup,
        runner: BackgroundRunner,
        lang: Callable[[], str],
        parent: QObject | None = None,
    ):
        super().__init__(parent)
        self._config = config
        self._lookup = lookup
        self._runner = runner
        self._lang = lang

    @Slot(object)
    def handle_frame(self, frame: ScanFrame) -> None:
        result = interpret(frame.data, self._config)
        self.interpreted.emit(result, frame.source.split(":", 1)[0])
        self.handle_result(result)

    def handle_result(self, result: ScanResult) -> None:
        self._set("lastKind", result.kind.value)
        gtin = result.lookup_gtin or result.gtin
        if result.kind in (ScanKind.PRODUCT, ScanKind.GS1, ScanKind.DIGITAL_LINK) and gtin:
            lookup = self._lookup
            self._runner.read(lambda: lookup.by_gtin(gtin), self._found)
        elif result.kind is ScanKind.LOYALTY:
            self.loyaltyScanned.emit(result)
        elif result.kind is ScanKind.CART_HANDOFF and result.cart_id:
            self._set("message", "")
            self.handoffScanned.emit(result.cart_id)
        elif result.kind is ScanKind.ORDER and result.order_id and result.order_number:
            self._set("message", "")
            self.orderScanned.emit(OrderCode(result.order_number, result.order_id))
        elif result.message is not None:
            self._show(result.message)
        else:
            self._show(NOT_YET)

    def _found(self, match: ProductMatch | None, error: Exception | None) -> None:
        if match is None:
            self._show(NOT_IN_CATALOG)
            return
        self._set("message", "")
        self.productScanned.emit(match)

    def _show(self, text: LocalizedText) -> None:
        # Re-set so the same rejection twice in a row still notifies the toast.
        self._set("message", "")
        self._set("message", text.get(self._lang()))

    @Slot()
    def dismiss(self) -> None:
        self._set("message", "")

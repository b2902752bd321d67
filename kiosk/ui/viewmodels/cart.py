"""The cart as QML sees it: lines, count and subtotal; the Cart value itself lives in core."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence

from PySide6.QtCore import Property, QObject, Signal, Slot

from kiosk.core.cart import Cart, CartError, CartLine
from kiosk.core.catalog import Product, Variant
from kiosk.core.money import Money
from kiosk.core.services.catalog_sync import SyncReport
from kiosk.ui.qt.properties import ViewModel, notified
from kiosk.ui.qt.runner import BackgroundRunner
from kiosk.ui.viewmodels.formatting import image_url, price_text
from kiosk.ui.viewmodels.list_models import RowListModel
from kiosk.ui.viewmodels.product import variant_label

_log = logging.getLogger(__name__)


class CartViewModel(ViewModel):
    countChanged, count = notified(int, "count", 0)
    subtotalChanged, subtotal = notified(str, "subtotal", "")
    errorChanged, error = notified(str, "error", "")
    changedChanged, changed = notified(bool, "changed", False)  # a line was repriced or withdrawn: say so
    linesChangedByCatalog = Signal(int)  # how many lines a catalog change touched (for speech and events)

    def __init__(
        self,
        currency: str,
        lang: Callable[[], str],
        parent: QObject | None = None,
        *,
        runner: BackgroundRunner | None = None,
        current_prices: Callable[[Sequence[tuple[str, str]]], Mapping[str, Money | None]] | None = None,
    ):
        super().__init__(parent)
        self._lang = lang
        self._currency = currency
        self._runner = runner
        self._current_prices = current_prices  # (product id, variant id) pairs -> price now, None if gone
        self.cart = Cart(currency)
        self._lines = RowListModel(
            ("variantId", "name", "options", "unitPrice", "total", "quantity", "image", "notice", "withdrawn"), self
        )
        self._refresh()

    def _get_lines(self) -> RowListModel:
        return self._lines

    lines = Property(QObject, _get_lines, constant=True)

    def add(self, product: Product, variant: Variant, quantity: int = 1) -> None:
        lang = self._lang()
        line = CartLine(
            variant_id=variant.id,
            product_id=product.id,
            sku=variant.sku,
            name=product.name,
            options_label=variant_label(variant, lang),
            unit_price=variant.price,
            quantity=quantity,
            image=variant.image or product.image,
        )
        self._apply(lambda cart: cart.add(line))

    def _apply(self, change: Callable[[Cart], Cart]) -> None:
        try:
            self.cart = change(self.cart)
        except CartError as exc:
            _log.info("cart change refused: %s", exc)
            self._set("error", exc.text.get(self._lang()))
            return
        self._set("error", "")
        self._refresh()

    @Slot(str)
    def increment(self, variant_id: str) -> None:
        line = next((x for x in self.cart.lines if x.variant_id == variant_id), None)
        if line is not None:
            self._apply(lambda cart: cart.set_quantity(variant_id, line.quantity + 1))

    @Slot(str)
    def decrement(self, variant_id: str) -> None:
        line = next((x for x in self.cart.lines if x.variant_id == variant_id), None)
        if line is not None:
            self._apply(lambda cart: cart.set_quantity(variant_id, line.quantity - 1))

    @Slot(str)
    def remove(self, variant_id: str) -> None:
        self._apply(lambda cart: cart.remove(variant_id))
        if self.changed and not any(x.withdrawn or x.previous_price for x in self.cart.lines):
            self._set("changed", False)

    def catalog_changed(self, report: SyncReport) -> None:
        """Re-reads the price of every line whose product a delta sync touched, off the GUI thread."""
        if self._runner is None or self._current_prices is None or self.cart.is_empty:
            return
        touched = [
            (line.product_id, line.variant_id)
            for line in self.cart.lines
            if report.everything_changed
            or line.product_id in report.changed_product_ids
            or line.product_id in report.deleted_product_ids
        ]
        if not touched:
            return
        read = self._current_prices

        def done(prices: Mapping[str, Money | None] | None, error: Exception | None) -> None:
            if prices is None or self.cart.is_empty:
                return  # the read failed (the lines keep their prices) or the session ended meanwhile
            self.cart, changes = self.cart.reprice(prices)
            if changes:
                self._set("changed", True)
                self._refresh()
                self.linesChangedByCatalog.emit(len(changes))

        self._runner.read(lambda: read(touched), done)

    def replace_cart(self, cart: Cart) -> None:
        """The cart as the backend can sell it now (checkout's re-check): new prices and quantities."""
        if cart.currency != self._currency:
            raise ValueError(f"A cart in {cart.currency} cannot replace one in {self._currency}")
        self.cart = cart
        self._set("changed", any(x.withdrawn or x.previous_price for x in cart.lines))
        self._refresh()

    @Slot()
    def acceptChanges(self) -> None:
        """The shopper has seen the new prices (withdrawn lines still have to be removed)."""
        self.cart = self.cart.acknowledge_changes()
        self._set("changed", self.cart.has_withdrawn_lines)
        self._refresh()

    def wipe(self) -> None:
        self.cart = Cart(self._currency)
        self._set("changed", False)
        self._set("error", "")
        self._refresh()

    def _refresh(self) -> None:
        lang = self._lang()
        self._lines.reset(
            [
                {
                    "variantId": x.variant_id,
                    "name": x.name.get(lang),
                    "options": x.options_label,
                    "unitPrice": price_text(x.unit_price, lang),
                    "total": price_text(x.total, lang),
                    "quantity": x.quantity,
                    "image": image_url(x.image),
                    "notice": notice.get(lang) if (notice := x.notice()) else "",
                    "withdrawn": x.withdrawn,
                }
                for x in self.cart.lines
            ]
        )
        self._set("count", self.cart.item_count)
        self._set("subtotal", price_text(self.cart.subtotal, lang))

    def refresh_language(self) -> None:
        self._refresh()

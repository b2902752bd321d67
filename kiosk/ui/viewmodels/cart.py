"""The cart as QML sees it: lines (quantity bounded by stock, how each line is received), count and the totals
block; the Cart value itself lives in core, estimates and totals come from the same core functions the checkout
uses."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence

from PySide6.QtCore import Property, QObject, Signal, Slot

from kiosk.core.cart import MAX_QUANTITY_PER_LINE, Cart, CartError, CartLine, LineFulfilment
from kiosk.core.catalog import Product, Variant
from kiosk.core.fulfilment import StockPicture, fulfilment_options, option_estimate, part_option, quantity_limit
from kiosk.core.i18n import LocalizedText
from kiosk.core.money import Money
from kiosk.core.order import FulfilmentKind, ShippingMethod
from kiosk.core.services.catalog_sync import SyncReport
from kiosk.core.services.checkout import OrderPricer, order_parts, price_checkout
from kiosk.core.stock import availability_state, stock_words
from kiosk.ui.qt.properties import ViewModel, notified
from kiosk.ui.qt.runner import BackgroundRunner
from kiosk.ui.viewmodels.formatting import image_url, price_text
from kiosk.ui.viewmodels.list_models import RowListModel
from kiosk.ui.viewmodels.product import variant_label

_log = logging.getLogger(__name__)

TAKE_HERE = LocalizedText("Take it here", "Llévatelo aquí")
DELIVER = LocalizedText("Deliver to me", "Envíamelo")
PICK_UP_AT = LocalizedText("Pick up at {store}", "Recoger en {store}")
AT_CHECKOUT = LocalizedText("You choose how to get it at checkout", "Eliges cómo recibirlo al pagar")
DELIVERY_AT_CHECKOUT = LocalizedText("Chosen at checkout", "Se elige al pagar")
FREE_DELIVERY = LocalizedText("Free", "Gratis")


# the checkout's whole-order way of receiving, its delivery method and the points discount chosen there
Receiving = Callable[[], tuple[LineFulfilment | None, ShippingMethod | None, Money | None]]


def _nothing_chosen() -> tuple[LineFulfilment | None, ShippingMethod | None, Money | None]:
    return None, None, None


def fulfilment_key(kind: FulfilmentKind, location_id: str | None) -> str:
    """The key QML and tests use for a way of receiving: "home_delivery:", "pickup_store:<store id>"."""
    return f"{kind.value}:{location_id or ''}"


def parse_fulfilment_key(key: str) -> LineFulfilment | None:
    kind_text, _, location = key.partition(":")
    try:
        kind = FulfilmentKind(kind_text)
        return LineFulfilment(kind, location or None)
    except ValueError:
        return None


def receiving_title(kind: FulfilmentKind, location_id: str | None, stock: StockPicture | None, lang: str) -> str:
    if kind is FulfilmentKind.HOME_DELIVERY:
        return DELIVER.get(lang)
    if kind is FulfilmentKind.RESERVE_HERE:
        return TAKE_HERE.get(lang)
    location = stock.location(location_id) if stock is not None else None
    return PICK_UP_AT.get(lang).format(store=location.name if location else location_id)


class CartViewModel(ViewModel):
    countChanged, count = notified(int, "count", 0)
    subtotalChanged, subtotal = notified(str, "subtotal", "")
    # the totals block the cart and every checkout step share: delivery ("" when nothing is delivered home)
    deliveryChanged, delivery = notified(str, "delivery", "")
    totalChanged, total = notified(str, "total", "")
    pointsDiscountChanged, pointsDiscount = notified(str, "pointsDiscount", "")  # points redeemed at checkout
    savingsChanged, savings = notified(str, "savings", "")  # the promotions' and coupons' saving, "−5,00 €"
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
        stock: Callable[[Sequence[tuple[str, str]]], StockPicture] | None = None,
    ):
        super().__init__(parent)
        self._read_stock = stock  # (product id, variant id) pairs -> the stock picture, on a reader thread
        self._stock: StockPicture | None = None
        # the checkout's whole-order way of receiving and its delivery method, for lines without their own
        self._receiving: Receiving = _nothing_chosen
        # the promotions for this shopper and the session's codes (OffersViewModel, once attached): the cart is
        # priced order by order as the checkout will place it (core.services.checkout.price_checkout)
        self._offers: OrderPricer | None = None
        self._codes: Callable[[], Sequence[str]] = tuple
        self._lang = lang
        self._currency = currency
        self._runner = runner
        self._current_prices = current_prices  # (product id, variant id) pairs -> price now, None if gone
        self.cart = Cart(currency)
        self._lines = RowListModel(
            (
                "variantId", "name", "options", "unitPrice", "total", "quantity", "image", "notice", "withdrawn",
                "canIncrement", "stockWords", "stockState", "receiveKey", "receiveText", "choices", "saving",
            ),
            self,
        )  # fmt: skip
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
        if self._stock is not None and variant.id not in self._stock.availability:
            self.load_stock()  # the new line's choices and limit, as for the lines already read

    def _apply(self, change: Callable[[Cart], Cart]) -> None:
        try:
            self.cart = change(self.cart)
        except CartError as exc:
            _log.info("cart change refused: %s", exc)
            self._set("error", exc.text.get(self._lang()))
            return
        self._set("error", "")
        self._refresh()

    def set_pricing(self, offers: OrderPricer, codes: Callable[[], Sequence[str]]) -> None:
        """The promotions and the session's codes: savings per line and in the totals."""
        self._offers, self._codes = offers, codes
        self._refresh()

    def set_receiving(self, receiving: Receiving) -> None:
        """Where the checkout's choice comes from (set once by the composition root; the checkout is built after
        the cart)."""
        self._receiving = receiving
        self._refresh()

    def _line(self, variant_id: str) -> CartLine | None:
        return next((x for x in self.cart.lines if x.variant_id == variant_id), None)

    def limit(self, line: CartLine) -> int:
        """The most this line can hold for the way it is received, from the stock the kiosk has."""
        stock = self._stock.availability.get(line.variant_id) if self._stock is not None else None
        chosen = line.fulfilment or self._receiving()[0]
        kind, location = (chosen.kind, chosen.location_id) if chosen is not None else (None, None)
        return quantity_limit(stock, kind, location, MAX_QUANTITY_PER_LINE)

    @Slot(str)
    def increment(self, variant_id: str) -> None:
        line = self._line(variant_id)
        if line is not None:
            self._apply(lambda cart: cart.set_quantity(variant_id, line.quantity + 1, self.limit(line)))

    @Slot(str)
    def decrement(self, variant_id: str) -> None:
        line = self._line(variant_id)
        if line is not None:
            self._apply(lambda cart: cart.set_quantity(variant_id, line.quantity - 1))

    @Slot(str, str)
    def setLineFulfilment(self, variant_id: str, key: str) -> None:
        """How this one line is received ("" = as the whole order); only a choice its stock allows."""
        chosen = parse_fulfilment_key(key) if key else None
        if key and chosen is None:
            return
        line = self._line(variant_id)
        if line is None:
            return
        if chosen is not None and self._stock is not None:
            option = part_option((line,), chosen.kind, chosen.location_id, self._stock, None)
            if option is None or not option.available:
                return
        self._apply(lambda cart: cart.set_fulfilment(variant_id, chosen))

    @Slot()
    def followOrder(self) -> None:
        """Every line is received the way the whole order is (the checkout's "everything the same way")."""
        self._apply(lambda cart: cart.clear_fulfilments())

    @Slot()
    def enter(self) -> None:
        """The cart page opened: reads the stock of every line off the GUI thread for its choices and limits."""
        self.load_stock()

    def load_stock(self) -> None:
        read, runner = self._read_stock, self._runner
        if read is None or runner is None or self.cart.is_empty:
            return
        pairs = [(line.product_id, line.variant_id) for line in self.cart.lines]

        def done(picture: StockPicture | None, error: Exception | None) -> None:
            if picture is not None:
                self._stock = picture
                self._refresh()

        runner.read(lambda: read(pairs), done)

    @property
    def stock(self) -> StockPicture | None:
        return self._stock

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
        self._stock = None
        self._set("changed", False)
        self._set("error", "")
        self._refresh()

    def _refresh(self) -> None:
        lang = self._lang()
        default, method, points = self._receiving()
        estimates: dict[str, str] = {}
        if self._stock is not None:
            for part in order_parts(self.cart, default):
                kind, location = part.fulfilment.kind, part.fulfilment.location_id
                option = part_option(part.lines, kind, location, self._stock, method)
                words = option_estimate(option, lang) if option is not None and option.available else ""
                title = receiving_title(kind, location, self._stock, lang)
                for line in part.lines:
                    estimates[line.variant_id] = " · ".join(x for x in (title, words) if x)
        offers = self._offers if not self.cart.is_empty else None
        pricing = price_checkout(self.cart, default, method, offers, self._codes(), 0, points)
        rows = [self._row(x, estimates.get(x.variant_id, ""), lang) for x in self.cart.lines]
        for row in rows:
            saving = pricing.saving_for(str(row["variantId"]))
            row["saving"] = price_text(saving, lang) if saving.amount > 0 else ""
        self._lines.replace(rows)
        self._set("count", self.cart.item_count)
        self._set("subtotal", price_text(self.cart.subtotal, lang))
        totals = pricing.totals
        self._set("savings", "−" + price_text(totals.savings, lang) if totals.savings is not None else "")
        discount = totals.points_discount
        self._set("pointsDiscount", "−" + price_text(discount, lang) if discount is not None else "")
        if totals.delivery is None:
            home_later = default is None and any(x.fulfilment is None for x in self.cart.lines)
            self._set("delivery", DELIVERY_AT_CHECKOUT.get(lang) if home_later and not self.cart.is_empty else "")
        else:
            free = not totals.delivery.amount
            self._set("delivery", FREE_DELIVERY.get(lang) if free else price_text(totals.delivery, lang))
        self._set("total", price_text(totals.total, lang))

    def _row(self, line: CartLine, receive_text: str, lang: str) -> dict[str, object]:
        stock = self._stock.availability.get(line.variant_id) if self._stock is not None else None
        state = availability_state(stock) if stock is not None else None
        choices: list[dict[str, object]] = []
        if self._stock is not None:
            for option in fulfilment_options(
                (line,), self._stock.availability, self._stock.locations, self._stock.here_id, self._stock.local_now
            ):
                if option.available:
                    key = fulfilment_key(option.kind, option.location_id)
                    title = receiving_title(option.kind, option.location_id, self._stock, lang)
                    choices.append({"key": key, "label": title})
        own = line.fulfilment
        return {
            "variantId": line.variant_id,
            "name": line.name.get(lang),
            "options": line.options_label,
            "unitPrice": price_text(line.unit_price, lang),
            "total": price_text(line.total, lang),
            "quantity": line.quantity,
            "image": image_url(line.image),
            "notice": notice.get(lang) if (notice := line.notice()) else "",
            "withdrawn": line.withdrawn,
            "canIncrement": line.quantity < self.limit(line),
            "stockWords": stock_words(state, lang) if state is not None else "",
            "stockState": state.value if state is not None else "",
            "receiveKey": fulfilment_key(own.kind, own.location_id) if own is not None else "",
            "receiveText": receive_text or (AT_CHECKOUT.get(lang) if own is None else ""),
            "choices": choices,
        }

    def refresh_language(self) -> None:
        self._refresh()

    def refresh_totals(self) -> None:
        """The checkout's way of receiving or delivery method changed: the same totals and estimates here."""
        self._refresh()

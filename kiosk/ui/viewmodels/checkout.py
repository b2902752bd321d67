"""Checkout in four steps (items, how to receive, contact, pay) with one totals block kept in view, then the
confirmation with the code(s) the till or the phone needs. Nothing is charged on the kiosk.

A cart whose lines are received in different ways is placed as one order per way (core.services.checkout);
the confirmation lists them together. Delivery estimates come from core.fulfilment only."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import Property, QObject, QTimer, Signal, Slot

from kiosk.core.cart import Cart, CartItemRef, LineFulfilment
from kiosk.core.catalog import Location, opening_label
from kiosk.core.customer import Address, Customer
from kiosk.core.errors import BackendError
from kiosk.core.fulfilment import (
    FulfilmentOption,
    StockPicture,
    delivery_days,
    estimate_words,
    fulfilment_options,
    option_estimate,
    part_option,
)
from kiosk.core.handoff import payment_link
from kiosk.core.i18n import LocalizedText
from kiosk.core.loyalty import points_for
from kiosk.core.money import Money
from kiosk.core.order import FulfilmentKind, Order, OrderContact, PaymentChoice, ShippingMethod, shown_total_of
from kiosk.core.order_tracking import PAYMENT_MESSAGES, OrderCode, PaymentState, order_code
from kiosk.core.ports import CatalogStore, Clock
from kiosk.core.promotions import PricedCart
from kiosk.core.services.checkout import (
    CheckoutError,
    CheckoutPricing,
    CheckoutRequest,
    CheckoutService,
    CheckoutStep,
    OrderPricer,
    delivery_price,
    order_parts,
    price_checkout,
)
from kiosk.core.services.order_status import StatusAnswer
from kiosk.core.services.recheck import STOCK_CONFIRMED_LATER, LineCheck, RecheckResult, recheck
from kiosk.core.slip import OrderSlip, SlipLine, SlipPrinter
from kiosk.ui.qt.properties import ViewModel, notified
from kiosk.ui.qt.runner import BackgroundRunner
from kiosk.ui.viewmodels.cart import FREE_DELIVERY, receiving_title
from kiosk.ui.viewmodels.formatting import number_text, price_text
from kiosk.ui.viewmodels.list_models import RowListModel

NOT_SAVED = LocalizedText(
    "Your order could NOT be saved on this kiosk. Nothing was charged. Please ask a store associate.",
    "Tu pedido NO se ha podido guardar en este quiosco. No se ha cobrado nada. Pide ayuda al personal de la tienda.",
)
RESERVE_TITLE = LocalizedText("Reserve and try on in this store", "Reservar y probar en esta tienda")
PICKUP_TITLE = LocalizedText("Pick up at {store}", "Recoger en {store}")
HOME_TITLE = LocalizedText("Home delivery", "Envío a domicilio")
STEP_NAMES = (
    LocalizedText("Your items", "Tus artículos"),
    LocalizedText("How to receive", "Cómo recibirlo"),
    LocalizedText("Your details", "Tus datos"),
    LocalizedText("Pay", "Pago"),
)
STEP_LABEL = LocalizedText("Step {n} of {count}, {name}", "Paso {n} de {count}, {name}")
ONE_ITEM = LocalizedText("1 item", "1 artículo")
ITEMS_COUNT = LocalizedText("{count} items", "{count} artículos")
PART_OF = LocalizedText("Order {part} of {parts}", "Pedido {part} de {parts}")
# a cart received in several ways is several orders, each priced by the store on its own: each says its figure
PART_TOTAL = LocalizedText("This order: {total}", "Este pedido: {total}")
PRINT_FAILED = LocalizedText(
    "The printer did not respond. Your order is saved; try again or show the QR code at the counter.",
    "La impresora no responde. Tu pedido está guardado; inténtalo de nuevo o enseña el código QR en caja.",
)
PRINTED = LocalizedText("Printed. Take your slip to the counter.", "Impreso. Lleva tu ticket a caja.")
SUMMARY_HOME = LocalizedText("Home delivery to {city}", "Envío a domicilio a {city}")
SUMMARY_PICKUP = LocalizedText("Pick up at {store}", "Recogida en {store}")
# a delivery method an offer makes cheaper, as speech says it: "Free, instead of €4.95"
INSTEAD_OF = LocalizedText("{price}, instead of {list}", "{price}, en lugar de {list}")
SUMMARY_RESERVE = LocalizedText("Reserved for you in this store", "Reservado para ti en esta tienda")
_FIELDS = ("firstName", "lastName", "email", "phone", "street", "city", "postalCode")


@dataclass(frozen=True, slots=True)
class _Options:
    options: tuple[FulfilmentOption, ...]
    locations: dict[str, Location]
    local_now: datetime
    stock: StockPicture
    for_all_lines: bool  # computed over every line (none follows the order): choosing one resets the lines


# a problem found when placing takes the shopper to the step where it is put right
_STEP_OF_PROBLEM = {
    "empty_cart": CheckoutStep.ITEMS,
    "withdrawn_items": CheckoutStep.ITEMS,
    "missing_pickup": CheckoutStep.RECEIVE,
    "missing_address": CheckoutStep.RECEIVE,
    "missing_method": CheckoutStep.RECEIVE,
    "missing_email": CheckoutStep.CONTACT,
    "missing_name": CheckoutStep.CONTACT,
}

PAYMENT_WATCH_S = 15 * 60  # a pay-on-phone confirmation follows the payment this long at most


def option_key(option: FulfilmentOption) -> str:
    return f"{option.kind.value}:{option.location_id or ''}"


class CheckoutViewModel(ViewModel):
    firstNameChanged, firstName = notified(str, "firstName", "")
    lastNameChanged, lastName = notified(str, "lastName", "")
    emailChanged, email = notified(str, "email", "")
    phoneChanged, phone = notified(str, "phone", "")
    streetChanged, street = notified(str, "street", "")
    cityChanged, city = notified(str, "city", "")
    postalCodeChanged, postalCode = notified(str, "postalCode", "")
    methodIdChanged, methodId = notified(str, "methodId", "")
    optionKeyChanged, optionKey = notified(str, "optionKey", "")
    fulfilmentChanged, fulfilment = notified(str, "fulfilment", FulfilmentKind.HOME_DELIVERY.value)
    paymentChanged, payment = notified(str, "payment", PaymentChoice.PAY_AT_COUNTER.value)
    errorChanged, error = notified(str, "error", "")
    savingChanged, saving = notified(bool, "saving", False)
    # the steps: 0 items, 1 how to receive, 2 contact, 3 pay; the label is what a screen reader says
    stepChanged, step = notified(int, "step", 0)
    stepLabelChanged, stepLabel = notified(str, "stepLabel", "")
    stepNamesChanged, stepNames = notified(list, "stepNames", [])
    # the totals block kept in view on every step (same figures as the cart's)
    subtotalChanged, subtotal = notified(str, "subtotal", "")
    totalChanged, total = notified(str, "total", "")
    shippingChanged, shipping = notified(str, "shipping", "")
    savingsChanged, savings = notified(str, "savings", "")  # "−5,00 €" the promotions and coupons take off
    couponChanged, coupon = notified(str, "coupon", "")  # the session's codes, "WELCOME5, AUTUMN15"
    pointsDiscountChanged, pointsDiscount = notified(str, "pointsDiscount", "")  # "−2,00 €" when points are redeemed
    deliversHomeChanged, deliversHome = notified(bool, "deliversHome", False)
    # lines received their own way (chosen in the cart): the parts the checkout will place as orders
    perLineChanged, perLine = notified(bool, "perLine", False)
    needsChoiceChanged, needsChoice = notified(bool, "needsChoice", True)  # some line follows the whole order
    orderCountChanged, orderCount = notified(int, "orderCount", 0)  # orders the last checkout placed
    receiveSummaryChanged, receiveSummary = notified(str, "receiveSummary", "")  # "Deliver to me · Arrives in 3-5 days"
    pointsEarnedChanged, pointsEarned = notified(int, "pointsEarned", 0)
    pointsEarnedFigureChanged, pointsEarnedFigure = notified(str, "pointsEarnedFigure", "")  # grouped by language
    orderNumberChanged, orderNumber = notified(str, "orderNumber", "")
    orderTotalChanged, orderTotal = notified(str, "orderTotal", "")
    orderQrChanged, orderQr = notified(str, "orderQr", "")
    orderPaymentChanged, orderPayment = notified(str, "orderPayment", "")
    orderSummaryChanged, orderSummary = notified(str, "orderSummary", "")
    orderEstimateChanged, orderEstimate = notified(str, "orderEstimate", "")  # when it arrives or is ready
    # the confirmation leads with what was bought: "2 × Trail shoe · 42 · 159,80 €", one line each
    orderItemsChanged, orderItems = notified(str, "orderItems", "")
    orderPointsChanged, orderPoints = notified(int, "orderPoints", 0)
    canUseProfileChanged, canUseProfile = notified(bool, "canUseProfile", False)
    canPrintChanged, canPrint = notified(bool, "canPrint", False)
    printStateChanged, printState = notified(str, "printState", "")  # "", printing, printed, failed
    printMessageChanged, printMessage = notified(str, "printMessage", "")
    # the backend's re-check before placing: what changed since the shopper saw it, one line of text each
    recheckPendingChanged, recheckPending = notified(bool, "recheckPending", False)
    checkingChanged, checking = notified(bool, "checking", False)
    orderNoteChanged, orderNote = notified(str, "orderNote", "")  # e.g. stock confirmed when the order is sent
    # pay on phone: the payment as the backend last reported it ("" until an order is paid on the phone)
    paymentStateChanged, paymentState = notified(str, "paymentState", "")
    paymentMessageChanged, paymentMessage = notified(str, "paymentMessage", "")
    orderSaved = Signal()
    reviewCartRequested = Signal()
    backToCartRequested = Signal()  # "Back" on the first step

    def __init__(
        self,
        service: CheckoutService,
        runner: BackgroundRunner,
        lang: Callable[[], str],
        cart: Callable[[], Cart],
        country_code: str,
        parent: QObject | None = None,
        *,
        store: CatalogStore | None = None,
        clock: Clock | None = None,
        customer: Callable[[], Customer | None] = lambda: None,
        loyalty_number: Callable[[], str] = str,
        store_host: str = "shop.example.com",
        store_name: str = "",
        printer: SlipPrinter | None = None,
        check_lines: Callable[[Sequence[CartItemRef]], Mapping[str, LineCheck] | None] | None = None,
        set_cart: Callable[[Cart], None] | None = None,
        track: Callable[[OrderCode], StatusAnswer] | None = None,
        payment_poll_ms: int = 2000,
        read_stock: Callable[[Sequence[tuple[str, str]]], StockPicture] | None = None,
        follow_order: Callable[[], None] | None = None,
    ):
        super().__init__(parent)
        self._read_stock = read_stock
        # the loyalty points the shopper redeems and what they take off (LoyaltyViewModel, set once attached)
        self._redemption: Callable[[], tuple[int, Money | None]] = lambda: (0, None)
        # the promotions for this shopper and the session's codes (OffersViewModel, set once attached): each
        # order of the checkout is priced with them as the store will price it (core.services.checkout)
        self._offers: OrderPricer | None = None
        self._codes: Callable[[], Sequence[str]] = tuple
        # the sum of what the store charged for the confirmed orders, once each answered (None until then)
        self._charged: Money | None = None
        self._follow_order = follow_order  # every cart line back to the whole order's way of receiving
        # Pay on phone: the confirmation asks the backend every payment_poll_ms whether the payment settled
        # (so "Paid" shows within a few seconds of it), until it has, or for at most PAYMENT_WATCH_S.
        self._track = track
        self._payment_timer = QTimer(self)
        self._payment_timer.setInterval(payment_poll_ms)
        self._payment_timer.timeout.connect(self._poll_payment)
        self._payment_polls_left = 0
        self._payment_busy = False
        self._check_lines = check_lines  # None, or returning None: the backend cannot re-check (demo-less tests)
        self._set_cart = set_cart
        self._recheck: RecheckResult | None = None
        self._recheck_model = RowListModel(("change", "kind"), self)
        self._service = service
        self._runner = runner
        self._lang = lang
        self._cart = cart
        self._country = country_code
        self._store = store
        self._clock = clock
        self._customer = customer
        self._loyalty_number = loyalty_number
        self._store_host = store_host
        self._store_name = store_name
        self._printer = printer
        self._methods: list[ShippingMethod] = []
        self._methods_model = RowListModel(
            ("methodId", "name", "price", "listPrice", "spokenPrice", "daysMin", "daysMax", "estimate"), self
        )
        self._options_model = RowListModel(("optionKey", "kind", "title", "detail", "available", "reason"), self)
        self._parts_model = RowListModel(("key", "title", "detail", "items", "total"), self)
        self._review_model = RowListModel(("variantId", "text", "total", "receive"), self)
        self._orders_model = RowListModel(("number", "summary", "estimate", "items", "total", "qr", "part"), self)
        self._options: _Options | None = None
        self._set("canPrint", printer is not None)
        self.last_order: Order | None = None
        self.last_orders: tuple[Order, ...] = ()
        # what each of last_orders earns points on, as the checkout priced it (the confirmation's estimate)
        self.last_earning: tuple[Money, ...] = ()
        self.placed_offline = False  # the backend did not answer the re-check: the orders wait for the connection
        self._slips: tuple[OrderSlip, ...] = ()
        self._refresh_steps()

    def _get_methods(self) -> RowListModel:
        return self._methods_model

    def _get_options(self) -> RowListModel:
        return self._options_model

    def _get_recheck(self) -> RowListModel:
        return self._recheck_model

    recheckChanges = Property(QObject, _get_recheck, constant=True)
    parts = Property(QObject, lambda self: self._parts_model, constant=True)
    reviewLines = Property(QObject, lambda self: self._review_model, constant=True)
    orders = Property(QObject, lambda self: self._orders_model, constant=True)

    shippingMethods = Property(QObject, _get_methods, constant=True)
    fulfilmentOptions = Property(QObject, _get_options, constant=True)

    # --- delivery methods -------------------------------------------------------------------------
    def set_shipping_methods(self, methods: Sequence[ShippingMethod]) -> None:
        self._methods = list(methods)
        self._refresh_methods()
        if self._methods and not self.methodId:
            self.selectMethod(self._methods[0].id)

    def _refresh_methods(self) -> None:
        self._refresh_totals()  # the rows come with the totals: their prices depend on the cart's offers

    def _refresh_method_rows(self, priced: PricedCart | None, lang: str) -> None:
        """Each method at the price the shopper pays with the cart's offers (the totals' own figure, from
        delivery_price), its list price struck beside it when an offer changes it."""
        from_store = self._ships_from_store()
        rows = []
        for method in self._methods:
            days_min, days_max = delivery_days(method, from_store)
            pay = delivery_price(method, priced)
            price = FREE_DELIVERY.get(lang) if not pay.amount else price_text(pay, lang)
            struck = price_text(method.price, lang) if pay.amount != method.price.amount else ""
            rows.append(
                {
                    "methodId": method.id,
                    "name": method.name.get(lang),
                    "price": price,
                    "listPrice": struck,
                    # what speech says after the estimate: "Free, instead of €4.95"
                    "spokenPrice": INSTEAD_OF.get(lang).format(price=price, list=struck) if struck else price,
                    "daysMin": days_min,
                    "daysMax": days_max,
                    "estimate": estimate_words(FulfilmentKind.HOME_DELIVERY, days_min, days_max, lang),
                }
            )
        self._methods_model.replace(rows)

    def _ships_from_store(self) -> bool:
        """Whether the home-delivery part needs a store to ship (the same answer the options give)."""
        if self._options is None:
            return False
        default = self._default_fulfilment()
        for part in order_parts(self._cart(), default):
            if part.fulfilment.kind is FulfilmentKind.HOME_DELIVERY:
                option = part_option(part.lines, FulfilmentKind.HOME_DELIVERY, None, self._options.stock, None)
                return option is not None and option.ships_from_store
        return False

    @Slot(str, str)
    def setField(self, name: str, value: str) -> None:
        if name in _FIELDS:
            self._set(name, value[:120])

    @Slot(str)
    def selectMethod(self, method_id: str) -> None:
        self._set("methodId", method_id)
        self._refresh_options()
        self._refresh_totals()

    def current_method(self) -> ShippingMethod | None:
        """The delivery method chosen (or the first offered), whether or not anything is delivered home: the
        cart quotes its estimate and price with it before the shopper reaches checkout."""
        return next((m for m in self._methods if m.id == self.methodId), None)

    def _method(self) -> ShippingMethod | None:
        return self.current_method() if self._delivers_home() else None

    def _default_fulfilment(self) -> LineFulfilment | None:
        """The whole order's way of receiving (for lines without their own), as chosen so far."""
        kind = FulfilmentKind(self.fulfilment)
        if kind is FulfilmentKind.HOME_DELIVERY:
            return LineFulfilment(kind)
        option = self._chosen()
        if option is None or option.location_id is None:
            return None
        return LineFulfilment(kind, option.location_id)

    def receiving(self) -> tuple[LineFulfilment | None, ShippingMethod | None, Money | None]:
        """What the cart needs for its own totals and estimates: the same figures as these steps."""
        return self._default_fulfilment(), self.current_method(), self._redemption()[1]

    def set_offers(self, offers: OrderPricer, codes: Callable[[], Sequence[str]]) -> None:
        """Promotions and coupons from the offers view-model (attached after this one): savings in the totals."""
        self._offers, self._codes = offers, codes
        self._refresh_totals()

    def pricing(self, *, with_points: bool = True) -> CheckoutPricing:
        """The checkout as the store will charge it, order by order (core.services.checkout.price_checkout),
        with the ways of receiving, the delivery method and the points chosen so far."""
        points, discount = self._redemption() if with_points else (0, None)
        offers = self._offers if not self._cart().is_empty else None
        return price_checkout(
            self._cart(), self._default_fulfilment(), self.current_method(), offers, self._codes(), points, discount
        )

    def earning(self) -> tuple[Money, ...]:
        """What each order of the checkout earns points on, points redeemed included (the loyalty view-model)."""
        return self.pricing().earning

    def redeem_base(self) -> Money:
        """What the points redeemed are judged against (the loyalty view-model asks): the one order taking them,
        before them; the store allows at most a share of that order."""
        return self.pricing(with_points=False).redeem_base

    def set_redemption(self, redemption: Callable[[], tuple[int, Money | None]]) -> None:
        """Points to redeem and their discount, from the loyalty view-model (attached after this one)."""
        self._redemption = redemption
        self._refresh_totals()

    def refresh_totals(self) -> None:
        """The shopper chose (or dropped) points to redeem: the totals block again."""
        self._refresh_totals()

    def _delivers_home(self) -> bool:
        default = self._default_fulfilment()
        return any(p.fulfilment.kind is FulfilmentKind.HOME_DELIVERY for p in order_parts(self._cart(), default))

    def _refresh_totals(self) -> None:
        lang = self._lang()
        cart = self._cart()
        self._set("deliversHome", self._delivers_home())
        pricing = self.pricing()
        delivered = pricing.delivered
        self._refresh_method_rows(delivered.priced if delivered is not None else None, lang)
        totals = pricing.totals
        self._set("savings", "−" + price_text(totals.savings, lang) if totals.savings is not None else "")
        self._set("coupon", ", ".join(self._codes()))
        discount = totals.points_discount
        self._set("pointsDiscount", "−" + price_text(discount, lang) if discount is not None else "")
        delivery = totals.delivery
        shipping = (
            "" if delivery is None else FREE_DELIVERY.get(lang) if not delivery.amount else price_text(delivery, lang)
        )
        self._set("shipping", shipping)
        self._set("subtotal", price_text(totals.subtotal, lang))
        self._set("total", price_text(totals.total, lang))
        self._set("perLine", cart.has_line_fulfilments)
        self._set("needsChoice", any(line.fulfilment is None for line in cart.lines) or not cart.lines)
        self._refresh_parts(pricing)
        customer = self._customer()
        earns = customer is not None or bool(self._loyalty_number())
        tier = customer.tier if customer is not None else "Member"
        # each order earns on its own goods after its offers and points (delivery never earns), as the store counts
        earned = sum(points_for(goods, tier) for goods in pricing.earning)
        self._set("pointsEarned", earned if earns and not cart.is_empty else 0)
        self._set("pointsEarnedFigure", number_text(self.pointsEarned, lang))

    # --- fulfilment options -----------------------------------------------------------------------
    @Slot()
    def enter(self) -> None:
        self._set("error", "")
        self._set("canUseProfile", self._customer() is not None)
        self._refresh_steps(CheckoutStep.ITEMS.value)
        self._refresh_totals()
        self._refresh_review()
        self._load_options()

    def _load_options(self) -> None:
        cart, read = self._cart(), self._read_stock
        if read is None:
            store, clock = self._store, self._clock
            if store is None or clock is None:
                return
            from kiosk.core.services.lookup import cart_stock

            def read_default(pairs: Sequence[tuple[str, str]]) -> StockPicture:
                assert store is not None and clock is not None
                return cart_stock(store, clock, pairs)

            read = read_default
        pairs = [(line.product_id, line.variant_id) for line in cart.lines]

        def load() -> StockPicture:
            return read(pairs)

        def done(picture: StockPicture | None, error: Exception | None) -> None:
            if picture is None:
                return
            self._options = self._compute_options(picture)
            self._refresh_options()
            assert self._options is not None
            result = self._options
            chosen = next((o for o in result.options if option_key(o) == self.optionKey and o.available), None)
            if chosen is None:
                # the natural default: home delivery when it is possible, else the first possible option
                possible = [o for o in result.options if o.available]
                home = [o for o in possible if o.kind is FulfilmentKind.HOME_DELIVERY]
                chosen = next(iter(home or possible), None)
            self._choose(chosen)
            self._refresh_methods()
            self._refresh_review()  # the stores' names are known now

        self._runner.read(load, done)

    def _compute_options(self, picture: StockPicture) -> _Options:
        """The whole-order options over the lines that follow the order (all lines when none does)."""
        cart = self._cart()
        following = [line for line in cart.lines if line.fulfilment is None]
        lines = following or list(cart.lines)
        options = fulfilment_options(
            lines, picture.availability, picture.locations, picture.here_id, picture.local_now, self.current_method()
        )
        locations = {loc.id: loc for loc in picture.locations}
        return _Options(options, locations, picture.local_now, picture, not following)

    def _refresh_options(self) -> None:
        if self._options is None:
            return
        self._options = self._compute_options(self._options.stock)  # the method or the cart's choices changed
        lang = self._lang()
        rows = []
        for option in self._options.options:
            location = self._options.locations.get(option.location_id or "")
            if option.kind is FulfilmentKind.RESERVE_HERE:
                title = RESERVE_TITLE.get(lang)
                detail = option_estimate(option, lang)
            elif option.kind is FulfilmentKind.PICKUP_STORE:
                name = location.name if location else (option.location_id or "")
                title = PICKUP_TITLE.get(lang).format(store=name)
                hours = opening_label(location.opening_hours, self._options.local_now).get(lang) if location else ""
                city = location.city if location else ""
                detail = " · ".join(x for x in (city, option_estimate(option, lang), hours) if x)
            else:
                title = HOME_TITLE.get(lang)
                detail = option_estimate(option, lang)
            rows.append(
                {
                    "optionKey": option_key(option),
                    "kind": option.kind.value,
                    "title": title,
                    "detail": detail,
                    "available": option.available,
                    "reason": option.reason.get(lang) if option.reason else "",
                }
            )
        self._options_model.replace(rows)
        self._refresh_parts(self.pricing())

    def _refresh_parts(self, pricing: CheckoutPricing) -> None:
        """The orders this checkout will place, one row per way of receiving, each with its estimate and its own
        figure (what the store will charge for that order)."""
        lang = self._lang()
        cart = self._cart()
        if self._options is None:
            self._parts_model.replace([])
            self._set("receiveSummary", "")
            return
        stock, method = self._options.stock, self.current_method()
        rows = []
        for part in order_parts(cart, self._default_fulfilment()):
            kind, location = part.fulfilment.kind, part.fulfilment.location_id
            option = part_option(part.lines, kind, location, stock, method)
            count = sum(line.quantity for line in part.lines)
            priced = pricing.part(part.fulfilment)
            rows.append(
                {
                    "key": f"{kind.value}:{location or ''}",
                    "title": receiving_title(kind, location, stock, lang),
                    "detail": option_estimate(option, lang) if option is not None and option.available else "",
                    "items": (ONE_ITEM.get(lang) if count == 1 else ITEMS_COUNT.get(lang).format(count=count))
                    + ": "
                    + ", ".join(line.name.get(lang) for line in part.lines),
                    "total": PART_TOTAL.get(lang).format(total=price_text(priced.total, lang)) if priced else "",
                }
            )
        # the pay step's review: how each order reaches the shopper, one line each (with its figure when several)
        several = len(rows) > 1
        self._set(
            "receiveSummary",
            "\n".join(
                " · ".join(x for x in (r["title"], r["detail"], r["total"] if several else "") if x) for r in rows
            ),
        )
        self._parts_model.replace(rows if cart.has_line_fulfilments else [])

    def part_estimate(self, order: Order) -> str:
        """The estimate the confirmation shows for a placed order: the same function as the steps."""
        if self._options is None:
            return ""
        kind = order.fulfilment
        location = order.pickup_location_id if kind.needs_pickup_location else None
        option = part_option(order.lines, kind, location, self._options.stock, order.shipping_method)
        return option_estimate(option, self._lang()) if option is not None else ""

    def _refresh_review(self) -> None:
        """Step 1: the lines as they will be ordered."""
        lang = self._lang()
        self._review_model.replace(
            [
                {
                    "variantId": line.variant_id,
                    "text": f"{line.quantity} × {line.name.get(lang)}"
                    + (f" ({line.options_label})" if line.options_label else ""),
                    "total": price_text(line.total, lang),
                    "receive": receiving_title(line.fulfilment.kind, line.fulfilment.location_id,
                                               self._options.stock if self._options else None, lang)
                    if line.fulfilment is not None else "",
                }
                for line in self._cart().lines
            ]
        )  # fmt: skip

    # --- the steps --------------------------------------------------------------------------------
    def _refresh_steps(self, step: int | None = None) -> None:
        """The names and label first, then the step: whoever follows `step` reads the new label."""
        step = self.step if step is None else step
        lang = self._lang()
        names = [name.get(lang) for name in STEP_NAMES]
        self._set("stepNames", names)
        self._set("stepLabel", STEP_LABEL.get(lang).format(n=step + 1, count=len(names), name=names[step].lower()))
        self._set("step", step)

    @Slot()
    def nextStep(self) -> None:
        """Forward only when this step is complete; otherwise its exact problem is shown and read out."""
        if self.step >= CheckoutStep.PAY:
            return
        try:
            self._service.validate(self._request(), CheckoutStep(self.step))
        except CheckoutError as exc:
            self._set("error", exc.message.get(self._lang()))
            return
        self._set("error", "")
        self._refresh_steps(self.step + 1)

    @Slot()
    def previousStep(self) -> None:
        self._set("error", "")
        if self.step <= CheckoutStep.ITEMS:
            self.backToCartRequested.emit()
            return
        self._refresh_steps(self.step - 1)

    def _show_step(self, step: CheckoutStep) -> None:
        if self.step != step:
            self._refresh_steps(step.value)

    @Slot(int)
    def goToStep(self, step: int) -> None:
        """The step indicator: back to any step already passed (forward goes through Next and its checks)."""
        if 0 <= step < self.step:
            self._set("error", "")
            self._refresh_steps(step)

    def _choose(self, option: FulfilmentOption | None) -> None:
        if option is None:
            self._set("optionKey", "")
            return
        self._set("optionKey", option_key(option))
        self._set("fulfilment", option.kind.value)
        self._refresh_totals()

    @Slot(str)
    def selectOption(self, key: str) -> None:
        if self._options is None:
            return
        option = next((o for o in self._options.options if option_key(o) == key), None)
        if option is not None and option.available:
            if self._options.for_all_lines and self._follow_order is not None:
                self._follow_order()  # "everything the same way": the lines' own choices go
                self._options = self._compute_options(self._options.stock)
            self._choose(option)
            self._refresh_methods()
            self._refresh_review()

    def _chosen(self) -> FulfilmentOption | None:
        if self._options is None:
            return None
        return next((o for o in self._options.options if option_key(o) == self.optionKey), None)

    @Slot(str)
    def selectPayment(self, kind: str) -> None:
        if kind in (PaymentChoice.PAY_AT_COUNTER.value, PaymentChoice.PAY_ON_PHONE.value):
            self._set("payment", kind)

    # --- the shopper ------------------------------------------------------------------------------
    @Slot()
    def useProfile(self) -> None:
        """Fills the form from the recognised shopper's online profile, at their request."""
        customer = self._customer()
        if customer is None:
            return
        self._set("firstName", customer.first_name)
        self._set("lastName", customer.last_name)
        self._set("email", customer.email)
        self._set("phone", customer.phone)
        if customer.addresses:
            address = customer.addresses[0]
            self._set("street", address.street)
            self._set("city", address.city)
            self._set("postalCode", address.postal_code)

    def _contact(self) -> OrderContact:
        customer = self._customer()
        return OrderContact(
            self.firstName.strip(),
            self.lastName.strip(),
            self.email.strip(),
            self.phone.strip(),
            loyalty_number=customer.loyalty_number if customer else self._loyalty_number(),
            customer_id=customer.id if customer else "",
        )

    def _request(self) -> CheckoutRequest:
        full_name = f"{self.firstName.strip()} {self.lastName.strip()}".strip()
        kind = FulfilmentKind(self.fulfilment)
        option = self._chosen()
        home = kind is FulfilmentKind.HOME_DELIVERY
        return CheckoutRequest(
            cart=self._cart(),
            contact=self._contact(),
            fulfilment=kind,
            payment=PaymentChoice(self.payment),
            shipping_address=Address(
                full_name,
                self.street.strip(),
                self.city.strip(),
                self.postalCode.strip(),
                self._country,
                self.phone.strip(),
            )
            if self._delivers_home()
            else None,
            shipping_method=self._method(),
            pickup_location_id=None if home or option is None else option.location_id,
            points_to_redeem=self._redemption()[0],
            points_discount=self._redemption()[1],
        )

    @Slot()
    def placeOrder(self) -> None:
        if self.saving:
            return
        lang = self._lang()
        request = self._request()
        try:
            self._service.validate(request)
        except CheckoutError as exc:
            self._show_step(_STEP_OF_PROBLEM.get(exc.code, CheckoutStep(self.step)))  # where it can be fixed
            self._set("error", exc.message.get(lang))
            return
        self._set("error", "")
        self._show_step(CheckoutStep.PAY)  # placing (and the re-check's question) belongs to the pay step
        if self._check_lines is not None and self._set_cart is not None:
            self._recheck_then_place(request, lang)
        else:
            self._place(request, lang, note="")

    def _recheck_then_place(self, request: CheckoutRequest, lang: str) -> None:
        """Asks the backend for every line's price and stock in one call; unchanged: the order is placed,
        changed: the shopper sees exactly what and decides; unreachable: placed, confirmed when sent."""
        check = self._check_lines
        assert check is not None
        items = request.cart.item_refs()
        self._set("checking", True)
        self._set("saving", True)

        def done(checks: Mapping[str, LineCheck] | None, error: Exception | None) -> None:
            self._set("checking", False)
            self._set("saving", False)
            if checks is None:  # offline, or a backend that cannot re-check: the outbox confirms it later
                self._place(request, lang, note=STOCK_CONFIRMED_LATER.get(lang), offline=True)
                return
            location = request.pickup_location_id
            result = recheck(request.cart, checks, request.fulfilment, location)
            if result.unchanged:
                self._place(request, lang, note="")
                return
            self._recheck = result
            self._recheck_model.reset([{"change": c.describe(lang), "kind": c.kind.value} for c in result.changes])
            self._set("recheckPending", True)

        def work() -> Mapping[str, LineCheck] | None:
            try:
                return check(items)
            except BackendError:
                return None  # logged by the adapter; the order is still placed and sent when it can be

        self._runner.read(work, done)

    @Slot()
    def acceptRecheck(self) -> None:
        """The shopper takes the cart as the backend can sell it now: placed at once."""
        result = self._recheck
        if result is None or self._set_cart is None:
            return
        self._clear_recheck()
        self._set_cart(result.cart)
        if result.cart.is_empty:
            self.reviewCartRequested.emit()  # nothing left to order: back to the cart, which says so
            return
        self._place(self._request(), self._lang(), note="")

    @Slot()
    def reviewCart(self) -> None:
        """The shopper wants to change the cart first: the new prices and quantities go in, then the cart."""
        result = self._recheck
        self._clear_recheck()
        if result is not None and self._set_cart is not None:
            self._set_cart(result.cart)
        self.reviewCartRequested.emit()

    def _clear_recheck(self) -> None:
        self._recheck = None
        self._recheck_model.reset([])
        self._set("recheckPending", False)

    def _place(self, request: CheckoutRequest, lang: str, *, note: str, offline: bool = False) -> None:
        try:
            self._service.validate(request)
        except CheckoutError as exc:
            self._set("error", exc.message.get(lang))
            return
        self._set("saving", True)
        points = self.pointsEarned
        earning = self.pricing().earning  # per order, in the orders' order (both follow order_parts)

        def done(orders: tuple[Order, ...] | None, error: Exception | None) -> None:
            self._set("saving", False)
            if not orders:
                # A CheckoutError explains itself; anything else (StorageError first) means nothing was saved.
                message = error.message if isinstance(error, CheckoutError) else NOT_SAVED
                self._set("error", message.get(lang))
                return
            self._set("orderNote", note)
            self.placed_offline = offline
            self.last_earning = earning if len(earning) == len(orders) else ()
            self._confirm(orders, points, lang)
            self.orderSaved.emit()

        service = self._service
        self._runner.write(lambda: service.place_all(request, lang), done)

    def _watch_payment(self, order: Order) -> None:
        if self._track is None or order.payment is not PaymentChoice.PAY_ON_PHONE:
            return
        self._set("paymentState", PaymentState.PENDING.value)
        self._set("paymentMessage", PAYMENT_MESSAGES[PaymentState.PENDING].get(self._lang()))
        self._payment_polls_left = max(1, PAYMENT_WATCH_S * 1000 // max(1, self._payment_timer.interval()))
        self._payment_timer.start()

    def _poll_payment(self) -> None:
        orders, track = self.last_orders, self._track
        if not orders or track is None or self._payment_polls_left <= 0:
            self._payment_timer.stop()
            return
        if self._payment_busy:
            return
        self._payment_polls_left -= 1
        self._payment_busy = True
        codes = [order_code(order) for order in orders]
        first = codes[0].client_order_id

        def done(answers: list[StatusAnswer] | None, error: Exception | None) -> None:
            self._payment_busy = False
            if self.last_order is None or self.last_order.client_order_id != first:
                return  # the session ended or another order was placed meanwhile
            states = []
            for answer in answers or []:
                tracking = answer.tracking if answer.live else None
                if tracking is None:
                    return  # not sent yet, or the backend is unreachable: still waiting
                states.append(tracking.payment_state)
            if len(states) != len(codes):
                return
            # several orders: settled once all are; a declined or expired one is said first
            failed = [x for x in states if x in (PaymentState.DECLINED, PaymentState.EXPIRED)]
            waiting = [x for x in states if x is not PaymentState.SETTLED]
            state: PaymentState = (failed or waiting or [PaymentState.SETTLED])[0]
            self._set("paymentState", state.value)
            self._set("paymentMessage", PAYMENT_MESSAGES[state].get(self._lang()))
            if state is PaymentState.SETTLED:
                self._payment_timer.stop()

        self._runner.read(lambda: [track(code) for code in codes], done)

    def _confirm(self, orders: tuple[Order, ...], points: int, lang: str) -> None:
        order = orders[0]
        self._charged = None
        self.last_order = order
        self.last_orders = orders
        self._set("orderCount", len(orders))
        self._watch_payment(order)
        self._set("orderNumber", order.number)
        self._set("orderPayment", order.payment.value)
        self._set("orderPoints", points)
        self._set("orderQr", f"image://qr/{self._qr(order)}")
        self._show_orders(orders, lang)
        self._slips = tuple(
            OrderSlip(
                store_name=self._store_name,
                order_number=o.number,
                lines=tuple(SlipLine(line.name, line.quantity, line.total) for line in o.lines),
                total=o.shown_total,  # what the shopper was shown: after offers, codes and points
                qr_payload=order_qr_payload(o),  # the slip is for following the order: always its status code
                language=lang,
                subtotal=o.subtotal,
                shipping=o.shipping_method.price if o.shipping_method else None,
                savings=o.total - o.shown_total if o.shown_total != o.total else None,
                placed_at=o.created_at,
                note=" · ".join(x for x in (self._part_of(o, lang), self._summary(o, lang)) if x),
            )
            for o in orders
        )
        self._set("printState", "")
        self._set("printMessage", "")

    def show_charged(self, charged: Money | None) -> None:
        """The store answered every order of the confirmation with what it charges (OrderOutcomeViewModel): "To
        pay" becomes the store's figure, the sum of the charged totals; None leaves the kiosk's own."""
        if charged == self._charged or not self.last_orders:
            return
        self._charged = charged
        self._show_orders(self.last_orders, self._lang())

    def _show_orders(self, orders: tuple[Order, ...], lang: str) -> None:
        """The confirmation's words for the placed orders (again after a language switch). The amount is what
        the checkout showed (the sum of each order's own figure, with its offers: the kiosk's estimate) until
        the store has answered every order; then what the store charges (show_charged)."""
        grand_total = shown_total_of(orders)
        self._set("orderTotal", price_text(self._charged if self._charged is not None else grand_total, lang))
        self._set("orderSummary", self._summary(orders[0], lang))
        self._set("orderEstimate", self.part_estimate(orders[0]))
        self._set(
            "orderItems",
            "\n".join(
                f"{line.quantity} × {line.name} · {price_text(line.total, lang)}" for o in orders for line in o.lines
            ),
        )
        self._orders_model.replace([self._order_row(o, lang) for o in orders])

    def _qr(self, order: Order) -> str:
        # pay on the phone: the payment link; pay at the counter: the code the till scans
        on_phone = order.payment is PaymentChoice.PAY_ON_PHONE
        return payment_link(order, self._store_host) if on_phone else order_qr_payload(order)

    def _part_of(self, order: Order, lang: str) -> str:
        return PART_OF.get(lang).format(part=order.part, parts=order.parts) if order.parts > 1 else ""

    def _order_row(self, order: Order, lang: str) -> dict[str, object]:
        return {
            "number": order.number,
            "summary": self._summary(order, lang),
            "estimate": self.part_estimate(order),
            "items": "\n".join(f"{line.quantity} × {line.name}" for line in order.lines),
            "total": price_text(order.shown_total, lang),
            "qr": f"image://qr/{self._qr(order)}",
            "part": self._part_of(order, lang),
        }

    def _summary(self, order: Order, lang: str) -> str:
        if order.fulfilment is FulfilmentKind.HOME_DELIVERY and order.shipping_address is not None:
            return SUMMARY_HOME.get(lang).format(city=order.shipping_address.city)
        if order.fulfilment is FulfilmentKind.RESERVE_HERE:
            return SUMMARY_RESERVE.get(lang)
        location = self._options.locations.get(order.pickup_location_id or "") if self._options else None
        return SUMMARY_PICKUP.get(lang).format(store=location.name if location else order.pickup_location_id)

    # --- the slip ---------------------------------------------------------------------------------
    @Slot()
    def printSlip(self) -> None:
        """Retried by the printer adapter; a failure keeps the slip so "Try again" prints the same job."""
        printer, slips = self._printer, self._slips
        if printer is None or not slips or self.printState == "printing":
            return
        lang = self._lang()
        self._set("printState", "printing")
        self._set("printMessage", "")

        def done(_result: object, error: Exception | None) -> None:
            if error is None:
                self._set("printState", "printed")
                self._set("printMessage", PRINTED.get(lang))
            else:
                self._set("printState", "failed")
                self._set("printMessage", PRINT_FAILED.get(lang))

        def work() -> None:
            for slip in slips:  # one slip per order of the checkout
                printer.print_slip(slip)

        self._runner.write(work, done)

    def wipe(self) -> None:
        order_fields = (
            "orderNumber", "orderTotal", "orderQr", "orderSummary", "orderEstimate", "orderItems", "orderPayment"
        )  # fmt: skip
        for name in (*_FIELDS, "error", *order_fields):
            self._set(name, "")
        self._set("orderNote", "")
        self._set("checking", False)
        self._clear_recheck()
        self._payment_timer.stop()
        self._set("paymentState", "")
        self._set("paymentMessage", "")
        for name in ("printState", "printMessage", "optionKey"):
            self._set(name, "")
        self._set("saving", False)
        self._refresh_steps(CheckoutStep.ITEMS.value)
        self._set("orderCount", 0)
        self._orders_model.reset([])
        self._parts_model.reset([])
        self._review_model.reset([])
        self._set("receiveSummary", "")
        self._set("perLine", False)
        self._set("deliversHome", False)
        self._set("orderPoints", 0)
        self._set("pointsEarned", 0)
        self._set("canUseProfile", False)
        self._set("fulfilment", FulfilmentKind.HOME_DELIVERY.value)
        self._set("payment", PaymentChoice.PAY_AT_COUNTER.value)
        self._options = None
        self._options_model.reset([])
        self.last_order = None
        self.last_orders = ()
        self.last_earning = ()
        self._charged = None
        self.placed_offline = False
        self._slips = ()
        if self._methods:
            self.selectMethod(self._methods[0].id)

    def refresh_language(self) -> None:
        self._refresh_steps()
        self._refresh_methods()
        self._refresh_options()
        self._refresh_review()
        if self.last_orders:
            self._show_orders(self.last_orders, self._lang())
        if self.paymentState:
            self._set("paymentMessage", PAYMENT_MESSAGES[PaymentState(self.paymentState)].get(self._lang()))


def order_qr_payload(order: Order) -> str:
    """What the till and any kiosk scan: the order's number and its idempotency key, never personal data."""
    return order_code(order).qr_payload

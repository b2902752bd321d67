"""Checkout: who, how the order reaches the shopper (home, another store, or try it on here), how they pay,
and the confirmation with the code the till or the phone needs. Nothing is charged on the kiosk."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import Property, QObject, QTimer, Signal, Slot

from kiosk.core.cart import Cart, CartItemRef
from kiosk.core.catalog import Location, LocationKind, StockAvailability, opening_label
from kiosk.core.customer import Address, Customer
from kiosk.core.errors import BackendError
from kiosk.core.fulfilment import FulfilmentOption, fulfilment_options
from kiosk.core.handoff import payment_link
from kiosk.core.i18n import LocalizedText
from kiosk.core.loyalty import points_for
from kiosk.core.order import FulfilmentKind, Order, OrderContact, PaymentChoice, ShippingMethod
from kiosk.core.order_tracking import PAYMENT_MESSAGES, OrderCode, PaymentState, order_code
from kiosk.core.ports import CatalogStore, Clock
from kiosk.core.services.checkout import CheckoutError, CheckoutRequest, CheckoutService
from kiosk.core.services.order_status import StatusAnswer
from kiosk.core.services.recheck import STOCK_CONFIRMED_LATER, LineCheck, RecheckResult, recheck
from kiosk.core.slip import OrderSlip, SlipLine, SlipPrinter
from kiosk.ui.qt.properties import ViewModel, notified
from kiosk.ui.qt.runner import BackgroundRunner
from kiosk.ui.viewmodels.formatting import number_text, price_text
from kiosk.ui.viewmodels.list_models import RowListModel

NOT_SAVED = LocalizedText(
    "Your order could NOT be saved on this kiosk. Nothing was charged. Please ask a store associate.",
    "Tu pedido NO se ha podido guardar en este quiosco. No se ha cobrado nada. Pide ayuda al personal de la tienda.",
)
RESERVE_TITLE = LocalizedText("Reserve and try on in this store", "Reservar y probar en esta tienda")
PICKUP_TITLE = LocalizedText("Pick up at {store}", "Recoger en {store}")
HOME_TITLE = LocalizedText("Home delivery", "Envío a domicilio")
READY_TODAY = LocalizedText("Ready today", "Listo hoy")
READY_IN = LocalizedText("Ready in {min}-{max} days", "Listo en {min}-{max} días")
READY_TODAY_OR_TOMORROW = LocalizedText("Ready today or tomorrow", "Listo hoy o mañana")
READY_TOMORROW = LocalizedText("Ready tomorrow", "Listo mañana")
ARRIVES_IN = LocalizedText("Arrives in {min}-{max} days", "Llega en {min}-{max} días")
PRINT_FAILED = LocalizedText(
    "The printer did not respond. Your order is saved; try again or show the QR code at the counter.",
    "La impresora no responde. Tu pedido está guardado; inténtalo de nuevo o enseña el código QR en caja.",
)
PRINTED = LocalizedText("Printed. Take your slip to the counter.", "Impreso. Lleva tu ticket a caja.")
SUMMARY_HOME = LocalizedText("Home delivery to {city}", "Envío a domicilio a {city}")
SUMMARY_PICKUP = LocalizedText("Pick up at {store}", "Recogida en {store}")
SUMMARY_RESERVE = LocalizedText("Reserved for you in this store", "Reservado para ti en esta tienda")
_FIELDS = ("firstName", "lastName", "email", "phone", "street", "city", "postalCode")


@dataclass(frozen=True, slots=True)
class _Options:
    options: tuple[FulfilmentOption, ...]
    locations: dict[str, Location]
    local_now: datetime


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
    totalChanged, total = notified(str, "total", "")
    shippingChanged, shipping = notified(str, "shipping", "")
    pointsEarnedChanged, pointsEarned = notified(int, "pointsEarned", 0)
    pointsEarnedFigureChanged, pointsEarnedFigure = notified(str, "pointsEarnedFigure", "")  # grouped by language
    orderNumberChanged, orderNumber = notified(str, "orderNumber", "")
    orderTotalChanged, orderTotal = notified(str, "orderTotal", "")
    orderQrChanged, orderQr = notified(str, "orderQr", "")
    orderPaymentChanged, orderPayment = notified(str, "orderPayment", "")
    orderSummaryChanged, orderSummary = notified(str, "orderSummary", "")
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
    ):
        super().__init__(parent)
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
        self._methods_model = RowListModel(("methodId", "name", "price", "daysMin", "daysMax"), self)
        self._options_model = RowListModel(
            ("optionKey", "kind", "title", "detail", "available", "reason"), self
        )
        self._options: _Options | None = None
        self._set("canPrint", printer is not None)
        self.last_order: Order | None = None
        self._slip: OrderSlip | None = None

    def _get_methods(self) -> RowListModel:
        return self._methods_model

    def _get_options(self) -> RowListModel:
        return self._options_model

    def _get_recheck(self) -> RowListModel:
        return self._recheck_model

    recheckChanges = Property(QObject, _get_recheck, constant=True)

    shippingMethods = Property(QObject, _get_methods, constant=True)
    fulfilmentOptions = Property(QObject, _get_options, constant=True)

    # --- delivery methods -------------------------------------------------------------------------
    def set_shipping_methods(self, methods: Sequence[ShippingMethod]) -> None:
        self._methods = list(methods)
        self._refresh_methods()
        if self._methods and not self.methodId:
            self.selectMethod(self._methods[0].id)

    def _refresh_methods(self) -> None:
        lang = self._lang()
        self._methods_model.reset(
            [
                {
                    "methodId": m.id,
                    "name": m.name.get(lang),
                    "price": price_text(m.price, lang),
                    "daysMin": m.days_min,
                    "daysMax": m.days_max,
                }
                for m in self._methods
            ]
        )
        self._refresh_totals()

    @Slot(str, str)
    def setField(self, name: str, value: str) -> None:
        if name in _FIELDS:
            self._set(name, value[:120])

    @Slot(str)
    def selectMethod(self, method_id: str) -> None:
        self._set("methodId", method_id)
        self._refresh_totals()

    def _method(self) -> ShippingMethod | None:
        if self.fulfilment != FulfilmentKind.HOME_DELIVERY.value:
            return None
        return next((m for m in self._methods if m.id == self.methodId), None)

    def _refresh_totals(self) -> None:
        lang = self._lang()
        cart = self._cart()
        method = self._method()
        self._set("shipping", price_text(method.price, lang) if method else "")
        total = cart.subtotal + method.price if method else cart.subtotal
        self._set("total", price_text(total, lang))
        customer = self._customer()
        earns = customer is not None or bool(self._loyalty_number())
        tier = customer.tier if customer is not None else "Member"
        self._set("pointsEarned", points_for(cart.subtotal, tier) if earns and not cart.is_empty else 0)
        self._set("pointsEarnedFigure", number_text(self.pointsEarned, lang))

    # --- fulfilment options -----------------------------------------------------------------------
    @Slot()
    def enter(self) -> None:
        self._set("error", "")
        self._set("canUseProfile", self._customer() is not None)
        self._refresh_totals()
        self._load_options()

    def _load_options(self) -> None:
        store, clock, cart = self._store, self._clock, self._cart()
        if store is None or clock is None:
            return

        def load() -> _Options:
            availability: dict[str, StockAvailability] = {}
            for line in cart.lines:
                product = store.product(line.product_id)
                variant = next((v for v in product.variants if v.id == line.variant_id), None) if product else None
                if variant is not None:
                    availability[line.variant_id] = store.availability(variant)
            locations = list(store.locations())
            here = next((loc.id for loc in locations if loc.kind is LocationKind.HERE), None)
            local_now = clock.now().astimezone()
            options = fulfilment_options(cart.lines, availability, locations, here, local_now)
            return _Options(options, {loc.id: loc for loc in locations}, local_now)

        def done(result: _Options | None, error: Exception | None) -> None:
            if result is None:
                return
            self._options = result
            self._refresh_options()
            chosen = next((o for o in result.options if option_key(o) == self.optionKey and o.available), None)
            if chosen is None:
                # the natural default: home delivery when it is possible, else the first possible option
                possible = [o for o in result.options if o.available]
                home = [o for o in possible if o.kind is FulfilmentKind.HOME_DELIVERY]
                chosen = next(iter(home or possible), None)
            self._choose(chosen)

        self._runner.read(load, done)

    def _refresh_options(self) -> None:
        if self._options is None:
            return
        lang = self._lang()
        rows = []
        for option in self._options.options:
            location = self._options.locations.get(option.location_id or "")
            if option.kind is FulfilmentKind.RESERVE_HERE:
                title = RESERVE_TITLE.get(lang)
                detail = _ready(option, lang)
            elif option.kind is FulfilmentKind.PICKUP_STORE:
                name = location.name if location else (option.location_id or "")
                title = PICKUP_TITLE.get(lang).format(store=name)
                hours = opening_label(location.opening_hours, self._options.local_now).get(lang) if location else ""
                city = location.city if location else ""
                detail = " · ".join(x for x in (city, _ready(option, lang), hours) if x)
            else:
                title = HOME_TITLE.get(lang)
                detail = _days(ARRIVES_IN, option, lang)
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
        self._options_model.reset(rows)

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
            self._choose(option)

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
                full_name, self.street.strip(), self.city.strip(), self.postalCode.strip(), self._country,
                self.phone.strip(),
            ) if home else None,
            shipping_method=self._method(),
            pickup_location_id=None if home or option is None else option.location_id,
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
            self._set("error", exc.message.get(lang))
            return
        self._set("error", "")
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
                self._place(request, lang, note=STOCK_CONFIRMED_LATER.get(lang))
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

    def _place(self, request: CheckoutRequest, lang: str, *, note: str) -> None:
        try:
            self._service.validate(request)
        except CheckoutError as exc:
            self._set("error", exc.message.get(lang))
            return
        self._set("saving", True)
        points = self.pointsEarned

        def done(order: Order | None, error: Exception | None) -> None:
            self._set("saving", False)
            if order is None:
                # A CheckoutError explains itself; anything else (StorageError first) means nothing was saved.
                message = error.message if isinstance(error, CheckoutError) else NOT_SAVED
                self._set("error", message.get(lang))
                return
            self._set("orderNote", note)
            self._confirm(order, points, lang)
            self.orderSaved.emit()

        service = self._service
        self._runner.write(lambda: service.place(request, lang), done)

    def _watch_payment(self, order: Order) -> None:
        if self._track is None or order.payment is not PaymentChoice.PAY_ON_PHONE:
            return
        self._set("paymentState", PaymentState.PENDING.value)
        self._set("paymentMessage", PAYMENT_MESSAGES[PaymentState.PENDING].get(self._lang()))
        self._payment_polls_left = max(1, PAYMENT_WATCH_S * 1000 // max(1, self._payment_timer.interval()))
        self._payment_timer.start()

    def _poll_payment(self) -> None:
        order, track = self.last_order, self._track
        if order is None or track is None or self._payment_polls_left <= 0:
            self._payment_timer.stop()
            return
        if self._payment_busy:
            return
        self._payment_polls_left -= 1
        self._payment_busy = True
        code = order_code(order)

        def done(answer: StatusAnswer | None, error: Exception | None) -> None:
            self._payment_busy = False
            if self.last_order is None or self.last_order.client_order_id != code.client_order_id:
                return  # the session ended or another order was placed meanwhile
            tracking = answer.tracking if answer is not None and answer.live else None
            if tracking is None:
                return  # not sent yet, or the backend is unreachable: still waiting
            state = tracking.payment_state
            self._set("paymentState", state.value)
            self._set("paymentMessage", PAYMENT_MESSAGES[state].get(self._lang()))
            if state is PaymentState.SETTLED:
                self._payment_timer.stop()

        self._runner.read(lambda: track(code), done)

    def _confirm(self, order: Order, points: int, lang: str) -> None:
        self.last_order = order
        self._watch_payment(order)
        self._set("orderNumber", order.number)
        self._set("orderTotal", price_text(order.total, lang))
        self._set("orderPayment", order.payment.value)
        self._set("orderPoints", points)
        # pay on the phone: the payment link; pay at the counter: the code the till scans
        on_phone = order.payment is PaymentChoice.PAY_ON_PHONE
        qr = payment_link(order, self._store_host) if on_phone else order_qr_payload(order)
        self._set("orderQr", f"image://qr/{qr}")
        self._set("orderSummary", self._summary(order, lang))
        self._set(
            "orderItems",
            "\n".join(f"{line.quantity} × {line.name} · {price_text(line.total, lang)}" for line in order.lines),
        )
        self._slip = OrderSlip(
            store_name=self._store_name,
            order_number=order.number,
            lines=tuple(SlipLine(line.name, line.quantity, line.total) for line in order.lines),
            total=order.total,
            qr_payload=order_qr_payload(order),  # the slip is for following the order: always its status code
            language=lang,
            subtotal=order.subtotal,
            shipping=order.shipping_method.price if order.shipping_method else None,
            placed_at=order.created_at,
            note=self.orderSummary,
        )
        self._set("printState", "")
        self._set("printMessage", "")

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
        printer, slip = self._printer, self._slip
        if printer is None or slip is None or self.printState == "printing":
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

        self._runner.write(lambda: printer.print_slip(slip), done)

    def wipe(self) -> None:
        order_fields = ("orderNumber", "orderTotal", "orderQr", "orderSummary", "orderItems", "orderPayment")
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
        self._set("orderPoints", 0)
        self._set("pointsEarned", 0)
        self._set("canUseProfile", False)
        self._set("fulfilment", FulfilmentKind.HOME_DELIVERY.value)
        self._set("payment", PaymentChoice.PAY_AT_COUNTER.value)
        self._options = None
        self._options_model.reset([])
        self.last_order = None
        self._slip = None
        if self._methods:
            self.selectMethod(self._methods[0].id)

    def refresh_language(self) -> None:
        self._refresh_methods()
        self._refresh_options()
        if self.paymentState:
            self._set("paymentMessage", PAYMENT_MESSAGES[PaymentState(self.paymentState)].get(self._lang()))


def _ready(option: FulfilmentOption, lang: str) -> str:
    """When a pickup or reservation is ready, in the words a shopper uses for the next two days."""
    soonest, latest = option.arrives_min_days, option.arrives_max_days
    if latest == 0:
        return READY_TODAY.get(lang)
    if soonest == 0 and latest == 1:
        return READY_TODAY_OR_TOMORROW.get(lang)
    if soonest == latest == 1:
        return READY_TOMORROW.get(lang)
    return _days(READY_IN, option, lang)


def _days(text: LocalizedText, option: FulfilmentOption, lang: str) -> str:
    return text.get(lang).format(min=option.arrives_min_days, max=option.arrives_max_days)


def order_qr_payload(order: Order) -> str:
    """What the till and any kiosk scan: the order's number and its idempotency key, never personal data."""
    return order_code(order).qr_payload

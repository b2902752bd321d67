"""Checkout for home delivery or pickup: the form, the delivery methods, and the order confirmation."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Property, QObject, Signal, Slot

from kiosk.core.cart import Cart
from kiosk.core.customer import Address, Customer
from kiosk.core.i18n import LocalizedText
from kiosk.core.order import FulfilmentKind, Order, OrderContact, PaymentChoice, ShippingMethod
from kiosk.core.services.checkout import CheckoutError, CheckoutRequest, CheckoutService
from kiosk.ui.formatting import price_text
from kiosk.ui.list_models import RowListModel
from kiosk.ui.qt_property import ViewModel, notified
from kiosk.ui.runner import BackgroundRunner

NOT_SAVED = LocalizedText(
    "Your order could NOT be saved on this kiosk. Nothing was charged. Please ask a store associate.",
    "Tu pedido NO se ha podido guardar en este quiosco. No se ha cobrado nada. Pide ayuda al personal de la tienda.",
)
_FIELDS = ("firstName", "lastName", "email", "phone", "street", "city", "postalCode")


class CheckoutViewModel(ViewModel):
    firstNameChanged, firstName = notified(str, "firstName", "")
    lastNameChanged, lastName = notified(str, "lastName", "")
    emailChanged, email = notified(str, "email", "")
    phoneChanged, phone = notified(str, "phone", "")
    streetChanged, street = notified(str, "street", "")
    cityChanged, city = notified(str, "city", "")
    postalCodeChanged, postalCode = notified(str, "postalCode", "")
    methodIdChanged, methodId = notified(str, "methodId", "")
    errorChanged, error = notified(str, "error", "")
    savingChanged, saving = notified(bool, "saving", False)
    totalChanged, total = notified(str, "total", "")
    shippingChanged, shipping = notified(str, "shipping", "")
    orderNumberChanged, orderNumber = notified(str, "orderNumber", "")
    orderTotalChanged, orderTotal = notified(str, "orderTotal", "")
    orderQrChanged, orderQr = notified(str, "orderQr", "")
    canUseProfileChanged, canUseProfile = notified(bool, "canUseProfile", False)
    orderSaved = Signal()

    def __init__(
        self,
        service: CheckoutService,
        runner: BackgroundRunner,
        lang: Callable[[], str],
        cart: Callable[[], Cart],
        country_code: str,
        demo_profile: Callable[[], Customer | None] | None = None,
        parent: QObject | None = None,
    ):
        super().__init__(parent)
        self._service = service
        self._runner = runner
        self._lang = lang
        self._cart = cart
        self._country = country_code
        self._demo_profile = demo_profile
        self._methods: list[ShippingMethod] = []
        self._methods_model = RowListModel(("methodId", "name", "price", "daysMin", "daysMax"), self)
        self._set("canUseProfile", demo_profile is not None)
        self.last_order: Order | None = None

    def _get_methods(self) -> RowListModel:
        return self._methods_model

    shippingMethods = Property(QObject, _get_methods, constant=True)

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
        return next((m for m in self._methods if m.id == self.methodId), None)

    def _refresh_totals(self) -> None:
        lang = self._lang()
        cart = self._cart()
        method = self._method()
        self._set("shipping", price_text(method.price, lang) if method else "")
        total = cart.subtotal + method.price if method else cart.subtotal
        self._set("total", price_text(total, lang))

    @Slot()
    def enter(self) -> None:
        self._set("error", "")
        self._refresh_totals()

    @Slot()
    def useProfile(self) -> None:
        """Demo: fills the form from a sample shopper's online profile, as a recognised shopper would."""
        if self._demo_profile is None:
            return
        customer = self._demo_profile()
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

    def _request(self) -> CheckoutRequest:
        full_name = f"{self.firstName.strip()} {self.lastName.strip()}".strip()
        return CheckoutRequest(
            cart=self._cart(),
            contact=OrderContact(self.firstName.strip(), self.lastName.strip(), self.email.strip(), self.phone.strip()),
            fulfilment=FulfilmentKind.HOME_DELIVERY,
            payment=PaymentChoice.PAY_AT_COUNTER,
            shipping_address=Address(
                full_name,
                self.street.strip(),
                self.city.strip(),
                self.postalCode.strip(),
                self._country,
                self.phone.strip(),
            ),
            shipping_method=self._method(),
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
        self._set("saving", True)

        def done(order: Order | None, error: Exception | None) -> None:
            self._set("saving", False)
            if order is None:
                # A CheckoutError explains itself; anything else (StorageError first) means nothing was saved.
                message = error.message if isinstance(error, CheckoutError) else NOT_SAVED
                self._set("error", message.get(lang))
                return
            self.last_order = order
            self._set("orderNumber", order.number)
            self._set("orderTotal", price_text(order.total, lang))
            self._set("orderQr", f"image://qr/{order_qr_payload(order)}")
            self.orderSaved.emit()

        service = self._service
        self._runner.write(lambda: service.place(request, lang), done)

    def wipe(self) -> None:
        for name in (*_FIELDS, "error", "orderNumber", "orderTotal", "orderQr"):
            self._set(name, "")
        self._set("saving", False)
        self.last_order = None
        if self._methods:
            self.selectMethod(self._methods[0].id)

    def refresh_language(self) -> None:
        self._refresh_methods()


def order_qr_payload(order: Order) -> str:
    """What the till scans: the order's number and its idempotency key, never personal data."""
    return f"KIOSK-ORDER:{order.number}:{order.client_order_id}"

"""Associate screens: find a customer by email or phone, see the profile (personal data masked until revealed
for a reason, each reveal recorded) and orders, resend a confirmation, order on the customer's behalf and start
a return of a paid online order with its refund shown before it is confirmed.

Only an associate signed in on an associate-mode device (AdminViewModel: mode "associate", PIN accepted) can
reach these screens: the shared kiosk shows a shopper no more than a first name and a masked card number, while
this view-model holds the whole profile. Everything it knows is dropped when the associate signs out (or the
15-minute re-auth signs them out) and when the shopper session ends. Backend calls run on the BackgroundRunner.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from PySide6.QtCore import Property, QObject, Slot

from kiosk.core.customer import Customer, CustomerLookup, PastOrder
from kiosk.core.errors import BackendRejectedError, BackendUnavailableError
from kiosk.core.events import EventKind
from kiosk.core.i18n import LocalizedText
from kiosk.core.money import Money
from kiosk.core.personal_data import (
    FIELD_LABELS,
    REVEAL_REASONS,
    PersonalField,
    RevealError,
    check_reveal,
    field_value,
    has_value,
)
from kiosk.core.ports import CatalogStore, CommerceBackend
from kiosk.core.returns import (
    RETURN_REASONS,
    ReturnError,
    ReturnReceipt,
    check_return,
    refund_amount,
    refund_total,
    why_not_returnable,
)
from kiosk.ui.qt.properties import ViewModel, notified
from kiosk.ui.qt.runner import BackgroundRunner
from kiosk.ui.viewmodels.formatting import catalog_names, date_text, line_name, number_text, price_text, tier_name
from kiosk.ui.viewmodels.list_models import RowListModel

if TYPE_CHECKING:
    from kiosk.ui.viewmodels.admin import AdminViewModel
    from kiosk.ui.viewmodels.app import AppViewModel

# The app's page names for these screens (AppViewModel.PAGES, Main.qml's `pages`).
CUSTOMER_PAGE = "associateCustomer"
ORDERS_PAGE = "associateOrders"
RETURN_PAGE = "associateReturn"
ASSOCIATE_PAGES = (CUSTOMER_PAGE, ORDERS_PAGE, RETURN_PAGE)
ORDERS_SHOWN = 20

# --- messages (word for word; tests assert them) -----------------------------------------------------
LOOKUP_EMPTY = LocalizedText(
    "Enter the customer's email or phone number", "Introduce el correo electrónico o el teléfono del cliente"
)
LOOKUP_NOT_EMAIL_OR_PHONE = LocalizedText(
    "Search by email or phone number only", "Busca solo por correo electrónico o por teléfono"
)
LOOKUP_BAD_EMAIL = LocalizedText(
    "Not a complete email address (like name@example.com)",
    "No es un correo electrónico completo (como nombre@ejemplo.com)",
)
LOOKUP_BAD_PHONE = LocalizedText("A phone number has 9 to 15 digits", "Un teléfono tiene entre 9 y 15 dígitos")
NOT_FOUND_EMAIL = LocalizedText("No customer with the email {value}", "Ningún cliente tiene el correo {value}")
NOT_FOUND_PHONE = LocalizedText(
    "No customer with the phone number {value}", "Ningún cliente tiene el teléfono {value}"
)
STORE_OFFLINE = LocalizedText(
    "The online store cannot be reached. Try again in a moment.",
    "No se puede contactar con la tienda online. Inténtalo de nuevo en un momento.",
)
RESENT = LocalizedText(
    "Confirmation of order {code} sent again to {email}",
    "Confirmación del pedido {code} enviada de nuevo a {email}",
)
RESEND_FAILED = LocalizedText(
    "Could not resend the confirmation of order {code}: {reason}",
    "No se pudo reenviar la confirmación del pedido {code}: {reason}",
)

# What the backends say when they refuse (kiosk.core.returns.check_return and the demo backend), so an
# associate working in Spanish reads the same refusal in Spanish. Anything else is shown as the backend said it.
_BACKEND_ES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), spanish)
    for pattern, spanish in (
        (r"Give a reason for the return", "Indica un motivo para la devolución"),
        (r"Pick at least one line to return", "Elige al menos una línea para devolver"),
        (r"Return quantity for (?P<v>\S+) must be at least 1", "La cantidad a devolver de {v} debe ser al menos 1"),
        (r"Variant (?P<v>\S+) is not in this order", "La variante {v} no está en este pedido"),
        (
            r"Only (?P<n>\d+) of (?P<v>\S+) were bought; cannot return (?P<m>\d+)",
            "Solo se compraron {n} de {v}; no se pueden devolver {m}",
        ),
        (r"no order (?P<code>\S+)", "No existe el pedido {code}"),
        (
            r"order (?P<code>\S+) has no customer to send a confirmation to",
            "El pedido {code} no tiene ningún cliente al que enviar la confirmación",
        ),
        (r"no customer (?P<id>\S+)", "No existe el cliente {id}"),
    )
)

# Order states as backends name them (Vendure's, which the demo backend copies), for people.
ORDER_STATES: dict[str, LocalizedText] = {
    "AddingItems": LocalizedText("In progress", "En curso"),
    "ArrangingPayment": LocalizedText("Awaiting payment", "Pendiente de pago"),
    "PaymentPending": LocalizedText("Payment pending", "Pago pendiente"),
    "PaymentAuthorized": LocalizedText("Payment authorised", "Pago autorizado"),
    "PaymentSettled": LocalizedText("Paid", "Pagado"),
    "PartiallyShipped": LocalizedText("Partly shipped", "Enviado en parte"),
    "Shipped": LocalizedText("Shipped", "Enviado"),
    "PartiallyDelivered": LocalizedText("Partly delivered", "Entregado en parte"),
    "Delivered": LocalizedText("Delivered", "Entregado"),
    "Cancelled": LocalizedText("Cancelled", "Cancelado"),
}

_log = logging.getLogger(__name__)
_EMAIL = re.compile(r"[^@\s]+@[^@\s.]+(\.[^@\s.]+)*\.[^@\s.]{2,}")
_PHONE = re.compile(r"\+?[\d\s().-]+")


def parse_lookup(text: str) -> tuple[CustomerLookup, str] | LocalizedText:
    """What the associate typed as a lookup (by email or by phone), or why it cannot be one.

    Anything with an @ is meant as an email; digits with spaces, dashes, dots, brackets and a leading + are a
    phone number (the backend matches its digits, with or without the country code).
    """
    value = text.strip()
    if not value:
        return LOOKUP_EMPTY
    if "@" in value:
        return (CustomerLookup.EMAIL, value.lower()) if _EMAIL.fullmatch(value) else LOOKUP_BAD_EMAIL
    if not _PHONE.fullmatch(value):
        return LOOKUP_NOT_EMAIL_OR_PHONE
    digits = sum(ch.isdigit() for ch in value)
    return (CustomerLookup.PHONE, value) if 9 <= digits <= 15 else LOOKUP_BAD_PHONE


REFUSED_OTHER = LocalizedText(
    "The store refused this. The details are in the kiosk's log (kiosk admin).",
    "La tienda lo ha rechazado. Los detalles están en el registro del quiosco (kiosk admin).",
)


def backend_message(message: str) -> LocalizedText:
    """A backend's refusal as the associate reads it: the refusals we know the words of, in both languages;
    any other text stays in the log (it is the backend's English, and may name internal ids)."""
    for pattern, spanish in _BACKEND_ES:
        match = pattern.fullmatch(message)
        if match is not None:
            return LocalizedText(message, spanish.format(**match.groupdict()))
    _log.warning("backend refusal shown as 'refused': %s", message)
    return REFUSED_OTHER


def _error_text(error: Exception) -> LocalizedText:
    if isinstance(error, BackendUnavailableError):
        return STORE_OFFLINE
    if isinstance(error, (BackendRejectedError, ReturnError)):
        return backend_message(str(error))
    _log.warning("associate action failed: %r", error)
    return REFUSED_OTHER


def state_text(state: str, lang: str) -> str:
    known = ORDER_STATES.get(state)
    return known.get(lang) if known is not None else state


NO_LINES = LocalizedText(
    "No lines known for this order: it cannot be returned here",
    "No se conocen las líneas de este pedido: no se puede devolver aquí",
)


def return_block(order: PastOrder) -> LocalizedText | None:
    """Why the lines of `order` cannot be returned (not paid, cancelled), or None when they can."""
    if not order.lines:
        return NO_LINES
    return why_not_returnable(order.status)


def order_row(order: PastOrder, lang: str, names: dict[str, LocalizedText] | None = None) -> dict[str, object]:
    """One past order; its lines named as the catalog names them in `lang` (the backend stored one language)."""
    block = return_block(order)
    return {
        "code": order.code,
        "date": date_text(order.placed_on, lang),
        "status": state_text(order.status, lang),
        "total": price_text(order.total, lang),
        "items": ", ".join(f"{line.quantity} × {line_name(line, names or {}, lang)}" for line in order.lines)
        or ", ".join(order.item_names),
        "returnable": block is None,
        "returnNote": block.get(lang) if block is not None else "",
    }


# The order the profile's fields are listed in (the name is the card's title and also a row to reveal).
PROFILE_FIELDS = (
    PersonalField.NAME, PersonalField.EMAIL, PersonalField.PHONE, PersonalField.LOYALTY, PersonalField.ADDRESS
)


class AssociateViewModel(ViewModel):
    availableChanged, available = notified(bool, "available", False)
    queryChanged, query = notified(str, "query", "")
    searchingChanged, searching = notified(bool, "searching", False)
    messageChanged, message = notified(str, "message", "")  # why a lookup found no one
    foundChanged, found = notified(bool, "found", False)
    # what the screen shows of the customer: masked until the associate reveals a field with a reason
    fullNameChanged, fullName = notified(str, "fullName", "")
    emailChanged, email = notified(str, "email", "")
    phoneChanged, phone = notified(str, "phone", "")
    loyaltyNumberChanged, loyaltyNumber = notified(str, "loyaltyNumber", "")
    revealingChanged, revealing = notified(str, "revealing", "")  # the field a reason is being asked for
    revealLabelChanged, revealLabel = notified(str, "revealLabel", "")  # its name, for the question
    tierChanged, tier = notified(str, "tier", "")
    pointsChanged, points = notified(int, "points", 0)
    pointsFigureChanged, pointsFigure = notified(str, "pointsFigure", "")  # "8.200" (es) / "8,200" (en)
    ordersLoadingChanged, ordersLoading = notified(bool, "ordersLoading", False)
    ordersMessageChanged, ordersMessage = notified(str, "ordersMessage", "")
    noticeChanged, notice = notified(str, "notice", "")  # the outcome of "Resend confirmation"
    noticeIsErrorChanged, noticeIsError = notified(bool, "noticeIsError", False)
    resendingChanged, resending = notified(str, "resending", "")  # the order code being resent
    orderingForChanged, orderingFor = notified(str, "orderingFor", "")  # full name, for the banner
    returnOrderCodeChanged, returnOrderCode = notified(str, "returnOrderCode", "")
    reasonChanged, reason = notified(str, "reason", "")
    returnCountChanged, returnCount = notified(int, "returnCount", 0)
    returnBusyChanged, returnBusy = notified(bool, "returnBusy", False)
    returnMessageChanged, returnMessage = notified(str, "returnMessage", "")
    returnIdChanged, returnId = notified(str, "returnId", "")
    refundTotalChanged, refundTotal = notified(str, "refundTotal", "")  # the refund of the lines chosen

    def __init__(
        self,
        backend: CommerceBackend,
        runner: BackgroundRunner,
        lang: Callable[[], str],
        *,
        admin: AdminViewModel,
        shell: AppViewModel,
        navigate: Callable[[str], None],
        store: CatalogStore | None = None,
        record: Callable[[EventKind, Mapping[str, str]], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store  # names past orders' lines in the display language
        self._names: dict[str, LocalizedText] = {}
        self._backend = backend
        self._runner = runner
        self._lang = lang
        self._admin = admin
        self._shell = shell
        self._navigate = navigate
        self._record = record  # a PII_REVEAL event per reveal, queued for the backend (kiosk.core.events)
        self._revealed: set[PersonalField] = set()
        self._generation = 0  # bumped on every wipe and lookup: late answers for an older one are dropped
        self._customer: Customer | None = None
        self._orders: list[PastOrder] = []
        self._ordering_for: Customer | None = None
        self._return_order: PastOrder | None = None
        self._quantities: dict[str, int] = {}
        self._message_text: LocalizedText | None = None
        self._notice_text: LocalizedText | None = None
        self._return_text: LocalizedText | None = None
        self._addresses = RowListModel(("line",), self)
        self._fields = RowListModel(("field", "label", "value", "revealed"), self)
        self._order_rows = RowListModel(
            ("code", "date", "status", "total", "items", "returnable", "returnNote"), self
        )
        self._line_rows = RowListModel(("variantId", "name", "sku", "price", "bought", "quantity", "refund"), self)
        self._reason_rows = RowListModel(("code", "label"), self)
        self._reason_rows.reset(self._reasons())
        self._reveal_reason_rows = RowListModel(("code", "label"), self)
        self._reveal_reason_rows.reset(self._reveal_reasons())
        admin.staffNameChanged.connect(self._staff_changed)
        admin.modeChanged.connect(self._staff_changed)
        shell.pageChanged.connect(self._page_changed)
        shell.shopperNameChanged.connect(self._shopper_changed)
        shell.languageChanged.connect(self.refresh_language)
        self._staff_changed()

    addresses = Property(QObject, lambda self: self._addresses, constant=True)
    personalFields = Property(QObject, lambda self: self._fields, constant=True)
    revealReasons = Property(QObject, lambda self: self._reveal_reason_rows, constant=True)
    orders = Property(QObject, lambda self: self._order_rows, constant=True)
    returnLines = Property(QObject, lambda self: self._line_rows, constant=True)
    reasons = Property(QObject, lambda self: self._reason_rows, constant=True)

    # --- who may see this -------------------------------------------------------------------------
    def _allowed(self) -> bool:
        return self._admin.mode == "associate" and self._admin.signed_in

    def _staff_changed(self) -> None:
        allowed = self._allowed()
        self._set("available", allowed)
        if not allowed:
            self.wipe(keep_ordering_for=True)  # re-auth after 15 min: the shopper being served stays
            if self._shell.page in ASSOCIATE_PAGES:
                self._shell.goHome()

    def _page_changed(self) -> None:
        page = self._shell.page
        if page == "attract":
            self.wipe()  # the shopper session ended: nothing of the customer stays in memory
        elif page in ASSOCIATE_PAGES and not self._allowed():
            self._shell.goHome()

    def _shopper_changed(self) -> None:
        shopper = self._shell.customer
        if self._ordering_for is not None and (shopper is None or shopper.id != self._ordering_for.id):
            self._ordering_for = None
            self._set("orderingFor", "")

    def wipe(self, *, keep_ordering_for: bool = False) -> None:
        self._generation += 1
        self._customer = None
        self._orders = []
        self._return_order = None
        self._quantities = {}
        self._message_text = self._notice_text = self._return_text = None
        self._revealed = set()
        for name in ("query", "message", "fullName", "email", "phone", "loyaltyNumber", "tier", "ordersMessage"):
            self._set(name, "")
        for name in ("notice", "resending", "returnOrderCode", "reason", "returnMessage", "returnId", "refundTotal"):
            self._set(name, "")
        self._set("revealing", "")
        self._set("revealLabel", "")
        self._fields.reset([])
        for name in ("found", "searching", "ordersLoading", "noticeIsError", "returnBusy"):
            self._set(name, False)
        self._set("points", 0)
        self._set("returnCount", 0)
        self._addresses.reset([])
        self._order_rows.reset([])
        self._line_rows.reset([])
        if not keep_ordering_for:
            self._ordering_for = None
            self._set("orderingFor", "")

    # --- navigation -------------------------------------------------------------------------------
    @Slot()
    def open(self) -> None:
        """From the staff menu (or the "Ordering for" banner): the customer screen, staff menu closed."""
        if not self._allowed():
            return
        if self._admin.screen:
            self._admin.close()  # associate mode: hides the menu, the associate stays signed in
        self._navigate(CUSTOMER_PAGE)

    @Slot()
    def showOrders(self) -> None:
        if self._allowed() and self._customer is not None:
            self._set("notice", "")
            self._notice_text = None
            self._navigate(ORDERS_PAGE)
            self._load_orders()

    # --- lookup -----------------------------------------------------------------------------------
    @Slot(str)
    def setQuery(self, text: str) -> None:
        self._set("query", text)
        if self.message:
            self._set_message(None)

    def _set_message(self, text: LocalizedText | None) -> None:
        self._message_text = text
        self._set("message", text.get(self._lang()) if text is not None else "")

    @Slot()
    def lookUp(self) -> None:
        if not self._allowed() or self.searching:
            return
        parsed = parse_lookup(str(self.query))
        if isinstance(parsed, LocalizedText):
            self._set_message(parsed)
            return
        by, value = parsed
        self._show_customer(None)
        self._set_message(None)
        self._set("searching", True)
        self._generation += 1
        generation, backend = self._generation, self._backend

        def done(customer: Customer | None, error: Exception | None) -> None:
            if generation != self._generation:
                return
            self._set("searching", False)
            if error is not None:
                self._set_message(_error_text(error))
            elif customer is None:
                missing = NOT_FOUND_EMAIL if by is CustomerLookup.EMAIL else NOT_FOUND_PHONE
                self._set_message(
                    LocalizedText(missing.en.format(value=value.strip()), missing.es.format(value=value.strip()))
                )
            else:
                self._show_customer(customer)
                self._load_orders()

        self._runner.read(lambda: backend.find_customer(by, value), done)

    def _show_customer(self, customer: Customer | None) -> None:
        self._customer = customer
        self._revealed = set()  # a new customer opens masked, whatever was shown of the last one
        self._set("revealing", "")
        self._set("revealLabel", "")
        self._orders = []
        self._order_rows.reset([])
        self._set("found", customer is not None)
        self._set("tier", tier_name(customer.tier, self._lang()) if customer else "")
        self._set("points", customer.points if customer else 0)
        self._set("pointsFigure", number_text(customer.points, self._lang()) if customer else "")
        self._show_fields()

    def _shown(self, field: PersonalField) -> str:
        customer = self._customer
        return field_value(customer, field, field in self._revealed) if customer is not None else ""

    def _show_fields(self) -> None:
        """Every personal value on screen, masked or revealed as the associate chose."""
        customer, lang = self._customer, self._lang()
        self._set("fullName", self._shown(PersonalField.NAME))
        self._set("email", self._shown(PersonalField.EMAIL))
        self._set("phone", self._shown(PersonalField.PHONE))
        self._set("loyaltyNumber", self._shown(PersonalField.LOYALTY))
        lines = self._shown(PersonalField.ADDRESS)
        self._addresses.reset([{"line": line} for line in lines.split("\n")] if lines else [])
        rows: list[dict[str, object]] = []
        for field in PROFILE_FIELDS:
            if customer is not None and has_value(customer, field):
                rows.append(
                    {
                        "field": field.value,
                        "label": FIELD_LABELS[field].get(lang),
                        "value": self._shown(field),
                        "revealed": field in self._revealed,
                    }
                )
        if rows != self._fields.rows():
            self._fields.reset(rows)

    # --- revealing personal data --------------------------------------------------------------------
    @Slot(str)
    def askReveal(self, field: str) -> None:
        """"Show" beside a masked field: the screen asks why before it shows anything."""
        customer = self._customer
        if not self._allowed() or customer is None:
            return
        try:
            known = PersonalField(field)
        except ValueError:
            return
        if known not in self._revealed and has_value(customer, known):
            self._set("revealing", known.value)
            self._set("revealLabel", FIELD_LABELS[known].get(self._lang()))

    @Slot()
    def cancelReveal(self) -> None:
        self._set("revealing", "")
        self._set("revealLabel", "")

    @Slot(str)
    def reveal(self, reason: str) -> None:
        """Shows the field being asked about, for `reason` (a code of REVEAL_REASONS), and records that the
        signed-in associate did: staff id, customer id, field, reason and time; never the value shown."""
        customer = self._customer
        if not self._allowed() or customer is None or not self.revealing:
            return
        try:
            field = check_reveal(str(self.revealing), reason)
        except RevealError:
            return
        self._record(
            EventKind.PII_REVEAL,
            {
                "staff_id": str(self._admin.staffName),
                "customer_id": customer.id,
                "field": field.value,
                "reason": reason,
            },
        )
        self._revealed.add(field)
        self.cancelReveal()
        self._show_fields()
        self._refresh_banner()

    def _load_orders(self) -> None:
        customer = self._customer
        if customer is None:
            return
        generation, backend = self._generation, self._backend
        self._set("ordersLoading", True)
        self._set("ordersMessage", "")

        store = self._store

        def read() -> tuple[list[PastOrder], dict[str, LocalizedText]]:
            orders = list(backend.customer_orders(customer.id, ORDERS_SHOWN))
            lines = [line for o in orders for line in o.lines]
            return orders, catalog_names(store, lines, [line.product_id for line in lines])

        def done(found: tuple[list[PastOrder], dict[str, LocalizedText]] | None, error: Exception | None) -> None:
            if generation != self._generation:
                return
            self._set("ordersLoading", False)
            if found is None:
                self._set("ordersMessage", _error_text(error or RuntimeError("no orders")).get(self._lang()))
                return
            self._orders, self._names = found
            self._order_rows.reset([order_row(o, self._lang(), self._names) for o in self._orders])

        self._runner.read(read, done)

    # --- order on the customer's behalf -------------------------------------------------------------
    @Slot()
    def orderForCustomer(self) -> None:
        """The customer becomes the session's shopper: the checkout then orders for them."""
        customer = self._customer
        if not self._allowed() or customer is None:
            return
        self._shell.recognise(customer)
        self._ordering_for = customer
        self._refresh_banner()
        self._shell.goHome()

    def _refresh_banner(self) -> None:
        """"Ordering for …" says as much of the name as the associate has revealed."""
        ordering_for, shown = self._ordering_for, self._customer
        if ordering_for is not None:
            revealed = PersonalField.NAME in self._revealed and shown is not None and shown.id == ordering_for.id
            self._set("orderingFor", field_value(ordering_for, PersonalField.NAME, revealed))

    # --- resend -----------------------------------------------------------------------------------
    @Slot(str)
    def resend(self, code: str) -> None:
        customer = self._customer
        if not self._allowed() or customer is None or self.resending:
            return
        self._set("resending", code)
        self._set_notice(None, False)
        generation, backend = self._generation, self._backend

        def done(_: object, error: Exception | None) -> None:
            if generation != self._generation:
                return
            self._set("resending", "")
            if error is None:  # the address as far as the associate has revealed it
                shown = field_value(customer, PersonalField.EMAIL, PersonalField.EMAIL in self._revealed)
                self._set_notice(RESENT, False, code=code, email=shown)
            else:
                reason = _error_text(error)
                self._set_notice(
                    LocalizedText(
                        RESEND_FAILED.en.format(code=code, reason=reason.en),
                        RESEND_FAILED.es.format(code=code, reason=reason.es or reason.en),
                    ),
                    True,
                )

        self._runner.write(lambda: backend.resend_order_confirmation(code), done)

    def _set_notice(self, text: LocalizedText | None, is_error: bool, **fields: str) -> None:
        if text is not None and fields:
            text = LocalizedText(text.en.format(**fields), text.es.format(**fields))
        self._notice_text = text
        self._set("noticeIsError", is_error)
        self._set("notice", text.get(self._lang()) if text is not None else "")

    # --- return -----------------------------------------------------------------------------------
    @Slot(str)
    def startReturn(self, code: str) -> None:
        order = next((o for o in self._orders if o.code == code), None)
        if not self._allowed() or order is None or return_block(order) is not None:
            return  # the orders screen says why this order's lines cannot be returned
        self._return_order = order
        self._quantities = {line.variant_id: 0 for line in order.lines}
        self._set("returnOrderCode", code)
        self._set("reason", "")
        self._set("returnId", "")
        self._set_return_message(None)
        self._refresh_lines()
        self._navigate(RETURN_PAGE)

    def _bought(self) -> dict[str, int]:
        bought: dict[str, int] = {}
        for line in self._return_order.lines if self._return_order else ():
            bought[line.variant_id] = bought.get(line.variant_id, 0) + line.quantity
        return bought

    def _refresh_lines(self) -> None:
        order, lang, quantities = self._return_order, self._lang(), self._quantities
        bought = self._bought()
        rows: list[dict[str, object]] = []
        seen: set[str] = set()
        for line in order.lines if order else ():
            if line.variant_id in seen:
                continue  # the same variant on two lines is one row with the quantities added up
            seen.add(line.variant_id)
            rows.append(
                {
                    "variantId": line.variant_id,
                    "name": line_name(line, self._names, self._lang()),
                    "sku": line.sku,
                    "price": price_text(line.unit_price, lang),
                    "bought": bought[line.variant_id],
                    "quantity": self._quantities.get(line.variant_id, 0),
                    "refund": price_text(refund_amount(line.unit_price, quantities.get(line.variant_id, 0)), lang),
                }
            )
        self._line_rows.reset(rows)
        self._set("returnCount", sum(self._quantities.values()))
        self._set("refundTotal", price_text(self._refund(order), lang) if order is not None else "")

    def _refund(self, order: PastOrder) -> Money:
        """The refund of the lines chosen so far: each variant's unit price paid times the quantity going back."""
        prices = {line.variant_id: line.unit_price for line in order.lines}
        return refund_total([(prices[v], q) for v, q in self._quantities.items() if q > 0], order.total.currency)

    @Slot(str, int)
    def changeQuantity(self, variant_id: str, delta: int) -> None:
        """The +/- buttons: between none and what was bought of that line."""
        if self.returnId or self.returnBusy or variant_id not in self._quantities:
            return
        bought = self._bought()[variant_id]
        quantity = min(max(self._quantities[variant_id] + delta, 0), bought)
        if quantity != self._quantities[variant_id]:
            self._quantities[variant_id] = quantity
            self._set_return_message(None)
            self._refresh_lines()

    @Slot(str)
    def setReason(self, code: str) -> None:
        if not self.returnId and any(code == known for known, _ in RETURN_REASONS):
            self._set("reason", code)
            self._set_return_message(None)

    def _set_return_message(self, text: LocalizedText | None) -> None:
        self._return_text = text
        self._set("returnMessage", text.get(self._lang()) if text is not None else "")

    @Slot()
    def confirmReturn(self) -> None:
        order = self._return_order
        if not self._allowed() or order is None or self.returnBusy or self.returnId:
            return
        lines = [(variant_id, qty) for variant_id, qty in self._quantities.items() if qty > 0]
        reason = str(self.reason)
        try:
            check_return(lines, self._bought(), reason)  # the same words the backend would answer, sooner
        except ReturnError as exc:
            self._set_return_message(backend_message(str(exc)))
            return
        self._set("returnBusy", True)
        self._set_return_message(None)
        generation, backend, code = self._generation, self._backend, order.code

        def done(receipt: ReturnReceipt | None, error: Exception | None) -> None:
            if generation != self._generation:
                return
            self._set("returnBusy", False)
            if receipt is None:
                self._set_return_message(_error_text(error or RuntimeError("no receipt")))
                return
            self._set("returnId", receipt.return_id)

        self._runner.write(lambda: backend.start_return(code, lines, reason), done)

    @Slot()
    def finishReturn(self) -> None:
        """Back to the orders (the page the return was started from), which are read again: a return can
        change an order's state."""
        self._return_order = None
        self._quantities = {}
        self._line_rows.reset([])
        self._set("returnOrderCode", "")
        self._set("returnId", "")
        self._set("reason", "")
        self._set("returnCount", 0)
        self._set("refundTotal", "")
        if self._shell.page == RETURN_PAGE:
            self._shell.back()
        self._load_orders()

    # --- language ---------------------------------------------------------------------------------
    def _reasons(self) -> list[dict[str, object]]:
        lang = self._lang()
        return [{"code": code, "label": label.get(lang)} for code, label in RETURN_REASONS]

    def _reveal_reasons(self) -> list[dict[str, object]]:
        lang = self._lang()
        return [{"code": code, "label": label.get(lang)} for code, label in REVEAL_REASONS]

    @Slot()
    def refresh_language(self) -> None:
        lang = self._lang()
        self._reason_rows.reset(self._reasons())
        self._reveal_reason_rows.reset(self._reveal_reasons())
        self._show_fields()
        if self.revealing:
            self._set("revealLabel", FIELD_LABELS[PersonalField(str(self.revealing))].get(lang))
        self._order_rows.reset([order_row(o, lang) for o in self._orders])
        if self._return_order is not None:
            self._refresh_lines()
        self._set("message", self._message_text.get(lang) if self._message_text else "")
        self._set("notice", self._notice_text.get(lang) if self._notice_text else "")
        self._set("returnMessage", self._return_text.get(lang) if self._return_text else "")

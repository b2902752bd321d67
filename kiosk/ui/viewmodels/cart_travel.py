"""Carts that travel, as the shopper sees them: a web-shop QR fills the kiosk cart, a QR takes it to the phone."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal, Slot

from kiosk.core.cart import Cart, CartItemRef
from kiosk.core.customer import Customer
from kiosk.core.errors import BackendUnavailableError
from kiosk.core.handoff import CartLink
from kiosk.core.i18n import LocalizedText
from kiosk.core.services.cart_transfer import CartTransfer, ResolvedCart
from kiosk.ui.qt.properties import ViewModel, notified
from kiosk.ui.qt.runner import BackgroundRunner
from kiosk.ui.viewmodels.cart import CartViewModel

HANDOFF_LOADED = (
    LocalizedText("Your online cart is here: 1 item.", "Tu carrito online ya está aquí: 1 artículo."),
    LocalizedText("Your online cart is here: {count} items.", "Tu carrito online ya está aquí: {count} artículos."),
)
SOME_MISSING = (
    LocalizedText(" 1 item is not available at this kiosk.", " 1 artículo no está disponible en este quiosco."),
    LocalizedText(
        " {missing} items are not available at this kiosk.",
        " {missing} artículos no están disponibles en este quiosco.",
    ),
)
HANDOFF_UNKNOWN = LocalizedText(
    "This cart link has expired or was already used. Please create a new one in the web shop.",
    "Este enlace de carrito ha caducado o ya se usó. Crea uno nuevo en la tienda online.",
)
HANDOFF_OFFLINE = LocalizedText(
    "We can't reach the web shop right now to load your cart. Please try again in a moment.",
    "Ahora no podemos conectar con la tienda online para cargar tu carrito. Inténtalo de nuevo en un momento.",
)
PUBLISH_OFFLINE = LocalizedText(
    "We can't reach the web shop right now, so the cart can't go to your phone. Please try again soon.",
    "Ahora no podemos conectar con la tienda online y el carrito no puede pasar a tu móvil. Inténtalo pronto.",
)
LINK_SENT = LocalizedText(
    "We also sent this link to your email and app.", "También te hemos enviado este enlace al correo y a la app."
)
SAVED_CART_EMPTY = LocalizedText("Your saved cart is empty.", "Tu carrito guardado está vacío.")
SAVED_CART_FAILED = LocalizedText(
    "We could not load your saved cart. Please ask a store associate.",
    "No hemos podido cargar tu carrito guardado. Pide ayuda al personal de la tienda.",
)


class CartTravelViewModel(ViewModel):
    phoneQrChanged, phoneQr = notified(str, "phoneQr", "")
    phoneUrlChanged, phoneUrl = notified(str, "phoneUrl", "")
    phoneNoteChanged, phoneNote = notified(str, "phoneNote", "")
    busyChanged, busy = notified(bool, "busy", False)
    errorChanged, error = notified(str, "error", "")
    cartLoaded = Signal(str)  # the notice to show; the app then opens the cart page
    failed = Signal(str)  # a shopper-facing message

    def __init__(
        self,
        transfer: CartTransfer,
        cart: CartViewModel,
        runner: BackgroundRunner,
        lang: Callable[[], str],
        customer: Callable[[], Customer | None],
        parent: QObject | None = None,
    ):
        super().__init__(parent)
        self._transfer = transfer
        self._cart = cart
        self._runner = runner
        self._lang = lang
        self._customer = customer
        self._published_for: tuple[CartItemRef, ...] | None = None

    # --- web shop -> kiosk ------------------------------------------------------------------------
    def load_handoff(self, cart_id: str) -> None:
        transfer = self._transfer
        self._set("busy", True)

        def done(resolved: ResolvedCart | None, error: Exception | None) -> None:
            self._set("busy", False)
            if resolved is None:
                message = HANDOFF_OFFLINE if isinstance(error, BackendUnavailableError) else HANDOFF_UNKNOWN
                self.failed.emit(message.get(self._lang()))
                return
            self._add(resolved)

        self._runner.read(lambda: transfer.load_handoff(cart_id), done)

    @Slot()
    def addSavedCart(self) -> None:
        """The recognised shopper's saved online cart, added to what is already in the kiosk cart."""
        customer = self._customer()
        if customer is None:
            return
        if not customer.saved_cart:
            self.failed.emit(SAVED_CART_EMPTY.get(self._lang()))
            return
        transfer, refs = self._transfer, customer.saved_cart
        self._runner.read(lambda: transfer.resolve(refs, customer.id), self._resolved)

    def _resolved(self, resolved: ResolvedCart | None, error: Exception | None) -> None:
        if resolved is not None:
            self._add(resolved)
        else:
            self.failed.emit(SAVED_CART_FAILED.get(self._lang()))

    def _add(self, resolved: ResolvedCart) -> None:
        for line in resolved.lines:
            self._cart.add(line.match.product, line.match.variant, line.quantity)
        lang = self._lang()
        count = sum(line.quantity for line in resolved.lines)
        notice = HANDOFF_LOADED[count != 1].get(lang).format(count=count)
        if resolved.missing:
            notice += SOME_MISSING[resolved.missing != 1].get(lang).format(missing=resolved.missing)
        self.cartLoaded.emit(notice)

    # --- kiosk -> phone ---------------------------------------------------------------------------
    @Slot()
    def continueOnPhone(self) -> None:
        refs = self._cart.cart.item_refs()
        if not refs or self.busy:
            return
        if refs == self._published_for and self.phoneUrl:
            return  # the QR on screen already opens exactly this cart
        customer = self._customer()
        transfer = self._transfer
        customer_id = customer.id if customer is not None else None
        self._set("busy", True)
        self._set("error", "")

        def done(result: tuple[CartLink, bool] | None, error: Exception | None) -> None:
            self._set("busy", False)
            lang = self._lang()
            if result is None:
                self._set("error", PUBLISH_OFFLINE.get(lang))
                return
            link, sent = result
            self._published_for = refs
            self._set("phoneUrl", link.url)
            self._set("phoneQr", f"image://qr/{link.url}")
            self._set("phoneNote", LINK_SENT.get(lang) if sent else "")

        self._runner.write(lambda: transfer.publish(refs, customer_id), done)

    @Slot()
    def closePhone(self) -> None:
        for name in ("phoneQr", "phoneUrl", "phoneNote", "error"):
            self._set(name, "")

    def save_left_behind(self, customer: Customer | None, cart: Cart) -> None:
        """Called as the session ends: the cart of a recognised shopper is kept online for them."""
        if customer is None or cart.is_empty:
            return
        transfer, refs, customer_id = self._transfer, cart.item_refs(), customer.id
        self._runner.write(lambda: transfer.save_left_behind(customer_id, refs), lambda _r, _e: None)

    def wipe(self) -> None:
        self.closePhone()
        self._published_for = None
        self._set("busy", False)

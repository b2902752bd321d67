"""The recognised shopper's wishlist from the kiosk: the product page's toggle and the link to it on the phone.

Offline the change is refused with a message rather than queued. A queued change would have to keep the
customer's id and the product on the kiosk's disk past the session (the order outbox is the only place shopper
data may wait, and only inside an order), while a wishlist entry is never urgent: the shopper can tap again in
a moment, or add it from the web shop through the QR on the account page.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from PySide6.QtCore import Signal, Slot

from kiosk.core.customer import Customer
from kiosk.core.enrolment import wishlist_url
from kiosk.core.errors import BackendUnavailableError
from kiosk.core.i18n import LocalizedText
from kiosk.core.ports import LoyaltyMembership
from kiosk.ui.qt.properties import ViewModel, notified
from kiosk.ui.qt.runner import BackgroundRunner
from kiosk.ui.viewmodels.enrolment import MembershipUnavailableError

WISHLIST_ADDED = LocalizedText("Added to your wishlist.", "Añadido a tu lista de deseos.")
WISHLIST_REMOVED = LocalizedText("Removed from your wishlist.", "Quitado de tu lista de deseos.")
WISHLIST_OFFLINE = LocalizedText(
    "We can't save your wishlist right now. Please try again in a moment, or add it from the web shop.",
    "Ahora no podemos guardar tu lista de deseos. Inténtalo de nuevo en un momento o añádelo desde la tienda "
    "online.",
)
WISHLIST_FAILED = LocalizedText(
    "We couldn't change your wishlist. Please ask a store associate.",
    "No hemos podido cambiar tu lista de deseos. Pide ayuda al personal de la tienda.",
)
WISHLIST_UNAVAILABLE = LocalizedText(
    "The wishlist can't be changed at this kiosk. Scan the code on your account page to open it on your phone.",
    "En este quiosco no se puede cambiar la lista de deseos. Escanea el código de tu cuenta para abrirla en tu "
    "móvil.",
)


class WishlistViewModel(ViewModel):
    canWishChanged, canWish = notified(bool, "canWish", False)  # a recognised shopper on a loaded product
    productWishedChanged, productWished = notified(bool, "productWished", False)
    busyChanged, busy = notified(bool, "busy", False)
    phoneUrlChanged, phoneUrl = notified(str, "phoneUrl", "")
    phoneQrChanged, phoneQr = notified(str, "phoneQr", "")
    notice = Signal(str)  # what happened, for the app's notice line
    changed = Signal(object)  # the customer with the wishlist as the backend now has it

    def __init__(
        self,
        runner: BackgroundRunner,
        lang: Callable[[], str],
        membership: Callable[[], LoyaltyMembership | None],
        customer: Callable[[], Customer | None],
        product_id: Callable[[], str],
        *,
        store_host: str,
        parent: ViewModel | None = None,
    ):
        super().__init__(parent)
        self._runner = runner
        self._lang = lang
        self._membership = membership
        self._customer = customer
        self._product_id = product_id
        url = wishlist_url(store_host)
        self._set("phoneUrl", url)
        self._set("phoneQr", f"image://qr/{url}")

    @Slot()
    def refresh(self) -> None:
        """After the product page or the shopper changed."""
        customer, product_id = self._customer(), self._product_id()
        self._set("canWish", customer is not None and bool(product_id))
        self._set("productWished", customer is not None and product_id in customer.wishlist)

    @Slot()
    def toggle(self) -> None:
        customer, product_id = self._customer(), self._product_id()
        if customer is None or not product_id or self.busy:
            return
        wished = product_id not in customer.wishlist
        membership = self._membership
        self._set("busy", True)

        def work() -> tuple[str, ...]:
            backend = membership()
            if backend is None:
                raise MembershipUnavailableError()
            return backend.set_wishlisted(customer.id, product_id, wished)

        def done(wishlist: tuple[str, ...] | None, error: Exception | None) -> None:
            self._set("busy", False)
            lang = self._lang()
            current = self._customer()
            if current is None or current.id != customer.id:
                return  # the session ended meanwhile: nothing of that shopper comes back on screen
            if wishlist is None:
                text = (
                    WISHLIST_OFFLINE
                    if isinstance(error, BackendUnavailableError)
                    else WISHLIST_UNAVAILABLE
                    if isinstance(error, MembershipUnavailableError)
                    else WISHLIST_FAILED
                )
                self.notice.emit(text.get(lang))
                return
            self.changed.emit(dataclasses.replace(current, wishlist=tuple(wishlist)))
            self.refresh()
            self.notice.emit((WISHLIST_ADDED if wished else WISHLIST_REMOVED).get(lang))

        self._runner.write(work, done)

    def wipe(self) -> None:
        self._set("canWish", False)
        self._set("productWished", False)
        self._set("busy", False)

"""The session's coupons and the cart priced with the promotions, as the cart, checkout and scan toast show them.

The cart and checkout pages read from here rather than pricing anything themselves: `priced()` is the current
cart with every promotion in force and the session's codes (kiosk.core.services.offers), `lineSaving()` one
line's saving as text, `applyCoupon()` a typed code with the exact message to show.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Property, QObject, Signal, Slot

from kiosk.core.cart import Cart
from kiosk.core.promotions import PricedCart
from kiosk.core.services.offers import PRICE_CONFIRMED_LATER, CouponOutcome, Offers, SessionCoupons
from kiosk.ui.qt.properties import ViewModel, notified
from kiosk.ui.viewmodels.formatting import price_text


class OffersViewModel(ViewModel):
    # the last coupon's outcome: the message word for word, and whether the code was taken
    messageChanged, message = notified(str, "message", "")
    acceptedChanged, accepted = notified(bool, "accepted", False)
    # the cart as priced now: the total saving ("" when none), the total after it, and "Price confirmed when
    # the order is sent." while the kiosk's own estimate includes an offer and the backend cannot be asked
    savingChanged, saving = notified(str, "saving", "")
    totalChanged, total = notified(str, "total", "")
    priceNoteChanged, priceNote = notified(str, "priceNote", "")
    couponCodesChanged = Signal()
    changed = Signal()  # codes or promotions changed: whatever shows prices re-reads priced()

    def __init__(
        self,
        offers: Offers,
        lang: Callable[[], str],
        cart: Callable[[], Cart],
        parent: QObject | None = None,
        *,
        online: Callable[[], bool] = lambda: True,
    ) -> None:
        super().__init__(parent)
        self.offers = offers
        self.coupons = SessionCoupons(offers)
        self._lang = lang
        self._cart = cart
        self._online = online
        self._outcome: CouponOutcome | None = None
        self.refresh()

    def _get_codes(self) -> list[str]:
        return list(self.coupons.codes)

    couponCodes = Property(list, _get_codes, notify=couponCodesChanged)  # the codes applied, in order

    def coupon_codes(self) -> tuple[str, ...]:
        """What the checkout puts in Order.coupon_codes."""
        return self.coupons.codes

    def priced(self, cart: Cart | None = None) -> PricedCart:
        """The cart (the current one by default) with the promotions in force and the session's codes."""
        return self.offers.price(self._cart() if cart is None else cart, self.coupons.codes)

    @Slot(str, result=str)
    def lineSaving(self, variant_id: str) -> str:
        """One cart line's saving as text ("" when the line earns none)."""
        saving = self.priced().saving_for(variant_id)
        return price_text(saving, self._lang()) if saving.amount > 0 else ""

    @Slot(str, result=bool)
    def applyCoupon(self, code: str) -> bool:
        """A code typed on the on-screen keyboard: it must apply to the cart as it is now."""
        before = self.coupons.codes  # read before applying: afterwards it already holds the new code
        return self._took(self.coupons.apply(code, self._cart()), before)

    def apply_scanned(self, code: str) -> CouponOutcome:
        """A poster's code scanned anywhere: kept for the session even before the cart qualifies."""
        before = self.coupons.codes
        outcome = self.coupons.apply(code, self._cart(), scanned=True)
        self._took(outcome, before)
        return outcome

    @Slot(str)
    def removeCoupon(self, code: str) -> None:
        said = self.coupons.remove(code)
        if said is not None:
            self._outcome = CouponOutcome(code, False, said)
            self._show_outcome()
            self._codes_changed()

    def _took(self, outcome: CouponOutcome, before: tuple[str, ...]) -> bool:
        """`before`: the codes before this one was applied; a change re-prices and tells the screens."""
        self._outcome = outcome
        self._show_outcome()
        if self.coupons.codes != before:
            self._codes_changed()
        return outcome.accepted

    def _show_outcome(self) -> None:
        outcome = self._outcome
        self._set("message", outcome.message.get(self._lang()) if outcome is not None else "")
        self._set("accepted", outcome.accepted if outcome is not None else False)

    def _codes_changed(self) -> None:
        self.couponCodesChanged.emit()
        self.refresh()
        self.changed.emit()

    @Slot()
    def refresh(self) -> None:
        """Re-prices the current cart (after a cart change, a promotion change, a language switch)."""
        lang = self._lang()
        priced = self.priced()
        saving = priced.total_saving
        self._set("saving", price_text(saving, lang) if saving.amount > 0 else "")
        self._set("total", price_text(priced.total, lang))
        offline_offer = bool(priced.applied) and not self._online()
        self._set("priceNote", PRICE_CONFIRMED_LATER.get(lang) if offline_offer else "")

    def offers_changed(self) -> None:
        self.refresh()
        self.changed.emit()

    def refresh_language(self) -> None:
        self._show_outcome()
        self.refresh()

    @Slot()
    def dismissMessage(self) -> None:
        self._outcome = None
        self._show_outcome()

    def wipe(self) -> None:
        """The session ended: its codes and the last message go."""
        had = bool(self.coupons.codes)
        self.coupons.clear()
        self._outcome = None
        self._show_outcome()
        if had:
            self.couponCodesChanged.emit()
            self.changed.emit()
        self.refresh()

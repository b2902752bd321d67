"""A free-shipping offer on the checkout's delivery method rows: the struck list price and what the shopper pays,
the same figure as the totals block, on screen and in speech, in both languages."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import pytest
from PySide6.QtCore import QCoreApplication

from kiosk.app import KioskApp
from kiosk.core.cart import Cart, CartLine
from kiosk.core.i18n import LocalizedText
from kiosk.core.money import Money
from kiosk.core.order import ShippingMethod
from kiosk.core.promotions import CouponCheck, CouponProblem, PricedCart
from kiosk.core.services.checkout import CheckoutService
from kiosk.ui.devtools.bench_driver import visual_items
from kiosk.ui.qt.runner import BackgroundRunner
from kiosk.ui.qt.self_voicing import describe
from kiosk.ui.viewmodels.checkout import CheckoutViewModel
from tests.fakes import FakeClock
from tests.ui.helpers import find, next_step, text_of

STANDARD = ShippingMethod("std", "standard", LocalizedText("Standard delivery", "Envío estándar"),
                          Money.of("4.95", "EUR"), 3, 5)  # fmt: skip
EXPRESS = ShippingMethod("exp", "express", LocalizedText("Express delivery", "Envío exprés"),
                         Money.of("9.95", "EUR"), 1, 2)  # fmt: skip


class _NoOutbox:
    def save_all(self, orders: object) -> None:
        raise AssertionError("nothing is placed in this test")


class _FreeShipping:
    """Prices every order with free shipping while `free[0]` holds (the offer), else at list prices."""

    def __init__(self, free: list[bool]) -> None:
        self.free = free

    def price(self, cart: Cart, codes: Iterable[str] = ()) -> PricedCart:
        return PricedCart(cart.subtotal, free_shipping=self.free[0], applied=("ship",) if self.free[0] else ())

    def check(self, code: str, cart: Cart, used_codes: Iterable[str] = ()) -> CouponCheck:
        return CouponCheck(code, problem=CouponProblem.UNKNOWN)


def _line(price: str) -> CartLine:
    return CartLine("v1", "p1", "SKU-1", LocalizedText("Coat", "Abrigo"), "", Money.of(price, "EUR"), 1)


def test_the_method_rows_show_the_price_the_offer_leaves_and_the_totals_agree(qapp) -> None:  # type: ignore[no-untyped-def]
    lang = ["en"]
    cart = [Cart("EUR").add(_line("60"))]
    free = [True]
    service = CheckoutService(_NoOutbox(), FakeClock(), "here", "k1")  # type: ignore[arg-type]
    runner = BackgroundRunner()
    vm = CheckoutViewModel(service, runner, lambda: lang[0], lambda: cart[0], "ES")
    vm.set_shipping_methods([STANDARD, EXPRESS])
    vm.set_offers(_FreeShipping(free), tuple)

    def rows() -> list[tuple[str, str, str]]:
        return [(r["price"], r["listPrice"], r["spokenPrice"]) for r in vm.shippingMethods.rows()]

    assert rows() == [("Free", "€4.95", "Free, instead of €4.95"), ("Free", "€9.95", "Free, instead of €9.95")]
    assert vm.shipping == "Free" and vm.total == "€60.00"  # the chosen (first) method's row says the same
    vm.selectMethod("exp")
    assert vm.shipping == rows()[1][0] and vm.total == "€60.00"
    lang[0] = "es"
    vm.refresh_language()
    assert rows() == [("Gratis", "4,95 €", "Gratis, en lugar de 4,95 €"), ("Gratis", "9,95 €", "Gratis, en lugar de 9,95 €")]
    assert vm.shipping == "Gratis"
    # no offer (e.g. under its minimum): the list price alone, and the totals add it
    free[0] = False
    vm.refresh_totals()
    assert rows() == [("4,95 €", "", "4,95 €"), ("9,95 €", "", "9,95 €")]
    assert vm.shipping == "9,95 €" and vm.total == "69,95 €"
    assert runner.wait_idle()  # nothing was asked of the workers: no reply lands after the test


@pytest.fixture
def kiosk(kiosk: KioskApp) -> Iterator[KioskApp]:
    """The conftest kiosk, back in English after the test: the translator belongs to the QApplication."""
    yield kiosk
    kiosk.app_vm.setLanguage("en")
    kiosk.runner.wait_idle()
    QCoreApplication.processEvents()


def _child(item: object, name: str) -> object:
    return next(x for x in visual_items(item) if x.objectName() == name)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("lang", "struck", "free", "spoken"),
    [("en", "€4.95", "Free", "Free, instead of €4.95"), ("es", "4,95 €", "Gratis", "Gratis, en lugar de 4,95 €")],
)
def test_over_the_free_shipping_minimum_the_method_row_says_free_as_the_totals_do(  # type: ignore[no-untyped-def]
    kiosk: KioskApp, qtbot, lang: str, struck: str, free: str, spoken: str
) -> None:
    vm, window = kiosk.app_vm, kiosk.window
    vm.start()
    vm.setLanguage(lang)
    store = kiosk.services.store
    # the demo store's "Free shipping over €50": one item of €50 or more, in the warehouse to be delivered
    product, variant = next(
        (p, v) for hit in store.popular(400) if (p := store.product(hit.product_id)) is not None
        for v in p.variants if v.price.amount >= 50 and store.availability(v).warehouse > 0
    )  # fmt: skip
    vm.cart.add(product, variant)
    vm.openCheckout()
    checkout = vm.checkout
    qtbot.waitUntil(lambda: vm.page == "checkout" and checkout.optionKey == "home_delivery:", timeout=5000)
    qtbot.waitUntil(lambda: checkout.shipping == free, timeout=5000)  # the offers are priced on a worker
    next_step(qtbot, kiosk, 1)
    qtbot.waitUntil(lambda: find(window, "method_standard").isVisible())
    row = find(window, "method_standard")
    listed, paid = _child(row, "methodListPrice"), _child(row, "methodPrice")
    assert listed.isVisible() and listed.property("text") == struck  # type: ignore[attr-defined]
    assert listed.property("font").strikeOut()  # type: ignore[attr-defined]
    assert paid.property("text") == free == checkout.shipping == text_of(window, "checkoutDelivery")  # type: ignore[attr-defined]
    estimate = checkout.shippingMethods.rows()[0]["estimate"]
    name = {"en": "Standard delivery, option, selected", "es": "Envío estándar, opción, seleccionada"}[lang]
    assert describe(row, lang) == f"{name}. {estimate}, {spoken}"  # what speech mode says on the row

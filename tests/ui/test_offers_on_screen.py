"""Offers on screen (issue 19): the badge on cards and the product page in both languages, the price after the
offer with the catalog price struck, coupon posters scanned anywhere (taken or refused word for word), the order's
codes, the order status's final amount, and a promotion changed in the store shown after the next pass.

The demo store runs on the kiosk's own fake clock, so its relative dates are fixed: Monday 23 Nov 2026, the
trainers' 20% ends at midnight on Sunday, AUTUMN15 expired on 12 Nov, JANUARY25 starts on 13 Dec.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtGui import QAccessible
from PySide6.QtQuick import QQuickItem

from kiosk.app import KioskApp
from kiosk.backends.demo.backend import DemoBackend
from kiosk.core.i18n import LocalizedText
from kiosk.core.order import OrderStatus
from kiosk.core.order_tracking import order_code
from kiosk.core.promotions import Promotion, PromotionKind
from kiosk.ui.devtools.bench_driver import visual_items
from tests.fakes import FakeClock, utc_time_zone
from tests.ui.conftest import MakeKiosk
from tests.ui.helpers import find, text_of

NAVY, BLACK = "p0000001-v01", "p0000001-v03"  # the headphones: Navy is in the 20% offer, Black is not


@pytest.fixture(autouse=True)
def _utc() -> Iterator[None]:
    with utc_time_zone():
        yield


@pytest.fixture
def kiosk_for(make_kiosk: MakeKiosk) -> Iterator[Callable[[DemoBackend], KioskApp]]:
    """A kiosk on the given store, back in English afterwards: the translator belongs to the QApplication every
    test shares, and the next test expects English."""
    built: list[KioskApp] = []

    def build(backend: DemoBackend) -> KioskApp:
        built.append(make_kiosk(backend=backend))
        return built[-1]

    yield build
    for kiosk in built:
        kiosk.app_vm.setLanguage("en")


@pytest.fixture
def shop(tmp_path: Path, clock: FakeClock) -> DemoBackend:
    return DemoBackend(tmp_path / "shop", catalog_size=300, clock=clock)


def _items(item: QQuickItem) -> Iterator[QQuickItem]:
    return visual_items(item)  # skips a stale wrapper left by a delegate destroyed a moment ago


def _card(kiosk: KioskApp, product_id: str) -> QQuickItem | None:
    """The ProductCard showing `product_id` (a Tappable: it has a description), if one is on screen."""
    return next(
        (i for i in _items(kiosk.window.contentItem())
         if i.property("productId") == product_id and i.property("description") is not None),
        None,
    )  # fmt: skip


def _card_badge(kiosk: KioskApp, product_id: str) -> str | None:
    """The offer badge's text on the card showing `product_id` ("" when the card shows none); None: no card."""
    card = _card(kiosk, product_id)
    if card is None:
        return None
    badge = next(x for x in _items(card) if x.objectName() == "offerBadge")
    return str(badge.childItems()[0].property("text")) if badge.isVisible() else ""


def _spoken_description(inside: QQuickItem) -> str:
    """The product page's accessible description (what speech says after the name), from an item on the page."""
    page: QQuickItem | None = inside
    while page is not None and page.property("app") is None:
        page = page.parentItem()
    assert page is not None
    interface = QAccessible.queryAccessibleInterface(page)
    assert interface is not None
    return str(interface.text(QAccessible.Text.Description))


def _open_headphones(kiosk: KioskApp, qtbot, colour: str) -> None:  # type: ignore[no-untyped-def]
    vm = kiosk.app_vm
    vm.openProduct("p0000001")
    qtbot.waitUntil(lambda: vm.page == "product" and vm.product.productId == "p0000001" and vm.product.loaded)
    vm.product.selectColour(colour)


def _scan(kiosk: KioskApp, payload: str) -> None:
    assert kiosk.virtual_scanner is not None
    kiosk.virtual_scanner.write(b"]Q1" + payload.encode() + b"\r")


def _status_once_delivered(kiosk: KioskApp, qtbot, payload: str) -> None:  # type: ignore[no-untyped-def]
    """Ends the session, lets the sender deliver the order, then scans its QR: the order status page."""
    vm = kiosk.app_vm
    client_order_id = payload.rsplit(":", 1)[1]
    vm.finish()
    kiosk._wake.set()
    qtbot.waitUntil(lambda: (e := kiosk.services.outbox.get(client_order_id)) is not None
                    and e.status is OrderStatus.DELIVERED, timeout=10000)  # fmt: skip
    _scan(kiosk, payload)
    qtbot.waitUntil(lambda: vm.page == "orderStatus" and vm.orderStatus.found, timeout=5000)


def _place(kiosk: KioskApp, qtbot) -> str:  # type: ignore[no-untyped-def]
    """The cart ordered for collection (the first store option available); returns the order's QR payload."""
    vm = kiosk.app_vm
    vm.openCheckout()
    qtbot.waitUntil(lambda: vm.checkout.fulfilmentOptions.count > 0, timeout=5000)
    rows = vm.checkout.fulfilmentOptions.rows()
    vm.checkout.selectOption(next(r["optionKey"] for r in rows if r["available"] and r["kind"] != "home_delivery"))
    for name, value in [("firstName", "Ana"), ("lastName", "Ruiz"), ("email", "ana@example.com")]:
        vm.checkout.setField(name, value)
    vm.checkout.placeOrder()
    qtbot.waitUntil(lambda: vm.page == "confirmation", timeout=5000)
    order = vm.checkout.last_order
    assert order is not None
    return order_code(order).qr_payload


def test_search_cards_show_the_offer_badge_in_both_languages(
    kiosk_for: Callable[[DemoBackend], KioskApp], shop: DemoBackend, qtbot  # type: ignore[no-untyped-def]
) -> None:
    kiosk = kiosk_for(shop)
    vm = kiosk.app_vm
    vm.searchFor("Flow 100 Plus Wireless")
    qtbot.waitUntil(lambda: _card_badge(kiosk, "p0000001") == "−20% until Sunday", timeout=5000)
    assert vm.search.results.rows()[0]["offer"] == "−20% until Sunday"
    vm.goHome()  # the home's cards: a product with no offer shows no badge
    plain = next(row["productId"] for row in vm.home.popular.rows() if row["offer"] == "")
    qtbot.waitUntil(lambda: _card_badge(kiosk, plain) == "", timeout=5000)
    vm.searchFor("Flow 100 Plus Wireless")
    qtbot.waitUntil(lambda: _card_badge(kiosk, "p0000001") == "−20% until Sunday", timeout=5000)
    vm.setLanguage("es")
    qtbot.waitUntil(lambda: _card_badge(kiosk, "p0000001") == "−20 % hasta el domingo", timeout=5000)
    card = _card(kiosk, "p0000001")
    assert card is not None and str(card.property("description")).startswith("−20 % hasta el domingo, 154,99 €")  # what speech says


def test_the_product_page_shows_the_badge_and_the_price_after_the_offer_with_the_old_one_struck(
    kiosk_for: Callable[[DemoBackend], KioskApp], shop: DemoBackend, qtbot  # type: ignore[no-untyped-def]
) -> None:
    kiosk = kiosk_for(shop)
    vm, window = kiosk.app_vm, kiosk.window
    _open_headphones(kiosk, qtbot, "Navy")
    badge, price = find(window, "productOfferBadge"), find(window, "productPrice")
    qtbot.waitUntil(lambda: vm.product.sku != "" and badge.isVisible())
    assert str(badge.childItems()[0].property("text")) == "−20% until Sunday"
    assert text_of(window, "productOfferPrice") == "€123.99"  # 20% of 154.99 is 31.00 as Vendure rounds it
    assert find(window, "productOfferPrice").isVisible()
    assert text_of(window, "productPrice") == "€154.99"
    assert price.property("font").strikeOut()
    assert _spoken_description(price).startswith("Now €123.99, was €154.99. −20% until Sunday. ")  # speech
    vm.setLanguage("es")
    qtbot.waitUntil(lambda: str(badge.childItems()[0].property("text")) == "−20 % hasta el domingo")
    assert (text_of(window, "productOfferPrice"), text_of(window, "productPrice")) == ("123,99 €", "154,99 €")
    assert _spoken_description(price).startswith("Ahora 123,99 €, antes 154,99 €. −20 % hasta el domingo. ")
    # the black ones are not in the offer: no badge, one price, not struck
    vm.product.selectColour("Black")
    qtbot.waitUntil(lambda: not badge.isVisible())
    assert not find(window, "productOfferPrice").isVisible()
    assert not price.property("font").strikeOut()
    assert (vm.product.offer, vm.product.offerPrice, vm.product.price) == ("", "", "154,99 €")


def test_coupon_posters_scanned_anywhere_are_taken_or_refused_word_for_word_and_end_with_the_session(
    kiosk_for: Callable[[DemoBackend], KioskApp], shop: DemoBackend, qtbot  # type: ignore[no-untyped-def]
) -> None:
    kiosk = kiosk_for(shop)
    vm, window = kiosk.app_vm, kiosk.window
    vm.start()
    _scan(kiosk, "KIOSK-COUPON:welcome5")  # at the door: nothing in the cart yet
    saved = "Code WELCOME5 saved: Welcome: €5 off applies when your cart qualifies."
    qtbot.waitUntil(lambda: vm.notice == saved)
    assert text_of(window, "noticeToast") == saved
    assert vm.offers.couponCodes == ["WELCOME5"]
    _scan(kiosk, "KIOSK-COUPON:AUTUMN15")
    qtbot.waitUntil(lambda: vm.scan.message == "The code AUTUMN15 expired on 12 Nov 2026.")
    assert text_of(window, "scanToast") == "The code AUTUMN15 expired on 12 Nov 2026."
    _scan(kiosk, "KIOSK-COUPON:NOPE")
    qtbot.waitUntil(lambda: vm.scan.message == "The code NOPE does not exist. Check it and try again.")
    vm.setLanguage("es")
    _scan(kiosk, "KIOSK-COUPON:JANUARY25")
    qtbot.waitUntil(lambda: vm.scan.message == "El código JANUARY25 se puede usar a partir del 13 dic 2026.")
    assert vm.offers.couponCodes == ["WELCOME5"]  # the refused codes were not taken
    # the cart qualifies: the kept code and the product's offer both count, line by line
    vm.setLanguage("en")
    _open_headphones(kiosk, qtbot, "Navy")
    qtbot.waitUntil(lambda: vm.product.offer != "")
    vm.product.addToCart()
    qtbot.waitUntil(lambda: vm.offers.total == "€118.99")
    assert (vm.offers.saving, vm.offers.lineSaving(NAVY), vm.offers.priceNote) == ("€36.00", "€31.00", "")
    vm.session.end()
    assert vm.offers.couponCodes == [] and vm.offers.message == "" and vm.notice == ""


def test_a_typed_code_and_the_order_it_goes_with_agree_with_what_the_store_charges(
    kiosk_for: Callable[[DemoBackend], KioskApp], shop: DemoBackend, qtbot  # type: ignore[no-untyped-def]
) -> None:
    kiosk = kiosk_for(shop)
    vm, window = kiosk.app_vm, kiosk.window
    vm.start()
    _open_headphones(kiosk, qtbot, "Navy")
    qtbot.waitUntil(lambda: vm.product.offer != "")
    vm.product.addToCart()
    assert not vm.offers.applyCoupon("JANUARY25")
    assert vm.offers.message == "The code JANUARY25 can be used from 13 Dec 2026."
    assert vm.offers.applyCoupon(" welcome5 ")
    assert (vm.offers.message, vm.offers.accepted) == ("Code WELCOME5 applied: Welcome: €5 off.", True)
    payload = _place(kiosk, qtbot)
    order = vm.checkout.last_order
    assert order is not None and order.coupon_codes == ("WELCOME5",)
    assert order.estimated_total is not None and order.estimated_total.amount == Decimal("118.99")
    slip = vm.checkout._slips[0]  # the slip prints what the shopper was shown, and what the offers took off
    assert (slip.total, slip.savings) == (order.estimated_total, order.total - order.estimated_total)
    _status_once_delivered(kiosk, qtbot, payload)
    assert vm.orderStatus.total == "€118.99"  # the store applied the same offer and code: nothing to correct
    assert vm.orderStatus.priceNote == "" and not find(window, "orderStatusPriceNote").isVisible()


class _ShopWithOffersTheKioskCannotSee(DemoBackend):
    """A store applying promotions the kiosk cannot compute (as Vendure does with a facet-based one)."""

    def promotions(self) -> tuple[Promotion, ...]:
        return ()


def test_the_order_status_shows_the_final_amount_when_the_store_charged_otherwise(
    kiosk_for: Callable[[DemoBackend], KioskApp], tmp_path: Path, clock: FakeClock, qtbot  # type: ignore[no-untyped-def]
) -> None:
    shop = _ShopWithOffersTheKioskCannotSee(tmp_path / "shop", catalog_size=300, clock=clock)
    kiosk = kiosk_for(shop)
    vm, window = kiosk.app_vm, kiosk.window
    vm.start()
    _open_headphones(kiosk, qtbot, "Navy")
    qtbot.waitUntil(lambda: vm.product.loaded and vm.product.sku != "")
    assert vm.product.offer == ""  # the kiosk knows of no offer
    vm.product.addToCart()
    payload = _place(kiosk, qtbot)
    _status_once_delivered(kiosk, qtbot, payload)
    final = "Final amount: €123.99 (the kiosk estimated €154.99)."
    assert vm.orderStatus.priceNote == final
    assert text_of(window, "orderStatusPriceNote") == final and find(window, "orderStatusPriceNote").isVisible()
    vm.setLanguage("es")
    assert text_of(window, "orderStatusPriceNote") == "Importe final: 123,99 € (el quiosco calculó 154,99 €)."


def test_an_order_placed_offline_with_an_offer_says_its_price_is_confirmed_when_sent(
    kiosk_for: Callable[[DemoBackend], KioskApp], shop: DemoBackend, qtbot  # type: ignore[no-untyped-def]
) -> None:
    kiosk = kiosk_for(shop)
    vm, window = kiosk.app_vm, kiosk.window
    vm.start()
    shop.offline = True  # the offers come from the kiosk's cache from here on
    _open_headphones(kiosk, qtbot, "Navy")
    qtbot.waitUntil(lambda: vm.product.offerPrice == "€123.99")
    vm.product.addToCart()
    kiosk.reachability.unreachable(shop._clock.now(), "simulated outage")  # as the sender's probe finds it
    vm.refresh_status()
    qtbot.waitUntil(lambda: vm.offers.priceNote == "Price confirmed when the order is sent.")
    payload = _place(kiosk, qtbot)
    vm.finish()
    _scan(kiosk, payload)
    qtbot.waitUntil(lambda: vm.page == "orderStatus" and vm.orderStatus.found, timeout=5000)
    assert vm.orderStatus.state == "not_sent"
    assert vm.orderStatus.total == "€123.99"  # what the shopper was told, the offer included
    assert text_of(window, "orderStatusPriceNote") == "Price confirmed when the order is sent."
    vm.setLanguage("es")
    assert text_of(window, "orderStatusPriceNote") == "El precio se confirma cuando se envíe el pedido."


class _ShopWhoseOffersChange(DemoBackend):
    offers_now: Sequence[Promotion] | None = None

    def promotions(self) -> tuple[Promotion, ...]:
        return tuple(self.offers_now) if self.offers_now is not None else super().promotions()


def test_a_promotion_changed_in_the_store_shows_after_the_next_refresh_pass(
    kiosk_for: Callable[[DemoBackend], KioskApp], tmp_path: Path, clock: FakeClock, qtbot  # type: ignore[no-untyped-def]
) -> None:
    shop = _ShopWhoseOffersChange(tmp_path / "shop", catalog_size=300, clock=clock)
    kiosk = kiosk_for(shop)
    vm = kiosk.app_vm
    vm.openProduct("p0000003")  # the shampoo: 3 for 2
    qtbot.waitUntil(lambda: vm.product.loaded and vm.product.offer == "3 for 2")
    vm.searchFor("Gentle Shampoo")
    qtbot.waitUntil(lambda: any(r["productId"] == "p0000003" for r in vm.search.results.rows()), timeout=5000)
    shop.offers_now = [Promotion("flash", LocalizedText("Flash", "Flash"), PromotionKind.PERCENT_OFF,
                                 percent=Decimal(10), variant_ids=frozenset({"p0000003-v01", "p0000003-v02"}))]  # fmt: skip
    passes = kiosk.refresher.passes
    kiosk.refresher.poll_now()
    qtbot.waitUntil(lambda: kiosk.refresher.passes > passes, timeout=5000)
    qtbot.waitUntil(lambda: vm.product.offer == "−10%", timeout=5000)
    qtbot.waitUntil(lambda: {r["productId"]: r["offer"] for r in vm.search.results.rows()}["p0000003"] == "−10%")
    assert kiosk.services.store.promotions()[0] == tuple(shop.offers_now)  # cached for an offline start

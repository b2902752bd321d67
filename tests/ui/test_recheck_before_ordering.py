"""Just before an order is placed the kiosk asks the backend for every line's price and stock in one call."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from kiosk.app import KioskApp
from kiosk.backends.demo.backend import DemoBackend
from tests.ui.conftest import MakeKiosk
from tests.ui.helpers import find, text_of


def _to_checkout(kiosk: KioskApp, qtbot, products: list[str]) -> None:  # type: ignore[no-untyped-def]
    vm = kiosk.app_vm
    for product_id in products:
        vm.openProduct(product_id)
        qtbot.waitUntil(lambda pid=product_id: vm.product.productId == pid and vm.product.loaded, timeout=5000)
        vm.product.addToCart()
    vm.openCheckout()
    qtbot.waitUntil(lambda: vm.page == "checkout" and vm.checkout.fulfilmentOptions.count > 0, timeout=5000)
    for name, value in [("firstName", "Ana"), ("lastName", "Ruiz"), ("email", "ana@example.com"),
                        ("street", "Calle Mayor 1"), ("city", "Madrid"), ("postalCode", "28013")]:  # fmt: skip
        vm.checkout.setField(name, value)
    vm.checkout.selectOption("home_delivery:")


def _shop_and_kiosk(make_kiosk: MakeKiosk, tmp_path: Path) -> tuple[DemoBackend, KioskApp, list[str]]:
    shop = DemoBackend(tmp_path / "shop", catalog_size=300)
    kiosk = make_kiosk(backend=shop)
    popular = [hit.product_id for hit in kiosk.services.store.popular(6)]
    return shop, kiosk, popular[:2]


def test_changes_since_the_shopper_chose_are_listed_exactly_and_accepting_places_the_new_cart(
    make_kiosk: MakeKiosk, qtbot, qtmodeltester, tmp_path: Path  # type: ignore[no-untyped-def]
) -> None:
    shop, kiosk, (cheaper, withdrawn) = _shop_and_kiosk(make_kiosk, tmp_path)
    vm = kiosk.app_vm
    _to_checkout(kiosk, qtbot, [cheaper, withdrawn])
    lines = {line.product_id: line for line in vm.cart.cart.lines}
    shop.change_product(cheaper, price=Decimal("3.00"))
    shop.change_product(withdrawn, withdraw=True)
    new_price = shop.check_lines(vm.cart.cart.item_refs())[lines[cheaper].variant_id].price
    assert new_price is not None and new_price != lines[cheaper].unit_price

    vm.checkout.placeOrder()
    qtbot.waitUntil(lambda: vm.checkout.recheckPending, timeout=5000)
    assert vm.page == "checkout" and vm.checkout.last_order is None  # nothing placed behind the shopper's back

    def title(product_id: str) -> str:
        line = lines[product_id]
        return line.name.en + (f" ({line.options_label})" if line.options_label else "")

    shown = [row["change"] for row in vm.checkout.recheckChanges.rows()]
    assert shown == [
        f"{title(cheaper)}: {lines[cheaper].unit_price.format('en')} → {new_price.format('en')}",
        f"{title(withdrawn)}: no longer available",
    ]
    assert find(kiosk.window, "recheckPanel").isVisible()
    qtmodeltester.check(vm.checkout.recheckChanges, force_py=True)

    vm.checkout.acceptRecheck()
    qtbot.waitUntil(lambda: vm.page == "confirmation", timeout=5000)
    order = vm.checkout.last_order
    assert order is not None
    assert [(line.variant_id, line.unit_price) for line in order.lines] == [(lines[cheaper].variant_id, new_price)]
    assert vm.checkout.orderNote == ""  # the backend confirmed it


def test_change_my_cart_goes_back_with_the_new_prices_and_quantities(
    make_kiosk: MakeKiosk, qtbot, tmp_path: Path  # type: ignore[no-untyped-def]
) -> None:
    shop, kiosk, (cheaper, _other) = _shop_and_kiosk(make_kiosk, tmp_path)
    vm = kiosk.app_vm
    _to_checkout(kiosk, qtbot, [cheaper])
    shop.change_product(cheaper, price=Decimal("2.50"))
    vm.checkout.placeOrder()
    qtbot.waitUntil(lambda: vm.checkout.recheckPending, timeout=5000)
    vm.checkout.reviewCart()
    assert vm.page == "cart" and not vm.checkout.recheckPending
    (line,) = vm.cart.cart.lines
    assert line.unit_price == shop.check_lines(vm.cart.cart.item_refs())[line.variant_id].price


def test_offline_the_order_is_placed_and_says_stock_is_confirmed_when_it_is_sent(
    make_kiosk: MakeKiosk, qtbot, tmp_path: Path  # type: ignore[no-untyped-def]
) -> None:
    shop, kiosk, products = _shop_and_kiosk(make_kiosk, tmp_path)
    vm = kiosk.app_vm
    _to_checkout(kiosk, qtbot, products)
    shop.offline = True
    vm.checkout.placeOrder()
    qtbot.waitUntil(lambda: vm.page == "confirmation", timeout=5000)
    assert vm.checkout.orderNote == "Stock is confirmed when the order is sent."
    qtbot.waitUntil(lambda: find(kiosk.window, "orderNote").isVisible(), timeout=5000)
    assert text_of(kiosk.window, "orderNote") == "Stock is confirmed when the order is sent."

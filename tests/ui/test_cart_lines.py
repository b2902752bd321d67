"""The cart removes a whole line in one tap, whatever its quantity (issue 18), by a named button."""

from __future__ import annotations

from tests.ui.conftest import MakeKiosk
from tests.ui.helpers import ItemMissing, find, tap


def test_a_line_is_removed_in_one_tap_and_the_others_stay(make_kiosk: MakeKiosk, qtbot) -> None:  # type: ignore[no-untyped-def]
    kiosk = make_kiosk()
    vm = kiosk.app_vm
    window = kiosk.window
    vm.start()
    popular = vm.home._popular
    qtbot.waitUntil(lambda: popular.rowCount() > 1, timeout=10000)
    in_stock = [r["productId"] for r in popular.rows() if r["stockState"] == "here"][:2]
    assert len(in_stock) == 2
    for product_id in in_stock:
        vm.openProduct(product_id)
        qtbot.waitUntil(lambda pid=product_id: vm.product.productId == pid and vm.product.stockState != "")
        vm.product.addToCart()
    lines = vm.cart._lines
    qtbot.waitUntil(lambda: lines.rowCount() == 2)
    first, second = (str(row["variantId"]) for row in lines.rows())
    vm.cart.increment(first)
    qtbot.waitUntil(lambda: vm.cart.count == 3)
    vm.openCart()
    qtbot.waitUntil(lambda: vm.page == "cart")
    def shown() -> bool:
        try:
            return bool(find(window, f"cartRemove_{first}").isVisible())
        except ItemMissing:
            return False

    qtbot.waitUntil(shown)
    button = find(window, f"cartRemove_{first}")
    assert button.property("text").startswith("Remove ") and button.property("text").endswith(" from the cart")
    tap(window, button)
    qtbot.waitUntil(lambda: lines.rowCount() == 1)
    assert [row["variantId"] for row in lines.rows()] == [second] and vm.cart.count == 1

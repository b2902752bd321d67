"""A card and the product page it opens agree on stock (issue 18: "In this store" on a home card, "Not in this
store" on its page), in the same words from kiosk.core.stock, with the time the figures were true."""

from __future__ import annotations

from kiosk.core.stock import StockState, stock_words
from tests.ui.conftest import MakeKiosk


def test_every_home_card_and_its_page_tell_the_same_story(make_kiosk: MakeKiosk, qtbot) -> None:  # type: ignore[no-untyped-def]
    kiosk = make_kiosk()
    vm = kiosk.app_vm
    vm.start()
    popular = vm.home._popular
    qtbot.waitUntil(lambda: popular.rowCount() > 0, timeout=10000)
    rows = popular.rows()
    assert {r["stockState"] for r in rows} <= {StockState.HERE, StockState.NOT_HERE}
    for row in rows:
        assert row["stockWords"] == stock_words(StockState(row["stockState"]), "en")
        product_id = row["productId"]
        vm.openProduct(product_id)
        qtbot.waitUntil(
            lambda pid=product_id: vm.product.productId == pid and vm.product.stockState != "", timeout=5000
        )
        page_state = StockState(vm.product.stockState)
        if row["stockState"] == StockState.HERE:
            assert page_state in (StockState.HERE, StockState.LOW_HERE), row["name"]
        else:
            assert page_state in (StockState.ELSEWHERE, StockState.UNAVAILABLE), row["name"]
        assert vm.product.stockWords == stock_words(page_state, "en")
        assert vm.product.asOf != ""

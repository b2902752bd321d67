"""The running kiosk follows its backend all day: a change in the store reaches the screen on the next poll."""

from __future__ import annotations

import threading
from decimal import Decimal
from pathlib import Path

from kiosk.backends.demo.backend import DemoBackend
from tests.ui.conftest import MakeKiosk
from tests.ui.helpers import find


def _row(kiosk, product_id: str) -> dict:  # type: ignore[no-untyped-def]
    line = next(x for x in kiosk.app_vm.cart.cart.lines if x.product_id == product_id)
    return next(r for r in kiosk.app_vm.cart.lines.rows() if r["variantId"] == line.variant_id)


def test_a_repriced_and_a_withdrawn_product_reach_the_product_page_cart_search_and_home(
    make_kiosk: MakeKiosk, qtbot, tmp_path: Path  # type: ignore[no-untyped-def]
) -> None:
    shop = DemoBackend(tmp_path / "shop", catalog_size=300)
    kiosk = make_kiosk(backend=shop)
    vm, cache = kiosk.app_vm, kiosk.services.store
    popular = [hit.product_id for hit in cache.popular(12)]
    cheaper, withdrawn = popular[0], popular[1]
    for product_id in (cheaper, withdrawn):
        vm.openProduct(product_id)
        qtbot.waitUntil(lambda pid=product_id: vm.product.productId == pid and vm.product.loaded, timeout=5000)
        vm.product.addToCart()
    vm.home.reload()
    qtbot.waitUntil(lambda: withdrawn in [r["productId"] for r in vm.home.popular.rows()], timeout=5000)
    was = cache.product(cheaper)
    assert was is not None

    assert shop.change_product(cheaper, price=Decimal("1.00")) == 1
    assert shop.change_product(withdrawn, withdraw=True) == 1
    kiosk.refresher.poll_now()

    # the product on screen (the withdrawn one, opened last) says so and can no longer be added
    qtbot.waitUntil(lambda: vm.product.withdrawn, timeout=5000)
    assert find(kiosk.window, "addToCartButton").property("text") == "No longer available"
    # the cart flags both lines with what changed
    qtbot.waitUntil(lambda: _row(kiosk, withdrawn)["withdrawn"], timeout=5000)
    assert _row(kiosk, withdrawn)["notice"] == "No longer available: remove it to continue"
    now = cache.product(cheaper)
    assert now is not None and now.variants[0].price != was.variants[0].price
    assert _row(kiosk, cheaper)["notice"] == (
        f"Price changed: {was.variants[0].price.format('en')} → {now.variants[0].price.format('en')}"
    )
    assert vm.cart.changed
    # the home rows drop the withdrawn product; a search no longer finds it
    qtbot.waitUntil(lambda: withdrawn not in [r["productId"] for r in vm.home.popular.rows()], timeout=5000)
    assert cache.product(withdrawn) is None
    assert kiosk.last_sync is not None and kiosk.last_sync.deleted_product_ids == {withdrawn}

    # removing the withdrawn line and accepting the new price clears the flags
    vm.cart.remove(_row(kiosk, withdrawn)["variantId"])
    vm.cart.acceptChanges()
    assert not vm.cart.changed and _row(kiosk, cheaper)["notice"] == ""


def test_polls_repeat_at_the_configured_interval_and_back_off_while_the_store_is_down(
    make_kiosk: MakeKiosk, qtbot, tmp_path: Path  # type: ignore[no-untyped-def]
) -> None:
    shop = DemoBackend(tmp_path / "shop", catalog_size=300)
    kiosk = make_kiosk(backend=shop, kiosk={"catalog_refresh_s": 1.0})
    kiosk.refresher.start(first_in_s=0)
    qtbot.waitUntil(lambda: kiosk.refresher.passes >= 2, timeout=5000)
    assert kiosk.refresher.refresh.status.synced_ok
    # each pass is timed on the writer thread (kiosk bench tells the wait from the pass with these)
    first, second = list(kiosk.refresher.timings)[:2]
    assert first.started_ns <= first.ended_ns and second.started_ns - first.ended_ns >= 0.9e9  # the 1 s interval
    assert first.thread_id == second.thread_id != threading.get_ident()

    shop.offline = True
    passes = kiosk.refresher.passes
    qtbot.waitUntil(lambda: kiosk.refresher.passes > passes, timeout=5000)
    status = kiosk.refresher.refresh.status
    assert not status.synced_ok and status.failures == 1 and 1 <= status.next_in_s <= 300
    kiosk.refresher.stop()


def test_a_pass_holds_the_gui_threads_older_garbage_collections_until_it_is_over(
    make_kiosk: MakeKiosk, qtbot, tmp_path: Path  # type: ignore[no-untyped-def]
) -> None:
    """Issue 15's batch stall: while a pass applies on the writer, the GUI thread's collector only collects the
    youngest generation (kiosk.ui.qt.main_thread_gc); the hold ends with the pass, and with stop() when a pass
    is still running then."""
    from kiosk.ui.qt.main_thread_gc import collect_on_main_thread

    shop = DemoBackend(tmp_path / "shop", catalog_size=300)
    kiosk = make_kiosk(backend=shop)
    collector = collect_on_main_thread(kiosk.qt_app)
    held: list[int] = []
    kiosk.refresher._sync = lambda sync=kiosk.refresher._sync: (held.append(collector._holds), sync())[1]
    passes = kiosk.refresher.passes
    kiosk.refresher.poll_now()
    qtbot.waitUntil(lambda: kiosk.refresher.passes > passes, timeout=5000)
    assert held == [1] and collector._holds == 0
    release = threading.Event()
    kiosk.refresher._sync = lambda sync=kiosk.refresher._sync: (release.wait(5), sync())[1]
    kiosk.refresher.poll_now()
    assert collector._holds == 1
    kiosk.refresher.stop()  # the pass goes on on the writer; the collector is no longer held for it
    assert collector._holds == 0
    release.set()
    qtbot.waitUntil(lambda: kiosk.refresher.passes > passes + 1, timeout=5000)
    assert collector._holds == 0


def test_the_demo_store_lives_stock_prices_and_withdrawals_reach_the_change_feed(tmp_path: Path) -> None:
    shop = DemoBackend(tmp_path / "shop", catalog_size=300)
    cursor = shop.catalog_changes(None, 1000).next_cursor
    changed = sum(shop.live_changes(step) for step in range(10))
    assert changed == 3 * 10 + 3 + 1  # stock on three products a step, a price every third, one withdrawal
    page = shop.catalog_changes(cursor, 1000)
    assert len(page.deleted_product_ids) == 1
    assert 1 <= len(page.products) <= 33

"""Issue 15, "tests with real parts": changes made through Vendure's Admin API reach the running kiosk's screen
on the next refresher pass (price, stock and "as of" on the open product page; a deleted product's cart line)."""

from __future__ import annotations

import random

import pytest

from kiosk.core.scanning.gtin import check_digit
from tests.fakes import FakeClock
from tests.fixtures.vendure import VendureAdmin
from tests.ui.conftest import MakeKiosk

pytestmark = pytest.mark.vendure


def _product(admin: VendureAdmin, name: str, here: str) -> tuple[str, str]:
    """A new product with one variant stocked (3) at the kiosk's store; (product id, variant id)."""
    tag = f"{random.randrange(10**8):08d}"
    body = "4006" + tag
    product = admin.create_product(f"{name} {tag}", f"{name.lower().replace(' ', '-')}-{tag}")
    variant = admin.query(
        """mutation ($product: ID!, $sku: String!, $name: String!, $gtin: String!, $here: ID!) {
             createProductVariants(input: [{ productId: $product, sku: $sku, price: 2500,
               translations: [{ languageCode: en, name: $name }], customFields: { gtin: $gtin },
               stockLevels: [{ stockLocationId: $here, stockOnHand: 3 }] }]) { id } }""",
        {"product": product, "sku": f"LIVE-{tag}", "name": name, "gtin": body + str(check_digit(body)), "here": here},
    )["createProductVariants"][0]["id"]
    return product, str(variant)


def _cart_row(vm, variant_id: str) -> dict:  # type: ignore[no-untyped-def]
    return next(r for r in vm.cart.lines.rows() if r["variantId"] == variant_id)


def test_admin_api_changes_reach_the_product_page_and_the_cart(
    make_kiosk: MakeKiosk, qtbot, vendure_backend, vendure_admin: VendureAdmin, vendure_server, clock: FakeClock  # type: ignore[no-untyped-def]
) -> None:
    stores = vendure_admin.query("{ stockLocations { items { id name } } }")["stockLocations"]["items"]
    here_name = vendure_server.here_location()
    here = next(s["id"] for s in stores if here_name in (s["name"], s["id"]))
    lamp, lamp_variant = _product(vendure_admin, "Live Lamp", here)
    doomed, doomed_variant = _product(vendure_admin, "Doomed Chair", here)

    kiosk = make_kiosk(backend=vendure_backend)
    vm = kiosk.app_vm
    for product_id in (doomed, lamp):
        vm.openProduct(product_id)
        qtbot.waitUntil(lambda pid=product_id: vm.product.productId == pid and vm.product.loaded, timeout=5000)
        vm.product.addToCart()
    qtbot.waitUntil(lambda: vm.product.stockHere == 3, timeout=5000)
    price, as_of = vm.product.price, vm.product.asOf
    assert price and as_of

    vendure_admin.query(
        """mutation ($id: ID!, $here: ID!) { updateProductVariants(input: [{ id: $id, price: 3100,
             stockLevels: [{ stockLocationId: $here, stockOnHand: 7 }] }]) { id } }""",
        {"id": lamp_variant, "here": here},
    )
    vendure_admin.query("mutation ($id: ID!) { deleteProduct(id: $id) { result } }", {"id": doomed})
    clock.advance(3600)  # the pass's time is the new "as of"
    passes = kiosk.refresher.passes
    kiosk.refresher.poll_now()
    qtbot.waitUntil(lambda: kiosk.refresher.passes > passes, timeout=20000)

    qtbot.waitUntil(lambda: vm.product.price != price and vm.product.stockHere == 7, timeout=5000)
    cached = kiosk.services.store.product(lamp)
    assert cached is not None and vm.product.price != price
    assert vm.product.asOf != as_of
    qtbot.waitUntil(lambda: _cart_row(vm, doomed_variant)["withdrawn"], timeout=5000)
    assert _cart_row(vm, doomed_variant)["notice"] == "No longer available: remove it to continue"
    assert kiosk.services.store.product(doomed) is None


def test_a_full_resync_shows_refreshing_the_catalog_while_it_runs(
    make_kiosk: MakeKiosk, qtbot, vendure_backend  # type: ignore[no-untyped-def]
) -> None:
    """Issue 14: a cursor Vendure cannot continue (here: one from another journal, as after a database swap)
    makes the pass a full re-import; the status strip says so while it runs and clears when it is over."""
    from datetime import UTC, datetime

    from kiosk.core.catalog import CatalogPage
    from tests.ui.helpers import find

    kiosk = make_kiosk(backend=vendure_backend)
    vm, store = kiosk.app_vm, kiosk.services.store
    cursor = store.cursor()
    assert cursor is not None and cursor.startswith("vj1:1.")
    _, epoch, xid, row = cursor.removeprefix("vj1:").split(".")
    other = "vj1:" + ".".join(("1", "f" * len(epoch) if epoch != "f" * len(epoch) else "e" * len(epoch), xid, row))
    store.apply_page(CatalogPage((), (), other, False), datetime.now(UTC))
    line = find(kiosk.window, "catalogRefreshing")
    assert not vm.catalogRefreshing and not line.property("visible")

    seen: list[tuple[bool, bool, str]] = []
    vm.catalogRefreshingChanged.connect(
        lambda: seen.append((vm.catalogRefreshing, bool(line.property("visible")), str(line.property("text"))))
    )
    passes = kiosk.refresher.passes
    kiosk.refresher.poll_now()
    qtbot.waitUntil(lambda: kiosk.refresher.passes > passes, timeout=60000)
    qtbot.waitUntil(lambda: len(seen) == 2, timeout=5000)
    assert seen == [(True, True, "Refreshing the catalog…"), (False, False, "Refreshing the catalog…")]
    assert kiosk.last_sync is not None
    assert kiosk.last_sync.resync_reason == "the cursor comes from another journal (database)"
    assert store.cursor() != other

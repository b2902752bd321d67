"""A kiosk on the demo store served from its own process over HTTP (RemoteDemoBackend on 127.0.0.1): a Gold
member recognised by their card gets the store's group offer in the cart, as on the embedded store.

The served store runs on the real clock while the kiosk runs on the fake one, so only an undated offer is
checked: "Gold members: 10% off" (resources/demo/promotions.json; every Gold-tier member is in the "Gold" group,
resources/demo/customer_groups.json).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.backends.demo.backend import DemoBackend
from kiosk.backends.demo.remote import RemoteDemoBackend
from kiosk.core.customer import Customer
from tests.fakes import utc_time_zone
from tests.fixtures.demo_store import ServedDemoStore
from tests.ui.conftest import MakeKiosk

PRODUCT = "p0000012"  # not among the products the dated offers name (p0000001 to p0000005)


@pytest.fixture(autouse=True)
def _utc() -> Iterator[None]:
    with utc_time_zone():
        yield


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[ServedDemoStore, DemoBackend]]:
    store = ServedDemoStore(tmp_path / "store", 300)
    local = DemoBackend(tmp_path / "store", catalog_size=300)  # the same file, to pick a member to scan
    yield store, local
    local.close()
    store.stop()


def test_a_gold_member_recognised_through_the_http_store_gets_the_group_offer_in_the_cart(
    make_kiosk: MakeKiosk, served: tuple[ServedDemoStore, DemoBackend], qtbot
) -> None:  # type: ignore[no-untyped-def]
    store, local = served
    remote = RemoteDemoBackend(store.url)
    try:
        kiosk = make_kiosk(backend=remote)
        vm = kiosk.app_vm
        vm.start()
        vm.openProduct(PRODUCT)
        qtbot.waitUntil(lambda: vm.product.productId == PRODUCT and vm.product.loaded and vm.product.sku != "")
        vm.product.addToCart()
        qtbot.waitUntil(lambda: vm.cart.count == 1)
        before = vm.offers.priced()
        assert "demo-gold-10" not in before.applied and not before.order_savings  # nobody recognised yet

        gold: Customer = next(c for c in local.customers() if c.tier == "Gold")
        assert kiosk.virtual_scanner is not None
        kiosk.virtual_scanner.write(b"]E00" + gold.loyalty_number.encode() + b"\r")
        qtbot.waitUntil(lambda: vm.shopperName == gold.first_name, timeout=5000)
        assert vm.customer is not None and "Gold" in vm.customer.groups  # over HTTP, from the store
        qtbot.waitUntil(lambda: "demo-gold-10" in vm.offers.priced().applied, timeout=5000)
        priced = vm.offers.priced()
        (gold_offer,) = priced.order_savings
        tenth = (priced.subtotal.amount / 10).quantize(gold_offer.amount.amount)  # 10% off the order
        assert (gold_offer.promotion_id, gold_offer.name.en, gold_offer.amount.amount) == (
            "demo-gold-10",
            "Gold members: 10% off",
            tenth,
        )
        assert tenth > 0 and vm.offers.saving == f"€{tenth}"  # what the cart shows
    finally:
        remote.close()

"""Offers for customer groups (issue 19): the shopper record carries the customer's groups, so a promotion
limited to a group shows and prices offline for its members only, the store charges the same, and the groups
leave with the shopper when the session ends.

The demo store's groups are data (resources/demo/customer_groups.json): its first member (a Gold member) is
also "VIP", whose preview takes 30% off p0000005-v01 until Wednesday (the kiosk's fake clock: Monday 23 Nov
2026); Gold members get 10% off the order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from kiosk.app import KioskApp
from kiosk.backends.demo.backend import DemoBackend
from kiosk.core.cart import Cart
from kiosk.core.customer import Customer
from kiosk.core.order import OrderStatus
from tests.fakes import FakeClock, utc_time_zone
from tests.ui.conftest import MakeKiosk

PREVIEW, PREVIEW_PRODUCT = "p0000005-v01", "p0000005"
CANARY_GROUP = "grp-canary-5521"  # a group only this test's member is in: looked for on disk after the session


@pytest.fixture(autouse=True)
def _utc() -> Iterator[None]:
    with utc_time_zone():
        yield


class _ShopWithACanaryGroup(DemoBackend):
    """The demo store, with its members also in a group whose id the test can look for afterwards."""

    def _with_groups(self, customer: Customer) -> Customer:
        found = super()._with_groups(customer)
        return Customer(**{**{f: getattr(found, f) for f in found.__slots__}, "groups": found.groups | {CANARY_GROUP}})


@pytest.fixture
def shop(tmp_path: Path, clock: FakeClock) -> DemoBackend:
    return _ShopWithACanaryGroup(tmp_path / "shop", catalog_size=300, clock=clock)


@pytest.fixture
def kiosk_on(make_kiosk: MakeKiosk) -> Callable[[DemoBackend], KioskApp]:
    return lambda backend: make_kiosk(backend=backend)


def _member(shop: DemoBackend, group: str) -> Customer:
    return next(c for c in shop.customers() if group in c.groups)


def _scan_card(kiosk: KioskApp, qtbot, customer: Customer) -> None:  # type: ignore[no-untyped-def]
    assert kiosk.virtual_scanner is not None
    kiosk.virtual_scanner.write(b"]E00" + customer.loyalty_number.encode() + b"\r")
    qtbot.waitUntil(lambda: kiosk.app_vm.shopperName == customer.first_name, timeout=5000)
    kiosk.app_vm.dismissNotice()


def _open_preview(kiosk: KioskApp, qtbot) -> None:  # type: ignore[no-untyped-def]
    vm = kiosk.app_vm
    vm.openProduct(PREVIEW_PRODUCT)
    qtbot.waitUntil(lambda: vm.product.productId == PREVIEW_PRODUCT and vm.product.loaded and vm.product.sku != "")
    assert vm.product.sku == kiosk.services.store.product(PREVIEW_PRODUCT).variants[0].sku  # type: ignore[union-attr]


def test_the_shopper_record_carries_the_members_groups(shop: DemoBackend) -> None:
    vip = _member(shop, "VIP")
    assert vip.groups == frozenset({"Gold", "VIP", CANARY_GROUP}) and vip.tier == "Gold"
    staff = [c.id for c in shop.customers() if "staff" in c.groups]
    assert staff == ["c0003", "c0010"]
    plain = next(c for c in shop.customers() if c.tier == "Member" and c.id not in staff and c.id != vip.id)
    assert plain.groups == frozenset({CANARY_GROUP})


def test_a_group_offer_shows_and_prices_for_its_members_only_and_leaves_with_the_session(
    kiosk_on: Callable[[DemoBackend], KioskApp], shop: DemoBackend, qtbot, tmp_path: Path  # type: ignore[no-untyped-def]
) -> None:
    kiosk = kiosk_on(shop)
    vm = kiosk.app_vm
    vm.start()
    _open_preview(kiosk, qtbot)
    assert (vm.product.offer, vm.product.offerPrice) == ("", "")  # nobody recognised: no VIP preview
    vm.product.addToCart()
    qtbot.waitUntil(lambda: vm.cart.count == 1)
    line = vm.cart.cart.lines[0]
    assert vm.offers.saving == "" and vm.offers.lineSaving(PREVIEW) == ""

    _scan_card(kiosk, qtbot, _member(shop, "VIP"))  # a VIP (and Gold) member: both offers now apply
    qtbot.waitUntil(lambda: vm.product.offer == "−30% until Wednesday")
    priced = vm.offers.priced()
    assert priced.applied == ("demo-vip-preview", "demo-gold-10")
    # the skirt is €33.95: 30% is €10.185, €10.18 as Vendure rounds it; 10% of the €23.77 left is €2.38
    assert (vm.product.offerPrice, vm.product.price) == ("€23.77", "€33.95")
    assert (vm.offers.lineSaving(PREVIEW), vm.offers.saving, vm.offers.total) == ("€10.18", "€12.56", "€21.39")
    vm.setLanguage("es")
    qtbot.waitUntil(lambda: vm.product.offer == "−30 % hasta el miércoles")
    vm.setLanguage("en")

    # the order: the store puts the member in the same groups and charges what the kiosk showed
    vm.openCheckout()
    qtbot.waitUntil(lambda: vm.checkout.fulfilmentOptions.count > 0, timeout=5000)
    rows = vm.checkout.fulfilmentOptions.rows()
    vm.checkout.selectOption(next(r["optionKey"] for r in rows if r["available"] and r["kind"] != "home_delivery"))
    vm.checkout.useProfile()
    vm.checkout.placeOrder()
    qtbot.waitUntil(lambda: vm.page == "confirmation", timeout=5000)
    order = vm.checkout.last_order
    assert order is not None and order.contact.customer_id == _member(shop, "VIP").id
    assert order.estimated_total == priced.total
    vm.finish()  # the session ends: the shopper record and its groups go
    assert vm.customer is None
    kiosk._wake.set()
    qtbot.waitUntil(lambda: (e := kiosk.services.outbox.get(order.client_order_id)) is not None
                    and e.status is OrderStatus.DELIVERED, timeout=10000)  # fmt: skip
    receipt = shop.find_order(order.client_order_id)
    assert receipt is not None and receipt.total == priced.total and receipt.notes == ()

    # after the session: nobody's groups are in force, on screen or in a cart's price
    offers = kiosk.services.offers
    assert offers is not None
    vip_only = next(p for p in offers.promotions if p.id == "demo-vip-preview")
    assert not offers.open_to_shopper(vip_only)
    assert offers.price(Cart("EUR", (line,))).applied == ()
    vm.start()
    _open_preview(kiosk, qtbot)
    assert vm.product.offer == ""
    # and nothing on the device knows the member was in a group: the only place the canary group's id is
    # written is the shopper record in memory (catalog.db keeps the store's promotions, which name none of it)
    data_dir = Path(kiosk.services.config.data_dir)
    for path in sorted(p for p in data_dir.rglob("*") if p.is_file()):
        assert CANARY_GROUP.encode() not in path.read_bytes(), path.name


def test_a_shopper_outside_the_groups_gets_no_group_offer(
    kiosk_on: Callable[[DemoBackend], KioskApp], shop: DemoBackend, qtbot  # type: ignore[no-untyped-def]
) -> None:
    kiosk = kiosk_on(shop)
    vm = kiosk.app_vm
    vm.start()
    staff = _member(shop, "staff")
    _scan_card(kiosk, qtbot, staff)
    _open_preview(kiosk, qtbot)
    assert vm.product.offer == ""  # staff are not VIPs
    vm.product.addToCart()
    qtbot.waitUntil(lambda: vm.cart.count == 1)
    line = vm.cart.cart.lines[0]
    assert vm.offers.priced().applied == ("demo-staff-15",)
    assert (vm.offers.saving, vm.offers.total) == ("€5.09", "€28.86")  # 15% of €33.95
    vm.session.end()
    assert vm.customer is None and vm.offers.priced(Cart("EUR", (line,))).applied == ()

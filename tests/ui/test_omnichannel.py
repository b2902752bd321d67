"""The omnichannel journey through the real QML UI on the demo backend: recognised shopper, carts that travel."""

from __future__ import annotations

import json
import re
import sqlite3

from kiosk.app import KioskApp
from kiosk.core.customer import CustomerLookup
from kiosk.core.loyalty import points_for
from tests.fakes import FakeClock
from tests.ui.helpers import find, tap, text_of

HANDOFF = re.compile(r"^https://shop\.example\.com/cart/handoff/[0-9a-f-]{36}$")


def _recognise(kiosk: KioskApp, qtbot, customer) -> None:  # type: ignore[no-untyped-def]
    assert kiosk.virtual_scanner is not None
    kiosk.virtual_scanner.write(b"]E00" + customer.loyalty_number.encode() + b"\r")
    qtbot.waitUntil(lambda: kiosk.app_vm.shopperName == customer.first_name, timeout=5000)


def _recognised_shopper_adds_a_popular_product(kiosk: KioskApp, qtbot, customer, rank: int = 0) -> None:  # type: ignore[no-untyped-def]
    """From the attract screen: the shopper scans their card, opens the rank-th most popular product and adds it."""
    vm = kiosk.app_vm
    vm.start()
    _recognise(kiosk, qtbot, customer)
    hit = kiosk.services.store.popular(rank + 1)[rank]
    vm.openProduct(hit.product_id)
    qtbot.waitUntil(lambda: vm.page == "product" and vm.product.loaded)
    vm.product.addToCart()


def _customer_with_history(demo_backend):  # type: ignore[no-untyped-def]
    for customer in demo_backend.customers():
        if customer.history and customer.wishlist and customer.saved_cart:
            return customer
    raise AssertionError("the demo store has no customer with history, wishlist and a saved cart")


def test_a_web_shop_handoff_qr_loads_that_cart_from_any_screen(kiosk: KioskApp, qtbot, demo_backend) -> None:  # type: ignore[no-untyped-def]
    vm = kiosk.app_vm
    cart_id = demo_backend.sample_handoff_ids()[-1]
    online = demo_backend.handoff_cart(cart_id)
    assert online is not None and online.lines
    vm.start()
    vm.openProduct(kiosk.services.store.popular(1)[0].product_id)
    qtbot.waitUntil(lambda: vm.page == "product")
    assert kiosk.virtual_scanner is not None
    kiosk.virtual_scanner.write(f"]Q1https://shop.example.com/cart/handoff/{cart_id}\r".encode())
    qtbot.waitUntil(lambda: vm.page == "cart", timeout=5000)
    assert {line.variant_id: line.quantity for line in vm.cart.cart.lines} == {
        ref.variant_id: ref.quantity for ref in online.lines
    }
    count = sum(ref.quantity for ref in online.lines)
    assert vm.notice == (f"Your online cart is here: {count} items." if count != 1 else "Your online cart is here: 1 item.")


def test_an_unknown_handoff_says_it_expired(kiosk: KioskApp, qtbot) -> None:  # type: ignore[no-untyped-def]
    vm = kiosk.app_vm
    vm.start()
    assert kiosk.virtual_scanner is not None
    kiosk.virtual_scanner.write(b"]Q1https://shop.example.com/cart/handoff/0b6f4f0e-8d51-4d0c-9d0b-6f0e8d514d0c\r")
    qtbot.waitUntil(lambda: vm.notice != "", timeout=5000)
    assert vm.notice == "This cart link has expired or was already used. Please create a new one in the web shop."
    assert vm.page == "home" and vm.cart.count == 0


def test_continue_on_my_phone_shows_a_qr_that_loads_the_same_cart_back(kiosk: KioskApp, qtbot, demo_backend) -> None:  # type: ignore[no-untyped-def]
    vm, window = kiosk.app_vm, kiosk.window
    customer = demo_backend.customers()[0]
    _recognised_shopper_adds_a_popular_product(kiosk, qtbot, customer)
    vm.openCart()
    qtbot.waitUntil(lambda: vm.page == "cart")
    tap(window, find(window, "phoneButton"))
    qtbot.waitUntil(lambda: find(window, "phonePanel").isVisible(), timeout=5000)
    url = vm.travel.phoneUrl
    assert HANDOFF.match(url), url
    assert text_of(window, "phoneNote") == "We also sent this link to your email and app."
    assert ("cart_link", url) in demo_backend.messages(customer.id)
    # the QR's link, scanned at a kiosk, loads the same cart: the round trip is real
    parked = demo_backend.handoff_cart(url.rsplit("/", 1)[1])
    assert parked is not None and parked.lines == vm.cart.cart.item_refs()
    tap(window, find(window, "phoneDoneButton"))
    qtbot.waitUntil(lambda: not find(window, "phonePanel").isVisible())


def test_the_profile_shows_points_this_order_saved_cart_wishlist_and_history(kiosk: KioskApp, qtbot, demo_backend) -> None:  # type: ignore[no-untyped-def]
    vm, window = kiosk.app_vm, kiosk.window
    customer = _customer_with_history(demo_backend)
    vm.start()
    _recognise(kiosk, qtbot, customer)
    # home turns personal: offers (wishlist first) and picks for this shopper
    qtbot.waitUntil(lambda: vm.home.personal and vm.home.offers.count > 0, timeout=5000)
    assert vm.home.offers.get(0)["productId"] in customer.wishlist
    tap(window, find(window, "shopperChip"))
    qtbot.waitUntil(lambda: vm.page == "profile")
    assert text_of(window, "profileTitle") == f"Hello, {customer.first_name}"
    assert text_of(window, "profileCard") == customer.masked_loyalty_number
    assert text_of(window, "profileTier") == customer.tier
    assert vm.profile.recentOrders.count == min(5, len(customer.history))
    qtbot.waitUntil(lambda: vm.profile.wishlist.count > 0, timeout=5000)
    assert text_of(window, "profilePointsThisOrder") == "+0 points"
    tap(window, find(window, "addSavedCartButton"))
    qtbot.waitUntil(lambda: vm.page == "cart", timeout=5000)
    assert vm.cart.count == sum(ref.quantity for ref in customer.saved_cart)
    vm.openProfile()
    expected = points_for(vm.cart.cart.subtotal, customer.tier)
    assert expected > 0
    assert text_of(window, "profilePointsThisOrder") == f"+{expected} points"


def test_a_recognised_shoppers_cart_left_behind_becomes_their_saved_cart(kiosk: KioskApp, qtbot, demo_backend, clock: FakeClock) -> None:  # type: ignore[no-untyped-def]
    vm = kiosk.app_vm
    customer = demo_backend.customers()[2]
    _recognised_shopper_adds_a_popular_product(kiosk, qtbot, customer, rank=2)
    left = vm.cart.cart.item_refs()
    policy = vm.session.policy
    clock.advance(policy.idle_timeout_s + policy.warning_s + 1)
    qtbot.waitUntil(lambda: vm.page == "attract", timeout=5000)
    kiosk.runner.wait_idle()
    online = demo_backend.find_customer(CustomerLookup.LOYALTY_NUMBER, customer.loyalty_number)
    assert online is not None and online.saved_cart == left
    assert vm.customer is None and vm.cart.count == 0


def test_the_product_page_shows_often_bought_together(kiosk: KioskApp, qtbot) -> None:  # type: ignore[no-untyped-def]
    vm, window = kiosk.app_vm, kiosk.window
    store = kiosk.services.store
    product_id = next(h.product_id for h in store.popular(100) if store.also_bought(h.product_id, 1))
    vm.start()
    vm.openProduct(product_id)
    qtbot.waitUntil(lambda: vm.page == "product" and vm.product.related.count > 0, timeout=5000)
    assert find(window, "relatedRow").isVisible()
    assert product_id not in [vm.product.related.get(i)["productId"] for i in range(vm.product.related.count)]


def test_kiosk_events_are_queued_without_personal_data_and_reach_the_backend(kiosk: KioskApp, qtbot, demo_backend) -> None:  # type: ignore[no-untyped-def]
    vm = kiosk.app_vm
    customer = demo_backend.customers()[3]
    before = demo_backend.event_count()
    _recognised_shopper_adds_a_popular_product(kiosk, qtbot, customer)
    vm.searchFor("camiseta")
    qtbot.wait(1700)  # the search settles
    kiosk.runner.wait_idle()
    kiosk._event_wake.set()
    qtbot.waitUntil(lambda: demo_backend.event_count() >= before + 4, timeout=10000)
    with sqlite3.connect(demo_backend.path) as conn:
        rows = conn.execute("SELECT kind, data FROM events ORDER BY rowid").fetchall()[before:]
    kinds = [kind for kind, _ in rows]
    assert {"scan", "product_view", "add_to_cart", "search"} <= set(kinds)
    scan = json.loads(next(data for kind, data in rows if kind == "scan"))
    assert ["scan_kind", "loyalty"] in scan and ["recognised", "yes"] in [list(x) for x in json.loads(rows[-1][1])]
    # nothing personal crossed, neither in the kiosk's queue file nor to the backend
    sent = "\n".join(data for _, data in rows)
    queued = kiosk.services.config.data_dir.joinpath("events.db").read_bytes()
    for secret in (customer.loyalty_number, customer.first_name, customer.email):
        assert secret not in sent and secret.encode() not in queued

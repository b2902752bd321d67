"""An order's QR scanned at any kiosk shows where the order is; at its pickup store it also says "I'm here"."""

from __future__ import annotations

import time
from pathlib import Path

from kiosk.app import KioskApp
from kiosk.backends.demo.backend import DemoBackend
from kiosk.core.order import OrderStatus
from kiosk.core.order_tracking import PaymentState, TrackingState, order_code
from kiosk.core.ports import ScanFrame
from tests.ui.conftest import MakeKiosk
from tests.ui.helpers import find, place_pay_on_phone, text_of


def _place(kiosk: KioskApp, qtbot, option_prefix: str) -> str:  # type: ignore[no-untyped-def]
    """A product in stock here, ordered with the first option whose key starts with `option_prefix`."""
    vm, cache = kiosk.app_vm, kiosk.services.store
    product_id = next(
        hit.product_id for hit in cache.popular(30)
        if (p := cache.product(hit.product_id)) and cache.availability(p.variants[0]).here > 0
    )  # fmt: skip
    vm.openProduct(product_id)
    qtbot.waitUntil(lambda: vm.product.productId == product_id and vm.product.loaded, timeout=5000)
    vm.product.addToCart()
    vm.openCheckout()
    qtbot.waitUntil(lambda: vm.checkout.fulfilmentOptions.count > 0, timeout=5000)
    key = next(row["optionKey"] for row in vm.checkout.fulfilmentOptions.rows() if row["optionKey"].startswith(option_prefix))
    vm.checkout.selectOption(key)
    for name, value in [("firstName", "Ana"), ("lastName", "Ruiz"), ("email", "ana@example.com")]:
        vm.checkout.setField(name, value)
    vm.checkout.placeOrder()
    qtbot.waitUntil(lambda: vm.page == "confirmation", timeout=5000)
    order = vm.checkout.last_order
    assert order is not None
    vm.finish()
    return order_code(order).qr_payload


def _scan(kiosk: KioskApp, payload: str) -> None:
    assert kiosk.virtual_scanner is not None
    kiosk.virtual_scanner.write(b"]Q1" + payload.encode() + b"\r")


def _scan_again(kiosk: KioskApp, payload: str) -> None:
    """The same code within the serial scanner's debounce window: straight to the scan path, as a new read."""
    kiosk.bridge.post_frame(ScanFrame(b"]Q1" + payload.encode(), "serial:test", time.monotonic_ns()))


def test_a_pickup_here_that_is_ready_says_we_are_bringing_it_and_associates_see_the_shopper_waiting(
    make_kiosk: MakeKiosk, qtbot, qtmodeltester, tmp_path: Path  # type: ignore[no-untyped-def]
) -> None:
    shop = DemoBackend(tmp_path / "shop", catalog_size=300)
    kiosk = make_kiosk(backend=shop)
    vm = kiosk.app_vm
    payload = _place(kiosk, qtbot, "reserve_here:")
    client_order_id = payload.rsplit(":", 1)[1]
    kiosk._wake.set()  # the sender delivers it to the store
    qtbot.waitUntil(lambda: (e := kiosk.services.outbox.get(client_order_id)) is not None
                    and e.status is OrderStatus.DELIVERED, timeout=10000)  # fmt: skip
    shop.set_order_state(client_order_id, TrackingState.READY_FOR_PICKUP)

    _scan(kiosk, payload)
    qtbot.waitUntil(lambda: vm.page == "orderStatus" and vm.orderStatus.found, timeout=5000)
    assert text_of(kiosk.window, "orderStatusHeadline") == "Ready for pickup"
    assert text_of(kiosk.window, "arrivalMessage") == "We are bringing your order. Please wait here."
    assert vm.orderStatus.asOf == ""  # the backend answered now
    # the arrival reaches the store as an event, and the staff menu lists the shopper waiting
    kiosk._event_wake.set()
    here = next(loc.id for loc in kiosk.services.store.locations() if loc.kind.value == "here")
    qtbot.waitUntil(lambda: [a.client_order_id for a in shop.pickup_arrivals(here)] == [client_order_id], timeout=10000)
    vm.orderStatus.refreshArrivals()
    qtbot.waitUntil(lambda: vm.orderStatus.arrivals.count == 1, timeout=5000)
    assert vm.orderStatus.arrivals.get(0)["orderNumber"] == payload.split(":")[1]
    qtmodeltester.check(vm.orderStatus.arrivals, force_py=True)

    # collected: it leaves the list, and a second scan says so
    shop.set_order_state(client_order_id, TrackingState.COLLECTED)
    assert shop.pickup_arrivals(here) == []
    _scan_again(kiosk, payload)  # the same code again at once: the scanner itself would debounce it
    qtbot.waitUntil(lambda: vm.orderStatus.state == "collected", timeout=5000)
    assert vm.orderStatus.arrival == ""

    # offline, the last answer seen is shown with its time
    shop.offline = True
    vm.goHome()
    _scan_again(kiosk, payload)
    qtbot.waitUntil(lambda: vm.page == "orderStatus" and vm.orderStatus.found, timeout=5000)
    assert vm.orderStatus.state == "collected" and vm.orderStatus.asOf != ""
    assert find(kiosk.window, "orderStatusAsOf").isVisible()


def test_an_order_still_in_this_kiosks_outbox_is_saved_not_sent_yet(
    make_kiosk: MakeKiosk, qtbot, tmp_path: Path  # type: ignore[no-untyped-def]
) -> None:
    shop = DemoBackend(tmp_path / "shop", catalog_size=300)
    kiosk = make_kiosk(backend=shop)
    shop.offline = True
    payload = _place(kiosk, qtbot, "reserve_here:")
    _scan(kiosk, payload)
    vm = kiosk.app_vm
    qtbot.waitUntil(lambda: vm.page == "orderStatus" and vm.orderStatus.found, timeout=5000)
    assert vm.orderStatus.headline == "Saved, not sent yet"
    assert vm.orderStatus.detail == (
        "This kiosk will send it as soon as the online store can be reached; stock is confirmed then."
    )


def test_an_unknown_order_asks_for_an_associate_and_a_damaged_code_is_named(
    make_kiosk: MakeKiosk, qtbot, tmp_path: Path  # type: ignore[no-untyped-def]
) -> None:
    kiosk = make_kiosk()
    vm = kiosk.app_vm
    _scan(kiosk, "KIOSK-ORDER:ABCD-1234:00000000-0000-4000-8000-000000000000")
    qtbot.waitUntil(lambda: vm.page == "orderStatus" and not vm.orderStatus.busy, timeout=5000)
    assert not vm.orderStatus.found
    assert text_of(kiosk.window, "orderStatusUnknown") == "We cannot find this order right now. Please ask a store associate."
    _scan(kiosk, "KIOSK-ORDER:nonsense")
    qtbot.waitUntil(lambda: vm.scan.message != "", timeout=5000)
    assert vm.scan.message == "This order code could not be read. Please scan it again or ask a store associate."


def test_pay_on_phone_the_confirmation_turns_paid_within_five_seconds_of_settlement_or_says_what_to_do(
    make_kiosk: MakeKiosk, qtbot, tmp_path: Path  # type: ignore[no-untyped-def]
) -> None:
    shop = DemoBackend(tmp_path / "shop", catalog_size=300)
    kiosk = make_kiosk(backend=shop)
    checkout = kiosk.app_vm.checkout
    order = place_pay_on_phone(kiosk, qtbot, shop, email="ana@example.com", timeout_ms=5000)

    shop.set_payment_state(order.client_order_id, PaymentState.DECLINED)
    qtbot.waitUntil(lambda: checkout.paymentState == "declined", timeout=5000)
    assert text_of(kiosk.window, "paymentMessage") == (
        "The payment was declined. Try another card on your phone, or pay at the counter with this number."
    )
    shop.set_payment_state(order.client_order_id, PaymentState.SETTLED)
    settled_at = time.monotonic()
    qtbot.waitUntil(lambda: checkout.paymentState == "settled", timeout=5000)
    assert time.monotonic() - settled_at <= 5.0
    assert text_of(kiosk.window, "paymentMessage") == "Paid. Thank you!"
    assert shop.order_tracking(order.client_order_id).state is TrackingState.PAID  # type: ignore[union-attr]

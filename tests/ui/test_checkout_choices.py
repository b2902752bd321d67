"""Checkout choices through the real QML UI: pickup at another store, reserve here, pay on the phone, the slip."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from kiosk.app import KioskApp
from kiosk.core.catalog import LocationKind
from kiosk.core.loyalty import points_for
from kiosk.core.order import FulfilmentKind, PaymentChoice
from kiosk.devices.printer import escpos_text
from kiosk.devices.simulators import VirtualSerialDevice
from tests.ui.conftest import MakeKiosk
from tests.ui.helpers import find, next_step, tap, text_of, type_text


def _find_variant(kiosk: KioskApp, want_here: bool) -> tuple[str, str, str | None]:
    """(product id, variant id, store id with stock) for a variant in stock here, or only at another store."""
    store = kiosk.services.store
    for hit in store.popular(300):
        product = store.product(hit.product_id)
        assert product is not None
        for variant in product.variants:
            stock = store.availability(variant)
            if want_here and stock.here > 0:
                return product.id, variant.id, None
            others = [loc.id for loc, qty in stock.other_stores if qty > 0 and loc.kind is LocationKind.STORE]
            if not want_here and stock.here == 0 and others:
                return product.id, variant.id, others[0]
    raise AssertionError("the demo catalog has no such variant")


def _to_checkout(kiosk: KioskApp, qtbot, product_id: str, variant_id: str) -> None:  # type: ignore[no-untyped-def]
    vm = kiosk.app_vm
    if vm.page == "attract":
        vm.start()
    product = kiosk.services.store.product(product_id)
    assert product is not None
    variant = next(v for v in product.variants if v.id == variant_id)
    vm.cart.add(product, variant)
    vm.openCart()
    tap(kiosk.window, find(kiosk.window, "checkoutButton"))
    qtbot.waitUntil(lambda: vm.page == "checkout" and vm.checkout.fulfilmentOptions.count > 0, timeout=5000)
    next_step(qtbot, kiosk, 1)  # past "your items" to "how to receive"


def _type_contact(kiosk: KioskApp, qtbot) -> None:  # type: ignore[no-untyped-def]
    """From "how to receive" to "your details", typed, then on to "pay"."""
    window = kiosk.window
    next_step(qtbot, kiosk, 2)
    for name, text in [("firstNameField", "Nora"), ("lastNameField", "Gil"), ("emailField", "nora@example.com")]:
        field = find(window, name + "Input")
        field.forceActiveFocus()
        type_text(window, text)
    qtbot.waitUntil(lambda: kiosk.app_vm.checkout.email == "nora@example.com")
    next_step(qtbot, kiosk, 3)


def test_pickup_at_another_store_that_has_it(kiosk: KioskApp, qtbot, demo_backend) -> None:  # type: ignore[no-untyped-def]
    vm, window = kiosk.app_vm, kiosk.window
    product_id, variant_id, store_id = _find_variant(kiosk, want_here=False)
    _to_checkout(kiosk, qtbot, product_id, variant_id)
    # not in stock here, so "reserve here" is offered but not possible, with the reason
    rows = [vm.checkout.fulfilmentOptions.get(i) for i in range(vm.checkout.fulfilmentOptions.count)]
    reserve = next(r for r in rows if r["kind"] == "reserve_here")
    assert not reserve["available"]
    assert reserve["reason"] == "Not everything in your cart is in stock in this store."
    pickup = next(r for r in rows if r["optionKey"] == f"pickup_store:{store_id}")
    assert pickup["available"] and re.search(r"Ready (today or tomorrow|tomorrow|in \d-\d days)", pickup["detail"])
    tap(window, find(window, f"option_pickup_store:{store_id}"))
    qtbot.waitUntil(lambda: vm.checkout.fulfilment == "pickup_store")
    assert not find(window, "streetField").isVisible()  # no address for a pickup
    _type_contact(kiosk, qtbot)
    tap(window, find(window, "placeOrderButton"))
    qtbot.waitUntil(lambda: vm.page == "confirmation", timeout=5000)
    order = vm.checkout.last_order
    assert order is not None and order.fulfilment is FulfilmentKind.PICKUP_STORE
    assert order.pickup_location_id == store_id and order.shipping_address is None
    store_name = next(loc.name for loc in kiosk.services.store.locations() if loc.id == store_id)
    assert text_of(window, "orderSummary") == f"Pick up at {store_name}"
    # the sender delivers it to the demo store with its pickup location
    kiosk._wake.set()
    qtbot.waitUntil(lambda: demo_backend.find_order(order.client_order_id) is not None, timeout=10000)


def test_reserve_here_and_pay_on_the_phone(kiosk: KioskApp, qtbot) -> None:  # type: ignore[no-untyped-def]
    vm, window = kiosk.app_vm, kiosk.window
    product_id, variant_id, _ = _find_variant(kiosk, want_here=True)
    _to_checkout(kiosk, qtbot, product_id, variant_id)
    here = next(loc.id for loc in kiosk.services.store.locations() if loc.kind is LocationKind.HERE)
    tap(window, find(window, f"option_reserve_here:{here}"))
    qtbot.waitUntil(lambda: vm.checkout.fulfilment == "reserve_here")
    _type_contact(kiosk, qtbot)
    tap(window, find(window, "payment_pay_on_phone"))
    qtbot.waitUntil(lambda: vm.checkout.payment == "pay_on_phone")
    tap(window, find(window, "placeOrderButton"))
    qtbot.waitUntil(lambda: vm.page == "confirmation", timeout=5000)
    order = vm.checkout.last_order
    assert order is not None and order.payment is PaymentChoice.PAY_ON_PHONE
    assert order.fulfilment is FulfilmentKind.RESERVE_HERE and order.pickup_location_id == here
    # the QR is the pay-on-phone link for this order, not card data and not the till code
    assert vm.checkout.orderQr == f"image://qr/https://shop.example.com/pay/{order.client_order_id}"
    assert text_of(window, "payInstruction").startswith("Scan the code with your phone to pay €")
    assert text_of(window, "orderSummary") == "Reserved for you in this store"


def test_a_recognised_shopper_orders_with_their_loyalty_number_and_sees_the_points(kiosk: KioskApp, qtbot, demo_backend) -> None:  # type: ignore[no-untyped-def]
    vm, window = kiosk.app_vm, kiosk.window
    customer = demo_backend.sample_customer()
    product_id, variant_id, _ = _find_variant(kiosk, want_here=True)
    vm.start()
    assert kiosk.virtual_scanner is not None
    kiosk.virtual_scanner.write(b"]E00" + customer.loyalty_number.encode() + b"\r")
    qtbot.waitUntil(lambda: vm.shopperName == customer.first_name, timeout=5000)
    _to_checkout(kiosk, qtbot, product_id, variant_id)
    # earned on the goods after the member's offers (a Gold member: 10 % off), as the store credits them
    expected = sum(points_for(goods, customer.tier) for goods in vm.checkout.earning())
    assert expected <= points_for(vm.cart.cart.subtotal, customer.tier)
    assert text_of(window, "checkoutPoints") == f"This order earns {expected} points"  # in the totals block
    tap(window, find(window, "useProfileAddressButton"))  # the delivery address, then the details, from it
    qtbot.waitUntil(lambda: vm.checkout.email == customer.email and vm.checkout.street != "")
    next_step(qtbot, kiosk, 2)
    assert find(window, "useProfileButton").isVisible()
    next_step(qtbot, kiosk, 3)
    tap(window, find(window, "placeOrderButton"))
    qtbot.waitUntil(lambda: vm.page == "confirmation", timeout=5000)
    order = vm.checkout.last_order
    assert order is not None
    assert order.contact.loyalty_number == customer.loyalty_number and order.contact.customer_id == customer.id
    # the demo store's receipt says nothing about points yet: the kiosk's figure, labelled an estimate
    assert text_of(window, "orderPoints") == (
        f"You will earn about {expected} points with this order (estimate: confirmed when the order reaches our store)."
    )


@pytest.fixture
def printer_device() -> Iterator[VirtualSerialDevice]:
    with VirtualSerialDevice("kiosk-test-printer") as device:
        yield device


def test_the_slip_prints_on_the_serial_printer_and_a_dead_printer_keeps_the_job(make_kiosk: MakeKiosk, qtbot, printer_device) -> None:  # type: ignore[no-untyped-def]
    kiosk = make_kiosk(printer={"port": printer_device.path})
    vm, window = kiosk.app_vm, kiosk.window
    product_id, variant_id, _ = _find_variant(kiosk, want_here=True)
    _to_checkout(kiosk, qtbot, product_id, variant_id)
    here = next(loc.id for loc in kiosk.services.store.locations() if loc.kind is LocationKind.HERE)
    vm.checkout.selectOption(f"reserve_here:{here}")
    _type_contact(kiosk, qtbot)
    tap(window, find(window, "placeOrderButton"))
    qtbot.waitUntil(lambda: vm.page == "confirmation", timeout=5000)
    number = vm.checkout.orderNumber

    printer_device.unplug()  # the printer is off: retried, reported, the job kept
    tap(window, find(window, "printButton"))
    qtbot.waitUntil(lambda: vm.checkout.printState == "failed", timeout=15000)
    assert text_of(window, "printMessage") == (
        "The printer did not respond. Your order is saved; try again or show the QR code at the counter."
    )
    printer_device.replug()
    tap(window, find(window, "printButton"))
    received = b""
    for _ in range(50):
        received += printer_device.read(timeout_s=0.2)
        qtbot.wait(20)
        if vm.checkout.printState == "printed" and b"\x1dV" in received:
            break
    qtbot.waitUntil(lambda: vm.checkout.printState == "printed", timeout=10000)
    text = escpos_text(received)
    assert number in text and "[QR]" in text and "Reserved for you in this store" in text
    assert text_of(window, "printMessage") == "Printed. Take your slip to the counter."

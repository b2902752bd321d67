"""Every scanning source reaches the same interpretation in the running kiosk: serial pty, NFC pty, keyboard wedge.

The devices are real pseudo-terminals read by the app's own readers, configured through the config sections
an installer would write; the shopper-visible result is checked in the QML tree.
"""

from __future__ import annotations

import binascii
import time
from collections.abc import Iterator

import ndef
import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from kiosk.app import KioskApp
from kiosk.core.customer import CustomerLookup
from kiosk.devices.simulators import VirtualSerialDevice
from kiosk.ui.devtools.bench_driver import on_screen_key
from tests.ui.conftest import MakeKiosk
from tests.ui.helpers import find, open_search_keyboard, tap, text_of


@pytest.fixture
def nfc_device() -> Iterator[VirtualSerialDevice]:
    with VirtualSerialDevice("kiosk-test-nfc") as device:
        yield device


def _first_gtin(kiosk: KioskApp) -> tuple[str, str]:
    store = kiosk.services.store
    for hit in store.popular(50):
        product = store.product(hit.product_id)
        assert product is not None
        for variant in product.variants:
            if variant.gtin:
                return product.id, variant.gtin
    raise AssertionError("no product with a GTIN in the demo catalog")


def test_a_loyalty_card_greets_the_shopper_from_any_screen(kiosk: KioskApp, qtbot, demo_backend) -> None:  # type: ignore[no-untyped-def]
    vm = kiosk.app_vm
    customer = demo_backend.sample_customer()
    product_id, _ = _first_gtin(kiosk)
    vm.start()
    vm.openProduct(product_id)
    qtbot.waitUntil(lambda: vm.page == "product")
    assert not find(kiosk.window, "shopperChip").isVisible()
    assert kiosk.virtual_scanner is not None
    kiosk.virtual_scanner.write(b"]E00" + customer.loyalty_number.encode() + b"\r")
    qtbot.waitUntil(lambda: vm.shopperName == customer.first_name, timeout=5000)
    assert vm.page == "product"  # recognised where the shopper stands; nothing navigates away
    assert find(kiosk.window, "shopperChip").isVisible()
    assert text_of(kiosk.window, "shopperChipName") == customer.first_name
    assert vm.notice == f"Welcome back, {customer.first_name}!"
    assert vm.shopperMasked == "•••• " + customer.loyalty_number[-4:]
    # a shared screen never shows the surname, the e-mail or the whole card number
    shown = _visible_texts(kiosk)
    assert customer.last_name not in shown and customer.email not in shown and customer.loyalty_number not in shown


def test_an_unknown_card_says_so(kiosk: KioskApp, qtbot) -> None:  # type: ignore[no-untyped-def]
    vm = kiosk.app_vm
    vm.start()
    assert kiosk.virtual_scanner is not None
    kiosk.virtual_scanner.write(b"]E00400000000008\r")  # a valid UPC-A in the loyalty range, no member
    qtbot.waitUntil(lambda: vm.notice != "", timeout=5000)
    assert vm.notice == "We could not find this card. Please ask a store associate."
    assert vm.shopperName == ""


def test_offline_the_card_still_counts_for_points(kiosk: KioskApp, qtbot, demo_backend) -> None:  # type: ignore[no-untyped-def]
    vm = kiosk.app_vm
    customer = demo_backend.sample_customer()
    vm.start()
    demo_backend.offline = True
    try:
        assert kiosk.virtual_scanner is not None
        kiosk.virtual_scanner.write(b"]E00" + customer.loyalty_number.encode() + b"\r")
        qtbot.waitUntil(lambda: vm.notice != "", timeout=5000)
    finally:
        demo_backend.offline = False
    masked = "•••• " + customer.loyalty_number[-4:]
    assert vm.notice == f"We can't load your profile right now. Your order will still earn points on card {masked}."
    assert vm.loyalty_number == customer.loyalty_number and vm.customer is None
    # and the order placed now carries the card number, so the points follow once it is delivered
    product_id, _ = _first_gtin(kiosk)
    product = kiosk.services.store.product(product_id)
    assert product is not None
    vm.cart.add(product, product.variants[0])
    vm.openCheckout()
    qtbot.waitUntil(lambda: vm.page == "checkout" and vm.checkout.fulfilmentOptions.count > 0, timeout=5000)
    assert vm.checkout.pointsEarned > 0
    for name, value in [("firstName", "Ana"), ("lastName", "Ruiz"), ("email", "ana@example.com"),
                        ("street", "Calle Mayor 1"), ("city", "Madrid"), ("postalCode", "28013")]:
        vm.checkout.setField(name, value)
    vm.checkout.selectOption("home_delivery:")
    vm.checkout.placeOrder()
    qtbot.waitUntil(lambda: vm.page == "confirmation", timeout=5000)
    order = vm.checkout.last_order
    assert order is not None and order.contact.loyalty_number == customer.loyalty_number


def test_an_nfc_tag_with_the_app_link_greets_the_shopper(make_kiosk: MakeKiosk, qtbot, demo_backend, nfc_device) -> None:  # type: ignore[no-untyped-def]
    kiosk = make_kiosk(nfc={"port": nfc_device.path, "kind": "serial"})
    vm = kiosk.app_vm
    other = demo_backend.customers()[1]
    token = demo_backend.app_token(other.id)
    message = b"".join(ndef.message_encoder([ndef.UriRecord(f"https://shop.example.com/m/{token}")]))
    vm.start()
    qtbot.wait(300)  # the reader opens the pty on its own thread
    nfc_device.write(b"NDEF:" + binascii.hexlify(message).upper() + b"\r\n")
    qtbot.waitUntil(lambda: vm.shopperName == other.first_name, timeout=5000)


def test_unplugging_the_nfc_reader_shows_it_and_replugging_clears_it(make_kiosk: MakeKiosk, qtbot, nfc_device) -> None:  # type: ignore[no-untyped-def]
    kiosk = make_kiosk(nfc={"port": nfc_device.path})
    vm = kiosk.app_vm
    vm.start()
    nfc_device.unplug()
    qtbot.waitUntil(lambda: not vm.nfcConnected, timeout=5000)
    assert find(kiosk.window, "nfcDisconnected").isVisible()
    assert text_of(kiosk.window, "nfcDisconnected") == "Card reader disconnected"
    assert vm.scannerConnected  # the barcode scanner is still there
    nfc_device.replug()
    qtbot.waitUntil(lambda: vm.nfcConnected, timeout=5000)
    assert not find(kiosk.window, "nfcDisconnected").isVisible()


def _key(window, ch: str) -> None:  # type: ignore[no-untyped-def]
    """A key from a keyboard device (a wedge scanner is one): through the window system, so spontaneous."""
    if ch == "\r":
        QTest.keyClick(window, Qt.Key.Key_Return)
    else:
        QTest.keyClick(window, ch)


def test_a_wedge_scan_in_a_text_field_opens_the_product_and_types_nothing(make_kiosk: MakeKiosk, qtbot) -> None:  # type: ignore[no-untyped-def]
    kiosk = make_kiosk(scanner={"wedge": True})
    vm = kiosk.app_vm
    window = kiosk.window
    product_id, gtin = _first_gtin(kiosk)
    vm.start()
    field = find(window, "searchField")
    field.forceActiveFocus()
    # a person types, a key every ~120 ms: it reaches the field
    for ch in "sho":
        _key(window, ch)
        qtbot.wait(120)
    qtbot.waitUntil(lambda: field.property("text") == "sho")
    # the scanner "types" 13 digits and Enter within a few milliseconds
    for ch in gtin[1:]:
        _key(window, ch)
        time.sleep(0.002)
    _key(window, "\r")
    qtbot.waitUntil(lambda: vm.page == "product" and vm.product.productId == product_id, timeout=5000)
    # not one digit leaked into the field: the query it typed is still "sho" (the product page shows a blank
    # field, the query belongs to its results)
    assert vm.search.query == "sho" and field.property("text") == ""


def test_a_tap_on_the_on_screen_keyboard_types_at_once_with_the_wedge_filter_on(make_kiosk: MakeKiosk, qtbot) -> None:  # type: ignore[no-untyped-def]
    """The filter holds device keys for its gap; the on-screen keyboard's keys must not wait for it."""
    kiosk = make_kiosk(scanner={"wedge": True})
    window = kiosk.window
    kiosk.app_vm.start()
    field = open_search_keyboard(qtbot, window)
    for ch in "sho":
        key = on_screen_key(window, ch)
        assert key is not None
        tap(window, key)
        assert field.property("text") == "sho"[: "sho".index(ch) + 1]  # in the field now, not 30 ms later
    qtbot.waitUntil(lambda: kiosk.app_vm.search.query == "sho")


def _visible_texts(kiosk: KioskApp) -> str:
    from PySide6.QtQuick import QQuickItem

    texts = []
    for item in kiosk.window.contentItem().findChildren(QQuickItem):
        if item.isVisible():
            value = item.property("text")
            if isinstance(value, str):
                texts.append(value)
    return "\n".join(texts)


def test_unplugging_the_scanner_shows_it_and_a_scan_after_replug_still_opens_the_product(kiosk: KioskApp, qtbot) -> None:  # type: ignore[no-untyped-def]
    vm = kiosk.app_vm
    product_id, gtin = _first_gtin(kiosk)
    vm.start()
    scanner = kiosk.virtual_scanner
    assert scanner is not None
    scanner.unplug()
    qtbot.waitUntil(lambda: not vm.scannerConnected, timeout=5000)
    assert find(kiosk.window, "scannerDisconnected").isVisible()
    assert text_of(kiosk.window, "scannerDisconnected") == "Scanner disconnected"
    scanner.replug()
    qtbot.waitUntil(lambda: vm.scannerConnected, timeout=2500)  # the issue asks for a reconnect within 2 s
    scanner.write(b"]E0" + gtin[1:].encode() + b"\r")
    qtbot.waitUntil(lambda: vm.page == "product" and vm.product.productId == product_id, timeout=5000)


def test_an_associates_nfc_badge_signs_in_and_a_shoppers_nfc_card_still_greets(make_kiosk: MakeKiosk, qtbot, demo_backend, nfc_device, clock) -> None:  # type: ignore[no-untyped-def]
    from kiosk.core.admin_pin import StaffPinService

    kiosk = make_kiosk(kiosk={"mode": "associate"}, nfc={"port": nfc_device.path})
    vm, admin = kiosk.app_vm, kiosk.app_vm.admin
    StaffPinService(kiosk.pin_store, clock).set_badge("04A224E2C31D80", "ana")
    assert admin.screen == "pin" and not admin.signed_in  # an associate tablet starts locked
    qtbot.wait(300)
    nfc_device.write(b"UID:04A224E2C31D80\r\n")
    qtbot.waitUntil(lambda: admin.signed_in, timeout=5000)
    assert admin.staffName == "ana" and admin.screen == ""
    assert vm.shopperName == ""  # a badge is nobody's loyalty card
    shopper_uid = demo_backend.sample_nfc_uids()[0]
    customer = demo_backend.find_customer(CustomerLookup.APP_TOKEN, shopper_uid)
    assert customer is not None
    nfc_device.write(b"UID:" + shopper_uid.split(":", 1)[1].encode() + b"\r\n")
    qtbot.waitUntil(lambda: vm.shopperName == customer.first_name, timeout=5000)
    assert admin.staffName == "ana"

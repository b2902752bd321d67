"""The kiosk by keypad alone, listening (issue 17): the whole delivery-order journey with key events only
(scan -> product -> cart -> checkout -> confirmation), asserting what the mock speech engine was given:
pages with their totals, each focused control with role and state, messages, and no personal data."""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtQuick import QQuickWindow

from kiosk.app import KioskApp
from tests.ui.conftest import MakeKiosk
from tests.ui.helpers import type_text

EMAIL = "lucia@example.com"


def press(window: QQuickWindow, key: Qt.Key, text: str = "", modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QCoreApplication.sendEvent(window, QKeyEvent(kind, key, modifiers, text))


def focused_name(window: QQuickWindow) -> str:
    item = window.activeFocusItem()
    return item.objectName() if item is not None else ""


def move_to(window: QQuickWindow, name: str, key: Qt.Key = Qt.Key.Key_Down, limit: int = 80) -> int:
    """Presses `key` until the control named `name` has the focus ring; how many presses it took."""
    for presses in range(limit):
        if focused_name(window) == name:
            return presses
        press(window, key)
        QCoreApplication.processEvents()  # as between two real key presses
    raise AssertionError(f"{name} not reached with {limit} presses of {key.name}; focus on {focused_name(window)!r}")


def _scannable(kiosk: KioskApp) -> tuple[str, str]:
    store = kiosk.services.store
    for hit in store.popular(200):
        product = store.product(hit.product_id)
        assert product is not None
        for variant in product.variants:
            stock = store.availability(variant)
            if variant.gtin and stock.here > 0:
                return product.id, variant.gtin
    raise AssertionError("demo catalog has no product on this store's shelf")


def test_delivery_order_by_keypad_alone_with_speech(make_kiosk: MakeKiosk, qtbot) -> None:  # type: ignore[no-untyped-def]
    kiosk = make_kiosk()
    window, vm = kiosk.window, kiosk.app_vm
    spoken: list[str] = []
    vm.speech.spoken.connect(spoken.append)
    window.requestActivate()
    qtbot.waitUntil(window.isActive)

    # F3 on the attract screen: speech on, the screen and its first control said at once
    press(window, Qt.Key.Key_F3)
    qtbot.waitUntil(lambda: vm.speech.enabled)
    assert spoken[-1].startswith("Speech on.") and "Welcome." in spoken[-1] and "Touch to start, button" in spoken[-1]
    assert focused_name(window) == "startButton"
    press(window, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: vm.page == "home")
    qtbot.waitUntil(lambda: spoken[-1].startswith("Home."))

    # scan: the product page opens and says the product, its price and stock; Down reaches "Add to cart"
    product_id, gtin = _scannable(kiosk)
    assert kiosk.virtual_scanner is not None
    mark = len(spoken)
    kiosk.virtual_scanner.write(b"]E0" + gtin[-13:].encode() + b"\r\n")
    qtbot.waitUntil(lambda: vm.page == "product" and vm.product.productId == product_id, timeout=5000)
    name = str(vm.product.name)
    # (the page's first control may be said again on its own: the variant picker reloads once the stock is in)
    try:
        qtbot.waitUntil(lambda: any(s.startswith(f"{name}. {vm.product.price}. ") for s in spoken[mark:]))
    except Exception:
        raise AssertionError(f"{name} {vm.product.price}: {spoken[mark:]}") from None
    move_to(window, "addToCartButton")
    assert spoken[-1].startswith("Add to cart, button")
    assert vm.speech.lastLatencyMs >= 0 and vm.speech.lastLatencyMs <= 300  # focus change to speech
    press(window, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: vm.cart.count == 1)
    qtbot.waitUntil(lambda: spoken[-1] == f"Added to your cart: {name}.")
    press(window, Qt.Key.Key_F2)  # repeat
    assert spoken[-1] == f"Added to your cart: {name}."

    # up into the top bar, the cart: the page says how many and the subtotal
    move_to(window, "cartButton", Qt.Key.Key_Up)
    assert spoken[-1] == "Cart: 1 item, button"
    press(window, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: vm.page == "cart")
    qtbot.waitUntil(lambda: spoken[-1].startswith(f"Your cart. 1 item, subtotal {vm.cart.subtotal}."))
    move_to(window, "checkoutButton")
    press(window, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: vm.page == "checkout" and vm.checkout.fulfilmentOptions.count > 0)
    qtbot.waitUntil(lambda: spoken[-1].startswith("Checkout. Step 1 of 4, your items. Total "))

    # the steps by keypad: "Next" says where it goes, the new step is said as it opens
    move_to(window, "stepNextButton")
    assert spoken[-1] == "Next: How to receive, button"
    press(window, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: vm.checkout.step == 1 and spoken[-1] == "Step 2 of 4, how to receive")

    # home delivery: a radio button that says whether it is chosen
    move_to(window, "option_home_delivery:")
    assert re.match(r"Home delivery, option, (not )?selected", spoken[-1])
    press(window, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: vm.checkout.fulfilment == "home_delivery")
    assert spoken[-1].startswith("Home delivery, option, selected")  # said as soon as it is chosen

    # the shopper's details, typed on the keypad's keyboard: fields say "filled in", never what is in them
    def fill(fields: list[tuple[str, str]]) -> None:
        for field, text in fields:
            move_to(window, field)
            assert spoken[-1].endswith("text field, empty"), spoken[-1]
            type_text(window, text)
            assert spoken[-1] == "character entered"
            press(window, Qt.Key.Key_Up)
            press(window, Qt.Key.Key_Down)
            assert spoken[-1].endswith("text field, filled in"), spoken[-1]

    move_to(window, "method_express")
    press(window, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: vm.checkout.methodId == "express")
    fill([("streetFieldInput", "Calle Mayor 5"), ("postalCodeFieldInput", "28013"), ("cityFieldInput", "Madrid")])
    move_to(window, "stepNextButton")
    press(window, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: vm.checkout.step == 2 and spoken[-1] == "Step 3 of 4, your details")
    fill([("firstNameFieldInput", "Lucia"), ("lastNameFieldInput", "Martin"), ("emailFieldInput", EMAIL),
          ("phoneFieldInput", "612345678")])
    qtbot.waitUntil(lambda: vm.checkout.city == "Madrid" and vm.checkout.email == EMAIL)
    move_to(window, "stepNextButton")
    press(window, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: vm.checkout.step == 3 and focused_name(window) == "placeOrderButton")
    move_to(window, "payment_pay_at_counter", Qt.Key.Key_Up)
    press(window, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: vm.checkout.payment == "pay_at_counter")
    move_to(window, "placeOrderButton")
    assert spoken[-1] == "Place order, button"
    press(window, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: vm.page == "confirmation", timeout=10000)
    number = str(vm.checkout.orderNumber)
    try:
        qtbot.waitUntil(lambda: spoken[-1].startswith(f"Your order is saved. Order number {number}. Pay "))
    except Exception:
        raise AssertionError(f"order {number} not said on the confirmation; said last: {spoken[-3:]}") from None

    # nothing personal was ever said
    said = " | ".join(spoken)
    for secret in ("Lucia", "Martin", EMAIL, "612345678", "Calle Mayor", "28013"):
        assert secret not in said

    # Done by keypad: the session ends, speech goes quiet and back to its default volume for the next shopper
    press(window, Qt.Key.Key_F5)
    assert vm.speech.volume > 0.7
    move_to(window, "doneButton")
    press(window, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: vm.page == "attract")
    assert not vm.speech.enabled and vm.speech.volume == 0.7


def test_help_back_and_the_pin_pad_are_spoken_without_the_pin(make_kiosk: MakeKiosk, qtbot) -> None:  # type: ignore[no-untyped-def]
    kiosk = make_kiosk()
    window, vm = kiosk.window, kiosk.app_vm
    spoken: list[str] = []
    vm.speech.spoken.connect(spoken.append)
    press(window, Qt.Key.Key_F3)
    press(window, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: vm.page == "home")
    press(window, Qt.Key.Key_F1)
    assert spoken[-1].startswith("Help. Up and down arrows or Tab move")
    vm.openCart()
    qtbot.waitUntil(lambda: vm.page == "cart")
    press(window, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: vm.page == "home")
    # the staff PIN pad: each digit is "digit entered", never the digit
    for _ in range(5):
        vm.admin.cornerTapped()
    qtbot.waitUntil(lambda: vm.admin.screen == "pin")
    before = len(spoken)
    for digit in "2468":
        press(window, Qt.Key(ord(digit)), digit)
    assert vm.admin.entered == 4
    assert spoken[before:] == ["digit entered"] * 4
    press(window, Qt.Key.Key_Backspace)
    assert spoken[-1] == "digit deleted" and vm.admin.entered == 3
    press(window, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: vm.admin.screen == "")


def test_typing_a_search_by_keypad_keeps_the_focus_in_the_field(make_kiosk: MakeKiosk, qtbot) -> None:  # type: ignore[no-untyped-def]
    """The top bar's field opens the results page at the first letter; the keypad's focus must not jump to
    the page's first card then, or the next letters would go nowhere."""
    kiosk = make_kiosk()
    window, vm = kiosk.window, kiosk.app_vm
    press(window, Qt.Key.Key_F3)
    press(window, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: vm.page == "home")
    move_to(window, "searchField", Qt.Key.Key_Up)
    assert vm.speech.lastSpoken == "Search, text field. Search the whole catalog or scan a barcode"
    type_text(window, "sh")
    qtbot.waitUntil(lambda: vm.page == "search")
    QCoreApplication.processEvents()
    type_text(window, "o")
    qtbot.waitUntil(lambda: vm.search.query == "sho")
    assert focused_name(window) == "searchField"
    assert vm.speech.lastSpoken == "o"  # the search is not personal: its letters are echoed


def test_pickup_order_and_cart_handoff_by_keypad_alone(make_kiosk: MakeKiosk, qtbot) -> None:  # type: ignore[no-untyped-def]
    """The other journeys: the cart handed to a phone (its QR panel keeps the focus, Escape closes it), and
    an order picked up at a store, every step with keys."""
    kiosk = make_kiosk()
    window, vm = kiosk.window, kiosk.app_vm
    spoken: list[str] = []
    vm.speech.spoken.connect(spoken.append)
    press(window, Qt.Key.Key_F3)
    press(window, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: vm.page == "home")
    product_id, gtin = _scannable(kiosk)
    assert kiosk.virtual_scanner is not None
    kiosk.virtual_scanner.write(b"]E0" + gtin[-13:].encode() + b"\r\n")
    qtbot.waitUntil(lambda: vm.page == "product" and vm.product.productId == product_id, timeout=5000)
    move_to(window, "addToCartButton")
    press(window, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: vm.cart.count == 1)
    move_to(window, "cartButton", Qt.Key.Key_Up)
    press(window, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: vm.page == "cart")

    # handoff: "Continue on my phone" opens the QR; the keypad stays inside the panel until Escape
    move_to(window, "phoneButton")
    press(window, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(vm.travel.phoneUrl), timeout=10000)
    qtbot.waitUntil(lambda: focused_name(window) == "phoneDoneButton")
    for _ in range(3):
        press(window, Qt.Key.Key_Down)
        assert focused_name(window) == "phoneDoneButton"  # the only control of the panel
    press(window, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not vm.travel.phoneUrl)
    assert vm.page == "cart"

    # pickup at a store: the first pickup option the keypad reaches (unavailable ones are skipped)
    move_to(window, "checkoutButton")
    press(window, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: vm.page == "checkout" and vm.checkout.fulfilmentOptions.count > 0)
    move_to(window, "stepNextButton")
    press(window, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: vm.checkout.step == 1)
    for _ in range(40):
        if focused_name(window).startswith("option_pickup_store:"):
            break
        press(window, Qt.Key.Key_Down)
        QCoreApplication.processEvents()
    assert focused_name(window).startswith("option_pickup_store:")
    press(window, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: vm.checkout.fulfilment == "pickup_store")
    assert re.match(r"Pick up at .+, option, selected\. ", spoken[-1]), spoken[-1]  # the choice says its new state
    move_to(window, "stepNextButton")
    press(window, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: vm.checkout.step == 2)
    for field, text in [("firstNameFieldInput", "Nora"), ("lastNameFieldInput", "Vidal"),
                        ("emailFieldInput", "nora@example.com"), ("phoneFieldInput", "600111222")]:
        move_to(window, field)
        type_text(window, text)
    move_to(window, "stepNextButton")
    press(window, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: vm.checkout.step == 3)
    move_to(window, "placeOrderButton")
    press(window, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: vm.page == "confirmation", timeout=10000)
    assert vm.checkout.last_order is not None and vm.checkout.last_order.fulfilment.value == "pickup_store"
    said = " | ".join(spoken)
    assert "Nora" not in said and "nora@example.com" not in said and "600111222" not in said

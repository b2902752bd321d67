"""The whole shopper journey through the real QML UI, offscreen, on the demo backend."""

from __future__ import annotations

from kiosk.app import KioskApp
from kiosk.core.order import OrderStatus
from tests.fakes import FakeClock
from tests.ui.helpers import find, tap, text_of, type_text


def _product_with_stock_elsewhere(kiosk: KioskApp) -> tuple[str, str]:
    store = kiosk.services.store
    for hit in store.popular(200):
        product = store.product(hit.product_id)
        assert product is not None
        for variant in product.variants:
            if variant.gtin and store.availability(variant).elsewhere > 0:
                return product.id, variant.gtin
    raise AssertionError("demo catalog has no product in stock elsewhere")


def test_attract_search_product_cart_checkout_confirmation(kiosk: KioskApp, qtbot) -> None:  # type: ignore[no-untyped-def]
    window, vm = kiosk.window, kiosk.app_vm
    assert vm.page == "attract"
    tap(window, find(window, "startButton"))
    qtbot.waitUntil(lambda: vm.page == "home")
    qtbot.waitUntil(lambda: vm.home.popular.count > 0)

    # type-ahead in the top bar's search field
    field = find(window, "searchField")
    field.forceActiveFocus()
    first_word = vm.home.popular.get(0)["name"].split()[0]
    type_text(window, first_word[:4])
    qtbot.waitUntil(lambda: vm.page == "search" and vm.search.results.count > 0, timeout=5000)
    assert vm.search.query == first_word[:4]

    # open the first result by tapping its card
    grid = find(window, "resultsGrid")
    qtbot.waitUntil(lambda: grid.property("count") > 0)
    first_id = vm.search.results.get(0)["productId"]
    vm.openProduct(first_id)
    qtbot.waitUntil(lambda: vm.page == "product" and vm.product.productId == first_id)
    qtbot.waitUntil(lambda: vm.product.asOf != "")
    assert text_of(window, "productName") == vm.product.name
    assert text_of(window, "productPrice").startswith("€")

    tap(window, find(window, "addToCartButton"))
    qtbot.waitUntil(lambda: vm.cart.count == 1)
    tap(window, find(window, "cartButton"))
    qtbot.waitUntil(lambda: vm.page == "cart")
    tap(window, find(window, "checkoutButton"))
    qtbot.waitUntil(lambda: vm.page == "checkout")

    # the address is typed with key events into the real text fields, not set behind the UI's back
    for name, text in [
        ("firstNameField", "Lucía"), ("lastNameField", "Martín"), ("emailField", "lucia@example.com"),
        ("streetField", "Calle Mayor 5"), ("postalCodeField", "28013"), ("cityField", "Madrid"),
    ]:
        input_field = find(window, name + "Input")
        input_field.forceActiveFocus()
        type_text(window, text)
    qtbot.waitUntil(lambda: vm.checkout.city == "Madrid")
    assert vm.checkout.firstName == "Lucía"

    tap(window, find(window, "placeOrderButton"))
    qtbot.waitUntil(lambda: vm.page == "confirmation", timeout=5000)
    number = text_of(window, "orderNumber")
    assert number and number == vm.checkout.orderNumber
    qr = find(window, "orderQr")
    assert qr.property("source").toString().startswith("image://qr/KIOSK-ORDER:" + number)
    qtbot.waitUntil(lambda: qr.property("paintedWidth") > 0)

    # saved means committed: the order and its outbox row are in kiosk.db, and the sender delivers it
    order = vm.checkout.last_order
    assert order is not None
    entry = kiosk.services.outbox.get(order.client_order_id)
    assert entry is not None and entry.order.number == number
    qtbot.waitUntil(
        lambda: (e := kiosk.services.outbox.get(order.client_order_id)) is not None
        and e.status is OrderStatus.DELIVERED,
        timeout=10000,
    )
    receipt = kiosk.services.backend.find_order(order.client_order_id)
    assert receipt is not None

    tap(window, find(window, "doneButton"))
    qtbot.waitUntil(lambda: vm.page == "attract")
    assert vm.cart.count == 0 and vm.checkout.firstName == ""


def test_a_scan_through_the_pty_opens_the_product_from_any_screen(kiosk: KioskApp, qtbot) -> None:  # type: ignore[no-untyped-def]
    vm = kiosk.app_vm
    product_id, gtin14 = _product_with_stock_elsewhere(kiosk)
    assert kiosk.virtual_scanner is not None
    for start_page in ("attract", "cart"):
        if start_page == "cart":
            vm.start()
            vm.openCart()
        assert vm.page == start_page
        kiosk.virtual_scanner.write(b"]E0" + gtin14[1:].encode() + b"\r\n")
        qtbot.waitUntil(lambda: vm.page == "product" and vm.product.productId == product_id, timeout=5000)
        vm.goHome()
        qtbot.wait(400)  # the same code again inside the scanner's debounce window would count once, by design


def test_a_rejected_code_shows_its_message_and_opens_nothing(kiosk: KioskApp, qtbot) -> None:  # type: ignore[no-untyped-def]
    vm = kiosk.app_vm
    vm.start()
    assert kiosk.virtual_scanner is not None
    kiosk.virtual_scanner.write(b"]E04006381333932\r")  # check digit wrong (…931 is right)
    qtbot.waitUntil(lambda: vm.scan.message != "", timeout=5000)
    assert vm.page == "home"
    assert text_of(kiosk.window, "scanToast") == "" or find(kiosk.window, "scanToast").isVisible()


def test_idle_warning_then_session_end_wipes_the_shopper(kiosk: KioskApp, qtbot, clock: FakeClock) -> None:  # type: ignore[no-untyped-def]
    vm = kiosk.app_vm
    vm.start()
    product_id, _ = _product_with_stock_elsewhere(kiosk)
    vm.openProduct(product_id)
    qtbot.waitUntil(lambda: vm.page == "product")
    vm.product.addToCart()
    vm.checkout.setField("firstName", "Canary")
    policy = vm.session.policy
    clock.advance(policy.idle_timeout_s + 1)
    qtbot.waitUntil(lambda: vm.session.phase == "warning")
    assert find(kiosk.window, "continueButton").isVisible()
    assert 20 <= vm.session.secondsLeft <= policy.warning_s
    tap(kiosk.window, find(kiosk.window, "continueButton"))
    qtbot.waitUntil(lambda: vm.session.phase == "active")
    assert vm.cart.count == 1
    clock.advance(policy.idle_timeout_s + policy.warning_s + 1)
    qtbot.waitUntil(lambda: vm.page == "attract")
    assert vm.cart.count == 0 and vm.checkout.firstName == "" and vm.product.name == ""


def test_a_session_that_ends_leaves_no_field_focused(kiosk: KioskApp, qtbot, clock: FakeClock) -> None:  # type: ignore[no-untyped-def]
    vm, window = kiosk.app_vm, kiosk.window
    vm.start()
    field = find(window, "searchField")
    field.forceActiveFocus()
    qtbot.waitUntil(lambda: field.hasActiveFocus())
    vm.session.end()
    qtbot.waitUntil(lambda: vm.page == "attract")
    assert not field.hasActiveFocus()

"""The whole shopper journey through the real QML UI, offscreen, on the demo backend."""

from __future__ import annotations

import sqlite3
import uuid

import pytest
from PySide6.QtCore import QPointF
from PySide6.QtGui import QGuiApplication

from kiosk.app import KioskApp
from kiosk.core.order import FulfilmentKind, OrderStatus, PaymentChoice
from kiosk.ui.devtools.bench_driver import on_screen_key, visual_items
from tests.fakes import FakeClock
from tests.ui.conftest import MakeKiosk
from tests.ui.helpers import find, next_step, tap, text_of, type_text


def _product_with_stock_elsewhere(kiosk: KioskApp) -> tuple[str, str]:
    store = kiosk.services.store
    for hit in store.popular(200):
        product = store.product(hit.product_id)
        assert product is not None
        for variant in product.variants:
            if variant.gtin and store.availability(variant).elsewhere > 0:
                return product.id, variant.gtin
    raise AssertionError("demo catalog has no product in stock elsewhere")


def _showcase(kiosk: KioskApp) -> tuple[str, str]:
    """A product with at least two colours and two sizes whose 4-letter name prefix (plain letters, so the
    on-screen keyboard has every key) brings it into the first row of results; and that prefix."""
    store = kiosk.services.store
    for hit in store.popular(300):
        product = store.product(hit.product_id)
        assert product is not None
        colours = {c.en for v in product.variants if (c := v.option("colour")) is not None}
        sizes = {z.en for v in product.variants if (z := v.option("size")) is not None}
        prefix = product.name.en.split()[0][:4].lower()
        if len(colours) < 2 or len(sizes) < 2 or len(prefix) < 4 or not (prefix.isascii() and prefix.isalpha()):
            continue
        if product.id in [h.product_id for h in store.search(prefix, "en", 3, 0)]:
            return product.id, prefix
    raise AssertionError("demo catalog has no product with colours and sizes that a prefix finds")


def _key_on_screen(window, ch: str):  # type: ignore[no-untyped-def]
    """The on-screen key for `ch`; the keyboard may show capitals (auto-capitalisation at a field's start)."""
    return on_screen_key(window, ch) or on_screen_key(window, ch.swapcase())


def _type_on_screen(qtbot, window, field, text: str) -> None:  # type: ignore[no-untyped-def]
    """Taps the field, then the on-screen keyboard's keys one by one, as a shopper's finger would; a digit
    on a letters layout first switches the keyboard to its symbols layout (and back for letters)."""
    tap(window, field)
    qtbot.waitUntil(lambda: field.hasActiveFocus() and QGuiApplication.inputMethod().isVisible())
    qtbot.waitUntil(lambda: _above_keyboard(window, field))  # the shopper sees what they type
    qtbot.waitUntil(lambda: any(_key_on_screen(window, c) is not None for c in text))
    for ch in text:
        key = _key_on_screen(window, ch)
        if key is None:  # on the other layout: the symbols key ("&123" on letters, "ABC" on symbols) switches
            switch = next(
                (
                    item for item in visual_items(window.contentItem())
                    if item.metaObject().className().startswith("SymbolModeKey") and item.isVisible()
                ),
                None,
            )
            assert switch is not None, f"no key for {ch!r} and no layout switch on the on-screen keyboard"
            tap(window, switch)
            qtbot.waitUntil(lambda c=ch: _key_on_screen(window, c) is not None, timeout=2000)
            key = _key_on_screen(window, ch)
        assert key is not None
        tap(window, key)


def _above_keyboard(window, item) -> bool:  # type: ignore[no-untyped-def]
    """Whether the item shows whole between the top bar and the on-screen keyboard's top edge."""
    panel = next(i for i in visual_items(window.contentItem()) if i.metaObject().className().startswith("InputPanel"))
    top = item.mapToScene(QPointF(0, 0)).y()
    bottom = item.mapToScene(QPointF(0, item.height())).y()
    return top >= find(window, "searchField").mapToScene(QPointF(0, 0)).y() and bottom <= panel.y()


def _selected(model) -> str:  # type: ignore[no-untyped-def]
    return next((str(model.get(i)["key"]) for i in range(model.count) if model.get(i)["selected"]), "")


def _card(window, product_id: str):  # type: ignore[no-untyped-def]
    grid = find(window, "resultsGrid")
    for item in visual_items(grid):
        if item.property("productId") == product_id and item.isVisible():
            return item
    raise AssertionError(f"no result card for {product_id}")  # waitUntil retries on assertions


@pytest.mark.parametrize("size", [(1080, 1920), (1920, 1080)], ids=["portrait", "landscape"])
def test_attract_category_search_product_cart_checkout_confirmation(make_kiosk: MakeKiosk, qtbot, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    """Every step by touch on the real QML, in both orientations: a tile, the on-screen keyboard, a result
    card, the variant picker, the cart, the checkout's choices, the confirmation, back to the attract screen."""
    kiosk = make_kiosk(size=size)
    window, vm, store = kiosk.window, kiosk.app_vm, kiosk.services.store
    assert (window.width(), window.height()) == size
    assert vm.page == "attract"
    tap(window, find(window, "startButton"))
    qtbot.waitUntil(lambda: vm.page == "home")

    # category browse: a tile on the home page lists its whole category
    top_level = [c for c in store.categories() if c.parent_id is None]
    assert len(top_level) >= 8
    qtbot.waitUntil(lambda: vm.home.categories.count == len(top_level))
    category = top_level[2]
    tile = find(window, f"categoryTile-{category.id}")
    tap(window, tile)
    qtbot.waitUntil(lambda: vm.page == "search" and vm.search.mode == "category" and vm.search.results.count > 0)
    assert text_of(window, "searchTitle") == category.name.en
    listed = [vm.search.results.get(i)["productId"] for i in range(vm.search.results.count)]
    assert listed == [h.product_id for h in store.products_in_category(category.id, len(listed), 0)]
    tap(window, find(window, "homeButton"))
    qtbot.waitUntil(lambda: vm.page == "home")

    # type-ahead on the on-screen keyboard in the top bar's search field, then a tap on a result card
    product_id, prefix = _showcase(kiosk)
    _type_on_screen(qtbot, window, find(window, "searchField"), prefix)
    qtbot.waitUntil(lambda: vm.page == "search" and vm.search.query.lower() == prefix, timeout=5000)
    qtbot.waitUntil(lambda: product_id in [vm.search.results.get(i)["productId"] for i in range(min(3, vm.search.results.count))], timeout=5000)
    qtbot.waitUntil(lambda: find(window, "resultsGrid").property("count") > 0)
    qtbot.waitUntil(lambda: _card(window, product_id) is not None)
    tap(window, _card(window, product_id))
    qtbot.waitUntil(lambda: vm.page == "product" and vm.product.productId == product_id)

    # the product page: picture, name, price, rating, and the stock of the shown variant everywhere
    product = store.product(product_id)
    assert product is not None
    qtbot.waitUntil(lambda: vm.product.asOf != "")
    assert text_of(window, "productName") == product.name.en
    picture = find(window, "productImage")
    qtbot.waitUntil(lambda: picture.property("progress") == 1.0 and picture.property("paintedWidth") > 0)
    assert text_of(window, "productRating").startswith(f"{(product.rating or 0):.1f} (")
    vm.setLanguage("es")
    try:  # a Spanish shopper reads the decimal comma
        spanish = f"{(product.rating or 0):.1f} (".replace(".", ",")
        qtbot.waitUntil(lambda: text_of(window, "productRating").startswith(spanish))
    finally:
        vm.setLanguage("en")  # the translator belongs to the QApplication that every test shares
    qtbot.waitUntil(lambda: text_of(window, "productName") == product.name.en)
    assert find(window, "stockHere").isVisible() and find(window, "stockWarehouse").isVisible()
    stores = [item for item in visual_items(window.contentItem()) if item.objectName() == "stockStore" and item.isVisible()]
    assert len(stores) == 3  # the three other stores, each with its own count
    assert text_of(window, "stockAsOf") == f"Stock as of {vm.product.asOf}"

    # the variant picker: another colour changes the picture, then a size of that colour
    first = product.variants[0]
    other = next(v for v in product.variants if v.option("colour") != first.option("colour"))
    colour = other.option("colour")
    assert colour is not None
    before = picture.property("source").toString()
    tap(window, find(window, f"colourSwatch-{colour.en}"))
    qtbot.waitUntil(lambda: _selected(vm.product.colours) == colour.en)
    # the gallery moves to that colour's picture: another image item, found again
    qtbot.waitUntil(lambda: find(window, "productImage").property("source").toString() != before
                    and find(window, "productImage").property("progress") == 1.0)  # fmt: skip
    sized = [v for v in product.variants if v.option("colour") == colour and v.option("size") is not None]
    target = next(
        (v for v in reversed(sized) if store.availability(v).here + store.availability(v).elsewhere > 0), sized[-1]
    )
    chip = target.option("size")
    assert chip is not None
    tap(window, find(window, f"sizeChip-{chip.en}"))
    qtbot.waitUntil(lambda: vm.product.sku == target.sku)
    assert text_of(window, "productPrice") == "€" + str(target.price.amount)
    qtbot.waitUntil(lambda: find(window, "addToCartButton").property("enabled") is True)

    tap(window, find(window, "addToCartButton"))
    qtbot.waitUntil(lambda: vm.cart.count == 1)
    tap(window, find(window, "cartButton"))
    qtbot.waitUntil(lambda: vm.page == "cart")
    tap(window, find(window, "checkoutButton"))
    qtbot.waitUntil(lambda: vm.page == "checkout" and vm.checkout.fulfilmentOptions.count > 0)

    # the steps: your items, then home delivery with the address typed on the on-screen keyboard and a
    # shipping method, then the details, then pay at the counter
    assert vm.checkout.step == 0 and find(window, "reviewLine_" + target.id).isVisible()
    next_step(qtbot, kiosk, 1)
    tap(window, find(window, "option_home_delivery:"))
    qtbot.waitUntil(lambda: vm.checkout.fulfilment == "home_delivery")
    for name, text in [("streetField", "Calle Mayor 5"), ("postalCodeField", "28013"), ("cityField", "Madrid")]:
        _type_on_screen(qtbot, window, find(window, name + "Input"), text)
    tap(window, find(window, "method_express"))
    qtbot.waitUntil(lambda: vm.checkout.methodId == "express")
    next_step(qtbot, kiosk, 2)
    for name, text in [("firstNameField", "Lucia"), ("lastNameField", "Martin")]:
        _type_on_screen(qtbot, window, find(window, name + "Input"), text)
    # the email layout's keys differ between Qt releases; the address above is what this step is about
    field = find(window, "emailFieldInput")
    field.forceActiveFocus()
    type_text(window, "lucia@example.com")  # the keys stay up: the shopper taps on with them open
    qtbot.waitUntil(lambda: vm.checkout.city.lower() == "madrid" and vm.checkout.email == "lucia@example.com")
    assert vm.checkout.street.lower() == "calle mayor 5" and vm.checkout.postalCode == "28013"
    assert vm.checkout.firstName.lower() == "lucia"
    next_step(qtbot, kiosk, 3)
    tap(window, find(window, "payment_pay_on_phone"))
    qtbot.waitUntil(lambda: vm.checkout.payment == "pay_on_phone")
    tap(window, find(window, "payment_pay_at_counter"))
    qtbot.waitUntil(lambda: vm.checkout.payment == "pay_at_counter")

    tap(window, find(window, "placeOrderButton"))
    qtbot.waitUntil(lambda: vm.page == "confirmation", timeout=5000)
    qtbot.waitUntil(lambda: not QGuiApplication.inputMethod().isVisible())  # the keys went with the checkout
    assert text_of(window, "savedTitle") == "Your order is saved"
    number = text_of(window, "orderNumber")
    assert number and number == vm.checkout.orderNumber
    qr = find(window, "orderQr")
    assert qr.property("source").toString().startswith("image://qr/KIOSK-ORDER:" + number)
    qtbot.waitUntil(lambda: qr.property("paintedWidth") > 0)
    # issue 18: the amount to pay and the items first, then the codes; the time left before the reset shown
    assert text_of(window, "amountToPay") == f"To pay at the counter: {vm.checkout.orderTotal}"
    placed = vm.checkout.last_order
    assert placed is not None
    assert text_of(window, "orderItems") == f"1 × {placed.lines[0].name} · {placed.lines[0].total.format('en')}"
    tops = [find(window, name).mapToScene(QPointF(0, 0)).y() for name in ("amountToPay", "orderItems", "orderNumber")]
    assert tops == sorted(tops)
    countdown = find(window, "resetCountdown")
    seconds = vm.session.resetIn
    assert countdown.isVisible() and 0 < seconds <= vm.session.policy.idle_timeout_s + vm.session.policy.warning_s
    assert text_of(window, "resetCountdown").startswith("This screen starts over in ")

    # saved means committed: the order and its outbox row are in kiosk.db, and the sender delivers it
    order = vm.checkout.last_order
    assert order is not None
    assert order.shipping_method is not None and order.shipping_method.id == "express"
    assert order.payment is PaymentChoice.PAY_AT_COUNTER and order.fulfilment is FulfilmentKind.HOME_DELIVERY
    assert [(line.sku, line.quantity) for line in order.lines] == [(target.sku, 1)]
    entry = kiosk.services.outbox.get(order.client_order_id)
    assert entry is not None and entry.order.number == number
    qtbot.waitUntil(
        lambda: (e := kiosk.services.outbox.get(order.client_order_id)) is not None
        and e.status is OrderStatus.DELIVERED,
        timeout=10000,
    )
    receipt = kiosk.services.backend.find_order(order.client_order_id)
    assert receipt is not None

    done = find(window, "doneButton")
    bottom = done.mapToScene(QPointF(0, done.height())).y()
    assert bottom <= window.height(), f"Done ends at {bottom}, below the {window.height()} px window"
    tap(window, done)
    qtbot.waitUntil(lambda: vm.page == "attract")
    assert vm.cart.count == 0 and vm.checkout.firstName == ""


def test_a_scan_through_the_pty_opens_the_product_from_any_screen(kiosk: KioskApp, qtbot) -> None:  # type: ignore[no-untyped-def]
    vm = kiosk.app_vm
    product_id, gtin14 = _product_with_stock_elsewhere(kiosk)
    assert kiosk.virtual_scanner is not None
    sources: list[str] = []
    vm.scan.interpreted.connect(lambda _result, source: sources.append(source))
    openers = {
        "attract": lambda: None,
        "home": vm.start,
        "search": lambda: vm.searchFor("sho"),
        "cart": vm.openCart,
        "checkout": vm.openCheckout,
    }
    for start_page, open_page in openers.items():
        open_page()
        qtbot.waitUntil(lambda p=start_page: vm.page == p)
        kiosk.virtual_scanner.write(b"]E0" + gtin14[1:].encode() + b"\r\n")
        qtbot.waitUntil(lambda: vm.page == "product" and vm.product.productId == product_id, timeout=5000)
        if start_page == "cart":
            vm.product.addToCart()  # so that the checkout can open next
            qtbot.waitUntil(lambda: vm.cart.count == 1)
        vm.goHome()
        qtbot.wait(400)  # the same code again inside the scanner's debounce window would count once, by design
    assert sources == ["serial"] * len(openers)  # each one read by the serial reader from the pty


def test_the_demo_scanner_tray_scans_by_writing_to_the_pty(kiosk: KioskApp, qtbot) -> None:  # type: ignore[no-untyped-def]
    """The tray's codes are bytes written into the virtual scanner's pty; the serial reader reads them back."""
    window, vm = kiosk.window, kiosk.app_vm
    sources: list[str] = []
    vm.scan.interpreted.connect(lambda _result, source: sources.append(source))
    vm.start()
    vm.openCart()
    qtbot.waitUntil(lambda: vm.page == "cart")
    tap(window, find(window, "demoScannerButton"))
    panel = find(window, "demoScannerPanel")
    qtbot.waitUntil(panel.isVisible)
    labels = [vm.demoScanner.codes.get(i)["label"] for i in range(vm.demoScanner.codes.count)]
    assert len(labels) >= 6
    def out_of_stock_row() -> object:
        return next(
            (item for item in visual_items(panel)
             if isinstance(item.property("label"), str) and item.property("label").startswith("Out of stock here: ")),
            None,
        )  # fmt: skip

    qtbot.waitUntil(lambda: out_of_stock_row() is not None)  # the tray's grid makes its rows once laid out
    row = out_of_stock_row()
    code = row.property("code")
    assert isinstance(code, str) and len(code) == 13
    tap(window, row)
    qtbot.waitUntil(lambda: vm.page == "product", timeout=5000)
    assert not panel.isVisible()
    product = kiosk.services.store.product(vm.product.productId)
    assert product is not None and any(v.gtin == "0" + code for v in product.variants)
    assert row.property("label") == f"Out of stock here: {product.name.en}"
    assert sources == ["serial"]
    qtbot.waitUntil(lambda: vm.product.asOf != "")
    assert vm.product.stockHere == 0 and vm.product.stockElsewhere > 0


def test_the_shopper_sees_saved_only_after_the_order_and_its_outbox_row_commit(kiosk: KioskApp, qtbot) -> None:  # type: ignore[no-untyped-def]
    """A kiosk.db that refuses the outbox row (as a failing disk would, half-way through the transaction)
    leaves neither the order nor its outbox row, and the shopper stays on the checkout with the reason."""
    window, vm = kiosk.window, kiosk.app_vm
    product_id, _ = _product_with_stock_elsewhere(kiosk)
    vm.start()
    vm.openProduct(product_id)
    qtbot.waitUntil(lambda: vm.page == "product" and vm.product.stockElsewhere + vm.product.stockHere > 0)
    vm.product.addToCart()
    vm.openCheckout()
    qtbot.waitUntil(lambda: vm.page == "checkout")
    for name, value in [("firstName", "Lucia"), ("lastName", "Martin"), ("email", "lucia@example.com"),
                        ("street", "Calle Mayor 5"), ("postalCode", "28013"), ("city", "Madrid")]:
        vm.checkout.setField(name, value)
    qtbot.waitUntil(lambda: vm.checkout.optionKey != "")
    for step in (1, 2, 3):
        next_step(qtbot, kiosk, step)
    db = sqlite3.connect(kiosk.services.outbox.path)
    db.execute("CREATE TRIGGER refuse BEFORE INSERT ON outbox BEGIN SELECT RAISE(ABORT, 'disk says no'); END")
    db.commit()
    try:
        tap(window, find(window, "placeOrderButton"))
        qtbot.waitUntil(lambda: vm.checkout.error != "", timeout=5000)
        assert vm.checkout.error == (
            "Your order could NOT be saved on this kiosk. Nothing was charged. Please ask a store associate."
        )
        assert vm.page == "checkout" and vm.checkout.orderNumber == "" and vm.cart.count == 1
        assert text_of(window, "checkoutError") == vm.checkout.error
        assert db.execute("SELECT count(*) FROM orders").fetchone()[0] == 0  # rolled back with the outbox row
        db.execute("DROP TRIGGER refuse")
        db.commit()
        tap(window, find(window, "placeOrderButton"))
        qtbot.waitUntil(lambda: vm.page == "confirmation", timeout=5000)
        order = vm.checkout.last_order
        assert order is not None and uuid.UUID(order.client_order_id).version == 4  # generated on the kiosk
        # one order now (the sender may already have delivered it and dropped its outbox row)
        assert db.execute("SELECT client_order_id FROM orders").fetchall() == [(order.client_order_id,)]
    finally:
        db.close()


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


def test_a_search_with_a_typo_shows_the_corrected_results_and_says_so(kiosk, qtbot) -> None:  # type: ignore[no-untyped-def]
    vm, store = kiosk.app_vm, kiosk.services.store
    words = [w for hit in store.popular(50) for w in hit.name.en.lower().split() if len(w) >= 6 and w.isalpha()]
    # two neighbouring letters swapped, in a word whose slip matches nothing as typed
    word, typo = next(
        (w, t) for w in words if w[1] != w[2]
        and not store.search(t := w[0] + w[2] + w[1] + w[3:], "en", 1, 0) and store.spelling_suggestion(t) == w
    )  # fmt: skip
    vm.searchFor(typo)
    qtbot.waitUntil(lambda: vm.search.correctedQuery != "" and vm.search.results.count > 0, timeout=5000)
    assert vm.search.correctedQuery == word
    assert text_of(kiosk.window, "correctedQuery") == f"No results for “{typo}”. Showing results for “{word}”."

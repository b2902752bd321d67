"""Walks the journey with demo data and saves every main screen as a PNG, offscreen."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import cast

from PySide6.QtQuick import QQuickWindow

from kiosk.core.customer import Customer
from kiosk.core.order_tracking import PAYMENT_MESSAGES, PaymentState, order_code
from kiosk.ui.devtools.bench_driver import find_item
from kiosk.ui.qt.event_loop import process_for, process_until
from kiosk.ui.qt.runner import BackgroundRunner
from kiosk.ui.viewmodels.admin import AdminViewModel
from kiosk.ui.viewmodels.app import AppViewModel
from kiosk.ui.viewmodels.list_models import RowListModel


def _settle(runner: BackgroundRunner, seconds: float = 1.2) -> None:
    # Background reads deliver through the event loop; images decode on their own pool.
    process_for(0.2)
    runner.wait_idle()
    process_for(seconds)


Inspect = Callable[[str], None]


class _Shots:
    """Saves the window as `<name><suffix>.png` in the folder, keeping the list of files written; `inspect`
    (the accessibility tests) sees each screen by name as it is saved."""

    def __init__(self, window: QQuickWindow, out_dir: Path, suffix: str, inspect: Inspect | None = None) -> None:
        out_dir.mkdir(parents=True, exist_ok=True)
        self._window, self._dir, self._suffix, self._inspect = window, out_dir, suffix, inspect
        self.saved: list[Path] = []

    def __call__(self, name: str) -> None:
        path = self._dir / f"{name}{self._suffix}.png"
        if not self._window.grabWindow().save(str(path)):
            raise RuntimeError(f"Could not write {path}")
        self.saved.append(path)
        if self._inspect is not None:
            self._inspect(name)


def take_tour(
    window: QQuickWindow,
    vm: AppViewModel,
    runner: BackgroundRunner,
    out_dir: Path,
    *,
    search_text: str,
    product_ids: list[str],
    suffix: str,
    staff_pin: str = "",
    customer: Customer | None = None,
    inspect: Inspect | None = None,
    change_price: Callable[[str], None] | None = None,
) -> list[Path]:
    """`change_price(product_id)`, if given, changes a product's price in the store while it is in the cart,
    so the checkout's stock-and-price re-check panel shows before the order is placed."""
    shot = _Shots(window, out_dir, suffix, inspect)

    steps: list[tuple[str, Callable[[], None]]] = [
        ("attract", lambda: None),
        ("demo-scanner", lambda: vm.demoScanner.setOpen(True)),  # the tray of sample codes, opened
        ("home", vm.start),
        ("category", lambda: _open_a_category(vm)),
        ("search", lambda: vm.searchFor(search_text)),
        ("product", lambda: vm.openProduct(product_ids[0])),
    ]
    for name, action in steps:
        action()
        _settle(runner)
        shot(name)
        if name == "demo-scanner":
            vm.demoScanner.setOpen(False)
        if name == "search":
            _filter_shots(window, vm, runner, shot)
        if name == "product":
            _product_shots(window, vm, runner, shot)
            _size_guide_shot(vm, runner, shot, product_ids)
        if name == "home":
            _accessibility_shots(vm, runner, shot)
            vm.openEnrol()  # joining the loyalty programme, with the QR to finish on the phone (issue 19)
            vm.enrolment.setConsent(True)
            vm.enrolment.showPhoneQr()
            _settle(runner)
            shot("enrol")
            vm.goHome()
        if name == "home" and customer is not None:
            # the shopper scans their card: home turns personal, and their account is one tap away
            vm.recognise(customer)
            vm.dismissNotice()
            _settle(runner)
            shot("home-recognised")
            vm.openProfile()
            _settle(runner)
            shot("profile")
            vm.goHome()

    vm.product.addToCart()
    vm.openProduct(product_ids[1])
    _settle(runner, 0.4)
    vm.product.addToCart()
    vm.openCart()
    _settle(runner, 3.0)  # let the "added" notice fade
    shot("cart")
    vm.travel.continueOnPhone()
    process_until(lambda: bool(vm.travel.phoneUrl), 10)
    _settle(runner, 0.5)
    shot("cart-to-phone")
    vm.travel.closePhone()

    # one line picked up at another store that has it, chosen on the cart line: the checkout then places two
    # orders (one per way of receiving) and the confirmation lists both
    first = cast(RowListModel, vm.cart.lines).rows()[0]
    choices = cast(list[dict[str, str]], first["choices"])
    pickup = next((c for c in choices if c["key"].startswith("pickup_store:")), None)
    if pickup is not None:
        vm.cart.setLineFulfilment(str(first["variantId"]), pickup["key"])
        _settle(runner, 0.5)
        shot("cart-per-line")

    # the four steps, each with the totals block and Back / Next in view
    vm.openCheckout()
    process_until(lambda: vm.checkout.optionKey != "", 10)
    _settle(runner)
    shot("checkout")
    vm.checkout.useProfile()
    for name in ("checkout-receive", "checkout-details", "checkout-pay"):
        vm.checkout.nextStep()
        _settle(runner, 0.6)
        shot(name)
        if name == "checkout-receive":
            _type_on_keyboard(window, runner, shot)

    if change_price is not None:
        change_price(product_ids[1])
        vm.checkout.placeOrder()
        process_until(lambda: bool(vm.checkout.recheckPending), 10)
        _settle(runner, 0.5)
        _scroll_into_view(window, "recheckPanel")
        _settle(runner, 0.5)
        shot("checkout-recheck")
        vm.checkout.acceptRecheck()
    else:
        vm.checkout.placeOrder()
    process_until(lambda: vm.page == "confirmation", 10)
    _settle(runner)
    shot("confirmation")
    _payment_shots(vm, runner, shot)
    order = vm.checkout.last_order
    if order is not None:
        vm.openOrderStatus(order_code(order))  # the order's QR scanned back at the kiosk
        process_until(lambda: not vm.orderStatus.busy, 10)
        _settle(runner, 0.5)
        shot("order-status")

    vm.start()
    vm.session._last_activity -= vm.session.policy.idle_timeout_s + 2  # as if the shopper walked away
    vm.session.tick()
    _settle(runner, 0.5)
    shot("idle-warning")
    vm.session.end()
    _settle(runner, 0.3)
    if staff_pin:
        _staff_tour(vm, runner, staff_pin, shot)
    return shot.saved


def _scroll_into_view(window: QQuickWindow, name: str) -> None:
    """Scrolls the Flickable holding the named item so the item's top shows (as a shopper scrolling would)."""
    item = find_item(window, name)
    flick = item.parentItem()
    while flick is not None and not flick.inherits("QQuickFlickable"):
        flick = flick.parentItem()
    if flick is None:
        return
    content = flick.property("contentItem")
    top = item.mapToItem(content, 0, 0).y()
    most = max(0.0, float(flick.property("contentHeight")) - flick.height())
    flick.setProperty("contentY", min(most, max(0.0, top - 24)))


def _payment_shots(vm: AppViewModel, runner: BackgroundRunner, shot: Callable[[str], None]) -> None:
    """The confirmation's pay-on-phone panel in each state the backend can report (waiting, paid, declined,
    timed out), set as CheckoutViewModel's payment poll sets them: the demo store has no payment provider."""
    checkout = vm.checkout
    lang = vm.language
    for name, state in (
        ("payment-waiting", PaymentState.PENDING),
        ("payment-paid", PaymentState.SETTLED),
        ("payment-declined", PaymentState.DECLINED),
        ("payment-timed-out", PaymentState.EXPIRED),
    ):
        checkout._set("paymentState", state.value)
        checkout._set("paymentMessage", PAYMENT_MESSAGES[state].get(lang))
        _settle(runner, 0.3)
        shot(name)
    checkout._set("paymentState", "")
    checkout._set("paymentMessage", "")


def _accessibility_shots(vm: AppViewModel, runner: BackgroundRunner, shot: Callable[[str], None]) -> None:
    """The accessibility panel, then the home page in large text, high contrast and reach mode (issue 17)."""
    access = vm.access
    access.setPanelOpen(True)
    _settle(runner, 0.3)
    shot("accessibility")
    access.setPanelOpen(False)
    for name, toggle in (
        ("home-large-text", access.toggleLargeText),
        ("home-high-contrast", access.toggleHighContrast),
        ("home-reach", access.toggleReachMode),
    ):
        toggle()
        _settle(runner, 0.5)
        shot(name)
        toggle()
    _settle(runner, 0.3)


def _filter_shots(window: QQuickWindow, vm: AppViewModel, runner: BackgroundRunner, shot: Inspect) -> None:
    """The search with its colour facet open and the most common colour chosen (issue 18)."""
    process_until(lambda: bool(vm.search.facetGroups), 5)
    colours = [r for r in cast(RowListModel, vm.search.facets).rows() if r["group"] == "colour"]
    if not colours:
        return
    find_item(window, "searchRefineBar").setProperty("openGroup", "colour")
    vm.search.toggleFacet("colour", str(colours[0]["key"]))
    _settle(runner, 0.8)
    shot("search-filters")
    vm.search.clearFilters()
    find_item(window, "searchRefineBar").setProperty("openGroup", "")


def _product_shots(window: QQuickWindow, vm: AppViewModel, runner: BackgroundRunner, shot: Inspect) -> None:
    """The product page scrolled to its reviews, then its picture zoomed (issue 18)."""
    page = find_item(window, "productPage")
    reviews = find_item(window, "reviewList")
    if reviews.isVisible():
        process_until(lambda: vm.product.reviewsState != "loading", 5)
        top = reviews.mapToItem(page.property("contentItem"), 0, 0).y()
        limit = max(0.0, float(page.property("contentHeight")) - page.height())
        page.setProperty("contentY", min(limit, max(0.0, top - 40)))
        _settle(runner, 0.6)
        shot("product-reviews")
        page.setProperty("contentY", 0.0)
    vm.product.setZoomOpen(True)
    _settle(runner, 0.8)
    shot("product-zoom")
    vm.product.setZoomOpen(False)


def _size_guide_shot(vm: AppViewModel, runner: BackgroundRunner, shot: Inspect, product_ids: list[str]) -> None:
    """The size guide of the first product that has one (the search word's shoes do), then back to the first."""
    for product_id in product_ids[1:3]:
        vm.openProduct(product_id)
        _settle(runner, 0.5)
        if vm.product.hasSizeGuide:
            vm.product.setSizeGuideOpen(True)
            _settle(runner, 0.5)
            shot("product-size-guide")
            vm.product.setSizeGuideOpen(False)
            break
    vm.openProduct(product_ids[0])
    _settle(runner, 0.5)


def _open_a_category(vm: AppViewModel) -> None:
    """The third of the home page's category tiles, as a tap on it would (the first is often clothing, as is
    the search shot)."""
    categories = cast(RowListModel, vm.home.categories)
    rows = categories.rows()
    row = rows[min(2, len(rows) - 1)]
    vm.openCategory(str(row["categoryId"]), str(row["name"]))


def _type_on_keyboard(window: QQuickWindow, runner: BackgroundRunner, shot: Callable[[str], None]) -> None:
    """The checkout with the on-screen keyboard up for the street field, scrolled into sight above it."""
    field = find_item(window, "streetFieldInput")
    field.forceActiveFocus()
    _settle(runner, 1.0)
    shot("checkout-keyboard")
    field.setFocus(False)
    _settle(runner, 0.5)


def _staff_tour(vm: AppViewModel, runner: BackgroundRunner, pin: str, shot: Callable[[str], None]) -> None:
    """The hidden corner, the PIN pad half typed, then the staff menu and the rejected orders."""
    admin = vm.admin
    assert isinstance(admin, AdminViewModel)
    for _ in range(5):
        admin.cornerTapped()
    for digit in pin[:3]:
        admin.digit(digit)
    _settle(runner, 0.5)
    shot("pin-pad")
    for digit in pin[3:]:
        admin.digit(digit)
    admin.submit()
    process_until(lambda: admin.screen == "menu", 10)
    _settle(runner, 0.5)
    shot("staff-menu")
    admin.openDeadLetters()
    process_until(lambda: admin.rejectedCount > 0, 10)
    _settle(runner, 0.5)
    shot("dead-letters")
    admin.close()


def take_associate_tour(
    window: QQuickWindow,
    vm: AppViewModel,
    runner: BackgroundRunner,
    out_dir: Path,
    *,
    staff_pin: str,
    customer_email: str,
    suffix: str,
    inspect: Inspect | None = None,
) -> list[Path]:
    """An associate-mode kiosk: sign in, find the customer, their orders after a resend, a return, and the
    'Ordering for' banner. The return is recorded in the throw-away demo store the screenshot command uses."""
    from kiosk.ui.viewmodels.associate import AssociateViewModel

    shot = _Shots(window, out_dir, suffix, inspect)

    admin, associate = vm.admin, vm.associate
    assert isinstance(admin, AdminViewModel) and isinstance(associate, AssociateViewModel)
    for digit in staff_pin:
        admin.digit(digit)
    admin.submit()
    process_until(lambda: admin.signed_in, 10)
    vm.start()
    for _ in range(5):
        admin.cornerTapped()  # the staff menu, with the way into the customer screens
    _settle(runner, 0.5)
    shot("associate-menu")
    associate.open()
    associate.setQuery(customer_email)
    associate.lookUp()
    process_until(lambda: associate.found and not associate.ordersLoading, 10)
    _settle(runner, 0.5)
    shot("associate-customer")  # personal data masked
    associate.askReveal("email")
    _settle(runner, 0.3)
    shot("associate-reveal")  # why the associate needs to see it
    associate.reveal("customer_asked")
    associate.askReveal("address")
    associate.reveal("delivery_problem")
    _settle(runner, 0.3)
    shot("associate-revealed")

    orders = cast(RowListModel, associate.orders)
    associate.showOrders()
    process_until(lambda: orders.rowCount() > 0 and not associate.ordersLoading, 10)
    rows = orders.rows()
    associate.resend(str(rows[0]["code"]))
    process_until(lambda: associate.notice != "", 10)
    _settle(runner, 0.5)
    shot("associate-orders")

    code = next((str(r["code"]) for r in rows if r["returnable"] and str(r["code"]).startswith("WEB-")), "")
    associate.startReturn(code)  # the demo customer's web orders are delivered: one can be returned
    lines = cast(RowListModel, associate.returnLines).rows()
    associate.changeQuantity(str(lines[0]["variantId"]), 1)
    associate.setReason("wrong_size")
    _settle(runner, 0.5)
    shot("associate-return")
    associate.confirmReturn()
    process_until(lambda: associate.returnId != "" or associate.returnMessage != "", 10)
    _settle(runner, 0.5)
    shot("associate-return-done")

    associate.finishReturn()
    associate.open()
    associate.orderForCustomer()
    _settle(runner)
    shot("associate-ordering-for")
    vm.session.end()
    _settle(runner, 0.3)
    return shot.saved

"""Driving the real QML UI like a finger would: find items by objectName, tap their centre, type keys."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QGuiApplication, QKeyEvent
from PySide6.QtQuick import QQuickItem, QQuickWindow
from PySide6.QtTest import QTest

from kiosk.ui.devtools.bench_driver import find_item, on_screen_key, scroll_into_view, settle_layout


class ItemMissing(AssertionError):
    """An assertion, so `qtbot.waitUntil(lambda: find(...).isVisible())` keeps waiting for an item QML has
    not created yet (it retries on AssertionError only) and still fails, with this message, at its timeout."""


def find(window: QQuickWindow, name: str) -> QQuickItem:
    """The item by objectName: the window's tree, then the visual one (delegates)."""
    try:
        return find_item(window, name)
    except LookupError as exc:
        raise ItemMissing(str(exc)) from None


def wait_for_frame(qtbot, window: QQuickWindow) -> None:  # type: ignore[no-untyped-def]
    """Until a frame is rendered: the PIN pad, the staff corner and pages opened from a view-model are
    drawn (and laid out) only then."""
    with qtbot.waitSignal(window.frameSwapped, timeout=3000):
        window.update()  # render a frame even if nothing changed


def tap(window: QQuickWindow, item: QQuickItem) -> None:
    assert item.isVisible(), f"{item.objectName()} is not visible"
    settle_layout(item)
    scroll_into_view(window, item)
    centre = item.mapToScene(QPointF(item.width() / 2, item.height() / 2))
    assert 0 <= centre.y() < window.height(), f"{item.objectName()} is outside the window"
    QTest.mouseClick(window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(int(centre.x()), int(centre.y())))


def type_text(window: QQuickWindow, text: str) -> None:
    """Key events carrying their text, as a keyboard or the virtual keyboard sends them (accents included)."""
    for ch in text:
        key = Qt.Key(ord(ch.upper())) if ch.isascii() and ch.isalnum() else Qt.Key.Key_unknown
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QCoreApplication.sendEvent(window, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, ch))


def text_of(window: QQuickWindow, name: str) -> str:
    return str(find(window, name).property("text"))


def open_search_keyboard(qtbot, window: QQuickWindow) -> QQuickItem:  # type: ignore[no-untyped-def]
    """Taps the top bar's search field, as a shopper does, and waits for the on-screen keyboard's keys;
    returns the field."""
    window.requestActivate()
    qtbot.waitUntil(window.isActive)
    field = find(window, "searchField")
    tap(window, field)
    qtbot.waitUntil(lambda: field.hasActiveFocus() and QGuiApplication.inputMethod().isVisible())
    qtbot.waitUntil(lambda: on_screen_key(window, "a") is not None)
    return field


def place_pay_on_phone(kiosk, qtbot, backend, *, email: str, timeout_ms: int):  # type: ignore[no-untyped-def]
    """The most popular product ordered for home delivery, paid on the phone; returns the order once the
    backend has it (the confirmation is waiting for the payment)."""
    vm = kiosk.app_vm
    checkout = vm.checkout
    product_id = kiosk.services.store.popular(1)[0].product_id
    vm.openProduct(product_id)
    qtbot.waitUntil(lambda: vm.product.productId == product_id and vm.product.loaded, timeout=5000)
    vm.product.addToCart()
    vm.openCheckout()
    qtbot.waitUntil(lambda: checkout.fulfilmentOptions.count > 0, timeout=timeout_ms)
    for name, value in [("firstName", "Ana"), ("lastName", "Ruiz"), ("email", email),
                        ("street", "Calle Mayor 1"), ("city", "Madrid"), ("postalCode", "28013")]:  # fmt: skip
        checkout.setField(name, value)
    checkout.selectOption("home_delivery:")
    checkout.selectPayment("pay_on_phone")
    checkout.placeOrder()
    qtbot.waitUntil(lambda: vm.page == "confirmation", timeout=timeout_ms)
    assert checkout.paymentMessage == "Waiting for your payment on the phone…"
    order = checkout.last_order
    assert order is not None
    kiosk._wake.set()
    qtbot.waitUntil(lambda: backend.order_tracking(order.client_order_id) is not None, timeout=2 * timeout_ms)
    return order


def next_step(qtbot, kiosk, step: int) -> None:  # type: ignore[no-untyped-def]
    """Taps the checkout's "Next" and waits until step `step` (0 items, 1 how to receive, 2 details, 3 pay)
    shows; fails with the checkout's own message when the step refused to move on."""
    checkout = kiosk.app_vm.checkout
    tap(kiosk.window, find(kiosk.window, "stepNextButton"))
    try:
        qtbot.waitUntil(lambda: checkout.step == step, timeout=3000)
    except Exception:
        raise AssertionError(f"still on step {checkout.step}: {checkout.error!r}") from None

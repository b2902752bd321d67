"""Kiosk mode through the real window: exit keys are swallowed, closing needs the staff PIN, the PIN pad
locks after five wrong PINs, associates re-authenticate after 15 idle minutes, rejected orders are handled."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPoint, Qt
from PySide6.QtGui import QCloseEvent, QWindow
from PySide6.QtTest import QTest

from kiosk.app import KioskApp, Services
from kiosk.config import load_config
from kiosk.core.admin_pin import StaffPinService
from kiosk.core.order import OrderStatus
from kiosk.storage.admin_store import SqlitePinStore
from tests.fakes import FakeClock
from tests.ui.helpers import find, tap, text_of, wait_for_frame

PIN = "480913"
Key = Qt.Key
Mod = Qt.KeyboardModifier

EXIT_COMBOS = [
    ("Alt+F4", Key.Key_F4, Mod.AltModifier),
    ("Ctrl+Q", Key.Key_Q, Mod.ControlModifier),
    ("Ctrl+W", Key.Key_W, Mod.ControlModifier),
    ("Esc", Key.Key_Escape, Mod.NoModifier),
    ("Alt+Tab", Key.Key_Tab, Mod.AltModifier),
    ("Alt+Shift+Tab", Key.Key_Backtab, Mod.AltModifier | Mod.ShiftModifier),
    ("Ctrl+Alt+Backspace", Key.Key_Backspace, Mod.ControlModifier | Mod.AltModifier),
    ("Ctrl+Alt+Delete", Key.Key_Delete, Mod.ControlModifier | Mod.AltModifier),
    ("Ctrl+Alt+F2", Key.Key_F2, Mod.ControlModifier | Mod.AltModifier),
    ("F11", Key.Key_F11, Mod.NoModifier),
    ("Meta", Key.Key_Meta, Mod.MetaModifier),
    ("Super_L", Key.Key_Super_L, Mod.NoModifier),
    ("Meta+D", Key.Key_D, Mod.MetaModifier),
    ("Alt+Space", Key.Key_Space, Mod.AltModifier),
    ("Ctrl+Esc", Key.Key_Escape, Mod.ControlModifier),
    ("Alt+F2", Key.Key_F2, Mod.AltModifier),
]


GONE = "The store no longer sells a product in this order."  # the dead letter's reason, in words


def _make_kiosk(tmp_path: Path, demo_backend, clock: FakeClock, *, toml: str = "", fullscreen: bool = True) -> KioskApp:  # type: ignore[no-untyped-def]
    env = {**os.environ, "KIOSK_DATA_DIR": str(tmp_path / "data"), "KIOSK_LANGUAGE": "en"}
    env.pop("KIOSK_CONFIG", None)
    path = None
    if toml:
        path = tmp_path / "kiosk.toml"
        path.write_text(toml, encoding="utf-8")
    config = load_config(path, env=env)
    services = Services.build(config, backend=demo_backend, clock=clock)
    store = SqlitePinStore(config.data_dir / "kiosk.db")
    StaffPinService(store, clock).set_pin(PIN)
    store.close()
    services.sync()
    app = KioskApp(services, width=1080, height=1920, fullscreen=fullscreen)
    app.quit_app = lambda: quits.append(1)  # type: ignore[method-assign]
    return app


quits: list[int] = []


@pytest.fixture
def locked(qtbot, tmp_path: Path, demo_backend, clock: FakeClock) -> Iterator[KioskApp]:  # type: ignore[no-untyped-def]
    quits.clear()
    app = _make_kiosk(tmp_path, demo_backend, clock)
    qtbot.waitExposed(app.window)
    app.load_shipping_methods()
    qtbot.waitUntil(lambda: app.app_vm.checkout.shippingMethods.count > 0, timeout=5000)
    yield app
    app.shutdown()


_MODIFIER_KEYS = {Key.Key_Alt, Key.Key_Control, Key.Key_Shift}


class _KeyProbe(QObject):
    """Sits on the focused text field and records every key that reaches it."""

    def __init__(self) -> None:
        super().__init__()
        self.keys: list[int] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # QTest presses the modifier keys themselves first; on their own they do nothing, so they may pass.
        if event.type() == QEvent.Type.KeyPress and event.key() not in _MODIFIER_KEYS:  # type: ignore[attr-defined]
            self.keys.append(event.key())  # type: ignore[attr-defined]
        return False


def _tap_at(window: QWindow, x: int, y: int) -> None:
    QTest.mouseClick(window, Qt.MouseButton.LeftButton, Mod.NoModifier, QPoint(x, y))


def _type_pin(qtbot, window: QWindow, pin: str) -> None:  # type: ignore[no-untyped-def]
    wait_for_frame(qtbot, window)
    for ch in pin:
        tap(window, find(window, f"pinKey{ch}"))
    tap(window, find(window, "pinKeyOk"))


def _open_pin_pad(app: KioskApp, qtbot) -> None:  # type: ignore[no-untyped-def]
    for _ in range(5):
        _tap_at(app.window, 20, 20)
    qtbot.waitUntil(lambda: app.app_vm.admin.screen == "pin")
    assert find(app.window, "pinKeyOk").isVisible()


def test_exit_key_combinations_are_swallowed_and_the_window_stays_open_full_screen(locked: KioskApp, qtbot) -> None:  # type: ignore[no-untyped-def]
    window, vm = locked.window, locked.app_vm
    assert window.visibility() == QWindow.Visibility.FullScreen
    vm.start()
    qtbot.waitUntil(lambda: vm.page == "home")
    field = find(window, "searchField")
    field.forceActiveFocus()
    qtbot.waitUntil(lambda: window.activeFocusItem() is not None)
    probe = _KeyProbe()
    window.activeFocusItem().installEventFilter(probe)
    for name, key, mods in EXIT_COMBOS:
        before = locked.guard.swallowed
        QTest.keyClick(window, key, mods)
        assert locked.guard.swallowed > before, name
        assert window.isVisible(), name
        assert window.visibility() == QWindow.Visibility.FullScreen, name
        assert vm.page == "home", name
    assert probe.keys == [], "an exit key reached the focused field"
    QTest.keyClick(window, Key.Key_A, Mod.NoModifier)  # ordinary typing still works (after the wedge filter's hold)
    qtbot.waitUntil(lambda: vm.search.query == "a")
    assert probe.keys == [Key.Key_A]
    assert quits == []


def test_close_requests_are_refused_and_a_minimised_window_comes_back(locked: KioskApp, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = locked.window
    assert window.close() is False
    QCoreApplication.sendEvent(window, QCloseEvent())  # what a window manager sends for Alt+F4 or its X button
    assert window.isVisible() and locked.guard.refused_closes == 2
    window.showMinimized()
    qtbot.waitUntil(lambda: window.visibility() == QWindow.Visibility.FullScreen)
    assert quits == []


def test_corner_taps_must_be_five_within_three_seconds(locked: KioskApp, qtbot, clock: FakeClock) -> None:  # type: ignore[no-untyped-def]
    admin = locked.app_vm.admin
    for _ in range(4):
        _tap_at(locked.window, 20, 20)
    clock.advance(3.5)
    _tap_at(locked.window, 20, 20)
    assert admin.screen == ""
    assert locked.app_vm.page == "home"  # the taps also reached the attract screen underneath
    _open_pin_pad(locked, qtbot)


def test_the_right_pin_opens_the_staff_menu_and_only_then_can_the_app_exit(locked: KioskApp, qtbot) -> None:  # type: ignore[no-untyped-def]
    window, admin = locked.window, locked.app_vm.admin
    _open_pin_pad(locked, qtbot)
    assert "480913" not in str(admin.entered)
    _type_pin(qtbot, window, PIN)
    qtbot.waitUntil(lambda: admin.screen == "menu")
    wait_for_frame(qtbot, window)
    assert text_of(window, "staffSignedIn") == "Signed in as admin"
    assert window.isVisible() and quits == []
    tap(window, find(window, "exitAppButton"))
    assert quits == [1]
    assert not window.isVisible()  # the guard let this close through
    locked.shutdown()  # what `kiosk run` does once the event loop has ended; the fixture's shutdown follows


def test_five_wrong_pins_lock_the_pad_with_a_translated_message(locked: KioskApp, qtbot, clock: FakeClock) -> None:  # type: ignore[no-untyped-def]
    window, admin = locked.window, locked.app_vm.admin
    _open_pin_pad(locked, qtbot)
    expected = [
        "Wrong PIN. 4 attempts left.",
        "Wrong PIN. 3 attempts left.",
        "Wrong PIN. 2 attempts left.",
        "Wrong PIN. 1 attempt left.",
    ]
    for message in expected:
        _type_pin(qtbot, window, "111122")
        qtbot.waitUntil(lambda: not admin.checking and admin.message == message)  # noqa: B023
        assert text_of(window, "pinMessage") == message
        assert admin.entered == 0
    locked.app_vm.setLanguage("es")
    _type_pin(qtbot, window, "111122")
    spanish = "Demasiados PIN incorrectos. Vuelve a intentarlo en 5 minutos."
    qtbot.waitUntil(lambda: admin.message == spanish)
    assert text_of(window, "pinMessage") == spanish and admin.locked
    _type_pin(qtbot, window, PIN)  # the right PIN is not even tried while locked
    qtbot.waitUntil(lambda: not admin.checking)
    assert admin.screen == "pin" and admin.message == spanish
    locked.app_vm.setLanguage("en")
    clock.advance(300)
    admin.tick()  # five idle minutes: the pad has closed itself; the lockout is over
    assert admin.screen == ""
    _open_pin_pad(locked, qtbot)
    _type_pin(qtbot, window, PIN)
    qtbot.waitUntil(lambda: admin.screen == "menu")
    wait_for_frame(qtbot, window)


def test_the_staff_menu_closes_itself_when_left_alone(locked: KioskApp, qtbot, clock: FakeClock) -> None:  # type: ignore[no-untyped-def]
    window, admin = locked.window, locked.app_vm.admin
    _open_pin_pad(locked, qtbot)
    _type_pin(qtbot, window, PIN)
    qtbot.waitUntil(lambda: admin.screen == "menu")
    wait_for_frame(qtbot, window)
    clock.advance(locked.services.config.kiosk.idle_timeout_s + 1)
    qtbot.waitUntil(lambda: admin.screen == "", timeout=3000)
    assert admin.staffName == "" and not admin.signed_in
    admin.exitApp()
    assert quits == []


def _rejected_order(app: KioskApp, qtbot) -> str:  # type: ignore[no-untyped-def]
    """A real checkout whose line the demo store refuses, dead-lettered by the real sender thread."""
    from kiosk.core.cart import Cart, CartLine
    from kiosk.core.customer import Address
    from kiosk.core.i18n import LocalizedText
    from kiosk.core.order import FulfilmentKind, OrderContact, PaymentChoice
    from kiosk.core.services.checkout import CheckoutRequest, CheckoutService

    services = app.services
    hit = services.store.popular(1)[0]
    product = services.store.product(hit.product_id)
    assert product is not None
    variant = product.variants[0]
    line = CartLine("gone-variant", product.id, "GONE-BOOT-42", LocalizedText("Gone boot", "Bota retirada"), "", variant.price, 2)
    request = CheckoutRequest(
        Cart("EUR").add(line), OrderContact("Ana", "Ruiz", "ana@example.com"), FulfilmentKind.HOME_DELIVERY,
        PaymentChoice.PAY_AT_COUNTER, Address("Ana Ruiz", "Calle 1", "Madrid", "28013", "ES"),
        services.backend.shipping_methods("ES")[0],
    )
    order = CheckoutService(services.outbox, services.clock, "here", "k1").place(request, "en")
    app._wake.set()
    qtbot.waitUntil(lambda: [e.order.number for e in services.outbox.rejected()] == [order.number], timeout=10000)
    return order.client_order_id


def test_rejected_orders_are_listed_retried_and_cancelled(locked: KioskApp, qtbot, clock: FakeClock, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    window, admin, outbox = locked.window, locked.app_vm.admin, locked.services.outbox
    order_id = _rejected_order(locked, qtbot)
    entry = outbox.get(order_id)
    assert entry is not None
    number = entry.order.number
    _open_pin_pad(locked, qtbot)
    _type_pin(qtbot, window, PIN)
    qtbot.waitUntil(lambda: admin.screen == "menu")
    wait_for_frame(qtbot, window)
    qtbot.waitUntil(lambda: text_of(window, "deadLettersButton") == "Rejected orders (1)")
    tap(window, find(window, "deadLettersButton"))
    qtbot.waitUntil(lambda: admin.deadLetters.count == 1)
    row = admin.deadLetters.get(0)
    assert row["number"] == number and row["items"] == "2 × Gone boot" and row["error"] == GONE
    qtmodeltester.check(admin.deadLetters, force_py=True)
    qtbot.waitUntil(lambda: find(window, f"deadLetterError_{number}").isVisible())
    assert text_of(window, f"deadLetterError_{number}") == GONE  # the reason in words; the raw text is logged

    # Retry: back in the queue due now with attempts reset; the real sender tries again (and is refused again)
    clock.advance(60)
    tap(window, find(window, f"retry_{number}"))
    qtbot.waitUntil(lambda: (e := outbox.get(order_id)) is not None and e.next_attempt_at == clock.now())
    qtbot.waitUntil(lambda: (e := outbox.get(order_id)) is not None and e.status is OrderStatus.REJECTED, timeout=10000)
    qtbot.waitUntil(lambda: admin.deadLetters.count == 1, timeout=5000)  # the open list refreshes itself

    # Cancel needs a second tap; then the order leaves the list and loses the shopper's details
    qtbot.waitUntil(lambda: find(window, f"cancel_{number}").isVisible())
    tap(window, find(window, f"cancel_{number}"))
    assert text_of(window, f"cancel_{number}") == "Tap again to cancel"
    assert outbox.get(order_id).status is OrderStatus.REJECTED  # type: ignore[union-attr]
    tap(window, find(window, f"cancel_{number}"))
    qtbot.waitUntil(lambda: admin.deadLetters.count == 0)
    cancelled = outbox.get(order_id)
    assert cancelled is not None and cancelled.status is OrderStatus.CANCELLED
    assert cancelled.order.contact.email == "[removed]"
    assert find(window, "deadLettersEmpty").isVisible()
    tap(window, find(window, "deadLettersBack"))
    qtbot.waitUntil(lambda: text_of(window, "deadLettersButton") == "Rejected orders (0)")


def test_the_status_strip_shows_queue_depth_and_the_oldest_orders_age(locked: KioskApp, qtbot, clock: FakeClock, demo_backend) -> None:  # type: ignore[no-untyped-def]
    vm = locked.app_vm
    demo_backend.offline = True
    try:
        vm.start()
        services = locked.services
        hit = services.store.popular(1)[0]
        vm.openProduct(hit.product_id)
        qtbot.waitUntil(lambda: vm.page == "product")
        vm.product.addToCart()
        vm.openCheckout()
        for name, value in [("firstName", "Ana"), ("lastName", "Ruiz"), ("email", "a@example.com"),
                            ("street", "Calle 1"), ("city", "Madrid"), ("postalCode", "28013")]:
            vm.checkout.setField(name, value)
        vm.checkout.placeOrder()
        qtbot.waitUntil(lambda: vm.page == "confirmation", timeout=5000)
        clock.advance(20 * 60)
        vm.refresh_status()
        qtbot.waitUntil(lambda: vm.pendingOrders == 1 and vm.oldestPendingMinutes == 20, timeout=5000)
        assert text_of(locked.window, "queueStatus") == "1 order waiting to be sent · oldest 20 min"
    finally:
        demo_backend.offline = False


ASSOCIATE = '[kiosk]\nmode = "associate"\nlanguage = "en"\n'


@pytest.fixture
def tablet(qtbot, tmp_path: Path, demo_backend, clock: FakeClock) -> Iterator[KioskApp]:  # type: ignore[no-untyped-def]
    quits.clear()
    app = _make_kiosk(tmp_path, demo_backend, clock, toml=ASSOCIATE, fullscreen=False)
    qtbot.waitExposed(app.window)
    yield app
    app.shutdown()


def test_associate_mode_signs_in_with_the_pin_and_asks_again_after_15_idle_minutes(tablet: KioskApp, qtbot, clock: FakeClock) -> None:  # type: ignore[no-untyped-def]
    window, admin = tablet.window, tablet.app_vm.admin
    assert tablet.guard is None and admin.mode == "associate"
    assert admin.screen == "pin" and find(window, "staffScreens").isVisible()
    assert not find(window, "pinCancel").isVisible()  # no way round the sign-in
    tap(window, find(window, "startButton")) if find(window, "startButton").isVisible() else None
    assert tablet.app_vm.page == "attract"  # the PIN pad covers the shop
    _type_pin(qtbot, window, PIN)
    qtbot.waitUntil(lambda: admin.screen == "")
    wait_for_frame(qtbot, window)
    assert admin.signed_in and admin.staffName == "admin"
    tap(window, find(window, "startButton"))
    qtbot.waitUntil(lambda: tablet.app_vm.page == "home")

    clock.advance(14 * 60)
    _tap_at(window, 540, 1000)  # any touch counts as the associate still being there
    clock.advance(14 * 60)
    admin.tick()
    assert admin.screen == "" and admin.signed_in
    clock.advance(60)
    qtbot.waitUntil(lambda: admin.screen == "pin", timeout=3000)
    assert not admin.signed_in and admin.staffName == ""
    _type_pin(qtbot, window, PIN)
    qtbot.waitUntil(lambda: admin.screen == "")
    wait_for_frame(qtbot, window)


def test_associate_mode_opens_the_staff_menu_from_the_corner_without_a_second_pin(tablet: KioskApp, qtbot) -> None:  # type: ignore[no-untyped-def]
    window, admin = tablet.window, tablet.app_vm.admin
    _type_pin(qtbot, window, PIN)
    qtbot.waitUntil(lambda: admin.screen == "")
    wait_for_frame(qtbot, window)
    for _ in range(5):
        _tap_at(tablet.window, 20, 20)
    qtbot.waitUntil(lambda: admin.screen == "menu")
    wait_for_frame(qtbot, window)
    assert not find(tablet.window, "exitAppButton").isVisible()
    tap(tablet.window, find(tablet.window, "signOutButton"))
    assert admin.screen == "pin" and not admin.signed_in


def test_mode_is_kiosk_or_associate(tmp_path: Path) -> None:
    from kiosk.config import ConfigError

    path = tmp_path / "bad.toml"
    path.write_text('[kiosk]\nmode = "tablet"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"^\[kiosk\] mode must be 'kiosk' or 'associate', got 'tablet'$"):
        load_config(path, env={})
    path.write_text('[kiosk]\nmode = "associate"\nassociate_reauth_s = 600\n', encoding="utf-8")
    settings = load_config(path, env={"KIOSK_DATA_DIR": str(tmp_path)}).kiosk
    assert (settings.mode, settings.associate_reauth_s) == ("associate", 600.0)
    assert load_config(None, env={"KIOSK_DATA_DIR": str(tmp_path)}).kiosk.mode == "kiosk"


@pytest.mark.parametrize(("name", "key", "mods"), [(n, k, m) for n, k, m in EXIT_COMBOS])
def test_every_exit_combination_is_recognised(name: str, key: Qt.Key, mods: Qt.KeyboardModifier) -> None:
    from kiosk.ui.qt.kiosk_mode import is_escape_combo

    assert is_escape_combo(key, mods), name


@pytest.mark.parametrize(
    ("name", "key", "mods"),
    [
        ("a", Key.Key_A, Mod.NoModifier),
        ("Shift+A", Key.Key_A, Mod.ShiftModifier),
        ("7", Key.Key_7, Mod.NoModifier),
        ("Backspace", Key.Key_Backspace, Mod.NoModifier),
        ("Tab", Key.Key_Tab, Mod.NoModifier),
        ("Enter", Key.Key_Return, Mod.NoModifier),
        ("Space", Key.Key_Space, Mod.NoModifier),
        ("Ctrl+A", Key.Key_A, Mod.ControlModifier),
        ("F4", Key.Key_F4, Mod.NoModifier),
        ("Q", Key.Key_Q, Mod.NoModifier),
    ],
)
def test_typing_is_never_taken_for_an_exit(name: str, key: Qt.Key, mods: Qt.KeyboardModifier) -> None:
    from kiosk.ui.qt.kiosk_mode import is_escape_combo

    assert not is_escape_combo(key, mods), name

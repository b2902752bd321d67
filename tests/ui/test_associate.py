"""Associate screens through the real window: sign in with the PIN, find the demo customer by email, see the
whole profile, resend a confirmation, start a return (lines + reason) that the demo store records, order on the
customer's behalf; and none of it is reachable on a shared kiosk or without the associate's sign-in."""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QWindow
from PySide6.QtTest import QTest

from kiosk.app import KioskApp
from kiosk.core.admin_pin import StaffPinService
from kiosk.core.customer import Customer, CustomerLookup
from kiosk.core.errors import BackendRejectedError
from kiosk.core.i18n import LocalizedText
from kiosk.core.returns import why_not_returnable
from kiosk.storage.admin_store import SqlitePinStore
from kiosk.ui.viewmodels.associate import (
    LOOKUP_BAD_EMAIL,
    LOOKUP_BAD_PHONE,
    LOOKUP_EMPTY,
    LOOKUP_NOT_EMAIL_OR_PHONE,
    REFUSED_OTHER,
    backend_message,
    parse_lookup,
)
from tests.fakes import FakeClock
from tests.ui.conftest import MakeKiosk
from tests.ui.helpers import find, tap, text_of, type_text, wait_for_frame

PIN = "271828"


# --- input rules (pure) ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("", LOOKUP_EMPTY),
        ("   ", LOOKUP_EMPTY),
        ("Carlos", LOOKUP_NOT_EMAIL_OR_PHONE),
        ("600 12a 456", LOOKUP_NOT_EMAIL_OR_PHONE),
        ("carlos@", LOOKUP_BAD_EMAIL),
        ("carlos@example", LOOKUP_BAD_EMAIL),
        ("car los@example.com", LOOKUP_BAD_EMAIL),
        ("a@b@example.com", LOOKUP_BAD_EMAIL),
        ("600 123 45", LOOKUP_BAD_PHONE),
        ("+34 600 123 456 789 01", LOOKUP_BAD_PHONE),
        (" Carlos.Vazquez@Example.com ", (CustomerLookup.EMAIL, "carlos.vazquez@example.com")),
        ("+34 (687) 774-619", (CustomerLookup.PHONE, "+34 (687) 774-619")),
        ("687774619", (CustomerLookup.PHONE, "687774619")),
    ],
)
def test_lookup_input_is_an_email_or_a_phone_number(typed: str, expected: object) -> None:
    assert parse_lookup(typed) == expected


def test_lookup_messages_word_for_word() -> None:
    assert LOOKUP_EMPTY.en == "Enter the customer's email or phone number"
    assert LOOKUP_EMPTY.es == "Introduce el correo electrónico o el teléfono del cliente"
    assert LOOKUP_NOT_EMAIL_OR_PHONE.en == "Search by email or phone number only"
    assert LOOKUP_BAD_EMAIL.en == "Not a complete email address (like name@example.com)"
    assert (LOOKUP_BAD_PHONE.en, LOOKUP_BAD_PHONE.es) == ("A phone number has 9 to 15 digits", "Un teléfono tiene entre 9 y 15 dígitos")


def test_backend_refusals_keep_their_words_and_gain_spanish() -> None:
    assert backend_message("Only 2 of p1-v1 were bought; cannot return 3") == LocalizedText(
        "Only 2 of p1-v1 were bought; cannot return 3", "Solo se compraron 2 de p1-v1; no se pueden devolver 3"
    )
    assert backend_message("Variant p1-v1 is not in this order").es == "La variante p1-v1 no está en este pedido"
    assert backend_message("no order WEB-1").es == "No existe el pedido WEB-1"
    unknown = "return window closed 30 days after delivery"
    assert backend_message(unknown) == REFUSED_OTHER  # never the backend's raw text: that is in the log
    assert REFUSED_OTHER.es == "La tienda lo ha rechazado. Los detalles están en el registro del quiosco (kiosk admin)."


# --- driving the window -------------------------------------------------------------------------------
def press(qtbot, window: QWindow, name: str) -> None:  # type: ignore[no-untyped-def]
    wait_for_frame(qtbot, window)
    tap(window, find(window, name))


def sign_in(qtbot, app: KioskApp) -> None:  # type: ignore[no-untyped-def]
    window, admin = app.window, app.app_vm.admin
    assert admin.screen == "pin"
    for ch in PIN:
        press(qtbot, window, f"pinKey{ch}")
    press(qtbot, window, "pinKeyOk")
    qtbot.waitUntil(lambda: admin.screen == "" and admin.signed_in, timeout=5000)


def open_staff_menu(qtbot, app: KioskApp) -> None:  # type: ignore[no-untyped-def]
    wait_for_frame(qtbot, app.window)
    for _ in range(5):
        QTest.mouseClick(app.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(20, 20))
    qtbot.waitUntil(lambda: app.app_vm.admin.screen in ("menu", "pin"))


def open_customers(qtbot, app: KioskApp) -> None:  # type: ignore[no-untyped-def]
    open_staff_menu(qtbot, app)
    assert app.app_vm.admin.screen == "menu"
    press(qtbot, app.window, "associateCustomersButton")
    qtbot.waitUntil(lambda: app.app_vm.page == "associateCustomer")
    assert app.app_vm.admin.screen == ""  # the staff menu is out of the way


def type_into(qtbot, window: QWindow, name: str, text: str) -> None:  # type: ignore[no-untyped-def]
    press(qtbot, window, name)
    qtbot.waitUntil(lambda: window.activeFocusItem() is not None and window.activeFocusItem().objectName() == name)  # type: ignore[attr-defined]
    type_text(window, text)


def look_up(qtbot, app: KioskApp, text: str) -> None:  # type: ignore[no-untyped-def]
    type_into(qtbot, app.window, "associateQueryInput", text)
    qtbot.waitUntil(lambda: app.app_vm.associate.query == text)
    press(qtbot, app.window, "associateSearchButton")


def set_pin(data_dir: Path, clock: FakeClock) -> None:
    data_dir.mkdir(parents=True, exist_ok=True)
    store = SqlitePinStore(data_dir / "kiosk.db")
    StaffPinService(store, clock).set_pin(PIN)
    store.close()


@pytest.fixture
def tablet(make_kiosk: MakeKiosk, qtbot, tmp_path: Path, clock: FakeClock) -> KioskApp:  # type: ignore[no-untyped-def]
    set_pin(tmp_path / "data", clock)
    app = make_kiosk(kiosk={"mode": "associate"})
    qtbot.waitExposed(app.window)
    return app


@pytest.fixture
def customer(demo_backend) -> Customer:  # type: ignore[no-untyped-def]
    sample = demo_backend.sample_customer()
    assert sample is not None and sample.addresses and sample.phone
    return sample


@pytest.fixture
def found(tablet: KioskApp, qtbot, customer: Customer) -> Iterator[KioskApp]:  # type: ignore[no-untyped-def]
    """Signed in, on the customer screen, the demo customer found by email."""
    sign_in(qtbot, tablet)
    open_customers(qtbot, tablet)
    look_up(qtbot, tablet, customer.email.upper())
    qtbot.waitUntil(lambda: tablet.app_vm.associate.found, timeout=5000)
    yield tablet


def pii_reveals(backend) -> list[dict[str, str]]:  # type: ignore[no-untyped-def]
    """The PII_REVEAL events the store received, as their (key, value) data."""
    with sqlite3.connect(backend.path) as db:
        rows = db.execute("SELECT data FROM events WHERE kind = 'pii_reveal' ORDER BY received_at").fetchall()
    return [dict(json.loads(r[0])) for r in rows]


def test_an_associate_sees_personal_data_masked_until_revealed_with_a_reason_and_each_reveal_is_recorded(found: KioskApp, qtbot, demo_backend, customer: Customer) -> None:  # type: ignore[no-untyped-def]
    window, vm = found.window, found.app_vm.associate
    wait_for_frame(qtbot, window)
    assert find(window, "associateProfile").isVisible()
    digits = re.sub(r"\D", "", customer.phone)
    first = customer.addresses[0]
    masked = {
        "associateFullName": f"{customer.first_name} •••",
        "associateField_name": f"{customer.first_name} •••",
        "associateField_email": f"{customer.email[0]}•••@{customer.email.split('@')[1]}",
        "associateField_phone": f"••• •• {digits[-2:]}",
        "associateField_loyalty": f"•••• {customer.loyalty_number[-4:]}",
        "associateField_address": "\n".join(f"•••, {a.city} ({a.country_code})" for a in customer.addresses),
    }
    for name, text in masked.items():
        assert text_of(window, name) == text, name
    assert text_of(window, "associateTier") == customer.tier
    assert text_of(window, "associatePoints") == f"{customer.points:,d}"  # "8,200": grouped as English writes it
    qtbot.waitUntil(lambda: vm.orders.count > 0 and not vm.ordersLoading, timeout=5000)
    assert text_of(window, "associateOrdersButton") == f"Orders ({vm.orders.count})"
    before = len(pii_reveals(demo_backend))

    # "Show" asks why first; cancelling shows nothing and records nothing
    press(qtbot, window, "reveal_phone")
    qtbot.waitUntil(lambda: find(window, "revealDialog").isVisible())
    assert text_of(window, "revealQuestion") == "Why do you need to see: Phone?"
    assert [vm.revealReasons.get(i)["label"] for i in range(vm.revealReasons.count)] == [
        "The customer asked", "Delivery problem", "Return", "Check it is the customer"
    ]
    press(qtbot, window, "revealCancel")
    assert not find(window, "revealDialog").isVisible()
    assert text_of(window, "associateField_phone") == masked["associateField_phone"]

    revealed = {
        "email": ("customer_asked", customer.email),
        "phone": ("delivery_problem", customer.phone),
        "address": ("return", f"{first.street}, {first.postal_code} {first.city} ({first.country_code})"),
        "name": ("verify_identity", f"{customer.first_name} {customer.last_name}"),
        "loyalty": ("customer_asked", customer.loyalty_number),
    }
    for field, (reason, value) in revealed.items():
        press(qtbot, window, f"reveal_{field}")
        qtbot.waitUntil(lambda: find(window, "revealDialog").isVisible())
        press(qtbot, window, f"revealReason_{reason}")
        wait_for_frame(qtbot, window)
        assert text_of(window, f"associateField_{field}").split("\n")[0] == value
        assert not find(window, f"reveal_{field}").isVisible()  # shown: nothing more to reveal
    assert text_of(window, "associateFullName") == f"{customer.first_name} {customer.last_name}"

    # one event per reveal reaches the store: who, whose, which field, why (and when); never the value
    qtbot.waitUntil(lambda: len(pii_reveals(demo_backend)) >= before + 5, timeout=15000)
    events = pii_reveals(demo_backend)[before:]
    assert events == [
        {"staff_id": "admin", "customer_id": customer.id, "field": field, "reason": reason}
        for field, (reason, _) in revealed.items()
    ]
    with sqlite3.connect(demo_backend.path) as db:
        raw = " ".join(r[0] for r in db.execute("SELECT data FROM events WHERE kind = 'pii_reveal'"))
    for personal in (customer.email, customer.last_name, customer.loyalty_number, digits[-9:], first.street):
        assert personal not in raw

    # the next customer (or the same one found again) opens masked
    vm.lookUp()
    qtbot.waitUntil(lambda: vm.found and not vm.searching, timeout=5000)
    assert vm.email == masked["associateField_email"]


def test_lookups_explain_a_bad_input_and_a_customer_who_does_not_exist(tablet: KioskApp, qtbot, customer: Customer) -> None:  # type: ignore[no-untyped-def]
    window, vm = tablet.window, tablet.app_vm.associate
    sign_in(qtbot, tablet)
    open_customers(qtbot, tablet)
    press(qtbot, window, "associateSearchButton")
    assert text_of(window, "associateMessage") == "Enter the customer's email or phone number"
    look_up(qtbot, tablet, "nobody@example.com")
    qtbot.waitUntil(lambda: vm.message != "", timeout=5000)
    assert text_of(window, "associateMessage") == "No customer with the email nobody@example.com"
    assert not vm.found and not find(window, "associateProfile").isVisible()

    vm.setQuery("")  # the field is bound to the view-model: clearing one clears the other
    digits = re.sub(r"\D", "", customer.phone)[-9:]
    type_into(qtbot, window, "associateQueryInput", digits)
    QTest.keyClick(window, Qt.Key.Key_Return)  # Enter searches too (the on-screen keyboard labels it so)
    qtbot.waitUntil(lambda: vm.found, timeout=5000)
    assert vm.query == digits
    assert vm.fullName == f"{customer.first_name} •••"


def test_resend_confirmation_says_sent_and_the_store_sends_it_or_says_why_not(found: KioskApp, qtbot, demo_backend, customer: Customer) -> None:  # type: ignore[no-untyped-def]
    window, vm = found.window, found.app_vm.associate
    press(qtbot, window, "associateOrdersButton")
    qtbot.waitUntil(lambda: found.app_vm.page == "associateOrders" and vm.orders.count > 0 and not vm.ordersLoading, timeout=5000)
    # a web order: other tests' kiosk orders may name this customer by loyalty number only (nobody to email)
    code = next(str(r["code"]) for r in vm.orders.rows() if str(r["code"]).startswith("WEB-"))
    before = demo_backend.messages(customer.id)
    press(qtbot, window, f"resend_{code}")
    qtbot.waitUntil(lambda: vm.notice != "", timeout=5000)
    masked_email = f"{customer.email[0]}•••@{customer.email.split('@')[1]}"  # not revealed: not shown here either
    assert text_of(window, "associateNotice") == f"Confirmation of order {code} sent again to {masked_email}"
    assert not vm.noticeIsError
    assert demo_backend.messages(customer.id) == [*before, ("order_confirmation", code)]

    demo_backend.offline = True
    try:
        press(qtbot, window, f"resend_{code}")
        qtbot.waitUntil(lambda: vm.noticeIsError, timeout=5000)
        assert text_of(window, "associateNotice") == (
            f"Could not resend the confirmation of order {code}: The online store cannot be reached. Try again in a moment."
        )
    finally:
        demo_backend.offline = False
    assert demo_backend.messages(customer.id) == [*before, ("order_confirmation", code)]


def test_a_return_picks_lines_and_a_reason_and_the_store_records_it(found: KioskApp, qtbot, demo_backend, customer: Customer, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    window, app_vm, vm = found.window, found.app_vm, found.app_vm.associate
    press(qtbot, window, "associateOrdersButton")
    qtbot.waitUntil(lambda: vm.orders.count > 0 and not vm.ordersLoading, timeout=5000)
    orders = demo_backend.customer_orders(customer.id, 20)
    order = next(o for o in orders if o.code.startswith("WEB-") and len(o.lines) >= 2)
    first, second = order.lines[0], order.lines[1]
    press(qtbot, window, f"return_{order.code}")
    qtbot.waitUntil(lambda: app_vm.page == "associateReturn")
    wait_for_frame(qtbot, window)
    assert text_of(window, f"returnQty_{first.variant_id}") == "0"
    for model in (vm.addresses, vm.orders, vm.returnLines, vm.reasons):  # the associate screens' list models
        assert model.rowCount() > 0
        qtmodeltester.check(model, force_py=True)

    press(qtbot, window, "confirmReturnButton")  # nothing chosen yet: the same words the store would answer
    assert text_of(window, "returnMessage") == "Give a reason for the return"
    press(qtbot, window, "reason_damaged")
    assert vm.reason == "damaged"
    press(qtbot, window, "confirmReturnButton")
    assert text_of(window, "returnMessage") == "Pick at least one line to return"

    for _ in range(first.quantity + 1):  # one more than bought: the + stops at what was bought
        press(qtbot, window, f"returnPlus_{first.variant_id}")
    press(qtbot, window, f"returnPlus_{second.variant_id}")
    press(qtbot, window, f"returnMinus_{second.variant_id}")
    assert text_of(window, f"returnQty_{first.variant_id}") == str(first.quantity)
    assert text_of(window, f"returnQty_{second.variant_id}") == "0"
    # the refund, by line and in total, is on screen before the associate confirms (Decimal money)
    refund = (first.unit_price * first.quantity).rounded()
    wait_for_frame(qtbot, window)
    assert text_of(window, f"returnRefund_{first.variant_id}") == f"Refund: {refund.format('en')}"
    assert not find(window, f"returnRefund_{second.variant_id}").isVisible()
    assert text_of(window, "returnRefundTotal") == refund.format("en")
    assert text_of(window, "confirmReturnButton") == f"Confirm return and refund {refund.format('en')}"
    press(qtbot, window, "confirmReturnButton")
    qtbot.waitUntil(lambda: vm.returnId != "", timeout=5000)
    return_id = str(vm.returnId)
    assert re.fullmatch(r"RET-\d{6}", return_id)
    wait_for_frame(qtbot, window)
    assert text_of(window, "returnDone") == f"Return {return_id} recorded"
    assert not find(window, "confirmReturnButton").isVisible()

    with sqlite3.connect(demo_backend.path) as db:
        row = db.execute("SELECT order_code, lines, reason FROM returns WHERE return_id=?", (return_id,)).fetchone()
    assert row is not None
    assert (row[0], json.loads(row[1]), row[2]) == (order.code, [[first.variant_id, first.quantity]], "damaged")

    # The same line again: the store refuses (all of it is already back) and says so, word for word.
    press(qtbot, window, "returnFinishButton")
    qtbot.waitUntil(lambda: app_vm.page == "associateOrders" and vm.orders.count > 0 and not vm.ordersLoading, timeout=5000)
    press(qtbot, window, f"return_{order.code}")
    qtbot.waitUntil(lambda: app_vm.page == "associateReturn")
    press(qtbot, window, f"returnPlus_{first.variant_id}")
    press(qtbot, window, "reason_wrong_size")
    press(qtbot, window, "confirmReturnButton")
    qtbot.waitUntil(lambda: vm.returnMessage != "", timeout=5000)
    assert text_of(window, "returnMessage") == f"Variant {first.variant_id} is not in this order"
    assert vm.returnId == ""
    app_vm.setLanguage("es")
    try:
        qtbot.waitUntil(lambda: vm.returnMessage == f"La variante {first.variant_id} no está en este pedido")
        assert vm.reasons.get(0) == {"code": "wrong_size", "label": "Talla incorrecta"}
    finally:
        app_vm.setLanguage("en")  # the translator belongs to the QApplication that every test shares


def test_returns_are_offered_only_on_paid_or_delivered_orders_and_the_others_say_why(make_kiosk: MakeKiosk, qtbot, tmp_path: Path, clock: FakeClock) -> None:  # type: ignore[no-untyped-def]
    from kiosk.backends.demo.backend import DemoBackend

    store = DemoBackend(tmp_path / "shop", catalog_size=300)  # a store of its own: orders are added below
    customer = store.sample_customer()
    assert customer is not None
    paid = next(o for o in store.customer_orders(customer.id, 20) if o.status == "Delivered" and o.lines)
    with sqlite3.connect(store.path) as db:
        lines = db.execute("SELECT lines FROM web_orders WHERE code=?", (paid.code,)).fetchone()[0]
        for code, state in (("WEB-UNPAID", "ArrangingPayment"), ("WEB-CANCELLED", "Cancelled")):
            db.execute(
                "INSERT INTO web_orders VALUES (?, ?, ?, ?, ?, ?)", (code, customer.id, "2099-01-01", state, 1000, lines)
            )
    set_pin(tmp_path / "data", clock)
    app = make_kiosk(backend=store, kiosk={"mode": "associate"})
    qtbot.waitExposed(app.window)
    window, vm = app.window, app.app_vm.associate
    sign_in(qtbot, app)
    open_customers(qtbot, app)
    look_up(qtbot, app, customer.email)
    qtbot.waitUntil(lambda: vm.found, timeout=5000)
    press(qtbot, window, "associateOrdersButton")
    qtbot.waitUntil(lambda: vm.orders.count > 2 and not vm.ordersLoading, timeout=5000)
    wait_for_frame(qtbot, window)
    assert find(window, f"return_{paid.code}").isVisible()
    assert not find(window, f"returnNote_{paid.code}").isVisible()
    for code, why in (
        ("WEB-UNPAID", "Not paid yet: only paid or delivered items can be returned"),
        ("WEB-CANCELLED", "Cancelled: there is nothing to return"),
    ):
        list_view = find(window, "associateOrderList")
        row = next(i for i in range(vm.orders.count) if vm.orders.get(i)["code"] == code)
        list_view.positionViewAtIndex(row, 0)  # type: ignore[attr-defined]
        wait_for_frame(qtbot, window)
        assert not find(window, f"return_{code}").isVisible()
        assert text_of(window, f"returnNote_{code}") == why
        vm.startReturn(code)  # not offered, and not startable another way either
        assert app.app_vm.page == "associateOrders"
    # the store refuses it too, word for word
    with pytest.raises(BackendRejectedError, match="^Order WEB-UNPAID: Not paid yet: only paid or delivered items can be returned$"):
        store.start_return("WEB-UNPAID", [(paid.lines[0].variant_id, 1)], "damaged")
    app.app_vm.setLanguage("es")
    try:
        row = next(i for i in range(vm.orders.count) if vm.orders.get(i)["code"] == "WEB-UNPAID")
        assert vm.orders.get(row)["returnNote"] == (
            "Aún no está pagado: solo se pueden devolver artículos pagados o entregados"
        )
    finally:
        app.app_vm.setLanguage("en")


def test_the_mode_badge_shows_who_is_signed_in_on_every_page_and_signs_out(tablet: KioskApp, qtbot, customer: Customer) -> None:  # type: ignore[no-untyped-def]
    window, app_vm, vm = tablet.window, tablet.app_vm, tablet.app_vm.associate
    wait_for_frame(qtbot, window)
    assert not find(window, "associateModeText").isVisible()  # nobody signed in: no badge (the PIN pad is up)
    sign_in(qtbot, tablet)
    for page, go in (
        ("attract", lambda: None),
        ("home", app_vm.start),
        ("associateCustomer", vm.open),
        ("search", lambda: app_vm.searchFor("shirt")),
        ("associateOrders", lambda: (vm.setQuery(customer.email), vm.lookUp())),
        ("associateOrders", vm.showOrders),
        ("cart", app_vm.openCart),
    ):
        go()
        if page == "associateOrders" and not vm.found:
            qtbot.waitUntil(lambda: vm.found, timeout=5000)
            continue
        qtbot.waitUntil(lambda p=page: app_vm.page == p, timeout=5000)
        wait_for_frame(qtbot, window)
        assert find(window, "associateModeText").isVisible(), page
        assert text_of(window, "associateModeText") == "Associate mode"
        assert text_of(window, "associateStaffName") == "Signed in: admin"
        # the shopper's bottom bar is for shopper pages; the associate's screens have the badge instead
        assert find(window, "bottomBar").isVisible() == (not page.startswith("associate")), page
    vm.showOrders()
    qtbot.waitUntil(lambda: app_vm.page == "associateOrders")
    press(qtbot, window, "associateSignOutButton")
    qtbot.waitUntil(lambda: tablet.app_vm.admin.screen == "pin")
    assert not vm.available and app_vm.page == "home"
    wait_for_frame(qtbot, window)
    assert not find(window, "associateModeText").isVisible()


def test_ordering_on_behalf_makes_the_customer_the_sessions_shopper(found: KioskApp, qtbot, customer: Customer) -> None:  # type: ignore[no-untyped-def]
    window, app_vm, vm = found.window, found.app_vm, found.app_vm.associate
    press(qtbot, window, "orderForCustomerButton")
    qtbot.waitUntil(lambda: app_vm.page == "home")
    assert app_vm.customer is not None and app_vm.customer.id == customer.id
    assert app_vm.shopperName == customer.first_name
    wait_for_frame(qtbot, window)
    assert find(window, "orderingForText").isVisible()
    assert text_of(window, "orderingForText") == f"Ordering for {customer.first_name} •••"
    press(qtbot, window, "orderingForCustomerButton")  # back to the customer in one tap
    qtbot.waitUntil(lambda: app_vm.page == "associateCustomer")
    assert vm.found

    app_vm.session.end()  # the shopper leaves: nothing of them stays in the associate screens either
    qtbot.waitUntil(lambda: app_vm.page == "attract")
    assert (vm.found, vm.fullName, vm.email, vm.orderingFor, vm.orders.count, vm.addresses.count) == (False, "", "", "", 0, 0)
    assert app_vm.customer is None


def test_signing_out_or_15_idle_minutes_leave_the_screens_and_forget_the_customer(found: KioskApp, qtbot, clock: FakeClock) -> None:  # type: ignore[no-untyped-def]
    app_vm, vm, admin = found.app_vm, found.app_vm.associate, found.app_vm.admin
    clock.advance(15 * 60 + 1)
    admin.tick()
    qtbot.waitUntil(lambda: admin.screen == "pin")
    assert not vm.available and app_vm.page == "home"
    assert (vm.found, vm.fullName, vm.loyaltyNumber) == (False, "", "")
    vm.open()
    assert app_vm.page == "home"


@pytest.fixture
def shared_kiosk(make_kiosk: MakeKiosk, qtbot, tmp_path: Path, clock: FakeClock) -> KioskApp:  # type: ignore[no-untyped-def]
    set_pin(tmp_path / "data", clock)
    app = make_kiosk()  # the default: a public kiosk
    qtbot.waitExposed(app.window)
    return app


def test_the_associate_screens_are_not_reachable_on_a_shared_kiosk(shared_kiosk: KioskApp, qtbot, customer: Customer) -> None:  # type: ignore[no-untyped-def]
    window, app_vm, vm = shared_kiosk.window, shared_kiosk.app_vm, shared_kiosk.app_vm.associate
    assert app_vm.admin.mode == "kiosk" and not vm.available
    app_vm.start()
    vm.open()
    assert app_vm.page == "home"
    vm.setQuery(customer.email)
    vm.lookUp()
    shared_kiosk.runner.wait_idle()
    qtbot.wait(50)  # any answer would arrive through the event loop
    assert not vm.found and vm.fullName == ""

    # Even with the staff PIN the shared kiosk's staff menu offers no customer screens.
    open_staff_menu(qtbot, shared_kiosk)
    for ch in PIN:
        press(qtbot, window, f"pinKey{ch}")
    press(qtbot, window, "pinKeyOk")
    qtbot.waitUntil(lambda: app_vm.admin.screen == "menu", timeout=5000)
    wait_for_frame(qtbot, window)
    assert not find(window, "associateCustomersButton").isVisible()
    vm.open()
    assert app_vm.page == "home" and app_vm.admin.screen == "menu"

    # A page name reached some other way is turned back at once.
    app_vm.admin.close()
    app_vm.openProfile()  # no shopper: stays home
    app_vm._go("associateCustomer")
    qtbot.waitUntil(lambda: app_vm.page == "home")


def test_associate_mode_shows_nothing_of_these_screens_before_the_sign_in(tablet: KioskApp, qtbot) -> None:  # type: ignore[no-untyped-def]
    app_vm, vm = tablet.app_vm, tablet.app_vm.associate
    assert app_vm.admin.screen == "pin" and not vm.available
    vm.open()
    assert app_vm.page == "attract"
    sign_in(qtbot, tablet)
    assert vm.available
    vm.open()
    assert app_vm.page == "associateCustomer"


class _Heartbeat:
    """A 5 ms timer on the GUI thread: the longest gap between its ticks is the longest the GUI was blocked."""

    def __init__(self) -> None:
        from PySide6.QtCore import QElapsedTimer, QTimer

        self.longest_ms = 0
        self._clock = QElapsedTimer()
        self._timer = QTimer(interval=5)
        self._timer.timeout.connect(self._tick)

    def __enter__(self) -> _Heartbeat:
        self._clock.start()
        self._timer.start()
        return self

    def _tick(self) -> None:
        self.longest_ms = max(self.longest_ms, self._clock.restart())

    def __exit__(self, *exc: object) -> None:
        self._timer.stop()


def test_a_slow_store_never_blocks_the_screen(tablet: KioskApp, qtbot, demo_backend, customer: Customer) -> None:  # type: ignore[no-untyped-def]
    """Lookup, orders (twice) and a return, each call 0.4 s late: the GUI thread keeps drawing and shows it is waiting."""
    window, vm = tablet.window, tablet.app_vm.associate
    sign_in(qtbot, tablet)
    open_customers(qtbot, tablet)
    type_into(qtbot, window, "associateQueryInput", customer.email)
    order = next(  # one that can be returned (paid), found before the store slows
        o for o in demo_backend.customer_orders(customer.id, 20) if o.lines and why_not_returnable(o.status) is None
    )
    demo_backend.latency_s = 0.4
    try:
        with _Heartbeat() as beat:
            press(qtbot, window, "associateSearchButton")
            assert vm.searching
            wait_for_frame(qtbot, window)
            assert text_of(window, "associateMessage") == "Searching…"
            qtbot.waitUntil(lambda: vm.found and vm.orders.count > 0 and not vm.ordersLoading, timeout=5000)
            vm.showOrders()
            qtbot.waitUntil(lambda: vm.orders.count > 0 and not vm.ordersLoading, timeout=5000)
            vm.startReturn(order.code)
            vm.changeQuantity(order.lines[-1].variant_id, 1)
            vm.setReason("other")
            vm.confirmReturn()
            assert vm.returnBusy
            qtbot.waitUntil(lambda: vm.returnId != "" or vm.returnMessage != "", timeout=5000)
    finally:
        demo_backend.latency_s = 0.0
    print(f"longest GUI-thread gap during 4 slow backend calls: {beat.longest_ms} ms")
    assert beat.longest_ms < 200  # each call alone sleeps 400 ms: none of them ran on the GUI thread

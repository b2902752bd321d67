"""Pay on the phone end to end on real Vendure (issue 15 item 3): the kiosk places the order, the shopper's
phone opens the KioskPlugin's pay page and pays through the test provider, and the kiosk's confirmation says
"Paid. Thank you!" within 5 s of the provider's settlement; a decline and a timed-out session show theirs.
No card data touches the kiosk: the card goes from the phone to Vendure; the kiosk reads payment states."""

from __future__ import annotations

import time

import pytest

from tests.backends.test_vendure_pay import (
    DECLINED_CARD,
    GOOD_CARD,
    PAY_SESSION_TIMEOUT_S,
    pay,
    transaction_id,
    webhook,
)
from tests.fixtures.vendure import VendureAdmin
from tests.ui.conftest import MakeKiosk
from tests.ui.helpers import place_pay_on_phone, text_of

pytestmark = pytest.mark.vendure


def _place_pay_on_phone(kiosk, qtbot, backend):  # type: ignore[no-untyped-def]
    return place_pay_on_phone(kiosk, qtbot, backend, email="ana.phone@example.com", timeout_ms=10000)


def test_paid_on_the_phone_the_kiosk_says_so_within_five_seconds_of_settlement(
    make_kiosk: MakeKiosk, qtbot, vendure_backend, vendure_server, vendure_admin: VendureAdmin  # type: ignore[no-untyped-def]
) -> None:
    kiosk = make_kiosk(backend=vendure_backend)
    checkout = kiosk.app_vm.checkout
    order = _place_pay_on_phone(kiosk, qtbot, vendure_backend)

    pay(vendure_server, order, DECLINED_CARD)
    qtbot.waitUntil(lambda: checkout.paymentState == "declined", timeout=5000)
    assert text_of(kiosk.window, "paymentMessage") == (
        "The payment was declined. Try another card on your phone, or pay at the counter with this number."
    )
    pay(vendure_server, order, GOOD_CARD)
    transaction = transaction_id(vendure_admin, order)
    assert webhook(vendure_server, transaction, "paid").status_code == 200
    settled_at = time.monotonic()
    qtbot.waitUntil(lambda: checkout.paymentState == "settled", timeout=5000)
    assert time.monotonic() - settled_at <= 5.0
    assert text_of(kiosk.window, "paymentMessage") == "Paid. Thank you!"


def test_a_payment_session_that_times_out_tells_the_shopper_to_try_again(
    make_kiosk: MakeKiosk, qtbot, vendure_backend, vendure_server  # type: ignore[no-untyped-def]
) -> None:
    kiosk = make_kiosk(backend=vendure_backend)
    checkout = kiosk.app_vm.checkout
    order = _place_pay_on_phone(kiosk, qtbot, vendure_backend)
    pay(vendure_server, order, GOOD_CARD)
    qtbot.waitUntil(lambda: checkout.paymentState == "authorized", timeout=5000)
    assert text_of(kiosk.window, "paymentMessage") == "Payment authorised, confirming…"
    qtbot.waitUntil(lambda: checkout.paymentState == "expired", timeout=(PAY_SESSION_TIMEOUT_S + 15) * 1000)
    assert text_of(kiosk.window, "paymentMessage") == (
        "The payment was not completed in time. Scan the code to try again, or pay at the counter with this number."
    )

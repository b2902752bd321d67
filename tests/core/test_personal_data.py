"""Masks of a customer's personal data on the associate's screen, and the reveal rules."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kiosk.core.customer import Address, Customer
from kiosk.core.events import EventKind, EventRecorder, KioskEvent, PersonalDataError
from kiosk.core.money import Money
from kiosk.core.personal_data import (
    PersonalField,
    RevealError,
    check_reveal,
    field_value,
    mask_email,
    mask_name,
    mask_phone,
)
from kiosk.core.returns import (
    CANCELLED,
    NOT_PAID,
    ReturnError,
    check_returnable,
    refund_amount,
    refund_total,
    why_not_returnable,
)
from tests.fakes import FakeClock

ANA = Customer(
    "c42", "Ana", "García López", "ana.garcia@example.com", "4000123456789", 120, phone="+34 600 123 412",
    addresses=(Address("Ana García", "Calle Mayor 1", "Madrid", "28013", "ES"),),
)


@pytest.mark.parametrize(
    ("email", "masked"),
    [("ana.garcia@example.com", "a•••@example.com"), ("x@y.es", "x•••@y.es"), ("broken", "•••"), ("", "")],
)
def test_emails_keep_the_first_letter_and_the_domain(email: str, masked: str) -> None:
    assert mask_email(email) == masked


def test_phones_keep_the_last_two_digits_names_the_first_name() -> None:
    assert mask_phone("+34 600 123 412") == "••• •• 12"
    assert mask_phone("7") == "•••" and mask_phone("") == ""
    assert mask_name("Ana", "García López") == "Ana •••" and mask_name("Ana", "") == "Ana"


def test_every_field_masked_then_revealed() -> None:
    masked = {field: field_value(ANA, field, False) for field in PersonalField}
    assert masked == {
        PersonalField.NAME: "Ana •••",
        PersonalField.EMAIL: "a•••@example.com",
        PersonalField.PHONE: "••• •• 12",
        PersonalField.ADDRESS: "•••, Madrid (ES)",
        PersonalField.LOYALTY: "•••• 6789",
    }
    assert field_value(ANA, PersonalField.ADDRESS, True) == "Calle Mayor 1, 28013 Madrid (ES)"
    assert field_value(ANA, PersonalField.NAME, True) == "Ana García López"


def test_a_reveal_needs_a_known_field_and_a_listed_reason() -> None:
    assert check_reveal("email", "customer_asked") is PersonalField.EMAIL
    with pytest.raises(RevealError, match="^Choose why you need to see it$"):
        check_reveal("email", "curious")
    with pytest.raises(RevealError, match="^Unknown personal data field 'iban'$"):
        check_reveal("iban", "return")


def test_a_reveal_event_carries_who_whose_which_and_why_and_refuses_the_value() -> None:
    queued: list[KioskEvent] = []

    class ListQueue:
        def append(self, event: KioskEvent) -> None:
            queued.append(event)

    recorder = EventRecorder(ListQueue(), FakeClock(), "madrid", "tablet-1")  # type: ignore[arg-type]
    event = recorder.make(
        EventKind.PII_REVEAL, {"staff_id": "A-1029384", "customer_id": "c42", "field": "phone", "reason": "return"}
    )
    assert dict(event.data) == {"staff_id": "A-1029384", "customer_id": "c42", "field": "phone", "reason": "return"}
    with pytest.raises(PersonalDataError):  # the value itself could never travel in one
        KioskEvent(event.event_id, EventKind.PII_REVEAL, event.at, "madrid", "tablet-1",
                   (("field", "ana.garcia@example.com"),))  # fmt: skip
    with pytest.raises(PersonalDataError):
        recorder.make(EventKind.PII_REVEAL, {"email": ANA.email})
    with pytest.raises(PersonalDataError, match="^Event field 'customer_id' is not allowed$"):
        recorder.make(EventKind.SEARCH, {"customer_id": "c42"})  # every other event stays anonymous


def test_only_paid_or_delivered_orders_are_returnable_and_the_refund_is_exact() -> None:
    assert why_not_returnable("Delivered") is None and why_not_returnable("PaymentSettled") is None
    assert why_not_returnable("ArrangingPayment") is NOT_PAID and why_not_returnable("Cancelled") is CANCELLED
    assert why_not_returnable("OnHold") is not None
    assert why_not_returnable("OnHold").en == "Order state OnHold: only paid or delivered items can be returned"  # type: ignore[union-attr]
    with pytest.raises(ReturnError, match="^Order W-1: Not paid yet: only paid or delivered items can be returned$"):
        check_returnable("W-1", "PaymentPending")
    price = Money.of("19.99", "EUR")
    assert refund_amount(price, 3) == Money(Decimal("59.97"), "EUR")
    assert refund_total([(price, 3), (Money.of("0.01", "EUR"), 1)], "EUR") == Money(Decimal("59.98"), "EUR")
    assert refund_total([], "EUR") == Money.zero("EUR")

"""Joining the loyalty programme and the wishlist, on the demo store and on the real Vendure server
(KioskPlugin loyalty.ts on PostgreSQL): the same round trips, checked the same way on both."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kiosk.backends.vendure.backend import VendureBackend
from kiosk.core.customer import CustomerLookup
from kiosk.core.enrolment import (
    CONSENT_TEXT,
    CONSENT_VERSION,
    ContactKind,
    EnrolmentOutcome,
    enrolment_request,
)
from kiosk.core.errors import BackendRejectedError, BackendUnavailableError
from kiosk.core.ports import LoyaltyMembership
from kiosk.core.scanning.gtin import check_digit
from tests.fixtures.demo_store import STORE_KINDS, DemoStoreUnderTest, demo_store_under_test
from tests.fixtures.vendure import VendureAdmin

LUCIA_EMAIL = "lucia.garcia@example.com"  # a seeded Vendure customer
LUCIA_PHONE = "+34 600 100 101"


def _request(kind: ContactKind, contact: str, *, lang: str = "es", name: str = "Nuria") -> Any:
    return enrolment_request(
        kind, contact, first_name=name, consent=True, language=lang, store_id="madrid-gran-via", device_id="kiosk-07"
    )


def _unique_phone() -> str:
    return "+3469" + str(uuid.uuid4().int % 10**7).zfill(7)


def _enrols_by_email_and_is_found_by_card(backend: Any, records: Any = None) -> str:
    """`records`: where the consents are read (the backend itself, or the served store's file)."""
    email = f"nuria.{uuid.uuid4().hex[:8]}@example.com"
    result = backend.enrol(_request(ContactKind.EMAIL, email.upper()))
    assert result.outcome is EnrolmentOutcome.CREATED
    member = result.customer
    assert member is not None
    assert (member.first_name, member.email, member.points, member.tier) == ("Nuria", email, 0, "Member")
    number = member.loyalty_number
    assert len(number) == 12 and number.startswith("4") and int(number[-1]) == check_digit(number[:-1])
    again = backend.find_customer(CustomerLookup.LOYALTY_NUMBER, number)
    assert again is not None and again.id == member.id and again.points == 0
    (consent,) = (records or backend).loyalty_consents(member.id)
    assert (consent["contact_kind"], consent["consent_version"], consent["language"]) == (
        "email",
        CONSENT_VERSION,
        "es",
    )
    assert consent["consent_text"] == CONSENT_TEXT.es  # the words shown, in the shopper's language
    assert (consent["store_id"], consent["device_id"]) == ("madrid-gran-via", "kiosk-07")
    assert consent["given_at"][:2] == "20"  # an ISO time stamp
    return str(member.id)


def _enrols_by_phone(backend: Any) -> None:
    phone = _unique_phone()
    result = backend.enrol(_request(ContactKind.PHONE, phone, lang="en", name="Pau"))
    assert result.outcome is EnrolmentOutcome.CREATED and result.customer is not None
    assert result.customer.email == ""  # joined with a phone: no email, not even a placeholder
    assert result.customer.phone.replace(" ", "") == phone
    found = backend.find_customer(CustomerLookup.PHONE, phone[3:])  # typed without +34 at the next visit
    assert found is not None and found.loyalty_number == result.customer.loyalty_number
    # the same phone again: an account exists, and the answer names nobody
    again = backend.enrol(_request(ContactKind.PHONE, "0034" + phone[3:]))
    assert again.outcome is EnrolmentOutcome.ALREADY_MEMBER and again.customer is None


def _existing_email_is_already_a_member(backend: Any, email: str) -> None:
    result = backend.enrol(_request(ContactKind.EMAIL, email))
    assert result.outcome is EnrolmentOutcome.ALREADY_MEMBER
    assert result.customer is None


def _wishlist_round_trip(backend: Any, customer_id: str, card: str, first: str, second: str) -> None:
    assert backend.set_wishlisted(customer_id, first, True) == (first,)
    assert backend.set_wishlisted(customer_id, second, True) == (second, first)  # newest first
    assert backend.set_wishlisted(customer_id, first, True) == (first, second)  # again: moves up, no duplicate
    assert backend.set_wishlisted(customer_id, second, False) == (first,)
    assert backend.set_wishlisted(customer_id, second, False) == (first,)  # removing twice changes nothing
    profile = backend.find_customer(CustomerLookup.LOYALTY_NUMBER, card)
    assert profile is not None and profile.wishlist == (first,)
    assert backend.set_wishlisted(customer_id, first, False) == ()
    with pytest.raises(BackendRejectedError):
        backend.set_wishlisted(customer_id, "999999999", True)


# --- the demo store, embedded and served over HTTP -----------------------------------------------------------
@pytest.fixture(params=STORE_KINDS)
def stores(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[DemoStoreUnderTest]:
    with demo_store_under_test(request.param, tmp_path / "store", 300) as under_test:
        yield under_test


def test_demo_store_is_a_loyalty_membership_backend(stores: DemoStoreUnderTest) -> None:
    assert isinstance(stores.port, LoyaltyMembership)


def test_demo_enrolment_by_email_by_phone_and_already_member(stores: DemoStoreUnderTest) -> None:
    port = stores.port
    customer_id = _enrols_by_email_and_is_found_by_card(port, stores.store)
    assert customer_id.startswith("k")
    _enrols_by_phone(port)
    seeded = port.find_customer(CustomerLookup.LOYALTY_NUMBER, "400020329196") or next(iter(stores.store.customers()))
    _existing_email_is_already_a_member(port, seeded.email.upper())


def test_demo_wishlist_round_trip(stores: DemoStoreUnderTest) -> None:
    member = stores.port.enrol(_request(ContactKind.EMAIL, f"w.{uuid.uuid4().hex[:8]}@example.com")).customer
    assert member is not None
    _wishlist_round_trip(stores.port, member.id, member.loyalty_number, "p0000003", "p0000007")
    with pytest.raises(BackendRejectedError) as info:
        stores.port.set_wishlisted("c9999", "p0000003", True)
    assert str(info.value) == "no customer c9999"


def test_demo_offline_saves_nothing(stores: DemoStoreUnderTest) -> None:
    email = f"off.{uuid.uuid4().hex[:8]}@example.com"
    if stores.served is None:
        stores.store.offline = True
    else:
        stores.served.stop()
    with pytest.raises(BackendUnavailableError):
        stores.port.enrol(_request(ContactKind.EMAIL, email))
    stores.store.offline = False
    assert stores.store.find_customer(CustomerLookup.EMAIL, email) is None


# --- the real Vendure server ----------------------------------------------------------------------------
def test_vendure_enrolment_by_email_records_the_consent(vendure_backend: VendureBackend) -> None:
    assert isinstance(vendure_backend, LoyaltyMembership)
    _enrols_by_email_and_is_found_by_card(vendure_backend)


def test_vendure_enrolment_by_phone_and_again(vendure_backend: VendureBackend) -> None:
    _enrols_by_phone(vendure_backend)


def test_vendure_existing_email_or_phone_is_already_a_member(vendure_backend: VendureBackend) -> None:
    _existing_email_is_already_a_member(vendure_backend, "Lucia.Garcia@Example.com")
    result = vendure_backend.enrol(_request(ContactKind.PHONE, LUCIA_PHONE))
    assert result.outcome is EnrolmentOutcome.ALREADY_MEMBER and result.customer is None


def test_vendure_refuses_an_enrolment_without_consent_words(vendure_admin: VendureAdmin) -> None:
    """Another caller than the kiosk cannot skip the consent: the plugin checks it too."""
    reply = vendure_admin.reply(
        """mutation ($input: KioskEnrolInput!) { kioskEnrolLoyalty(input: $input) { outcome } }""",
        {
            "input": {
                "contactKind": "email",
                "contact": f"x.{uuid.uuid4().hex[:8]}@example.com",
                "language": "en",
                "consentVersion": CONSENT_VERSION,
                "consentText": " ",
                "storeId": "s",
                "deviceId": "d",
            }
        },
    )
    assert reply["errors"][0]["message"] == "consent: the version and the words agreed to are required"


def test_vendure_wishlist_round_trip(vendure_backend: VendureBackend, vendure_admin: VendureAdmin) -> None:
    member = vendure_backend.enrol(_request(ContactKind.EMAIL, f"w.{uuid.uuid4().hex[:8]}@example.com")).customer
    assert member is not None
    products = vendure_admin.query("{ products(options: { take: 2, sort: { id: ASC } }) { items { id } } }")
    first, second = (str(p["id"]) for p in products["products"]["items"])
    _wishlist_round_trip(vendure_backend, member.id, member.loyalty_number, first, second)


def test_vendure_wishlist_of_a_seeded_shopper_keeps_the_web_shops_entries(vendure_backend: VendureBackend) -> None:
    lucia = vendure_backend.find_customer(CustomerLookup.EMAIL, LUCIA_EMAIL)
    assert lucia is not None and len(lucia.wishlist) >= 1
    seeded = lucia.wishlist
    wished = vendure_backend.set_wishlisted(lucia.id, seeded[-1], True)
    try:
        assert wished == (seeded[-1], *seeded[:-1])
    finally:
        # the seeded order back for the other tests (each add goes first, so the oldest is added first)
        for pid in reversed(seeded):
            vendure_backend.set_wishlisted(lucia.id, pid, True)
    back = vendure_backend.find_customer(CustomerLookup.EMAIL, LUCIA_EMAIL)
    assert back is not None and back.wishlist == seeded

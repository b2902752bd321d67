"""Joining the loyalty programme and the wishlist, on the demo store and on the real Vendure server
(KioskPlugin loyalty.ts on PostgreSQL): the same round trips, checked the same way on both."""

from __future__ import annotations

import json
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kiosk.backends.vendure.backend import VendureBackend
from kiosk.backends.vendure.server import VendureServer
from kiosk.core.customer import CustomerLookup
from kiosk.core.enrolment import (
    CONSENT_TEXT,
    CONSENT_VERSION,
    ContactKind,
    EnrolmentOutcome,
    EnrolmentRequest,
    enrolment_request,
)
from kiosk.core.errors import BackendRejectedError, BackendUnavailableError, RejectionReason
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


def _unchecked(kind: ContactKind, contact: str) -> EnrolmentRequest:
    """A request the kiosk's own checks did not shape (another kiosk version, another caller)."""
    valid = _request(ContactKind.EMAIL, "placeholder@example.com")
    return EnrolmentRequest(
        kind, contact, valid.first_name, valid.language, valid.consent_version, valid.consent_text, valid.store_id,
        valid.device_id,
    )  # fmt: skip


def _count(server: VendureServer, sql: str) -> int:
    return int(server.psql(sql).strip())


@pytest.mark.parametrize(
    ("kind", "contact", "words"),
    [
        (ContactKind.EMAIL, "ana@example", "contact: not a lower-case email address"),
        (ContactKind.EMAIL, "Ana@Example.com", "contact: not a lower-case email address"),
        (ContactKind.PHONE, "+34 600", "contact: a phone is + and 9 to 15 digits"),
    ],
)
def test_vendure_a_contact_the_store_refuses_is_not_already_a_member(
    vendure_backend: VendureBackend, vendure_server: VendureServer, kind: ContactKind, contact: str, words: str
) -> None:
    """The plugin's own check: a refusal the kiosk tells by its code (KIOSK_CONTACT_REFUSED), with the exact
    words, so the screen can ask the shopper to check the address; nothing is created."""
    with pytest.raises(BackendRejectedError) as caught:
        vendure_backend.enrol(_unchecked(kind, contact))
    assert str(caught.value) == f"Vendure rejected enrol loyalty member: {words} (KIOSK_CONTACT_REFUSED)"
    assert caught.value.reason is RejectionReason.CONTACT_REFUSED
    if kind is ContactKind.EMAIL:
        literal = contact.lower().replace("'", "''")
        assert _count(vendure_server, f"""SELECT count(*) FROM "user" WHERE lower(identifier) = '{literal}'""") == 0


def test_vendure_an_account_found_inside_create_is_already_a_member(
    vendure_backend: VendureBackend, vendure_server: VendureServer
) -> None:
    """CustomerService.create's own conflict (its EmailAddressConflictError result), not the plugin's check
    before it: a customer deleted in the database whose login (user) lives on. The plugin's look-up skips
    deleted customers, create finds the user and answers with the conflict, and the answer is ALREADY_MEMBER
    with nothing of the attempt left behind (the savepoint)."""
    email = f"gone.{uuid.uuid4().hex[:8]}@example.com"
    first = vendure_backend.enrol(_request(ContactKind.EMAIL, email))
    assert first.outcome is EnrolmentOutcome.CREATED and first.customer is not None
    vendure_server.psql(f"""UPDATE customer SET "deletedAt" = now() WHERE id = {int(first.customer.id)}""")
    consents = _count(vendure_server, "SELECT count(*) FROM kiosk_loyalty_consent")
    again = vendure_backend.enrol(_request(ContactKind.EMAIL, email))
    assert again.outcome is EnrolmentOutcome.ALREADY_MEMBER and again.customer is None
    assert _count(vendure_server, f"""SELECT count(*) FROM customer WHERE "emailAddress" = '{email}'""") == 1
    assert _count(vendure_server, f"""SELECT count(*) FROM "user" WHERE identifier = '{email}'""") == 1
    assert _count(vendure_server, "SELECT count(*) FROM kiosk_loyalty_consent") == consents


def test_vendure_a_database_failure_is_not_already_a_member(
    vendure_backend: VendureBackend, vendure_server: VendureServer
) -> None:
    """The database refuses the new customer row (a trigger here; a full disk or a constraint in a store):
    the kiosk is told the member could not be created, with the error's class and SQLSTATE only (no email),
    and the whole sign-up is rolled back: no login, no customer, no consent."""
    marker = f"dbfail.{uuid.uuid4().hex[:8]}"
    email = f"{marker}@example.com"
    vendure_server.psql(
        f"""CREATE FUNCTION kiosk_test_refuse_{marker[7:]}() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              IF NEW."emailAddress" = '{email}' THEN RAISE EXCEPTION 'refused by the test'; END IF;
              RETURN NEW;
            END $$;
            CREATE TRIGGER kiosk_test_refuse BEFORE INSERT ON customer
              FOR EACH ROW EXECUTE FUNCTION kiosk_test_refuse_{marker[7:]}();"""
    )
    consents = _count(vendure_server, "SELECT count(*) FROM kiosk_loyalty_consent")
    try:
        with pytest.raises(BackendRejectedError) as caught:
            vendure_backend.enrol(_request(ContactKind.EMAIL, email))
    finally:
        vendure_server.psql(
            f"DROP TRIGGER kiosk_test_refuse ON customer; DROP FUNCTION kiosk_test_refuse_{marker[7:]}();"
        )
    assert str(caught.value) == (
        "Vendure rejected enrol loyalty member: the new member could not be created (QueryFailedError, SQLSTATE"
        " P0001); nothing was saved (KIOSK_ENROL_FAILED)"
    )
    assert caught.value.reason is RejectionReason.OTHER
    assert _count(vendure_server, f"""SELECT count(*) FROM "user" WHERE identifier = '{email}'""") == 0
    assert _count(vendure_server, f"""SELECT count(*) FROM customer WHERE "emailAddress" = '{email}'""") == 0
    assert _count(vendure_server, "SELECT count(*) FROM kiosk_loyalty_consent") == consents
    # the trigger gone, the same address joins
    assert vendure_backend.enrol(_request(ContactKind.EMAIL, email)).outcome is EnrolmentOutcome.CREATED


_CLASSIFY = """
const core = require('@vendure/core');
const shop = require('@vendure/core/dist/common/error/generated-graphql-shop-errors');
const { QueryFailedError } = require('typeorm');
const { isEmailConflict, enrolFailure } = require('./kiosk-plugin/dist/loyalty');
const pg = Object.assign(new Error('duplicate key value violates unique constraint "x"'), { code: '23505' });
const cases = {
    admin_conflict: new core.EmailAddressConflictError(),
    shop_conflict: new shop.EmailAddressConflictError(),
    password: new shop.PasswordValidationError({ validationErrorMessage: 'too short' }),
    password_38: { __typename: 'PasswordValidationError', errorCode: 'PASSWORD_VALIDATION_ERROR',
                   message: 'PASSWORD_VALIDATION_ERROR', validationErrorMessage: 'too short' },
    query: new QueryFailedError('INSERT INTO customer ...', ['ana@example.com'], pg),
    bug: new TypeError('cannot read properties of undefined'),
    not_an_error: 'a string',
};
const out = {};
for (const [name, value] of Object.entries(cases)) {
    const error = isEmailConflict(value) ? null : enrolFailure(value);
    out[name] = error === null ? 'ALREADY_MEMBER' : [error.extensions.code, error.message];
}
console.log(JSON.stringify(out));
"""


def test_vendure_create_failures_are_told_apart_with_vendures_own_error_classes(vendure_server: VendureServer) -> None:
    """What the plugin makes of each shape CustomerService.create can fail with, checked in Node on the
    installed Vendure's own classes: its conflict (Admin or Shop API class) is the only "already a member";
    an error result of another kind, as 3.7.3 throws and 3.8 returns for a password, is named by its code;
    a database error or a bug by its class (and SQLSTATE), never by its message or parameters (the email)."""
    found = subprocess.run(
        ["node", "-e", _CLASSIFY], cwd=vendure_server.install_dir, capture_output=True, text=True, timeout=120
    )
    assert found.returncode == 0, found.stderr
    assert json.loads(found.stdout) == {
        "admin_conflict": "ALREADY_MEMBER",
        "shop_conflict": "ALREADY_MEMBER",
        "password": ["KIOSK_ENROL_REFUSED", "Vendure refused the new customer: PASSWORD_VALIDATION_ERROR"],
        "password_38": ["KIOSK_ENROL_REFUSED", "Vendure refused the new customer: PASSWORD_VALIDATION_ERROR"],
        "query": [
            "KIOSK_ENROL_FAILED",
            "the new member could not be created (QueryFailedError, SQLSTATE 23505); nothing was saved",
        ],
        "bug": ["KIOSK_ENROL_FAILED", "the new member could not be created (TypeError); nothing was saved"],
        "not_an_error": ["KIOSK_ENROL_FAILED", "the new member could not be created (string); nothing was saved"],
    }


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

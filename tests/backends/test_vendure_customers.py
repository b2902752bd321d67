"""Shopper lookup against the real Vendure server: loyalty card, app token, email, phone; profile and history."""

from __future__ import annotations

import json
import logging
from decimal import Decimal
from pathlib import Path

import pytest

from kiosk.backends.vendure.backend import VendureBackend
from kiosk.backends.vendure.credentials import CredentialsError, VendureCredentials
from kiosk.backends.vendure.server import VendureServer
from kiosk.core.customer import CustomerLookup
from kiosk.core.errors import BackendError, BackendRejectedError
from tests.fixtures.vendure import VendureAdmin, sample_order

LUCIA_LOYALTY = "400020329196"


def test_loyalty_number_finds_the_full_profile(vendure_backend: VendureBackend) -> None:
    customer = vendure_backend.find_customer(CustomerLookup.LOYALTY_NUMBER, LUCIA_LOYALTY)
    assert customer is not None
    assert (customer.first_name, customer.last_name, customer.email) == ("Lucía", "García", "lucia.garcia@example.com")
    assert (customer.loyalty_number, customer.points, customer.tier) == (LUCIA_LOYALTY, 1520, "Gold")
    assert customer.phone == "+34600100101"
    (address,) = customer.addresses
    assert (address.street, address.city, address.postal_code, address.country_code) == (
        "Calle de Alcalá 120",
        "Madrid",
        "28009",
        "ES",
    )
    assert len(customer.history) >= 2  # two seeded, paid orders; order tests may add more
    assert all(order.total.currency == "EUR" and order.total.amount > Decimal(0) for order in customer.history)
    assert all(order.item_names for order in customer.history)


@pytest.mark.parametrize(
    ("by", "value"),
    [
        (CustomerLookup.APP_TOKEN, "app-01-k7Qm2Tq"),
        (CustomerLookup.EMAIL, "lucia.garcia@example.com"),
        (CustomerLookup.EMAIL, "  Lucia.Garcia@Example.com "),
        (CustomerLookup.PHONE, "+34600100101"),
        (CustomerLookup.PHONE, "600 100 101"),
        (CustomerLookup.PHONE, "0034 600-100-101"),
    ],
)
def test_other_identifiers_find_the_same_shopper(
    vendure_backend: VendureBackend, by: CustomerLookup, value: str
) -> None:
    customer = vendure_backend.find_customer(by, value)
    assert customer is not None and customer.loyalty_number == LUCIA_LOYALTY


@pytest.mark.parametrize(
    ("by", "value"),
    [
        (CustomerLookup.LOYALTY_NUMBER, "400020329197"),
        (CustomerLookup.LOYALTY_NUMBER, "40002032919"),  # a prefix is not a match
        (CustomerLookup.APP_TOKEN, "app-01"),
        (CustomerLookup.EMAIL, "garcia@example.com"),  # a substring is not a match
        (CustomerLookup.PHONE, "600 100 199"),
    ],
)
def test_near_misses_find_nobody(vendure_backend: VendureBackend, by: CustomerLookup, value: str) -> None:
    assert vendure_backend.find_customer(by, value) is None


def test_customer_without_history(vendure_backend: VendureBackend) -> None:
    customer = vendure_backend.find_customer(CustomerLookup.EMAIL, "leo.fernandez@example.com")
    assert customer is not None
    assert (customer.points, customer.tier, customer.history) == (0, "Member", ())


def test_password_login_works_like_the_api_key(vendure_server: VendureServer) -> None:
    backend = VendureBackend(
        vendure_server.admin_url, vendure_server.shop_url, vendure_server.kiosk_credentials("password")
    )
    try:
        backend.ping()
        assert backend.find_customer(CustomerLookup.LOYALTY_NUMBER, LUCIA_LOYALTY) is not None
    finally:
        backend.close()


def test_kiosk_role_is_limited(vendure_backend: VendureBackend, vendure_admin: VendureAdmin) -> None:
    """The service account reads the catalog and places orders, but cannot change the catalog."""
    role = vendure_admin.query('{ roles(options: { filter: { code: { eq: "kiosk" } } }) { items { permissions } } }')
    permissions = set(role["roles"]["items"][0]["permissions"])
    assert permissions == {
        "Authenticated", "ReadCatalog", "ReadProduct", "ReadCollection", "ReadFacet", "ReadStockLocation",
        "ReadShippingMethod", "ReadChannel", "ReadCountry", "ReadZone", "ReadTaxRate", "ReadTaxCategory",
        "ReadPromotion", "ReadCustomer", "CreateCustomer", "UpdateCustomer", "ReadOrder", "CreateOrder", "UpdateOrder",
    }  # fmt: skip
    assert "SuperAdmin" not in permissions
    assert not {p for p in permissions if p.startswith(("Delete", "CreateProduct", "UpdateProduct", "UpdateSettings"))}
    assert not {"CreatePromotion", "UpdatePromotion"} & permissions  # it reads offers, never makes them
    with pytest.raises(BackendRejectedError) as info:
        vendure_backend._client.admin(
            "update product", 'mutation { updateProduct(input: { id: "1", enabled: false }) { id } }'
        )
    assert str(info.value) == "Vendure refused update product: the API key is not valid or lacks permission"


def test_config_without_admin_url_runs_the_local_server(vendure_server: VendureServer) -> None:
    """`kiosk demo --backend vendure` has no URLs in its config: the backend starts the local server."""
    backend = VendureBackend.from_options({})
    try:
        backend.ping()
        assert backend._client.admin_url.startswith("http://127.0.0.1:")
        assert backend._client.admin_url != vendure_server.admin_url
        assert backend.find_customer(CustomerLookup.LOYALTY_NUMBER, LUCIA_LOYALTY) is not None
    finally:
        backend.close()


def test_config_reads_the_service_account_from_a_private_file_only(
    vendure_server: VendureServer, tmp_path: Path
) -> None:
    """What a deployment does: [backend] admin_url + credentials_file (0600), here the seeded kiosk API key."""
    path = tmp_path / "vendure-credentials.json"
    path.write_text(json.dumps({"api_key": vendure_server.kiosk_credentials().api_key}))
    path.chmod(0o600)
    options = {"admin_url": vendure_server.admin_url, "credentials_file": str(path), "here_location": "Madrid Centro"}
    backend = VendureBackend.from_options(options)
    try:
        assert backend.find_customer(CustomerLookup.LOYALTY_NUMBER, LUCIA_LOYALTY) is not None
    finally:
        backend.close()
    path.chmod(0o644)
    with pytest.raises(CredentialsError) as info:
        VendureBackend.from_options(options)
    assert str(info.value).startswith(f"Refusing to use Vendure credentials file {path}: its mode is 0644")


def test_config_may_hold_the_credentials_inline(vendure_server: VendureServer) -> None:
    account = vendure_server.kiosk_credentials("password")
    for inline in ({"api_key": vendure_server.kiosk_credentials().api_key},
                   {"username": account.username, "password": account.password}):  # fmt: skip
        backend = VendureBackend.from_options({"admin_url": vendure_server.admin_url, **inline})
        try:
            assert backend.find_customer(CustomerLookup.LOYALTY_NUMBER, LUCIA_LOYALTY) is not None
        finally:
            backend.close()


def test_secrets_appear_in_no_log_and_no_error(vendure_server: VendureServer, caplog: pytest.LogCaptureFixture) -> None:
    """Real traffic with both kinds of credentials, successes and refusals, everything logged at DEBUG."""
    caplog.set_level(logging.DEBUG)
    key = vendure_server.kiosk_credentials("api-key")
    password = vendure_server.kiosk_credentials("password")
    wrong = VendureCredentials(username=password.username, password=password.password + "-wrong")
    secrets = [key.api_key, key.api_key.split(":")[-1], password.password]
    messages: list[str] = []
    for credentials in (key, password, wrong):
        backend = VendureBackend(vendure_server.admin_url, vendure_server.shop_url, credentials, timeout_s=30)
        try:
            backend.ping()
            assert backend.find_customer(CustomerLookup.EMAIL, "lucia.garcia@example.com") is not None
            backend.submit_order(sample_order(number="K-SECRET"))
            backend._client.admin("update product", 'mutation { updateProduct(input: { id: "1" }) { id } }')
        except BackendError as exc:
            messages.append(f"{exc!s} {exc!r}")
        finally:
            backend.close()
    # the API key and the password work until the forbidden update; the wrong password fails at login
    assert len(messages) == 3 and "INVALID_CREDENTIALS_ERROR" in messages[2]
    assert any("HTTP Request" in record.getMessage() for record in caplog.records)  # httpx logged every call
    server_log = vendure_server.log_path.read_text(encoding="utf-8", errors="replace")
    for secret in secrets:
        assert secret not in caplog.text
        assert secret not in "\n".join(messages)
        assert secret not in server_log
        assert secret not in repr(key) + repr(password)

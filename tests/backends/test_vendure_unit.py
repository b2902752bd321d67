"""VendureBackend without a server: error mapping, credentials handling, cursor and mapping rules."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx
import pytest

from kiosk.backends.vendure.backend import PluginVersionError, VendureBackend, VendureConfigError, _split_cursor
from kiosk.backends.vendure.client import parse_retry_after
from kiosk.backends.vendure.credentials import CredentialsError, VendureCredentials, load_credentials_file
from kiosk.backends.vendure.mapping import (
    category_of,
    map_categories,
    map_location,
    normalise_gtin,
    option_key,
    plain_text,
    same_phone,
)
from kiosk.backends.vendure.server import VendureServerError, check_node, default_cache_root
from kiosk.core.catalog import LocationKind, Review
from kiosk.core.customer import CustomerLookup
from kiosk.core.errors import BackendProtocolError, BackendRejectedError, BackendUnavailableError, NotTheBackendError
from kiosk.core.money import Money
from kiosk.core.order import OrderReceipt

ADMIN = "http://vendure.test/admin-api"
SHOP = "http://vendure.test/shop-api"
SECRET_KEY = "lookup123:topsecretvalue-never-in-logs"
SECRET_PASSWORD = "hunter2-also-never-in-logs"

Handler = Callable[[httpx.Request], httpx.Response]


def backend(handler: Handler, credentials: VendureCredentials | None = None, **kwargs: Any) -> VendureBackend:
    return VendureBackend(
        ADMIN,
        SHOP,
        credentials or VendureCredentials(api_key=SECRET_KEY),
        transport=httpx.MockTransport(handler),
        **kwargs,
    )


def gql(data: Any = None, *, errors: Any = None, status: int = 200, headers: dict[str, str] | None = None) -> Handler:
    body: dict[str, Any] = {}
    if data is not None:
        body["data"] = data
    if errors is not None:
        body["errors"] = errors

    def handle(request: httpx.Request) -> httpx.Response:
        return httpx.Response(status, json=body, headers=headers)

    return handle


CHANNEL_OK = {"activeChannel": {"id": "1", "defaultCurrencyCode": "EUR"}}
HEALTH_OK = {**CHANNEL_OK, "kioskPluginInfo": {"version": "2.2.0"}}  # ping's health query: channel + plugin


# --- transport and HTTP failures -------------------------------------------------------------------------
def test_timeout_is_unavailable_with_exact_message() -> None:
    def handle(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("timed out", request=request)

    with pytest.raises(BackendUnavailableError) as info:
        backend(handle, timeout_s=2.5).ping()
    assert str(info.value) == f"Vendure did not answer ping within 2.5 s ({ADMIN})"
    assert info.value.retry_after_s is None


def test_connection_refused_is_unavailable_with_exact_message() -> None:
    def handle(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("[Errno 111] Connection refused", request=request)

    with pytest.raises(BackendUnavailableError) as info:
        backend(handle).ping()
    assert str(info.value) == f"Cannot reach Vendure for ping at {ADMIN} (ConnectError)"


@pytest.mark.parametrize("status", [500, 502, 503, 504])
def test_5xx_is_unavailable(status: int) -> None:
    handle = gql(status=status)
    with pytest.raises(BackendUnavailableError) as info:
        backend(handle).ping()
    assert str(info.value) == f"Vendure answered ping with HTTP {status} ({ADMIN})"


def test_retry_after_seconds_are_passed_on() -> None:
    with pytest.raises(BackendUnavailableError) as info:
        backend(gql(status=503, headers={"retry-after": "120"})).ping()
    assert info.value.retry_after_s == 120.0


def test_429_is_unavailable_with_retry_after() -> None:
    with pytest.raises(BackendUnavailableError) as info:
        backend(gql(status=429, headers={"retry-after": "7"})).find_order("x")
    assert str(info.value) == f"Vendure answered find order with HTTP 429 ({ADMIN})"
    assert info.value.retry_after_s == 7.0


def test_retry_after_http_date() -> None:
    now = datetime(2026, 1, 1, 12, 0, 0, tzinfo=UTC)
    assert parse_retry_after("Thu, 01 Jan 2026 12:01:30 GMT", now) == 90.0
    assert parse_retry_after("Thu, 01 Jan 2026 11:00:00 GMT", now) == 0.0
    assert parse_retry_after("soon", now) is None
    assert parse_retry_after(None, now) is None


@pytest.mark.parametrize("status", [400, 401, 403, 404, 413])
def test_4xx_without_graphql_body_is_rejected(status: int) -> None:
    def handle(request: httpx.Request) -> httpx.Response:
        return httpx.Response(status, text="nope")

    with pytest.raises(BackendRejectedError) as info:
        backend(handle).ping()
    assert str(info.value) == f"Vendure refused ping with HTTP {status} ({ADMIN})"


def test_graphql_validation_400_is_rejected_with_vendures_message() -> None:
    errors = [
        {"message": 'Cannot query field "nope" on type "Query".', "extensions": {"code": "GRAPHQL_VALIDATION_FAILED"}}
    ]
    with pytest.raises(BackendRejectedError) as info:
        backend(gql(errors=errors, status=400)).ping()
    assert str(info.value) == (
        'Vendure rejected ping: Cannot query field "nope" on type "Query". (GRAPHQL_VALIDATION_FAILED)'
    )


def test_graphql_error_with_http_200_is_rejected() -> None:
    errors = [{"message": "UNIQUE constraint failed: order.customFieldsKioskclientorderid", "path": ["x"]}]
    with pytest.raises(BackendRejectedError) as info:
        backend(gql(data=None, errors=errors)).find_order("x")
    assert (
        str(info.value) == "Vendure rejected find order: UNIQUE constraint failed: order.customFieldsKioskclientorderid"
    )


def test_error_result_union_is_rejected() -> None:
    """Vendure's ErrorResults (HTTP 200, an errorCode where the object should be) are refusals."""
    data = {"kioskPlaceOrder": {"errorCode": "ORDER_STATE_TRANSITION_ERROR", "message": "Cannot transition"}}
    with pytest.raises(BackendRejectedError) as info:
        backend(gql(data)).submit_order(_order())
    assert str(info.value) == "Vendure rejected place order: ORDER_STATE_TRANSITION_ERROR: Cannot transition"


def _placed(**changes: Any) -> dict[str, Any]:
    raw: dict[str, Any] = {
        "id": "9", "code": "C9", "state": "ArrangingPayment", "clientOrderId": _order().client_order_id,
        "currencyCode": "EUR", "total": 1599, "pointsEarned": 15, "created": True, "coupons": [], "points": None,
        "shortLines": [],
    }  # fmt: skip
    raw.update(changes)
    return raw


def test_an_order_is_one_place_order_request_sending_everything_the_server_needs() -> None:
    sent: list[dict[str, Any]] = []

    def handle(request: httpx.Request) -> httpx.Response:
        sent.append(json.loads(request.content))
        return httpx.Response(200, json={"data": {"kioskPlaceOrder": _placed()}})

    order = replace(_order(), coupon_codes=("WELCOME5",), points_to_redeem=300)
    receipt = backend(handle).submit_order(order)
    assert len(sent) == 1 and "KioskPlaceOrder" in sent[0]["query"]
    given = sent[0]["variables"]["input"]
    assert given["clientOrderId"] == order.client_order_id and given["lines"] == [{"variantId": "1", "quantity": 1}]
    assert (given["couponCodes"], given["pointsToRedeem"], given["state"]) == (["WELCOME5"], 300, "ArrangingPayment")
    assert given["shippingMethodId"] == "1" and given["shippingAddress"]["streetLine1"] == "Calle Mayor 1"
    assert "pickupLocationId" not in given and given["customer"]["emailAddress"] == "ana.kiosk@example.com"
    assert receipt == OrderReceipt(order.client_order_id, "C9", "ArrangingPayment", Money.of("15.99", "EUR"), 15)


def test_a_server_fault_while_placing_is_retried_not_dead_lettered() -> None:
    """INTERNAL_SERVER_ERROR: the transaction rolled back, nothing was placed; the outbox tries again."""
    errors = [{"message": "deadlock detected", "extensions": {"code": "INTERNAL_SERVER_ERROR"}}]
    with pytest.raises(BackendUnavailableError) as info:
        backend(gql(data=None, errors=errors)).submit_order(_order())
    assert str(info.value) == "Vendure rejected place order: deadlock detected (INTERNAL_SERVER_ERROR)"


def test_a_deadlock_while_placing_is_retried_not_dead_lettered() -> None:
    errors = [{"message": "deadlock detected"}]
    with pytest.raises(BackendUnavailableError) as info:
        backend(gql(data=None, errors=errors)).submit_order(_order())
    assert str(info.value) == "Vendure rejected place order: deadlock detected"


def test_a_server_without_the_placing_mutation_makes_orders_wait_not_fail() -> None:
    errors = [{"message": 'Cannot query field "kioskPlaceOrder" on type "Mutation".',
               "extensions": {"code": "GRAPHQL_VALIDATION_FAILED"}}]  # fmt: skip
    with pytest.raises(BackendUnavailableError) as info:
        backend(gql(data=None, errors=errors, status=400)).submit_order(_order())
    assert str(info.value) == (
        "the Vendure server's KioskPlugin cannot place orders yet (kioskPlaceOrder needs plugin 2.3 or later);"
        " the order waits in the queue"
    )


def test_a_receipt_for_another_client_order_id_is_a_protocol_error() -> None:
    with pytest.raises(BackendProtocolError) as info:
        backend(gql({"kioskPlaceOrder": _placed(clientOrderId="other")})).submit_order(_order())
    assert str(info.value) == "Vendure's reply to place order is malformed: ValueError"


def test_what_the_server_left_out_is_told_in_the_kiosks_own_words() -> None:
    from datetime import timezone

    from kiosk.backends.vendure.placement import placed_receipt
    from kiosk.core.order import ShortLine

    madrid = timezone(timedelta(hours=1))
    raw = _placed(
        coupons=[
            {"code": "welcome5", "applied": True, "problem": None, "at": None},
            {"code": "OLD", "applied": False, "problem": "expired", "at": "2026-12-01T00:00:00.000Z"},
            {"code": "SOON", "applied": False, "problem": "not_yet_valid", "at": "2026-12-24T09:00:00.000Z"},
        ],
        points={"requested": 400, "redeemed": 0, "discount": 0, "problem": "balance", "balance": 150,
                "minimum": 100, "most": 0},
        shortLines=[{"variantId": "1", "ordered": 3, "placed": 1}],
    )  # fmt: skip
    receipt = placed_receipt(_order(), raw, madrid)
    assert receipt.short_lines == (ShortLine("1", 3, 1),)
    assert [n.en for n in receipt.notes] == [
        "The code OLD expired on 1 Dec 2026.",
        "The code SOON can be used from 24 Dec 2026.",
        "You have 150 points; 400 cannot be redeemed. The order was placed without redeeming points.",
        "Only 1 of 3 × Sample item were in stock; 2 missing.",
    ]
    assert [n.es for n in receipt.notes] == [
        "El código OLD caducó el 1 dic 2026.",
        "El código SOON se puede usar a partir del 24 dic 2026.",
        "Tienes 150 puntos; no se pueden canjear 400. El pedido se hizo sin canjear puntos.",
        "Solo había 1 de 3 × Sample item en stock; faltan 2.",
    ]


@pytest.mark.parametrize(("problem", "points", "balance"), [("balance", 400, 150), ("minimum", 50, 1000),
                                                             ("share", 900, 1000)])  # fmt: skip
def test_points_notes_match_the_kiosks_own_redemption_messages(problem: str, points: int, balance: int) -> None:
    """The adapter words a server refusal as kiosk.core.loyalty.redeem words the same refusal at the kiosk."""
    from kiosk.backends.vendure.placement import points_note
    from kiosk.core.loyalty import RedeemRules, RedemptionError, max_redeemable, redeem

    rules = RedeemRules(Money.of("0.01", "EUR"))
    total = Money.of("10.00", "EUR")
    with pytest.raises(RedemptionError) as kiosk:
        redeem(points, balance, total, rules)
    raw = {"problem": problem, "requested": points, "balance": balance, "minimum": rules.minimum_points,
           "most": max_redeemable(balance, total, rules)}  # fmt: skip
    note = points_note(raw)
    assert note.en == f"{kiosk.value.text.en}. The order was placed without redeeming points."
    assert note.es == f"{kiosk.value.text.es}. El pedido se hizo sin canjear puntos."


def test_forbidden_with_api_key_is_rejected() -> None:
    errors = [
        {"message": "You are not currently authorized to perform this action", "extensions": {"code": "FORBIDDEN"}}
    ]
    with pytest.raises(BackendRejectedError) as info:
        backend(gql(data=None, errors=errors)).ping()
    assert str(info.value) == "Vendure refused ping: the API key is not valid or lacks permission"


@pytest.mark.parametrize(
    ("content_type", "kind"), [("text/plain", "not JSON"), ("text/html; charset=utf-8", "an HTML page")]
)
def test_a_reply_that_is_not_json_means_something_else_answered(content_type: str, kind: str) -> None:
    def handle(request: httpx.Request) -> httpx.Response:
        return httpx.Response(
            200, content=b"<html>Sign in to the store Wi-Fi</html>", headers={"content-type": content_type}
        )

    with pytest.raises(NotTheBackendError) as info:
        backend(handle).ping()
    assert str(info.value) == f"Vendure's reply to ping is {kind}: a captive portal or proxy answered, not Vendure"
    assert isinstance(info.value, BackendUnavailableError)  # offline for the kiosk, never "online"


def test_reply_without_data_is_protocol_error() -> None:
    def handle(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json={"data": None})

    with pytest.raises(BackendProtocolError) as info:
        backend(handle).ping()
    assert str(info.value) == "Vendure's reply to ping has no data"


@pytest.mark.parametrize("body", [[1, 2], {"status": "ok"}, "captive"])
def test_json_that_is_not_a_graphql_reply_means_another_server_answered(body: object) -> None:
    def handle(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json=body)

    with pytest.raises(NotTheBackendError) as info:
        backend(handle).ping()
    assert str(info.value) == "Vendure's reply to ping is not a GraphQL reply: another server answered, not Vendure"


def test_missing_field_is_protocol_error() -> None:
    with pytest.raises(BackendProtocolError) as info:
        backend(gql({"orders": {"items": [{"id": "1"}]}})).find_order("c-1")
    assert str(info.value) == "Vendure's reply to find order is malformed: missing 'state'"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"activeChannel": {"id": "1"}, "kioskPluginInfo": {"version": "2.2.0"}},
         "Vendure's reply to ping lacks the channel or the KioskPlugin version: another server answered"),
        (CHANNEL_OK, "Vendure's reply to ping lacks the channel or the KioskPlugin version: another server answered"),
        ({**CHANNEL_OK, "kioskPluginInfo": {"version": "<html>"}},
         "Vendure's reply to ping has no KioskPlugin version: '<html>'"),
        ({"activeChannel": {"id": "1", "defaultCurrencyCode": 7}, "kioskPluginInfo": {"version": "2.2.0"}},
         "Vendure's reply to ping has no currency code: '7'"),
    ],
)  # fmt: skip
def test_a_health_reply_of_the_wrong_shape_means_not_the_backend(data: dict[str, Any], message: str) -> None:
    """Online means the backend answered its own health query with the expected shape and a plugin version."""
    with pytest.raises(NotTheBackendError) as info:
        backend(gql(data)).ping()
    assert str(info.value) == message


def test_ping_is_one_health_query_naming_the_plugin_version() -> None:
    seen: list[str] = []

    def handle(request: httpx.Request) -> httpx.Response:
        seen.append(json.loads(request.content)["query"])
        return httpx.Response(200, json={"data": {**CHANNEL_OK, "kioskPluginInfo": {"version": "3.0.0"}}})

    backend(handle).ping()  # reachable even with a plugin major it does not know: check_plugin says what stops
    assert len(seen) == 1 and "kioskPluginInfo { version }" in seen[0] and "activeChannel" in seen[0]


def test_wrong_type_is_protocol_error() -> None:
    customers = {"customers": {"items": [{"id": "1", "customFields": {"loyaltyNumber": "42"}, "addresses": 5}]}}
    with pytest.raises(BackendProtocolError) as info:
        backend(gql(customers)).find_customer(CustomerLookup.LOYALTY_NUMBER, "42")
    assert str(info.value).startswith("Vendure's reply to find customer by loyalty number is malformed")


def test_a_redirect_is_a_captive_portal_not_vendure() -> None:
    def handle(request: httpx.Request) -> httpx.Response:
        return httpx.Response(302, headers={"location": "http://portal.example/login"})

    with pytest.raises(NotTheBackendError) as info:
        backend(handle).ping()
    assert str(info.value) == (
        f"Vendure's address answered ping with a redirect (HTTP 302, {ADMIN}): a captive portal or proxy, not Vendure"
    )


def test_ping_sends_api_key_and_channel_token() -> None:
    seen: list[httpx.Request] = []

    def handle(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={"data": HEALTH_OK})

    backend(handle, channel_token="chan-1").ping()
    assert seen[0].headers["vendure-api-key"] == SECRET_KEY
    assert seen[0].headers["vendure-token"] == "chan-1"
    assert "authorization" not in seen[0].headers


# --- password login ----------------------------------------------------------------------------------------
def test_password_login_then_bearer_and_relogin_once_on_forbidden() -> None:
    log: list[str] = []
    tokens = iter(["tok-1", "tok-2"])

    def handle(request: httpx.Request) -> httpx.Response:
        body = json.loads(request.content)
        if "KioskLogin" in body["query"]:
            log.append("login")
            return httpx.Response(
                200, json={"data": {"login": {"id": "3"}}}, headers={"vendure-auth-token": next(tokens)}
            )
        log.append(request.headers.get("authorization", ""))
        if request.headers.get("authorization") == "Bearer tok-1" and len(log) > 2:
            return httpx.Response(200, json={"errors": [{"message": "expired", "extensions": {"code": "FORBIDDEN"}}]})
        return httpx.Response(200, json={"data": HEALTH_OK})

    b = backend(handle, VendureCredentials(username="kiosk", password=SECRET_PASSWORD))
    b.ping()
    b.ping()
    assert log == ["login", "Bearer tok-1", "Bearer tok-1", "login", "Bearer tok-2"]


def test_wrong_password_is_rejected_without_the_password() -> None:
    def handle(request: httpx.Request) -> httpx.Response:
        error = {"errorCode": "INVALID_CREDENTIALS_ERROR", "message": "The provided credentials are invalid"}
        return httpx.Response(200, json={"data": {"login": error}})

    with pytest.raises(BackendRejectedError) as info:
        backend(handle, VendureCredentials(username="kiosk", password=SECRET_PASSWORD)).ping()
    assert str(info.value) == (
        "Vendure refused the kiosk's login (INVALID_CREDENTIALS_ERROR); check username and password"
    )


def test_login_without_bearer_token_is_protocol_error() -> None:
    with pytest.raises(BackendProtocolError) as info:
        backend(gql({"login": {"id": "1"}}), VendureCredentials(username="k", password="p")).ping()
    assert str(info.value) == (
        "Vendure accepted the login but sent no session token; is authOptions.tokenMethod missing 'bearer'?"
    )


# --- credentials are never shown -------------------------------------------------------------------------
def test_credentials_repr_hides_secrets() -> None:
    both = [VendureCredentials(api_key=SECRET_KEY), VendureCredentials(username="kiosk", password=SECRET_PASSWORD)]
    for credentials in both:
        text = repr(credentials) + str(credentials)
        assert SECRET_KEY not in text and SECRET_PASSWORD not in text
    assert repr(both[1]) == "VendureCredentials(username='kiosk')"


def test_secrets_never_reach_the_log_or_error_messages(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    failures = [gql(status=503), gql(errors=[{"message": "boom"}]), gql({"login": {"id": "1"}})]
    messages = []
    for handle in failures:
        for credentials in (
            VendureCredentials(api_key=SECRET_KEY),
            VendureCredentials(username="kiosk", password=SECRET_PASSWORD),
        ):
            with pytest.raises(Exception) as info:
                backend(handle, credentials).ping()
            messages.append(str(info.value))
    text = caplog.text + "\n".join(messages)
    assert "topsecret" not in text and "hunter2" not in text
    assert any("HTTP Request" in r.getMessage() for r in caplog.records)  # httpx did log its requests


def test_credentials_need_a_key_or_username_and_password() -> None:
    with pytest.raises(CredentialsError) as info:
        VendureCredentials(username="kiosk")
    assert str(info.value) == "Vendure credentials need an api_key, or a username and a password"


def test_credentials_file_must_be_private(tmp_path: Path) -> None:
    path = tmp_path / "vendure.json"
    path.write_text(json.dumps({"api_key": SECRET_KEY}))
    path.chmod(0o644)
    with pytest.raises(CredentialsError) as info:
        load_credentials_file(path)
    assert str(info.value) == (
        f"Refusing to use Vendure credentials file {path}: its mode is 0644, so group or others can access it; "
        f"run: chmod 600 {path}"
    )
    path.chmod(0o640)
    with pytest.raises(CredentialsError, match="its mode is 0640"):
        load_credentials_file(path)
    path.chmod(0o600)
    assert load_credentials_file(path) == VendureCredentials(api_key=SECRET_KEY)


def test_credentials_file_formats(tmp_path: Path) -> None:
    seeded = tmp_path / "credentials.json"
    seeded.write_text(json.dumps({"superadmin": {"username": "s", "password": "x"}, "kiosk": {"api_key": "a:b"}}))
    seeded.chmod(0o600)
    assert load_credentials_file(seeded) == VendureCredentials(api_key="a:b")
    toml = tmp_path / "vendure.toml"
    toml.write_text(f'username = "kiosk"\npassword = "{SECRET_PASSWORD}"\n')
    toml.chmod(0o400)
    assert load_credentials_file(toml) == VendureCredentials(username="kiosk", password=SECRET_PASSWORD)
    broken = tmp_path / "broken.toml"
    broken.write_text(f'password = "{SECRET_PASSWORD}\n')
    broken.chmod(0o600)
    with pytest.raises(CredentialsError) as info:
        load_credentials_file(broken)
    assert str(info.value) == f"Vendure credentials file {broken} is not valid TOML"
    with pytest.raises(CredentialsError) as info:
        load_credentials_file(tmp_path / "missing.json")
    assert str(info.value) == f"Vendure credentials file {tmp_path / 'missing.json'} does not exist"


# --- config -----------------------------------------------------------------------------------------------
def test_from_options_builds_from_a_private_file(tmp_path: Path) -> None:
    path = tmp_path / "kiosk-vendure.json"
    path.write_text(json.dumps({"api_key": SECRET_KEY}))
    path.chmod(0o600)
    b = VendureBackend.from_options(
        {
            "admin_url": "https://shop.example.com/admin-api",
            "credentials_file": str(path),
            "here_location": "Madrid Centro",
            "location_kinds": {"Almacén Central": "warehouse"},
            "timeout_s": 3,
        }
    )
    assert b._client.shop_url == "https://shop.example.com/shop-api"
    assert b._client.timeout_s == 3.0
    b.close()


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"admin_url": "http://x/admin-api", "colour": 1}, "[backend] unknown Vendure option(s): colour"),
        (
            {"admin_url": "http://x/admin-api"},
            "[backend] Vendure needs credentials_file, api_key, or username + password",
        ),
        (
            {"admin_url": "http://x/admin-api", "api_key": "k", "credentials_file": "/f"},
            "[backend] give either credentials_file or api_key / username + password, not both",
        ),
        (
            {"admin_url": "http://x/admin-api", "api_key": "k", "timeout_s": 0},
            "[backend] timeout_s must be a positive number, got 0",
        ),
        (
            {"admin_url": "http://x/admin-api", "api_key": "k", "location_kinds": {"A": "shop"}},
            "[backend] location_kinds.A must be one of here, store, warehouse; got 'shop'",
        ),
        ({"admin_url": 5, "api_key": "k"}, "[backend] admin_url must be a string, got 5"),
    ],
)
def test_from_options_errors(options: dict[str, Any], message: str) -> None:
    with pytest.raises(VendureConfigError) as info:
        VendureBackend.from_options(options)
    assert str(info.value) == message


# --- catalog cursor and plugin version ----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("cursor", "expected"),
    [
        ("vj1:1.abc.10.20", ("journal", ["1.abc.10.20"])),
        ("vx1:17:1:1.abc.10.20", ("export", ["17", "1", "1.abc.10.20"])),
        ("vx1::0:", ("export", ["", "0", ""])),
        ("vj1:", ("other", [])),
        ("vx1:x:0:c", ("other", [])),
        ("v1.eyJ2IjoyfQ", ("other", [])),
        ("demo:1234", ("other", [])),
        (None, ("other", [])),
    ],
)
def test_catalog_cursor_kinds(cursor: str | None, expected: tuple[str, list[str]]) -> None:
    assert _split_cursor(cursor) == expected


def plugin_handler(version: str) -> Handler:
    info = {"version": version, "journalFormat": 1, "journal": True, "journalRetentionHours": 168,
            "maxExportLimit": 5000, "maxChangesLimit": 10000}  # fmt: skip
    return gql({"kioskPluginInfo": info})


def test_a_known_plugin_version_is_described() -> None:
    assert backend(plugin_handler("2.3.1")).check_plugin() == "KioskPlugin 2.3.1 (journal kept 168 h)"


def test_an_unknown_plugin_version_stops_the_sync_and_is_logged(caplog: pytest.LogCaptureFixture) -> None:
    vendure = backend(plugin_handler("3.0.0"))
    message = (
        "the Vendure server runs KioskPlugin 3.0.0; this kiosk knows 2.x: catalog sync paused, "
        "serving the cached catalog"
    )
    with pytest.raises(PluginVersionError) as info:
        vendure.catalog_changes(None, 10)
    assert str(info.value) == message
    assert message in caplog.text
    with pytest.raises(PluginVersionError):
        vendure.catalog_snapshot()


def test_a_server_without_the_plugin_is_named() -> None:
    missing = gql(errors=[{"message": 'Cannot query field "kioskPluginInfo" on type "Query".'}], status=400)
    with pytest.raises(PluginVersionError) as info:
        backend(missing).check_plugin()
    assert str(info.value).startswith("the Vendure server has no KioskPlugin 2.x catalog API (")


# --- mapping ----------------------------------------------------------------------------------------------
def test_gtin_normalisation() -> None:
    assert normalise_gtin("8437000000013") == "08437000000013"
    assert normalise_gtin("12345670") == "00000012345670"
    assert normalise_gtin("") is None
    assert normalise_gtin(None) is None
    assert normalise_gtin("84370000000１3") is None  # full-width digit
    assert normalise_gtin("123") is None


def test_option_key_drops_the_product_slug() -> None:
    assert option_key("laptop-screen-size", "laptop") == "screen-size"
    assert option_key("colour", "t-shirt") == "colour"


def test_plain_text_from_html() -> None:
    assert plain_text("<p>Fast &amp; light</p><p>Two <b>lines</b></p>") == "Fast & light\nTwo lines"


def test_phone_matching() -> None:
    assert same_phone("+34600100101", "600100101")
    assert same_phone("+34 600 100 101", "0034600100101")
    assert not same_phone("+34600100102", "600100101")
    assert not same_phone("+34600100101", "0101")


def test_category_is_the_most_specific_public_collection() -> None:
    collections = [
        {"id": "2", "isPrivate": False, "breadcrumbs": [{"id": "1"}, {"id": "2"}]},
        {"id": "3", "isPrivate": False, "breadcrumbs": [{"id": "1"}, {"id": "2"}, {"id": "3"}]},
        {"id": "9", "isPrivate": True, "breadcrumbs": [{"id": "1"}, {"id": "2"}, {"id": "3"}, {"id": "9"}]},
    ]
    assert category_of(collections) == "3"
    assert category_of([]) is None


def test_categories_hang_off_the_hidden_root() -> None:
    raw = [
        {"id": "2", "parentId": "1", "position": 1, "isPrivate": False, "translations": [{"languageCode": "en", "name": "Electronics"}, {"languageCode": "es", "name": "Electrónica"}]},
        {"id": "3", "parentId": "2", "position": 0, "isPrivate": False, "translations": [{"languageCode": "en", "name": "Computers"}]},
    ]  # fmt: skip
    electronics, computers = map_categories(raw)
    assert (electronics.id, electronics.parent_id, electronics.name.es) == ("2", None, "Electrónica")
    assert (computers.id, computers.parent_id) == ("3", "2")


def test_location_kinds() -> None:
    store = {"id": "2", "name": "Barcelona", "customFields": {"locationKind": "store", "city": "Barcelona",
             "streetLine1": "Diagonal 1", "postalCode": "08021"}}  # fmt: skip
    warehouse = {"id": "5", "name": "Almacén", "customFields": {"locationKind": "warehouse"}}
    bare = {"id": "7", "name": "Outlet", "customFields": None}
    assert map_location(store, None, {}).kind is LocationKind.STORE
    assert map_location(store, "Barcelona", {}).kind is LocationKind.HERE
    assert map_location(store, "2", {}).kind is LocationKind.HERE
    assert map_location(warehouse, None, {}).kind is LocationKind.WAREHOUSE
    assert map_location(bare, None, {"Outlet": LocationKind.WAREHOUSE}).kind is LocationKind.WAREHOUSE
    assert map_location(bare, None, {}).kind is LocationKind.STORE
    assert map_location(store, None, {}).address == "Diagonal 1, 08021 Barcelona"


def test_shipping_methods_exclude_pickup_and_use_channel_currency() -> None:
    data = {
        "testEligibleShippingMethods": [
            {"id": "3", "code": "store-pickup", "priceWithTax": 0},
            {"id": "2", "code": "express", "priceWithTax": 1000},
            {"id": "1", "code": "standard", "priceWithTax": 500},
        ],
        "shippingMethods": {"items": [
            {"id": "1", "translations": [{"languageCode": "en", "name": "Standard"}], "customFields": {"daysMin": 3, "daysMax": 5}},
            {"id": "2", "translations": [], "customFields": {}},
        ]},
    }  # fmt: skip

    def handle(request: httpx.Request) -> httpx.Response:
        query = json.loads(request.content)["query"]
        return httpx.Response(200, json={"data": CHANNEL_OK if "KioskChannel" in query else data})

    standard, express = backend(handle).shipping_methods("es")
    assert (standard.code, standard.price.amount, standard.price.currency) == ("standard", Decimal("5.00"), "EUR")
    assert (standard.name.en, standard.days_min, standard.days_max) == ("Standard", 3, 5)
    assert (express.name.en, express.days_min, express.days_max) == ("express", 2, 5)


def test_reviews_come_from_the_products_custom_field_and_a_bad_entry_is_skipped() -> None:
    reviews = [
        {"author": "Ana L.", "rating": 5, "title": "Comodísimas", "body": "Muy ligeras.", "lang": "es"},
        {"author": "Tom", "rating": 9, "body": "out of range"},
        {"author": "Emma W.", "rating": 4, "body": "Good for long runs."},
    ]
    extras = {"product": {"id": "1", "customFields": {"reviews": json.dumps(reviews), "sizeGuide": None}}}
    assert list(backend(gql(extras)).reviews("1", 5)) == [
        Review("Ana L.", 5, "Comodísimas", "Muy ligeras.", "es"),
        Review("Emma W.", 4, "", "Good for long runs.", "en"),
    ]
    assert len(backend(gql(extras)).reviews("1", 1)) == 1
    assert backend(gql(extras)).size_guide("1") is None
    assert backend(gql({"product": None})).reviews("404", 5) == ()
    assert backend(gql({"product": {"id": "1", "customFields": {"reviews": "not json"}}})).reviews("1", 5) == []


def test_a_size_guide_is_read_from_its_custom_field_and_a_bad_one_named() -> None:
    guide = {"title": {"en": "Shoes", "es": "Calzado"}, "columns": [{"en": "EU"}, {"en": "UK"}], "rows": [["40", "6.5"]]}
    found = backend(gql({"product": {"id": "7", "customFields": {"sizeGuide": json.dumps(guide)}}})).size_guide("7")
    assert found is not None and (found.title.es, found.rows) == ("Calzado", (("40", "6.5"),))
    broken = {**guide, "rows": [["40"]]}
    with pytest.raises(BackendProtocolError) as info:
        backend(gql({"product": {"id": "7", "customFields": {"sizeGuide": json.dumps(broken)}}})).size_guide("7")
    assert str(info.value) == "product 7's size guide is malformed: size guide row 1 has 1 cells for 2 columns"


def test_ambiguous_email_finds_nobody() -> None:
    people = [
        {"id": str(n), "firstName": "A", "lastName": "B", "emailAddress": "Same@Example.com", "phoneNumber": "",
         "customFields": {}, "addresses": [], "orders": {"items": []}}
        for n in (1, 2)
    ]  # fmt: skip
    assert (
        backend(gql({"customers": {"items": people}})).find_customer(CustomerLookup.EMAIL, "same@example.com") is None
    )
    assert backend(gql({"customers": {"items": people[:1]}})).find_customer(CustomerLookup.EMAIL, "same@example.com")


def test_short_phone_is_not_looked_up() -> None:
    def handle(request: httpx.Request) -> httpx.Response:
        raise AssertionError("no request expected")

    assert backend(handle).find_customer(CustomerLookup.PHONE, "12-34") is None
    assert backend(handle).find_customer(CustomerLookup.EMAIL, "  ") is None


def test_order_validation_before_any_request() -> None:
    def handle(request: httpx.Request) -> httpx.Response:
        raise AssertionError("no request expected")

    from dataclasses import replace

    b = backend(handle)
    with pytest.raises(BackendRejectedError) as info:
        b.submit_order(replace(_order(), lines=()))
    assert str(info.value) == "Order K-0001 has no lines"
    with pytest.raises(BackendRejectedError) as info:
        b.submit_order(replace(_order(), shipping_address=None))
    assert str(info.value) == "Order K-0001 is for home delivery but has no address"
    with pytest.raises(BackendRejectedError) as info:
        b.submit_order(replace(_order(), shipping_method=None))
    assert str(info.value) == "Order K-0001 is for home delivery but has no shipping method"
    from kiosk.core.order import FulfilmentKind

    with pytest.raises(BackendRejectedError) as info:
        b.submit_order(replace(_order(), fulfilment=FulfilmentKind.PICKUP_STORE, pickup_location_id=None))
    assert str(info.value) == "Order K-0001 is for store pick-up but names no store"


def _order() -> Any:
    from tests.fixtures.vendure import sample_order

    return sample_order(client_order_id="11111111-1111-4111-8111-111111111111", number="K-0001", variant_id="1")


def test_old_installs_are_pruned_after_two_weeks(tmp_path: Path) -> None:
    import os

    from kiosk.backends.vendure.server import PRUNE_AFTER_S, prune_old_installs

    now = 10 * PRUNE_AFTER_S
    folders = {}
    for name, age in (("current", 10 * PRUNE_AFTER_S), ("recent", 60), ("old", PRUNE_AFTER_S + 60), ("partial", 0)):
        folder = tmp_path / name
        folder.mkdir()
        if name != "partial":
            (folder / "installed.json").write_text("{}")
            os.utime(folder / "installed.json", (now - age, now - age))
        folders[name] = folder
    removed = prune_old_installs(tmp_path, keep=folders["current"], now=now)
    assert removed == [folders["old"]]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["current", "partial", "recent"]


def test_images_only_from_the_vendure_host() -> None:
    def handle(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/assets/preview/ab/lamp__preview.jpg":
            return httpx.Response(200, content=b"\xff\xd8jpeg")
        return httpx.Response(404)

    b = backend(handle)
    assert b.image_bytes("http://vendure.test/assets/preview/ab/lamp__preview.jpg") == b"\xff\xd8jpeg"
    for ref in ("http://vendure.test/assets/missing.jpg", "https://evil.example/x.jpg", "file:///etc/passwd", "x"):
        with pytest.raises(KeyError):
            b.image_bytes(ref)


def test_an_old_or_missing_node_is_named_before_any_install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    old = tmp_path / "node"
    old.write_text("#!/bin/sh\necho v18.19.0\n")
    old.chmod(0o755)
    with pytest.raises(VendureServerError) as info:
        check_node(str(old))
    assert str(info.value) == f"The Vendure server needs Node 20+, but {old} is v18.19.0"
    old.write_text("#!/bin/sh\necho v22.11.0\n")
    assert check_node(str(old)) == "22.11.0"
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    with pytest.raises(VendureServerError) as info:
        check_node()
    assert str(info.value) == "node is not installed or not on PATH; the Vendure server needs Node 20+ and npm"


def test_the_install_cache_is_outside_the_repository(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    repo = Path(__file__).resolve().parents[2]
    monkeypatch.delenv("KIOSK_VENDURE_CACHE", raising=False)
    assert not default_cache_root().resolve().is_relative_to(repo)
    assert default_cache_root().name == "kiosk-vendure"
    monkeypatch.setenv("KIOSK_VENDURE_CACHE", str(tmp_path / "elsewhere"))
    assert default_cache_root() == tmp_path / "elsewhere"


def test_recall_list_reads_the_plugins_recalls() -> None:
    vendure = backend(
        gql({"kioskRecalls": [
            {"reference": "RC-1", "gtin": "08437000000013", "lot": "L1", "serial": None},
            {"reference": "RC-2", "gtin": "08437000000013", "lot": None, "serial": "S9"},
        ]})
    )  # fmt: skip
    recalls = vendure.recall_list()
    assert len(recalls) == 2
    assert recalls.match("08437000000013", "L1", None) is not None
    assert recalls.match("08437000000013", None, "S9") is not None


def test_a_recall_the_kiosk_cannot_read_is_a_protocol_error_naming_it() -> None:
    vendure = backend(gql({"kioskRecalls": [{"reference": "RC-1", "gtin": "123", "lot": "L1", "serial": None}]}))
    with pytest.raises(BackendProtocolError) as info:
        vendure.recall_list()
    assert str(info.value) == (
        "Vendure's recall list is malformed: Recall RC-1: GTIN must be 14 digits with a valid check digit, got '123'"
    )


def test_a_quiet_refresh_pass_is_one_request_the_recalls_ride_with_the_catalog_poll() -> None:
    """Issue 15's idle poll: the journal page and the recall list in one request; recall_list() then takes
    that list instead of asking again, and asks on its own the next time (no poll in between)."""
    sent: list[str] = []
    recalls = [{"reference": "RC-1", "gtin": "08437000000013", "lot": "L1", "serial": None}]

    def handle(request: httpx.Request) -> httpx.Response:
        query = json.loads(request.content)["query"]
        sent.append("changes" if "kioskChanges" in query else "recalls")
        page = {"nextCursor": "2.0.0.9", "hasMore": False, "resync": False, "resyncReason": None, "products": [],
                "deletedProductIds": [], "categoriesChanged": False, "locationsChanged": False,
                "promotionsChanged": False}  # fmt: skip
        return httpx.Response(200, json={"data": {"kioskChanges": page, "kioskRecalls": recalls}})

    vendure = backend(handle)
    page = vendure.catalog_changes("vj1:1.0.0.8", 500)
    assert page.next_cursor == "vj1:2.0.0.9" and not page.products and not page.has_more
    assert vendure.recall_list().match("08437000000013", "L1", None) is not None
    assert sent == ["changes"]
    assert len(vendure.recall_list()) == 1
    assert sent == ["changes", "recalls"]


def test_a_plugin_without_recalls_is_polled_without_them() -> None:
    """KioskPlugin 2.0 has no kioskRecalls: the combined query is refused once, the journal is then polled on its
    own (the catalog keeps syncing) and recall_list() asks by itself, as before."""
    sent: list[str] = []
    page = {"nextCursor": "2.0.0.9", "hasMore": False, "resync": False, "resyncReason": None, "products": [],
            "deletedProductIds": [], "categoriesChanged": False, "locationsChanged": False,
                "promotionsChanged": False}  # fmt: skip

    def handle(request: httpx.Request) -> httpx.Response:
        query = json.loads(request.content)["query"]
        sent.append("combined" if "kioskRecalls" in query and "kioskChanges" in query else
                    "changes" if "kioskChanges" in query else "recalls")  # fmt: skip
        if "kioskRecalls" in query:
            error = {"message": 'Cannot query field "kioskRecalls" on type "Query".',
                     "extensions": {"code": "GRAPHQL_VALIDATION_FAILED"}}  # fmt: skip
            return httpx.Response(400, json={"errors": [error]})
        return httpx.Response(200, json={"data": {"kioskChanges": page}})

    vendure = backend(handle)
    assert vendure.catalog_changes("vj1:1.0.0.8", 500).next_cursor == "vj1:2.0.0.9"
    assert vendure.catalog_changes("vj1:2.0.0.9", 500).next_cursor == "vj1:2.0.0.9"
    assert sent == ["combined", "changes", "changes"]
    with pytest.raises(BackendRejectedError):
        vendure.recall_list()
    assert sent[-1] == "recalls"


def test_a_malformed_recall_list_beside_a_catalog_page_fails_the_recall_list_not_the_page() -> None:
    page = {"nextCursor": "2.0.0.9", "hasMore": False, "resync": False, "resyncReason": None, "products": [],
            "deletedProductIds": [], "categoriesChanged": False, "locationsChanged": False,
                "promotionsChanged": False}  # fmt: skip
    vendure = backend(gql({"kioskChanges": page, "kioskRecalls": [{"reference": "RC-1", "gtin": "123", "lot": "L1",
                                                                    "serial": None}]}))  # fmt: skip
    assert vendure.catalog_changes("vj1:1.0.0.8", 500).next_cursor == "vj1:2.0.0.9"
    with pytest.raises(BackendProtocolError) as info:
        vendure.recall_list()
    assert str(info.value) == (
        "Vendure's recall list is malformed: Recall RC-1: GTIN must be 14 digits with a valid check digit, got '123'"
    )
    vendure = backend(gql({"kioskChanges": page, "kioskRecalls": [{"gtin": "08437000000013"}]}))
    vendure.catalog_changes("vj1:1.0.0.8", 500)
    with pytest.raises(BackendProtocolError) as info:
        vendure.recall_list()
    assert str(info.value) == "Vendure's reply to recall list is malformed: missing 'reference'"


def _journal_and_promotions(flag: bool | None) -> tuple[Handler, list[str], dict[str, bool]]:
    """A server answering the journal poll (with `promotionsChanged` as `state["changed"]`, or without the
    field at all when `flag` is None: a KioskPlugin before 2.4), the promotions and the channel; `sent`
    names each request."""
    sent: list[str] = []
    state = {"changed": bool(flag)}

    def handle(request: httpx.Request) -> httpx.Response:
        query = json.loads(request.content)["query"]
        if "kioskChanges" in query:
            sent.append("changes")
            if flag is None and "promotionsChanged" in query:
                error = {"message": 'Cannot query field "promotionsChanged" on type "KioskChangesPage".',
                         "extensions": {"code": "GRAPHQL_VALIDATION_FAILED"}}  # fmt: skip
                return httpx.Response(400, json={"errors": [error]})
            page = {"nextCursor": "2.0.0.9", "hasMore": False, "resync": False, "resyncReason": None,
                    "products": [], "deletedProductIds": [], "categoriesChanged": False,
                    "locationsChanged": False}  # fmt: skip
            if flag is not None:
                page["promotionsChanged"] = state["changed"]
            return httpx.Response(200, json={"data": {"kioskChanges": page, "kioskRecalls": []}})
        if "promotions(" in query:
            sent.append("promotions")
            return httpx.Response(200, json={"data": {"promotions": {"items": [], "totalItems": 0}}})
        sent.append("channel")
        return httpx.Response(200, json={"data": {"activeChannel": {"defaultCurrencyCode": "EUR"}}})

    return handle, sent, state


def test_promotions_are_read_again_only_when_the_journal_flags_a_change() -> None:
    """A quiet pass is one request (issue 15) even though every pass refreshes the offers (issue 19)."""
    handle, sent, state = _journal_and_promotions(False)
    vendure = backend(handle)
    assert vendure.promotions() == ()  # the first read
    assert sent == ["channel", "promotions"]
    for _ in range(3):  # quiet passes: the poll, and the promotions as last read
        vendure.catalog_changes("vj1:1.0.0.8", 500)
        assert vendure.promotions() == ()
    assert sent == ["channel", "promotions", "changes", "changes", "changes"]
    state["changed"] = True  # a promotion edited in the Admin API: the journal says so
    vendure.catalog_changes("vj1:1.0.0.8", 500)
    vendure.promotions()
    assert sent[-2:] == ["changes", "promotions"]
    state["changed"] = False
    vendure.catalog_changes("vj1:2.0.0.9", 500)
    vendure.promotions()
    assert sent[-1] == "changes"


def test_a_plugin_without_the_promotions_flag_gets_the_promotions_read_every_pass() -> None:
    handle, sent, _ = _journal_and_promotions(None)
    vendure = backend(handle)
    for _ in range(2):
        assert vendure.catalog_changes("vj1:1.0.0.8", 500).next_cursor == "vj1:2.0.0.9"
        vendure.promotions()
    assert sent == ["changes", "changes", "channel", "promotions", "changes", "promotions"]


def test_doctor_names_an_unknown_plugin_version_and_the_cache_stays(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A real HTTP server on 127.0.0.1 playing a Vendure whose KioskPlugin is 3.0.0."""
    import json
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    from kiosk.cli import main

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["content-length"])).decode()
            data: dict[str, Any] = CHANNEL_OK
            if "kioskPluginInfo" in body:  # the health query (ping) and the plugin check both ask for it
                data = {**CHANNEL_OK, "kioskPluginInfo": {"version": "3.0.0", "journalRetentionHours": 168}}
            reply = json.dumps({"data": data}).encode()
            self.send_response(200)
            self.send_header("content-type", "application/json")
            self.send_header("content-length", str(len(reply)))
            self.end_headers()
            self.wfile.write(reply)

        def log_message(self, *args: Any) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        config = tmp_path / "kiosk.toml"
        config.write_text(
            f'data_dir = "{tmp_path / "data"}"\n[backend]\nkind = "vendure"\n'
            f'admin_url = "http://127.0.0.1:{server.server_address[1]}/admin-api"\napi_key = "k:s"\n'
        )
        code = main(["doctor", "--config", str(config)])
    finally:
        server.shutdown()
        server.server_close()
    out = capsys.readouterr().out
    assert (
        "server plugin   UNKNOWN (the Vendure server runs KioskPlugin 3.0.0; this kiosk knows 2.x: "
        "catalog sync paused, serving the cached catalog)\n"
    ) in out
    assert code == 1

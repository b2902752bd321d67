"""Loyalty cards, the loyalty app's QR, the web shop's cart handoff, NFC UIDs; all configurable."""

from __future__ import annotations

import pytest

from kiosk.core.scanning import ScanConfig, ScanKind, interpret

CONFIG = ScanConfig()


@pytest.mark.parametrize(
    ("data", "member_id"),
    [
        (b"]E0412345678903", "412345678903"),  # UPC-A starting with 4: GS1 company-internal
        (b"]E00412345678903", "412345678903"),  # the same card read in its 13-digit EAN view
        (b"412345678903", "412345678903"),
        (b"0412345678903", "412345678903"),
    ],
)
def test_loyalty_card_member_id_is_the_digits_as_printed(data: bytes, member_id: str) -> None:
    result = interpret(data, CONFIG)
    assert result.to_json_dict() == {"kind": "loyalty", "symbology": result.symbology, "member_id": member_id}


def test_loyalty_card_with_bad_check_digit_is_a_misread() -> None:
    assert interpret(b"412345678904", CONFIG).reason == "bad_check_digit"


def test_loyalty_prefixes_are_configurable() -> None:
    config = ScanConfig(loyalty_prefixes=("2999",))
    assert interpret(b"2999000012343", config).kind is ScanKind.LOYALTY
    assert interpret(b"2999000012343", config).member_id == "2999000012343"
    assert interpret(b"412345678903", config).kind is ScanKind.PRODUCT
    assert interpret(b"412345678903", ScanConfig(loyalty_prefixes=())).kind is ScanKind.PRODUCT


@pytest.mark.parametrize(
    ("data", "token"),
    [
        (b"https://shop.example.com/m/Ab3_x-9Zq", "Ab3_x-9Zq"),
        (b"]Q1https://shop.example.com/m/Ab3_x-9Zq", "Ab3_x-9Zq"),
        (b"https://shop.example.com/m/Ab3_x-9Zq/", "Ab3_x-9Zq"),
        (b"https://shop.example.com/m/Ab3_x-9Zq?utm_source=app", "Ab3_x-9Zq"),
        (b"https://SHOP.Example.COM./m/Ab3_x-9Zq", "Ab3_x-9Zq"),
        (b"https://shop.example.com:443/m/Ab3_x-9Zq", "Ab3_x-9Zq"),
        (b"HTTPS://SHOP.EXAMPLE.COM/M/AB3X9ZQ7", "AB3X9ZQ7"),  # QR alphanumeric mode is upper case
    ],
)
def test_loyalty_app_qr(data: bytes, token: str) -> None:
    result = interpret(data, CONFIG)
    assert (result.kind, result.member_token, result.member_id) == (ScanKind.LOYALTY, token, None)


def test_cart_handoff() -> None:
    result = interpret(b"https://shop.example.com/cart/handoff/123E4567-E89B-12D3-A456-426614174000", CONFIG)
    assert result.to_json_dict() == {
        "kind": "cart_handoff",
        "symbology": None,
        "cart_id": "123e4567-e89b-12d3-a456-426614174000",
    }


def test_store_hosts_and_paths_are_configurable() -> None:
    config = ScanConfig.from_mapping(
        {
            "store_hosts": ["tienda.example.es", "shop.example.com"],
            "member_path": "/socio/",
            "cart_handoff_path": "/carrito/",
        }
    )
    assert interpret(b"https://tienda.example.es/socio/abcdefgh", config).member_token == "abcdefgh"
    cart = interpret(b"https://shop.example.com/carrito/123e4567-e89b-12d3-a456-426614174000", config)
    assert cart.kind is ScanKind.CART_HANDOFF
    assert interpret(b"https://shop.example.com/m/abcdefgh", config).reason == "unknown_store_link"
    assert interpret(b"https://tienda-example.es/socio/abcdefgh", config).reason == "lookalike_host"


def test_nfc_uid_is_a_loyalty_token_unless_disabled() -> None:
    data = b"urn:nfc:uid:04A224E2C31D80"
    assert interpret(data, CONFIG).member_token == "nfc-uid:04A224E2C31D80"
    assert interpret(data, ScanConfig(nfc_uid_loyalty=False)).reason == "unknown_code"
    assert interpret(b"urn:nfc:uid:04a2", CONFIG).reason == "unsupported_scheme"

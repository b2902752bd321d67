"""Everything that must be refused, with its reason code and the exact words the shopper reads."""

from __future__ import annotations

import pytest

from kiosk.core.scanning import ScanConfig, ScanKind, interpret
from kiosk.core.scanning.messages import MESSAGES, REASONS

CONFIG = ScanConfig()


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        # framing-level
        (b"1" * 2049, "too_long"),
        (b"\xff\xfe", "invalid_utf8"),
        (b"40063\xc3813339", "invalid_utf8"),
        (b"4006381\x00333931", "control_characters"),
        (b"abc\x1b[31m", "control_characters"),
        (b"]E0\x1d4006381333931", "control_characters"),  # GS only belongs in GS1 element strings
        ("https://shop.example.com/m/abc\u202edefgh".encode(), "control_characters"),  # bidi override
        ("https://shop.example.com/m/abc\u200bdefgh".encode(), "control_characters"),  # zero-width space
        (b"]", "bad_symbology_id"),
        (b"]E", "bad_symbology_id"),
        (b"]!04006381333931", "bad_symbology_id"),
        # EAN / UPC
        (b"]E04006381333932", "bad_check_digit"),
        (b"4006381333932", "bad_check_digit"),
        (b"]E496385075", "bad_check_digit"),
        (b"]E000000000000000", "bad_length"),
        (b"]E412345", "bad_length"),
        (b"12345", "bad_length"),
        (b"]E040063813339A1", "not_numeric"),
        (b"40063813339A1", "not_numeric"),
        (b"4006381-33931", "not_numeric"),
        ("４００６３８１３３３９３１".encode(), "unknown_code"),  # full-width digits are not digits here
        (b"]E101", "addon_only"),
        (b"]E252495", "addon_only"),
        (b"]I15012345678900", "non_gs1_symbology"),  # ITF carries GTIN-14 only
        # GS1 data
        (b"]C10109506000134353", "bad_check_digit"),
        (b"]C10109506000134352179913", "invalid_gs1"),
        (b"]C1010950600013435210AB\x1d10CD", "conflicting_data"),
        (b"]C10109506000134352\x1d0109506000149301", "conflicting_data"),
        (b"]C101095060001343523103000100\x1d3102000020", "conflicting_data"),
        (b"]C10109506000134352020950600013435237100", "conflicting_data"),  # 01 with 02 is a forbidden pair
        (b"]C102095060001343523710", "logistics_label"),
        (b"]C100106141412345678908", "logistics_label"),
        (b"]C10010614141234567890802095060001343523720", "logistics_label"),
        (b"]C110ABC", "not_a_product"),
        (b"]C18110106141416543213500110000310123196000", "coupon"),
        (b"]C1255950600013435912345", "coupon"),
        # coupons by GS1 prefix
        (b"9912345678909", "coupon"),
        (b"]E0512345678900", "coupon"),
        (b"9811234567891", "coupon"),
        # GTINs in symbologies GS1 does not allow for them
        (b"]C04006381333931", "non_gs1_symbology"),
        (b"]A04006381333931", "non_gs1_symbology"),
        (b"]Q14006381333931", "non_gs1_symbology"),
        (b"]Q10109506000134352", "non_gs1_symbology"),
        (b"]d10109506000134352", "non_gs1_symbology"),
        (b"]Q1hello world", "unknown_code"),
        (b"hello", "unknown_code"),
        # links
        (b"javascript:alert(1)", "unsupported_scheme"),
        (b"JavaScript:alert(document.cookie)", "unsupported_scheme"),
        (b"file:///etc/passwd", "unsupported_scheme"),
        (b"data:text/html;base64,PHNjcmlwdD4=", "unsupported_scheme"),
        (b"ftp://shop.example.com/m/abcdefgh", "unsupported_scheme"),
        (b"intent://scan/#Intent;scheme=zxing;end", "unsupported_scheme"),
        (b"]Q1tel:+34900000000", "unsupported_scheme"),
        (b"https:/shop.example.com/m/abcdefgh", "malformed_link"),
        (b"https://shop.example.com /m/abcdefgh", "malformed_link"),
        (b"https://shop.example.com:99999/", "malformed_link"),
        (b"https://shop.example.com:8443/m/abcdefgh", "malformed_link"),
        (b"http://shop.example.com/m/abcdefgh", "insecure_link"),
        (b"HTTP://SHOP.EXAMPLE.COM/CART/HANDOFF/123E4567-E89B-12D3-A456-426614174000", "insecure_link"),
        (b"http://shop.example.com/01/09506000134352", "insecure_link"),
        (b"https://shop.example.com/m/ab", "malformed_link"),
        (b"https://shop.example.com/m/abc%2F..%2Fadmin", "malformed_link"),
        (b"https://shop.example.com/cart/handoff/not-a-uuid", "malformed_link"),
        (b"https://shop.example.com/cart/handoff/123e4567e89b12d3a456426614174000", "malformed_link"),
        (b"https://id.gs1.org/01/09506000134353", "bad_check_digit"),
        (b"https://id.gs1.org/00/106141412345678908", "logistics_label"),
        (b"https://example.com/01/09506000134352/10/AB-123?17=180426&17=180427", "conflicting_data"),
        (b"https://example.com/01/09506000134352/10/AB-123?10=XYZ", "conflicting_data"),
        (b"https://example.com/01/09506000134352?17=999999", "invalid_gs1"),
        (b"https://id.gs1.org/414/9520123456788", "not_a_product"),
    ],
)
def test_rejected_with_reason_and_message(data: bytes, reason: str) -> None:
    result = interpret(data, CONFIG)
    assert result.kind is ScanKind.INVALID, result
    assert result.reason == reason
    assert result.message == MESSAGES[reason]
    assert result.gtin is None
    # a refused Digital Link keeps its address for diagnostics; nothing else carries one
    assert result.url is None or result.host == "id.gs1.org" or result.host == "example.com"


@pytest.mark.parametrize(("data", "symbology"), [(b"", None), (b"\r\n", None), (b"]E0", "]E0"), (b"]Q1", "]Q1")])
def test_an_empty_read_is_a_result_of_its_own(data: bytes, symbology: str | None) -> None:
    result = interpret(data, CONFIG)
    assert (result.kind, result.symbology, result.reason) == (ScanKind.EMPTY, symbology, "empty")
    assert result.message == MESSAGES["empty"] and not result.ok


@pytest.mark.parametrize(
    ("data", "reason", "host"),
    [
        # issue 20: look-alike and userinfo tricks are named as foreign addresses (never opened), with the host
        # a browser would really go to, not refused as a generic "invalid"
        (b"https://shop.example.com@evil.net/m/abcdefgh", "userinfo", "evil.net"),
        (b"https://user:pass@shop.example.com/m/abcdefgh", "userinfo", "shop.example.com"),
        (b"https://shop.example.com:443@evil.net:8443/m/abcdefgh", "userinfo", "evil.net"),
        (b"https://shop.example.com\\@evil.net/", "disguised_link", "shop.example.com"),
        (b"https://evil.net\\@shop.example.com/", "disguised_link", "evil.net"),
        (b"https:\\\\evil.net/shop.example.com", "disguised_link", "evil.net"),
        (b"https://shop%2eexample.com/m/abcdefgh", "disguised_link", "shop.example.com"),
        (b"https://shop.example.com.evil.net/m/abcdefgh", "lookalike_host", "shop.example.com.evil.net"),
        (b"https://shop-example.com/m/abcdefgh", "lookalike_host", "shop-example.com"),
        (b"https://shopexample.com/m/abcdefgh", "lookalike_host", "shopexample.com"),
        (b"https://shop.examp1e.com/m/abcdefgh", "lookalike_host", "shop.examp1e.com"),
        (b"https://shop.exarnple.com/m/abcdefgh", "lookalike_host", "shop.exarnple.com"),
        (b"https://shop.example.co/m/abcdefgh", "lookalike_host", "shop.example.co"),
        (b"https://shop.example.net/m/abcdefgh", "lookalike_host", "shop.example.net"),
        (b"https://secure-shop.example.com.login.io/", "lookalike_host", "secure-shop.example.com.login.io"),
        ("https://shop.exаmple.com/m/abcdefgh".encode(), "lookalike_host", "shop.exаmple.com"),  # Cyrillic а
        (b"https://shop." + "exаmple".encode("idna") + b".com/m/abcdefgh", "lookalike_host", "shop.xn--exmple-4nf.com"),
        (b"https://" + "shöp.example.com".encode("idna") + b"/m/abcdefgh", "lookalike_host", "xn--shp-tna.example.com"),
        (b"https://xn--a.example/", "lookalike_host", "xn--a.example"),  # punycode that does not decode
        (b"https://shop.example.com.evil.net/01/09506000134352", "lookalike_host", "shop.example.com.evil.net"),
        (b"]Q1HTTPS://SHOP.EXAMPLE.COM@EVIL.NET/", "userinfo", "evil.net"),
    ],
)
def test_tricks_are_named_as_foreign_addresses(data: bytes, reason: str, host: str) -> None:
    result = interpret(data, CONFIG)
    assert (result.kind, result.reason, result.host) == (ScanKind.FOREIGN_URL, reason, host)
    assert result.message == MESSAGES[reason]
    assert result.url == data.decode()[3:] if data.startswith(b"]") else data.decode()
    assert result.gtin is None  # even a Digital Link path behind a trick gives no product


def test_foreign_links_are_shown_not_opened() -> None:
    result = interpret(b"https://www.example.org/promo?x=1", CONFIG)
    assert result.to_json_dict() == {
        "kind": "foreign_url",
        "symbology": None,
        "url": "https://www.example.org/promo?x=1",
        "host": "www.example.org",
        "reason": "foreign_link",
        "message": {"en": "This is a web link, not a product.", "es": "Esto es un enlace web, no un producto."},
    }


@pytest.mark.parametrize(
    ("data", "host", "reason"),
    [
        (b"]Q1https://evil.net/login", "evil.net", "foreign_link"),
        (b"http://example.org/", "example.org", "foreign_link"),
        (b"https://m.shop.example.com/", "m.shop.example.com", "foreign_link"),  # a subdomain is not ours
        (b"https://shop.example.com/products/red-shoes", "shop.example.com", "unknown_store_link"),
        (b"https://[::1]:8080/x", "[::1]", "foreign_link"),
    ],
)
def test_foreign_url_reasons(data: bytes, host: str, reason: str) -> None:
    result = interpret(data, CONFIG)
    assert (result.kind, result.host, result.reason) == (ScanKind.FOREIGN_URL, host, reason)


def test_every_reason_has_english_and_spanish_text() -> None:
    for reason in REASONS:
        text = MESSAGES[reason]
        assert text.en and text.es and text.en != text.es, reason
        assert text.en.endswith(".") and text.es.endswith("."), reason


def test_the_words_shoppers_read() -> None:
    assert MESSAGES["foreign_link"].en == "This is a web link, not a product."
    assert MESSAGES["foreign_link"].es == "Esto es un enlace web, no un producto."
    assert MESSAGES["coupon"].en == "Coupons and vouchers are redeemed at the till."
    assert MESSAGES["coupon"].es == "Los cupones y vales se canjean en caja."
    assert MESSAGES["too_long"].en == "This code is too long to be a product code."
    assert MESSAGES["lookalike_host"].en == "This link imitates our shop's address. It was not opened."
    assert MESSAGES["disguised_link"].en == (
        "This link leads to a different address than the one it shows. It was not opened."
    )
    assert MESSAGES["expired"].en == (
        "This item is past its expiry date and cannot be sold. Please ask a store associate."
    )
    assert MESSAGES["expired"].es == "Este artículo ha caducado y no se puede vender. Pide ayuda al personal de la tienda."
    assert MESSAGES["best_before_passed"].en == "Please note: this item is past its best-before date."
    assert MESSAGES["bad_check_digit"].es == "Este código de barras no se ha leído bien. Vuelve a escanearlo."


def test_the_frame_limit_is_configurable_and_inclusive() -> None:
    assert interpret(b"]Q1" + b"x" * 2045, CONFIG).reason == "unknown_code"  # 2048 bytes: read
    assert interpret(b"]Q1" + b"x" * 2046, CONFIG).reason == "too_long"
    assert interpret(b"x" * 100, ScanConfig(max_frame_bytes=64)).reason == "too_long"

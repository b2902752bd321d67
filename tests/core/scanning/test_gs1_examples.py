"""Published GS1 examples, each read the way a scanner would send it.

Sources: GS1 General Specifications (EAN-13 5901234123457, EAN-8 96385074, UPC-E 01234565 <-> UPC-A
012345000065, ITF-14, add-on symbols), the GS1 DataMatrix Guideline ((01)09501101530003(17)140704(10)AB-123),
and the GS1 Digital Link standard (https://id.gs1.org/01/09506000134352..., the 1.0 short names lot/ser/exp
and the 3103 net weight example).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from kiosk.core.scanning import ScanConfig, ScanKind, interpret

CONFIG = ScanConfig()


@pytest.mark.parametrize(
    ("data", "symbology", "gtin"),
    [
        # EAN-13 with and without the AIM id
        (b"]E05901234123457", "]E0", "05901234123457"),
        (b"5901234123457", None, "05901234123457"),
        (b"]E04006381333931", "]E0", "04006381333931"),
        # UPC-A: some scanners send 12 digits, some the 13-digit EAN view
        (b"]E0036000291452", "]E0", "00036000291452"),
        (b"]E00036000291452", "]E0", "00036000291452"),
        (b"036000291452", None, "00036000291452"),
        # EAN-8 is ]E4; ]E0 + 8 digits is UPC-E (biip reads that as EAN-8)
        (b"]E496385074", "]E4", "00000096385074"),
        (b"96385074", None, "00000096385074"),
        (b"]E001234565", "]E0", "00012345000065"),
        # UPC-E unexpanded: 7 digits (no check digit) and 6 digits (no number system either)
        (b"]E00123456", "]E0", "00012345000065"),
        (b"]E0123456", "]E0", "00012345000065"),
        # UPC-E expanded by the scanner
        (b"]E0012345000065", "]E0", "00012345000065"),
        # UPC-E without AIM id: only when it is not a valid EAN-8 (01234565 is both, and reads as EAN-8)
        (b"04252614", None, "00042100005264"),
        (b"01234565", None, "00000001234565"),
        # ITF-14
        (b"]I110012345678902", "]I1", "10012345678902"),
        (b"10012345678902", None, "10012345678902"),
    ],
)
def test_gtins_are_products_normalised_to_14_digits(data: bytes, symbology: str | None, gtin: str) -> None:
    result = interpret(data, CONFIG)
    assert result.kind is ScanKind.PRODUCT
    assert result.symbology == symbology
    assert result.gtin == gtin
    assert result.lookup_gtin == gtin
    assert result.reason is None and result.message is None


@pytest.mark.parametrize(
    ("data", "gtin", "addon"),
    [
        # ISBN 978-0-201-37962-4 with the 5-digit price add-on 52495
        (b"]E3978020137962452495", "09780201379624", "52495"),
        # a magazine: EAN-13 with a 2-digit issue add-on
        (b"]E3590123412345712", "05901234123457", "12"),
        # UPC-A with 2-digit add-on, UPC-E with 2-digit add-on
        (b"]E303600029145205", "00036000291452", "05"),
        (b"]E30123456512", "00012345000065", "12"),
        # without AIM: 13 + 5 digits
        (b"978020137962452495", "09780201379624", "52495"),
    ],
)
def test_ean_addons_are_split_off(data: bytes, gtin: str, addon: str) -> None:
    result = interpret(data, CONFIG)
    assert (result.kind, result.gtin, result.addon) == (ScanKind.PRODUCT, gtin, addon)


def test_gs1_128_with_fnc1_as_gs() -> None:
    result = interpret(b"]C10109501101530003\x1d17140704\x1d10AB-123", CONFIG)
    assert result.to_json_dict() == {
        "kind": "gs1",
        "symbology": "]C1",
        "gtin": "09501101530003",
        "lookup_gtin": "09501101530003",
        "batch": "AB-123",
        "expiry": "2014-07-04",
    }


@pytest.mark.parametrize(
    "data",
    [
        b"]C1010950110153000317140704\x1d10AB-123",  # fixed-length 17 needs no separator
        b"]d2010950110153000317140704\x1d10AB-123",  # GS1 DataMatrix
        b"]Q3010950110153000317140704\x1d10AB-123",  # GS1 QR
        b"]e0010950110153000317140704\x1d10AB-123",  # DataBar Expanded
        b"010950110153000317140704\x1d10AB-123",  # no AIM id
        b"\x1d010950110153000317140704\x1d10AB-123",  # no AIM id, leading FNC1 sent as GS
        b"(01)09501101530003(17)140704(10)AB-123",  # HRI, as some scanners can be set to send
    ],
)
def test_the_same_element_string_from_every_gs1_carrier(data: bytes) -> None:
    result = interpret(data, CONFIG)
    assert result.kind is ScanKind.GS1
    assert (result.gtin, result.batch, result.expiry) == ("09501101530003", "AB-123", date(2014, 7, 4))


def test_gs1_fields_serial_best_before_weight_price_url() -> None:
    data = (
        b"]C10109506000134352"
        b"15251200"  # best before, day 00 = last day of the month
        b"3103001250"  # net weight 1.250 kg
        b"3922000750\x1d"  # price 7.50 (variable length: GS ends it)
        b"21SER-9\x1d"
        b"8200https://brand.example.com/p/1"
    )
    result = interpret(data, CONFIG)
    assert result.kind is ScanKind.GS1
    assert result.best_before == date(2025, 12, 31)
    assert result.weight == Decimal("1.250")
    assert result.price == Decimal("7.50")
    assert result.serial == "SER-9"
    assert result.product_url == "https://brand.example.com/p/1"
    assert result.to_json_dict()["weight"] == "1.250"
    assert result.to_json_dict()["price"] == "7.50"


def test_price_with_currency_393n_drops_the_currency_digits() -> None:
    # 3933: ISO 4217 978 (EUR), then the amount with 3 decimals; a price goes with a measure (3103 weight)
    result = interpret(b"]C10109506000134352310300050039339780001250", CONFIG)
    assert result.price == Decimal("1.250")


def test_same_weight_in_two_decimal_positions_is_not_a_conflict() -> None:
    result = interpret(b"]C1010950600013435231030001003102000010", CONFIG)
    assert (result.kind, result.weight) == (ScanKind.GS1, Decimal("0.100"))


def test_databar_with_weight() -> None:
    result = interpret(b"]e001095060001343523103000195", CONFIG)
    assert (result.kind, result.gtin, result.weight) == (ScanKind.GS1, "09506000134352", Decimal("0.195"))


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (
            b"https://id.gs1.org/01/09506000134352",
            {"gtin": "09506000134352", "host": "id.gs1.org"},
        ),
        (
            b"]Q1https://id.gs1.org/01/09506000134352/10/ABC?17=251231",
            {"gtin": "09506000134352", "batch": "ABC", "expiry": "2025-12-31", "host": "id.gs1.org"},
        ),
        (
            b"]d1https://example.com/01/09506000149301/10/AB-123/21/12345?17=190707",
            {"gtin": "09506000149301", "batch": "AB-123", "serial": "12345", "expiry": "2019-07-07"},
        ),
        # a GTIN-12 that must be zero-filled to 14 digits
        (
            b"https://id.gs1.org/01/614141123452/10/ABC1/21/12345?17=180426",
            {"gtin": "00614141123452", "batch": "ABC1", "serial": "12345", "expiry": "2018-04-26"},
        ),
        (b"https://id.gs1.org/01/614141123452?3103=000195", {"gtin": "00614141123452", "weight": "0.195"}),
        # upper case, as QR alphanumeric mode encodes it
        (b"]Q1HTTPS://ID.GS1.ORG/01/09506000134352/10/ABC", {"gtin": "09506000134352", "batch": "ABC"}),
        # a path prefix before the primary key, linkType and other attributes ignored
        (
            b"https://brand.example.com/products/dl/01/09506000134352?linkType=gs1:pip&utm_source=x",
            {"gtin": "09506000134352", "host": "brand.example.com"},
        ),
        # percent-encoded "/" stays inside the value
        (b"https://id.gs1.org/01/09506000134352/10/AB%2F12", {"batch": "AB/12"}),
        # GS1 DataMatrix (]d2) / GS1 QR (]Q3) carrying a URI
        (b"]d2https://id.gs1.org/01/09506000134352", {"gtin": "09506000134352"}),
        # http is allowed for Digital Link on other domains: it is data, never opened
        (b"http://id.gs1.org/01/09506000134352", {"gtin": "09506000134352"}),
        # on the store's own host
        (b"https://shop.example.com/01/09506000134352", {"gtin": "09506000134352", "host": "shop.example.com"}),
    ],
)
def test_digital_link(data: bytes, expected: dict[str, str]) -> None:
    result = interpret(data, CONFIG)
    assert result.kind is ScanKind.DIGITAL_LINK
    as_json = result.to_json_dict()
    for key, value in expected.items():
        assert as_json[key] == value, key
    assert as_json["url"] == data.decode()[3:] if data.startswith(b"]") else data.decode()
    assert result.lookup_gtin == result.gtin


def test_biip_misreads_we_route_around() -> None:
    """The three biip gaps named in the issue, checked against biip itself so we notice if it changes."""
    import biip

    assert biip.parse("]E001234565").gtin is not None
    assert biip.parse("]E001234565").gtin.value == "01234565"  # type: ignore[union-attr]  # EAN-8: wrong
    assert interpret(b"]E001234565", CONFIG).gtin == "00012345000065"
    assert biip.parse("]E3978020137962452495").gtin is None
    assert interpret(b"]E3978020137962452495", CONFIG).addon == "52495"
    assert biip.parse("]Q1https://id.gs1.org/01/09506000134352").gs1_digital_link_uri is None
    assert interpret(b"]Q1https://id.gs1.org/01/09506000134352", CONFIG).kind is ScanKind.DIGITAL_LINK

"""Plain EAN/UPC with and without AIM ids: the first thing every scanner sends."""

from __future__ import annotations

import pytest

from kiosk.core.scanning import ScanConfig, ScanKind, interpret


@pytest.mark.parametrize(
    ("data", "symbology", "gtin"),
    [
        (b"]E04006381333931", "]E0", "04006381333931"),
        (b"4006381333931", None, "04006381333931"),
        (b"]E0012345678905", "]E0", "00012345678905"),
        (b"012345678905", None, "00012345678905"),
        (b"]E00012345678905", "]E0", "00012345678905"),
        (b"]E496385074", "]E4", "00000096385074"),
        (b"96385074", None, "00000096385074"),
    ],
)
def test_plain_gtin_is_a_product_normalised_to_14_digits(data: bytes, symbology: str | None, gtin: str) -> None:
    result = interpret(data, ScanConfig())
    assert result.kind is ScanKind.PRODUCT
    assert result.symbology == symbology
    assert result.gtin == gtin
    assert result.lookup_gtin == gtin

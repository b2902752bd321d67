"""biip (~0.2 s to import) loads on the first code that needs GS1 parsing, or in warm_up(), never at start-up:
the kiosk's cold start imports kiosk.config and the scan view-model, which reach interpret(). Plain products,
store links and variable-measure (RCN) codes never need it."""

from __future__ import annotations

import subprocess
import sys

import pytest
from biip.checksums import gs1_price_weight_check_digit

from kiosk.core.scanning.rcn import price_weight_check_digit

_CHECK = """
import sys

def biip_loaded():
    return sorted(m for m in sys.modules if m == "biip" or m.startswith("biip.") or m.endswith("scanning.gs1"))

import kiosk.config
from kiosk.core.scanning import ScanConfig, ScanKind, interpret, warm_up
from kiosk.core.scanning.gtin import check_digit

ean = "400638133393"
ean += str(check_digit(ean))
assert interpret(b"]E0" + ean.encode() + b"\\r").kind is ScanKind.PRODUCT
assert interpret(b"https://shop.example.com/m/abcdef123").kind is ScanKind.LOYALTY
assert biip_loaded() == [], biip_loaded()
{then}
"""


def _run(then: str) -> None:
    subprocess.run([sys.executable, "-c", _CHECK.format(then=then)], check=True, timeout=60)


def test_plain_products_and_store_links_do_not_load_biip_and_warm_up_does() -> None:
    _run('warm_up()\nassert "biip" in sys.modules and "kiosk.core.scanning.gs1" in sys.modules, biip_loaded()')


def test_a_gs1_code_before_warm_up_loads_the_parser_itself() -> None:
    _run(
        "r = interpret(b']C10109501101530003172512311012AB')\n"
        "assert r.kind is ScanKind.GS1 and r.batch == '12AB', r\n"
        "assert 'kiosk.core.scanning.gs1' in sys.modules"
    )


def test_a_variable_measure_code_reads_its_price_without_biip() -> None:
    # Spain's default layout: 2 + 6 item digits, then the price in cents (12.34)
    _run(
        "code = '2112345' + '01234'\n"
        "code += str(check_digit(code))\n"
        "r = interpret(b']E0' + code.encode(), ScanConfig(rcn_region='es'))\n"
        "assert r.kind is ScanKind.PRODUCT and str(r.price) == '12.34', r\n"
        "assert biip_loaded() == [], biip_loaded()"
    )


def test_our_price_weight_check_digit_is_biips_for_every_value() -> None:
    for n in (4, 5):
        for i in range(10**n):
            value = str(i).zfill(n)
            assert price_weight_check_digit(value) == gs1_price_weight_check_digit(value), value
    with pytest.raises(ValueError, match="4- or 5-digit"):
        price_weight_check_digit("123")

"""Variable-measure in-store codes: weight or price and the GTIN to look up, per configured country."""

from __future__ import annotations

from decimal import Decimal

import pytest
from biip import ParseConfig
from biip.checksums import gs1_price_weight_check_digit
from biip.gtin import Gtin
from biip.rcn import Rcn
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.core.scanning import ScanConfig, ScanKind, interpret
from kiosk.core.scanning.gtin import check_digit
from kiosk.core.scanning.rcn import REGIONS, Measure, RcnRule


def _code(pattern: str, prefix: str, item: str, value: str) -> str:
    """A valid GTIN-13 for a layout: prefix+item on the P places, value on the V places."""
    digits = list(pattern)
    p_len = pattern.count("P")
    assert len(prefix + item) == p_len
    digits[: p_len] = list(prefix + item)
    v0 = pattern.index("V")
    digits[v0 : v0 + len(value)] = list(value)
    if "C" in pattern:
        digits[pattern.index("C")] = str(gs1_price_weight_check_digit(value))
    payload = "".join(digits)
    return payload + str(check_digit(payload))


def test_spain_default_price_in_cents() -> None:
    code = _code("PPPPPPPVVVVV", "21", "12345", "01234")
    result = interpret(f"]E0{code}".encode(), ScanConfig(rcn_region="es"))
    assert result.kind is ScanKind.PRODUCT
    assert result.gtin == "0" + code
    assert result.price == Decimal("12.34")
    assert result.weight is None
    zeroed = "2112345" + "00000"
    assert result.lookup_gtin == "0" + zeroed + str(check_digit(zeroed))
    assert result.to_json_dict()["price"] == "12.34"


def test_germany_weight_with_value_check_digit() -> None:
    code = _code("PPPPPPCVVVVV", "28", "1234", "01250")
    result = interpret(code.encode(), ScanConfig(rcn_region="de"))
    assert (result.kind, result.weight, result.price) == (ScanKind.PRODUCT, Decimal("1.250"), None)
    bad = code[:6] + str((int(code[6]) + 1) % 10) + code[7:12]
    bad += str(check_digit(bad))
    assert interpret(bad.encode(), ScanConfig(rcn_region="de")).reason == "bad_check_digit"


def test_us_upc_a_number_system_2_price() -> None:
    # UPC-A 2 PLU(5) price-check price(4) check
    code13 = _code("PPPPPPPCVVVV", "02", "04011", "0399")
    result = interpret(f"]E0{code13[1:]}".encode(), ScanConfig(rcn_region="us"))
    assert (result.price, result.gtin) == (Decimal("3.99"), "0" + code13)
    assert result.lookup_gtin is not None and result.lookup_gtin != result.gtin


def test_prefix_without_a_rule_is_an_opaque_in_store_code() -> None:
    code = _code("PPPPPPPVVVVV", "29", "12345", "01234")
    result = interpret(code.encode(), ScanConfig(rcn_region="se"))  # Sweden has no rule for 29
    assert (result.kind, result.lookup_gtin, result.price, result.weight) == (
        ScanKind.PRODUCT, "0" + code, None, None,
    )


def test_store_rules_override_the_region() -> None:
    config = ScanConfig.from_mapping({"rcn_region": "es", "rcn_rules": {"28": "PPPPPPPVVVVV weight 3"}})
    code = _code("PPPPPPPVVVVV", "28", "55555", "00750")
    assert interpret(code.encode(), config).weight == Decimal("0.750")
    other = _code("PPPPPPPVVVVV", "27", "55555", "00750")
    assert interpret(other.encode(), config).price == Decimal("7.50")


def test_rcn_inside_gs1_keeps_the_explicit_weight() -> None:
    code = _code("PPPPPPPVVVVV", "21", "12345", "01234")
    result = interpret(f"]C1010{code}3103000500".encode(), ScanConfig(rcn_region="es"))
    assert (result.kind, result.weight, result.price) == (ScanKind.GS1, Decimal("0.500"), Decimal("12.34"))


_BIIP_REGIONS = ["dk", "de", "gb", "se", "no", "fi", "ee", "lv", "lt"]


@pytest.mark.parametrize("region", _BIIP_REGIONS)
@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_we_agree_with_biip_where_biip_has_rules(region: str, data: st.DataObject) -> None:
    prefix = data.draw(st.sampled_from(sorted(REGIONS[region])))
    rule = REGIONS[region][prefix]
    p_len = rule.pattern.count("P")
    item = data.draw(st.text("0123456789", min_size=p_len - 2, max_size=p_len - 2))
    value = data.draw(st.text("0123456789", min_size=rule.pattern.count("V"), max_size=rule.pattern.count("V")))
    code = _code(rule.pattern, prefix, item, value)
    ours = interpret(code.encode(), ScanConfig(rcn_region=region))
    theirs = Gtin.parse(code, config=ParseConfig(rcn_region=region))
    assert isinstance(theirs, Rcn)
    assert ours.kind is ScanKind.PRODUCT
    assert ours.weight == theirs.weight
    assert ours.price == theirs.price
    assert ours.lookup_gtin == theirs.without_variable_measure().as_gtin_14()


def test_rule_validation_messages() -> None:
    with pytest.raises(ValueError) as exc:
        RcnRule("PPPPPPPVVVV", Measure.PRICE, 2)
    assert str(exc.value) == "RCN pattern must be 12 of P, C, V starting with PP, got 'PPPPPPPVVVV'"
    with pytest.raises(ValueError) as exc:
        RcnRule.parse("PPPPPPPVVVVV volume 2")
    assert str(exc.value) == "RCN rule must look like 'PPPPPPPVVVVV price 2', got 'PPPPPPPVVVVV volume 2'"
    with pytest.raises(ValueError) as exc:
        RcnRule("PPPPPPVPVVVV", Measure.PRICE, 2)
    assert str(exc.value) == "RCN pattern must have 4 to 6 adjacent V and at most one C, got 'PPPPPPVPVVVV'"

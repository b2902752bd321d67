"""Variable-measure in-store codes (RCN): weight or price inside a GTIN-13, laid out per country.

biip knows the layouts of a few Nordic and Baltic countries, Germany and Great Britain, but not Spain or
the US, cannot be told a store's own layout, and treats every region as one fixed table; so the kiosk keeps
its own table (the rules biip has are restated here and a test checks we agree with biip) and lets
`[scanning] rcn_rules` override or add prefixes.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from kiosk.core.scanning.gtin import check_digit


class Measure(enum.StrEnum):
    WEIGHT = "weight"  # kilograms
    PRICE = "price"  # the region's currency
    COUNT = "count"  # pieces (Germany's 25 and 26)


@dataclass(frozen=True, slots=True)
class RcnRule:
    """One prefix's layout over the first 12 digits of the GTIN-13.

    `pattern` marks each digit: P item reference (including the two-digit prefix), C the check digit of
    the value (GS1 price/weight check digit), V the value itself. Example "PPPPPPPCVVVV": 7 item digits,
    a value check digit, 4 value digits.
    """

    pattern: str
    measure: Measure
    decimals: int

    def __post_init__(self) -> None:
        p = self.pattern
        if len(p) != 12 or set(p) - set("PCV") or not p.startswith("PP"):
            raise ValueError(f"RCN pattern must be 12 of P, C, V starting with PP, got {p!r}")
        values = p.count("V")
        if values not in (4, 5, 6) or "V" * values not in p or p.count("C") > 1:
            raise ValueError(f"RCN pattern must have 4 to 6 adjacent V and at most one C, got {p!r}")
        if p.count("C") == 1 and values not in (4, 5):
            raise ValueError(f"RCN pattern with a C needs 4 or 5 V, got {p!r}")
        if "P" in p[p.index("V") :] or ("C" in p and "P" in p[p.index("C") :]):
            raise ValueError(f"RCN pattern must put P before C and V, got {p!r}")
        if not 0 <= self.decimals <= 5:
            raise ValueError(f"RCN decimals must be 0 to 5, got {self.decimals}")

    @classmethod
    def parse(cls, text: str) -> RcnRule:
        """`"PPPPPPPVVVVV price 2"`: the form used in the kiosk's TOML config."""
        parts = text.split()
        if len(parts) != 3 or parts[1] not in ("weight", "price", "count") or not parts[2].isdigit():
            raise ValueError(f"RCN rule must look like 'PPPPPPPVVVVV price 2', got {text!r}")
        if parts[1] == "count" and parts[2] != "0":
            raise ValueError(f"RCN count rule has no decimals, got {text!r}")
        return cls(parts[0], Measure(parts[1]), int(parts[2]))


@dataclass(frozen=True, slots=True)
class RcnReading:
    measure: Measure
    value: Decimal
    lookup_gtin13: str  # the same code with the value (and its check digit) zeroed


class RcnCheckDigitError(ValueError):
    """The value's own check digit does not match: a misread, not a product."""


def _price(pattern: str, decimals: int) -> RcnRule:
    return RcnRule(pattern, Measure.PRICE, decimals)


def _weight(pattern: str, decimals: int) -> RcnRule:
    return RcnRule(pattern, Measure.WEIGHT, decimals)


_NORDIC = {
    "20": _price("PPPPPPPPVVVV", 2),
    "21": _price("PPPPPPPPVVVV", 1),
    "22": _price("PPPPPPPPVVVV", 0),
    "23": _weight("PPPPPPPPVVVV", 3),
    "24": _weight("PPPPPPPPVVVV", 2),
    "25": _weight("PPPPPPPPVVVV", 1),
}
_BALTIC = {
    "23": _weight("PPPPPPPPVVVV", 3),
    "24": _weight("PPPPPPPPVVVV", 2),
    "25": _weight("PPPPPPPPVVVV", 1),
}

# `rcn_region = "none"`: the store says in-store codes carry no measure; they are looked up as they are.
NO_REGION = "none"

REGIONS: Mapping[str, Mapping[str, RcnRule]] = {
    NO_REGION: {},
    # Spain: no national layout; the common retail one is a 5-digit item and the price in cents.
    # Stores that print weight instead set `rcn_rules` in the config.
    "es": {f"2{d}": _price("PPPPPPPVVVVV", 2) for d in range(10)},
    # US: UPC-A number system 2 = GTIN-13 prefix 02; 5-digit item (PLU), price check digit, 4-digit price.
    "us": {"02": _price("PPPPPPPCVVVV", 2)},
    "gb": {"20": _price("PPPPPPPCVVVV", 2)},
    # Germany: every layout carries the GS1 price/weight check digit, the count layouts (25, 26) included:
    # a wrong one is a misread whatever the measure.
    "de": {
        "22": _price("PPPPPPCVVVVV", 2),
        "23": _price("PPPPPPCVVVVV", 2),
        "25": RcnRule("PPPPPPCVVVVV", Measure.COUNT, 0),
        "26": RcnRule("PPPPPPCVVVVV", Measure.COUNT, 0),
        "28": _weight("PPPPPPCVVVVV", 3),
        "29": _weight("PPPPPPCVVVVV", 3),
    },
    "dk": {
        "21": _price("PPPPPPVVVVVV", 2),
        "22": _price("PPPPPPVVVVVV", 2),
        "23": _price("PPPPPPVVVVVV", 2),
        "24": _price("PPPPPPVVVVVV", 2),
        "26": _weight("PPPPPPVVVVVV", 3),
        "27": _weight("PPPPPPPVVVVV", 3),
        "28": _weight("PPPPPPVVVVVV", 3),
    },
    "se": _NORDIC,
    "no": _NORDIC,
    "fi": _BALTIC,
    "ee": _BALTIC,
    "lv": _BALTIC,
    "lt": _BALTIC,
}


# GS1 General Specifications 7.9.2: the digit each weighting factor gives (2-, 3, 5+, 5-), by digit.
_TWO_MINUS = (0, 2, 4, 6, 8, 9, 1, 3, 5, 7)
_THREE = (0, 3, 6, 9, 2, 5, 8, 1, 4, 7)
_FIVE_PLUS = (0, 5, 1, 6, 2, 7, 3, 8, 4, 9)
_FIVE_MINUS = (0, 5, 9, 4, 8, 3, 7, 2, 6, 1)


def price_weight_check_digit(value: str) -> int:
    """The check digit of a 4- or 5-digit price or weight (GS1 General Specifications 7.9.3 and 7.9.4).

    Ours, not biip's gs1_price_weight_check_digit (the tests check they agree on every value): importing
    biip takes ~0.2 s, and a variable-measure code is an everyday grocery scan that must not pay for it.
    """
    digits = [ord(c) - 48 for c in value]
    if len(digits) == 4:
        factors = (_TWO_MINUS, _TWO_MINUS, _THREE, _FIVE_MINUS)
        return sum(f[d] for f, d in zip(factors, digits, strict=True)) * 3 % 10
    if len(digits) == 5:
        factors5 = (_FIVE_PLUS, _TWO_MINUS, _FIVE_MINUS, _FIVE_PLUS, _TWO_MINUS)
        return _FIVE_MINUS.index((10 - sum(f[d] for f, d in zip(factors5, digits, strict=True)) % 10) % 10)
    raise ValueError(f"Expected a 4- or 5-digit price or weight, got {value!r}")


def is_rcn_prefix(gtin13: str) -> bool:
    """GS1 prefixes 02 and 20-29 are variable-measure codes for use inside a region."""
    return gtin13.startswith("02") or gtin13[0] == "2"


def read_rcn(gtin13: str, rule: RcnRule) -> RcnReading:
    """Reads the measure and derives the lookup GTIN; raises RcnCheckDigitError on a bad value check."""
    p = rule.pattern
    v_start, v_end = p.index("V"), p.rindex("V") + 1
    value_digits = gtin13[v_start:v_end]
    if "C" in p:
        c = p.index("C")
        if int(gtin13[c]) != price_weight_check_digit(value_digits):
            raise RcnCheckDigitError(f"Value check digit wrong in {gtin13}")
    zeroed = list(gtin13[:12])
    zeroed[v_start:v_end] = "0" * (v_end - v_start)
    if "C" in p:
        zeroed[p.index("C")] = str(price_weight_check_digit("0" * (v_end - v_start)))
    payload = "".join(zeroed)
    lookup = payload + str(check_digit(payload))
    n = rule.decimals
    text = f"{value_digits[:-n]}.{value_digits[-n:]}" if n else value_digits
    return RcnReading(rule.measure, Decimal(text), lookup)

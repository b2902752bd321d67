"""Mandatory and invalid pairings of GS1 Application Identifiers in one message (GS1 General Specifications
section 4.14, as the GS1 Barcode Syntax Dictionary writes them with `req=` and `ex=`).

Only the AIs a shop item can carry are listed; an AI not listed has no pairing rule here (biip has already
checked its format). The dictionary's note that pairings are judged "over the combined data received from
all GS1 carriers marking a physical item" is why the same-pack merge (kiosk.core.scanning.router) keeps
each symbol's own check and never invents data across symbols.
"""

from __future__ import annotations

from collections.abc import Iterable

# Each rule: the AI pattern it applies to -> (requirement groups, exclusions). Every group must be met by
# at least one of its patterns. A pattern "31nn" is any AI starting "31" of four digits; "310n" any of 3100..3109.
_TRADE_ITEM = ("01", "02", "8006", "8026")
_MEASURE = ("30", "31nn", "32nn", "35nn", "36nn")
_RULES: dict[str, tuple[tuple[tuple[str, ...], ...], tuple[str, ...]]] = {
    "01": ((), ("02", "255", "37")),
    "02": ((("37",),), ()),
    "10": ((_TRADE_ITEM,), ()),
    "11": ((_TRADE_ITEM,), ()),
    "13": ((_TRADE_ITEM,), ()),
    "15": ((_TRADE_ITEM,), ()),
    "16": ((_TRADE_ITEM,), ()),
    "17": ((("01", "02", "255", "8006", "8026"),), ()),
    "20": ((_TRADE_ITEM,), ()),
    "21": ((("01", "8006"),), ("235",)),
    "22": ((("01",),), ()),
    "235": ((("01",),), ()),
    "240": ((_TRADE_ITEM,), ()),
    "241": ((_TRADE_ITEM,), ()),
    "242": ((_TRADE_ITEM,), ()),
    "243": ((("01",),), ()),
    "250": ((("01", "8006"), ("21",)), ()),
    "251": ((("01", "8006"),), ()),
    "30": ((("01", "02"),), ()),
    "392n": ((("01",), _MEASURE), ("393n",)),
    "393n": ((_MEASURE,), ()),
    "395n": ((_MEASURE,), ("392n", "393n", "8005")),
    "422": ((_TRADE_ITEM,), ("426",)),
    "423": ((("01", "02"),), ("426",)),
    "424": ((("01", "02"),), ("426",)),
    "425": ((("01", "02"),), ("426",)),
    "426": ((("01", "02"),), ()),
    "7003": ((("01", "02"),), ()),
    "7004": ((("01",), ("10",)), ()),
    "8001": ((("01",),), ()),
    "8005": ((("01", "02"),), ()),
    "8008": ((("01", "02"),), ()),
    "8012": ((("01", "8006"),), ()),
    "8200": ((("01",),), ()),
}
# Trade measures 31nn-36nn: most go with a trade item (01 or 02), the logistic ones with an SSCC or a GTIN.
_LOGISTIC_MEASURES = frozenset(
    {"330", "331", "332", "333", "334", "335", "336", "340", "341", "342", "343", "344", "345", "346", "347",
     "348", "349", "353", "354", "355", "362", "363", "367", "368", "369"}
)  # fmt: skip


def _matches(pattern: str, ai: str) -> bool:
    if len(pattern) != len(ai):
        return False
    return all(p in ("n", a) for p, a in zip(pattern, ai, strict=True))


def _rule(ai: str) -> tuple[tuple[tuple[str, ...], ...], tuple[str, ...]] | None:
    rule = _RULES.get(ai)
    if rule is not None:
        return rule
    if len(ai) == 4 and ai[:2] in ("31", "32", "33", "34", "35", "36"):
        if ai[:3] in _LOGISTIC_MEASURES:
            return (("00", "01"),), ()
        if ai[:3] == "337":
            return (("01",),), ()
        return (("01", "02"),), ()
    if len(ai) == 4 and ai[:3] in ("392", "393", "395"):
        return _RULES[ai[:3] + "n"]
    return None


def association_error(ais: Iterable[str]) -> str | None:
    """The first broken pairing as "AI needs X" / "AI excludes Y", or None when the message is complete."""
    present = list(dict.fromkeys(ais))
    for ai in present:
        rule = _rule(ai)
        if rule is None:
            continue
        required, excluded = rule
        for group in required:
            if not any(_matches(p, other) for p in group for other in present):
                return f"{ai} needs one of {', '.join(group)}"
        for pattern in excluded:
            clash = next((o for o in present if o != ai and _matches(pattern, o)), None)
            if clash is not None:
                return f"{ai} excludes {clash}"
    return None

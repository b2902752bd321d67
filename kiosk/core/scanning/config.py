"""The store's scanning rules, from the `[scanning]` table of the kiosk's TOML config."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from kiosk.core.scanning.rcn import NO_REGION, REGIONS, RcnRule

_HOST_RE = re.compile(r"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$")
_PATH_RE = re.compile(r"^/([A-Za-z0-9._~-]+/)+$")

_REGION_RE = re.compile(r"^[a-z]{2}$")
EAN8 = "ean8"
UPCE = "upce"
# Where an 8-digit code with no AIM id that is valid both ways is a UPC-E unless the catalog says otherwise:
# the UPC markets (GS1 US and GS1 Canada), where UPC-E is printed on small packs and EAN-8 is rare.
_UPC_E_MARKETS = frozenset({"us", "ca"})

_KNOWN_KEYS = (
    "store_hosts",
    "rcn_region",
    "rcn_rules",
    "eight_digit_default",
    "same_pack_ms",
    "debounce_ms",
    "idle_gap_ms",
    "max_frame_bytes",
    "loyalty_prefixes",
    "member_path",
    "cart_handoff_path",
    "nfc_uid_loyalty",
)


@dataclass(frozen=True, slots=True)
class ScanConfig:
    """Defaults work out of the box for the demo store; a real store sets its hosts and region."""

    # Only these exact hosts, over https, mean anything; everything else is a foreign link.
    store_hosts: tuple[str, ...] = ("shop.example.com",)
    # Whose variable-measure layouts apply to in-store codes (prefix 02, 20-29); see rcn.REGIONS. Any
    # two-letter country code is accepted: one we have no layouts for refuses in-store codes by name
    # (rcn_unknown_region) rather than guessing; "none" says the store's in-store codes carry no measure.
    rcn_region: str = "es"
    # Per-prefix overrides of the region's layouts, e.g. (("28", RcnRule("PPPPPPPVVVVV", WEIGHT, 3)),).
    rcn_rules: tuple[tuple[str, RcnRule], ...] = ()
    # The same code again within this window is one scan (a held trigger, a double read).
    debounce_ms: int = 300
    # An 8-digit code without AIM id valid as EAN-8 and as UPC-E: which reading wins when the catalog has both
    # or neither ("ean8" / "upce"; None: from rcn_region, UPC-E in the US and Canada).
    eight_digit_default: str | None = None
    # The 1D and the 2D symbol of one pack, both scanned within this window, are one item (0: never merged).
    same_pack_ms: int = 5000
    # Scanners that send no terminator: a pause this long ends the frame.
    idle_gap_ms: int = 80
    max_frame_bytes: int = 2048
    # GTIN-13 prefixes printed on loyalty cards; GS1 reserves 04 (UPC-A "4...") for company-internal use.
    loyalty_prefixes: tuple[str, ...] = ("04",)
    member_path: str = "/m/"
    cart_handoff_path: str = "/cart/handoff/"
    # An NFC tag with no NDEF data is read as its UID; treat it as a loyalty token for the backend.
    nfc_uid_loyalty: bool = True

    def rule_for(self, gtin13: str) -> RcnRule | None:
        prefix = gtin13[:2]
        for rule_prefix, rule in self.rcn_rules:
            if rule_prefix == prefix:
                return rule
        return REGIONS.get(self.rcn_region, {}).get(prefix)

    @property
    def rcn_region_known(self) -> bool:
        """False when the configured country has no layouts here: its in-store codes are refused by name."""
        return self.rcn_region in REGIONS

    @property
    def eight_digit(self) -> str:
        if self.eight_digit_default is not None:
            return self.eight_digit_default
        return UPCE if self.rcn_region in _UPC_E_MARKETS else EAN8

    @classmethod
    def from_mapping(cls, m: Mapping[str, object]) -> ScanConfig:
        """Validates every value so a typo in the config stops start-up with a message saying which."""
        unknown = sorted(set(m) - set(_KNOWN_KEYS))
        if unknown:
            raise ValueError(f"Unknown [scanning] setting {unknown[0]!r}; known: {', '.join(_KNOWN_KEYS)}")
        defaults = cls()
        kwargs: dict[str, Any] = {}
        if "store_hosts" in m:
            kwargs["store_hosts"] = _hosts(m["store_hosts"])
        if "rcn_region" in m:
            region = m["rcn_region"]
            if not isinstance(region, str) or not (region.lower() == NO_REGION or _REGION_RE.match(region.lower())):
                raise ValueError(
                    f"[scanning] rcn_region must be a two-letter country code or {NO_REGION!r} "
                    f"(with layouts: {', '.join(sorted(set(REGIONS) - {NO_REGION}))}), got {region!r}"
                )
            kwargs["rcn_region"] = region.lower()
        if "eight_digit_default" in m:
            choice = m["eight_digit_default"]
            if choice not in (EAN8, UPCE):
                raise ValueError(f"[scanning] eight_digit_default must be {EAN8!r} or {UPCE!r}, got {choice!r}")
            kwargs["eight_digit_default"] = choice
        if "rcn_rules" in m:
            kwargs["rcn_rules"] = _rules(m["rcn_rules"])
        for name, low, high in (
            ("debounce_ms", 0, 5000),
            ("idle_gap_ms", 10, 2000),
            ("max_frame_bytes", 64, 65536),
            ("same_pack_ms", 0, 60000),
        ):
            if name in m:
                value = m[name]
                if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
                    raise ValueError(f"[scanning] {name} must be a whole number from {low} to {high}, got {value!r}")
                kwargs[name] = value
        if "loyalty_prefixes" in m:
            prefixes = m["loyalty_prefixes"]
            if not isinstance(prefixes, list | tuple) or not all(
                isinstance(p, str) and p.isdigit() and 1 <= len(p) <= 12 and p.isascii() for p in prefixes
            ):
                raise ValueError(f"[scanning] loyalty_prefixes must be a list of digit strings, got {prefixes!r}")
            kwargs["loyalty_prefixes"] = tuple(prefixes)
        for name in ("member_path", "cart_handoff_path"):
            if name in m:
                path = m[name]
                if not isinstance(path, str) or not _PATH_RE.match(path):
                    raise ValueError(f"[scanning] {name} must be a path like '/m/', got {path!r}")
                kwargs[name] = path
        if "nfc_uid_loyalty" in m:
            flag = m["nfc_uid_loyalty"]
            if not isinstance(flag, bool):
                raise ValueError(f"[scanning] nfc_uid_loyalty must be true or false, got {flag!r}")
            kwargs["nfc_uid_loyalty"] = flag
        return replace(defaults, **kwargs)


def _hosts(value: object) -> tuple[str, ...]:
    if not isinstance(value, list | tuple) or not value:
        raise ValueError(f"[scanning] store_hosts must be a non-empty list of host names, got {value!r}")
    hosts = []
    for host in value:
        if not isinstance(host, str) or not host.isascii() or not _HOST_RE.match(host.lower()):
            raise ValueError(f"[scanning] store_hosts entry {host!r} is not a plain host name like shop.example.com")
        hosts.append(host.lower())
    return tuple(hosts)


def _rules(value: object) -> tuple[tuple[str, RcnRule], ...]:
    if not isinstance(value, Mapping):
        raise ValueError(f"[scanning] rcn_rules must be a table of prefix = rule, got {value!r}")
    rules: list[tuple[str, RcnRule]] = []
    for prefix, text in value.items():
        if not (isinstance(prefix, str) and len(prefix) == 2 and prefix.isdigit() and prefix.isascii()):
            raise ValueError(f"[scanning] rcn_rules prefix must be two digits, got {prefix!r}")
        if prefix != "02" and prefix[0] != "2":
            raise ValueError(f"[scanning] rcn_rules prefix must be 02 or 20-29, got {prefix!r}")
        if not isinstance(text, str):
            raise ValueError(f"[scanning] rcn_rules.{prefix} must be text like 'PPPPPPPVVVVV price 2'")
        try:
            rule = RcnRule.parse(text)
        except ValueError as exc:
            raise ValueError(f"[scanning] rcn_rules.{prefix}: {exc}") from exc
        rules.append((prefix, rule))
    return tuple(rules)

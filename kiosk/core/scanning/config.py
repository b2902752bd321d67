"""The store's scanning rules, from the `[scanning]` table of the kiosk's TOML config."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from kiosk.core.scanning.rcn import REGIONS, RcnRule

_HOST_RE = re.compile(r"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$")
_PATH_RE = re.compile(r"^/([A-Za-z0-9._~-]+/)+$")

_KNOWN_KEYS = (
    "store_hosts",
    "rcn_region",
    "rcn_rules",
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
    # Whose variable-measure layouts apply to in-store codes (prefix 02, 20-29); see rcn.REGIONS.
    rcn_region: str = "es"
    # Per-prefix overrides of the region's layouts, e.g. (("28", RcnRule("PPPPPPPVVVVV", WEIGHT, 3)),).
    rcn_rules: tuple[tuple[str, RcnRule], ...] = ()
    # The same code again within this window is one scan (a held trigger, a double read).
    debounce_ms: int = 300
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
            if not isinstance(region, str) or region.lower() not in REGIONS:
                raise ValueError(
                    f"[scanning] rcn_region must be one of {', '.join(sorted(REGIONS))}, got {region!r}"
                )
            kwargs["rcn_region"] = region.lower()
        if "rcn_rules" in m:
            kwargs["rcn_rules"] = _rules(m["rcn_rules"])
        for name, low, high in (
            ("debounce_ms", 0, 5000),
            ("idle_gap_ms", 10, 2000),
            ("max_frame_bytes", 64, 65536),
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

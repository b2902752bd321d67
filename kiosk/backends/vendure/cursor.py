"""The Vendure catalog-sync cursor: an opaque, versioned string that says exactly where a sync stands.

A sync *pass* walks four phases, each resumable from the cursor after a crash:

1. ``products``  - products whose ``updatedAt`` moved (names, descriptions, facets, enabled), keyset-paged;
2. ``variants``  - variants whose ``updatedAt`` moved (price, SKU, GTIN, stock on hand), mapped to products;
3. ``deletions`` - all current product ids compared with the ids known after the previous pass;
4. ``stock``     - every variant's stock per location, hashed per page; only changed pages are sent, because
   reservations by orders change ``stockAllocated`` without touching ``updatedAt``.

Keysets are (timestamp, ids already seen at that timestamp): Vendure on SQLite stores whole seconds, many
rows share one, and its list API cannot sort by two keys, so "after the last id" is not available.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from kiosk.core.errors import BackendProtocolError

CURSOR_VERSION = 1
PHASES = ("products", "variants", "deletions", "stock")


class CursorError(BackendProtocolError):
    """A cursor this adapter did not write (or an older format); catalog_changes then starts a full pass."""


@dataclass(frozen=True, slots=True)
class Keyset:
    """Everything updated before `after` was delivered, plus the ids in `seen` updated exactly at `after`."""

    after: datetime | None = None
    seen: frozenset[str] = frozenset()

    def advance(self, delivered: Iterable[tuple[datetime, str]]) -> Keyset:
        """The keyset after delivering (updatedAt, id) rows that arrived in ascending updatedAt order."""
        after, seen = self.after, set(self.seen)
        for stamp, item_id in delivered:
            if after is None or stamp > after:
                after, seen = stamp, set()
            if stamp == after:
                seen.add(item_id)
        return Keyset(after, frozenset(seen))

    def rewind(self, not_after: datetime) -> Keyset:
        """Moves the keyset back to `not_after` if it is later: the next pass re-reads that overlap."""
        if self.after is None or self.after <= not_after:
            return self
        return Keyset(not_after, frozenset())


@dataclass(frozen=True, slots=True)
class SyncCursor:
    phase: str = "products"
    pass_started: datetime | None = None  # server time of the pass's first request; None before it
    products: Keyset = Keyset()
    variants: Keyset = Keyset()
    known_ids: frozenset[str] = frozenset()  # product ids that existed at the end of the previous pass
    delivered_ids: frozenset[str] = frozenset()  # product ids sent during this pass (before deletions)
    stock_page: int = 0
    stock_page_size: int = 0
    stock_hashes: tuple[str, ...] = ()  # per stock page, from the previous pass
    stock_hashes_now: tuple[str, ...] = field(default=())  # per stock page, this pass so far
    full: bool = True  # the first pass: everything is sent, nothing is known yet

    def with_phase(self, phase: str) -> SyncCursor:
        return replace(self, phase=phase)

    def encode(self) -> str:
        payload = {
            "v": CURSOR_VERSION,
            "phase": self.phase,
            "start": _stamp(self.pass_started),
            "p": [_stamp(self.products.after), sorted(self.products.seen, key=_id_sort_key)],
            "pv": [_stamp(self.variants.after), sorted(self.variants.seen, key=_id_sort_key)],
            "known": compress_ids(self.known_ids),
            "sent": compress_ids(self.delivered_ids),
            "sp": [self.stock_page, self.stock_page_size],
            "sh": list(self.stock_hashes),
            "shn": list(self.stock_hashes_now),
            "full": self.full,
        }
        raw = json.dumps(payload, separators=(",", ":"), sort_keys=True).encode("utf-8")
        return "v1." + base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")

    @classmethod
    def decode(cls, text: str | None) -> SyncCursor:
        if text is None:
            return cls()
        if not text.startswith("v1."):
            raise CursorError(f"Not a Vendure sync cursor: {text[:16]!r}")
        body = text[3:]
        try:
            raw = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
            payload: Any = json.loads(raw)
            if payload.get("v") != CURSOR_VERSION or payload.get("phase") not in PHASES:
                raise ValueError("version or phase")
            return cls(
                phase=payload["phase"],
                pass_started=_parse(payload["start"]),
                products=Keyset(_parse(payload["p"][0]), frozenset(map(str, payload["p"][1]))),
                variants=Keyset(_parse(payload["pv"][0]), frozenset(map(str, payload["pv"][1]))),
                known_ids=expand_ids(payload["known"]),
                delivered_ids=expand_ids(payload["sent"]),
                stock_page=int(payload["sp"][0]),
                stock_page_size=int(payload["sp"][1]),
                stock_hashes=tuple(map(str, payload["sh"])),
                stock_hashes_now=tuple(map(str, payload["shn"])),
                full=bool(payload["full"]),
            )
        except (binascii.Error, ValueError, KeyError, IndexError, TypeError, AttributeError):
            raise CursorError(f"Corrupt Vendure sync cursor: {text[:16]!r}...") from None


def _stamp(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def _parse(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def _id_sort_key(item_id: str) -> tuple[int, int, str]:
    return (0, int(item_id), "") if item_id.isdigit() else (1, 0, item_id)


def compress_ids(ids: Iterable[str]) -> list[Any]:
    """[ "1-40,42,44-54", ["uuid-a", ...] ]: integer ids (Vendure's default) as ranges, others as a list.

    The set of known product ids travels inside the cursor; ranges keep it a few bytes for a catalog that
    was imported in one go, whatever its size. Non-integer ids (UUID id strategy) are listed verbatim.
    """
    numbers = sorted({int(i) for i in ids if _is_plain_int(i)})
    others = sorted({i for i in ids if not _is_plain_int(i)})
    parts: list[str] = []
    index = 0
    while index < len(numbers):
        end = index
        while end + 1 < len(numbers) and numbers[end + 1] == numbers[end] + 1:
            end += 1
        first, last = numbers[index], numbers[end]
        parts.append(str(first) if first == last else f"{first}-{last}")
        index = end + 1
    return [",".join(parts), others]


def expand_ids(packed: Any) -> frozenset[str]:
    ranges, others = packed
    ids: set[str] = {str(other) for other in others}
    for part in filter(None, str(ranges).split(",")):
        low, dash, high = part.partition("-")
        if dash:
            ids.update(str(n) for n in range(int(low), int(high) + 1))
        else:
            ids.add(str(int(part)))
    return frozenset(ids)


def _is_plain_int(item_id: str) -> bool:
    return item_id.isdigit() and item_id.isascii() and (item_id == "0" or not item_id.startswith("0"))

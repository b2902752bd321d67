"""A catalog snapshot: the whole catalog in one ordered pass, as flat records, for the first import.

Why a second way in besides catalog pages: a first import of a million SKUs through `CatalogPage` builds a
`Product` and its `Variant`s for every SKU in the backend and takes them apart again in the cache, about
19 µs per SKU here, so the import could not get near 100k SKUs/s on two cores however the database was
written. A snapshot carries each product as one flat record whose variants are already in the compact
text the cache keeps (Shopify's bulk operations export JSON lines for the same reason): the producer does
the encoding, once per catalog version for every kiosk (the demo store keeps it as an export file), and
the kiosk only writes rows. Pages stay the way to catch up afterwards (deltas) and the only way for a backend without
snapshots (Vendure).

This module is the contract between a producer (a backend adapter) and a consumer (the cache): both
import it and never each other. A snapshot is:

- a `SnapshotHeader`: the cursor to continue from with pages afterwards, categories, locations and the
  location numbers the records' stock lists use;
- `SnapshotChunk`s in order: product records and the option lists first used in the chunk (by number);
- and, when the producer is done, a `SnapshotTrailer` with the totals, so a cut-off stream is told apart
  from a complete one (`SnapshotChecker` does both checks for a consumer), and the GTIN runs and SKU codes
  of every variant, sorted: sorted, they go into their indexes in one sequential pass.

A product record (`ProductRecord`) is a plain tuple, column order `RECORD_FIELDS`; `variants` is JSON text
`[[id, sku, gtin or null, price in minor units, currency, option list number, image or null,
[location number, quantity, ...]], ...]` (a marked-down variant adds its compare-at price in minor units as a
ninth element) and `related` a JSON list of product ids. `ordinal` counts records
from 1 in the order sent. Producers send records most popular first (ties in their own order), the order
the cache ranks by: its word index then grows at its end only, while the records arrive.
"""

from __future__ import annotations

import zlib
from array import array
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from kiosk.core.catalog import Category, Location
from kiosk.core.i18n import LocalizedText

SNAPSHOT_FORMAT = 1

RECORD_FIELDS = (
    "ordinal", "id", "name_en", "name_es", "brand", "desc_en", "desc_es", "category_id", "rating",
    "review_count", "popularity", "image", "updated_at", "price_minor", "currency", "stock_here", "variants",
    "related",
)  # fmt: skip
ProductRecord = tuple[
    int,
    str,
    str,
    str,
    str,
    str,
    str,
    str | None,
    float | None,
    int,
    int,
    str | None,
    str | None,
    int | None,
    str | None,
    int,
    str,
    str,
]
OptionList = tuple[tuple[str, LocalizedText], ...]


class CatalogSnapshotError(Exception):
    """A snapshot that cannot be used as it is: malformed, cut short, or its producer failed. The cache is
    left as it was (empty), and the sync goes on with pages."""


@dataclass(frozen=True, slots=True)
class SnapshotHeader:
    format: int
    cursor: str  # where the paged change feed continues once the snapshot is in
    categories: tuple[Category, ...]
    locations: tuple[Location, ...]
    location_numbers: tuple[str, ...]  # the id of location number n is location_numbers[n - 1]


@dataclass(frozen=True, slots=True)
class SnapshotChunk:
    products: tuple[ProductRecord, ...]
    option_sets: tuple[tuple[int, OptionList], ...]  # option lists first used in this chunk, by number


@dataclass(frozen=True, slots=True)
class SnapshotTrailer:
    products: int
    variants: int
    gtin_runs: tuple[tuple[int, int, int], ...] = ()  # (first GTIN body, ordinal, how many consecutive), sorted
    # every variant's sku_code(sku) << 32 | ordinal, sorted, as packed unsigned 64-bit integers (machine
    # order): 8 MB at 1M SKUs where a million pairs of Python ints would be ~100 MB in the kiosk's heap
    sku_codes: bytes = b""


class CatalogSnapshot(Protocol):
    """One snapshot being produced; `close()` stops the producer if the consumer gives up early."""

    @property
    def header(self) -> SnapshotHeader: ...

    def items(self) -> Iterator[SnapshotChunk | SnapshotTrailer]:
        """The chunks in order, then the trailer; a stream that breaks raises CatalogSnapshotError, one
        that stops without a trailer simply ends (the consumer tells that apart)."""
        ...

    def close(self) -> None: ...


def pack_sku_codes(values: list[int]) -> bytes:
    """sku_code << 32 | ordinal values, sorted and packed as SnapshotTrailer.sku_codes wants them."""
    values.sort()
    return array("Q", values).tobytes()


def sku_code(sku: str) -> int:
    """The 32-bit code a SKU is indexed under (CRC-32 of its upper-case text); codes collide, so a hit is
    only a candidate until the SKU itself is compared."""
    return zlib.crc32(sku.upper().encode())


def gtin_runs(gtins: Iterable[str | None]) -> list[tuple[int, int]]:
    """(first, count) runs of consecutive GTIN bodies (the GTIN without its check digit) among a product's
    GTINs, in variant order; non-GTINs skipped. Consecutive item numbers are consecutive in the body, not
    in the GTIN. Variants out of order only make more runs, never a wrong one."""
    runs: list[tuple[int, int]] = []
    first = count = -1
    for gtin in gtins:
        if gtin is None or not gtin.isdigit():
            continue
        body = int(gtin) // 10
        if body == first + count:
            count += 1
            continue
        if count > 0:
            runs.append((first, count))
        first, count = body, 1
    if count > 0:
        runs.append((first, count))
    return runs


_NONE = type(None)
# what each record field may hold, in RECORD_FIELDS order (bool is an int to isinstance, and harmless here)
_FIELD_TYPES: tuple[type | tuple[type, ...], ...] = (
    int, str, str, str, str, str, str, (str, _NONE), (float, int, _NONE), int, int, (str, _NONE), (str, _NONE),
    (int, _NONE), (str, _NONE), int, str, str,
)  # fmt: skip
_VARIANT_FIELDS = 8  # [id, sku, gtin, price, currency, option list, image, stock]


class SnapshotChecker:
    """Checks every record as it arrives (shape, numbering, each field's type, the time) and the totals at
    the end, raising CatalogSnapshotError naming the first fault: a record the cache took as it is would
    otherwise fail later, on the product page that reads it. The JSON inside a record is left to the
    consumer, which can check it faster where it stores it (SQLite's json_valid: parsing a million
    variants' JSON in Python here cost more than the rest of the import's Python together)."""

    def __init__(self) -> None:
        self.products = 0
        self.variants = 0
        self._options = 0
        self._times: set[str] = set()

    def check(self, chunk: SnapshotChunk) -> None:
        expected = len(RECORD_FIELDS)
        ordinal = self.products + 1
        for record in chunk.products:
            if not isinstance(record, tuple) or len(record) != expected:
                size = len(record) if isinstance(record, tuple) else type(record).__name__
                raise CatalogSnapshotError(f"catalog snapshot record {ordinal} has {size} fields, expected {expected}")
            if record[0] != ordinal:
                raise CatalogSnapshotError(f"catalog snapshot record {ordinal} is numbered {record[0]!r}")
            if not all(map(isinstance, record, _FIELD_TYPES)):
                field, value = next(
                    (f, v) for f, v, t in zip(RECORD_FIELDS, record, _FIELD_TYPES, strict=True) if not isinstance(v, t)
                )
                raise CatalogSnapshotError(
                    f"catalog snapshot record {ordinal} has a {type(value).__name__} for its {field}"
                )
            if not record[1]:
                raise CatalogSnapshotError(f"catalog snapshot record {ordinal} has no product id")
            self._check_time(ordinal, record[12])
            ordinal += 1
        for number, options in chunk.option_sets:
            if number != self._options + 1:
                raise CatalogSnapshotError(f"catalog snapshot option list {number} is out of order")
            if not isinstance(options, tuple) or not all(
                isinstance(pair, tuple) and len(pair) == 2 and isinstance(pair[0], str)
                and isinstance(pair[1], LocalizedText) for pair in options
            ):  # fmt: skip
                raise CatalogSnapshotError(f"catalog snapshot option list {number} is not (name, text) pairs")
            self._options = number
        self.products = ordinal - 1

    def _check_time(self, ordinal: int, when: str | None) -> None:
        if when is None or when in self._times:
            return
        try:
            datetime.fromisoformat(when)
        except ValueError:
            raise CatalogSnapshotError(
                f"catalog snapshot record {ordinal} has an updated_at that is not an ISO time: {when!r}"
            ) from None
        self._times.add(when)

    def finish(self, trailer: SnapshotTrailer) -> None:
        codes, odd = divmod(len(trailer.sku_codes), 8)
        if odd:
            raise CatalogSnapshotError(f"catalog snapshot SKU codes are {len(trailer.sku_codes)} bytes, not pairs")
        if trailer.products != self.products or trailer.variants != codes:
            raise CatalogSnapshotError(
                f"catalog snapshot ended with {_count(self.products, 'product')} and {_count(codes, 'SKU code')},"
                f" its producer counted {_count(trailer.products, 'product')} and {_count(trailer.variants, 'SKU')}"
            )
        self.variants = trailer.variants


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"

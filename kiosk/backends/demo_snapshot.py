"""The demo store's catalog snapshot (kiosk.core.catalog_snapshot), produced in a child process.

Why a child process: a real backend builds its export on the server's CPU while the kiosk writes; the
embedded demo store would otherwise build it on the same core as the cache writer and halve the import
rate. `python -m kiosk.backends.demo_snapshot` reads demo_store.db (read-only, one read transaction, rows
up to the sequence the parent fixed) and writes pickled SnapshotChunks and a SnapshotTrailer to stdout;
the parent unpickles them. Pickle is safe here only because both ends are this module, started by the
kiosk itself with its own interpreter; nothing else ever feeds `DemoSnapshot`.

Why the rows are built here without Product values: see kiosk.core.catalog_snapshot. The loop mirrors
`ProductFactory.build_page` and the cache's encoding, fused, and tests/e2e/test_snapshot_import.py holds
the result equal, product by product, to the cache a paged import builds.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import pickle
import sqlite3
import subprocess
import sys
import tempfile
import zlib
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import IO, Any

from kiosk.backends import demo_catalog as catalog
from kiosk.backends import demo_vocab as vocab
from kiosk.core.catalog_snapshot import (
    SNAPSHOT_FORMAT,
    CatalogSnapshotError,
    OptionList,
    ProductRecord,
    SnapshotChunk,
    SnapshotHeader,
    SnapshotTrailer,
)

CHUNK_PRODUCTS = 2000  # ~12k SKUs, ~4 MB pickled: big enough to amortise, small enough to overlap
_enc = json.encoder.encode_basestring


def location_numbers() -> tuple[str, ...]:
    return tuple(d.id for d in vocab.LOCATIONS)


def header(cursor: str) -> SnapshotHeader:
    return SnapshotHeader(
        format=SNAPSHOT_FORMAT,
        cursor=cursor,
        categories=catalog.categories(),
        locations=catalog.locations(),
        location_numbers=location_numbers(),
    )


class _Encoder:
    """Demo rows to snapshot records: one loop turn per SKU, every repeating fragment encoded once."""

    def __init__(self, seed: int) -> None:
        self._seed = seed
        profiles = catalog.stock_profiles(seed)
        numbers = {loc: n for n, loc in enumerate(location_numbers(), start=1)}
        ids = [d.id for d in vocab.LOCATIONS]
        here = [i for i, d in enumerate(vocab.LOCATIONS) if d.kind == "here"]
        self._stock_text = [
            "[" + ",".join(f"{numbers[loc]},{q}" for loc, q in zip(ids, profile, strict=True)) + "]"
            for profile in profiles
        ]
        self._stock_here = [sum(max(0, profile[i]) for i in here) for profile in profiles]
        self._category_sku = {c.id: c.sku for c in vocab.CATEGORIES}
        self._options: dict[OptionList, int] = {}
        # per layout: (id suffix JSON-ready, SKU suffix, option list number, colour, size position)
        self._layouts: dict[tuple[str, int, str], list[tuple[str, str, int, str, int]]] = {}
        self._new_options: list[tuple[int, OptionList]] = []
        self._times: dict[str, str] = {}
        self._base_time = catalog.BASE_UPDATED_AT.isoformat()

    def _layout(self, key: tuple[str, int, str]) -> list[tuple[str, str, int, str, int]]:
        slots = []
        for suffix, sku_suffix, options, colour, size_pos in catalog._layout(*key):
            number = self._options.get(options)
            if number is None:
                number = self._options[options] = len(self._options) + 1
                self._new_options.append((number, options))
            slots.append((suffix, sku_suffix, number, colour, size_pos))
        self._layouts[key] = slots
        return slots

    def _time(self, text: str) -> str:
        iso = self._times.get(text)
        if iso is None:
            iso = self._times[text] = datetime.fromisoformat(text).isoformat()
        return iso

    def chunk(self, rows: list[Any], first_ordinal: int, related: dict[int, str]) -> SnapshotChunk:
        seed_mix = self._seed * 0x94D049BB133111EB
        golden, salt_mix, mask = catalog._GOLDEN, catalog._SALT_MIX, catalog._MASK64
        chunk_w, pad4, check_char = catalog._CHUNK, catalog._PAD4, catalog._CHECK_CHAR
        gtin_head, prefix_weight = catalog._GTIN_HEAD, catalog._PREFIX_WEIGHT
        body_base = int(catalog.GTIN_PREFIX) * 10**8
        stock_text, stock_here_of = self._stock_text, self._stock_here
        category_sku, layouts = self._category_sku, self._layouts
        currency = _enc(catalog.CURRENCY)
        crc32 = zlib.crc32
        records: list[ProductRecord] = []
        gtin_runs: list[tuple[int, int, int]] = []
        sku_codes: list[tuple[int, int]] = []
        ordinal = first_ordinal
        for (
            _seq, idx, category_id, _item, _style, brand, name_en, name_es, desc_en, desc_es, price, step, colours,
            colour_option, sizes, first, count, rating, review_count, _stars, popularity, salt, _deleted,
            updated_at,
        ) in rows:  # fmt: skip
            pid = f"p{idx:07d}"
            quoted_id = '["' + pid
            sku_base = f"{category_sku[category_id]}-{idx:07d}"
            image_base = ',"demo:' + pid + ":"
            key = (colours, colour_option, sizes)
            slots = layouts.get(key) or self._layout(key)
            if count < len(slots):
                slots = slots[:count]
            z = (first * golden + salt * salt_mix + seed_mix) & mask
            high = first // 10_000
            low = first - high * 10_000
            head = gtin_head + pad4[high]
            head_weight = prefix_weight + chunk_w[high]
            parts = []
            here = 0
            low_price: int | None = None
            for suffix, sku_suffix, number, colour, size_pos in slots:
                if low == 10_000:
                    high, low = high + 1, 0
                    head, head_weight = gtin_head + pad4[high], prefix_weight + chunk_w[high]
                z = (z + golden) & mask
                profile = z >> 52
                minor = price + step * size_pos if step and size_pos else price
                if low_price is None or minor < low_price:
                    low_price = minor
                sku = sku_base + sku_suffix
                sku_codes.append((crc32(sku.encode()), ordinal))  # demo SKUs are upper-case: sku_code(sku)
                parts.append(
                    f'{quoted_id}{suffix}","{sku}","{head}{pad4[low]}{check_char[head_weight + chunk_w[low]]}",'
                    f'{minor},{currency},{number}{image_base}{colour}",{stock_text[profile]}]'
                )
                here += stock_here_of[profile]
                low += 1
            if slots:
                gtin_runs.append((body_base + first, ordinal, len(slots)))
            records.append(
                (
                    ordinal, pid, name_en, name_es, brand, desc_en, desc_es, category_id, rating, review_count,
                    popularity, f"demo:{pid}:{slots[0][3]}" if slots else None,
                    self._time(updated_at) if updated_at else self._base_time,
                    low_price, catalog.CURRENCY if slots else None, here, "[" + ",".join(parts) + "]",
                    related.get(idx, "[]"),
                )
            )  # fmt: skip
            ordinal += 1
        new_options, self._new_options = tuple(self._new_options), []
        return SnapshotChunk(tuple(records), new_options, tuple(gtin_runs), tuple(sku_codes))


def produce(store: Path, seed: int, upto: int, out: IO[bytes]) -> None:
    """Streams the live products with seq <= upto, in seq order, as chunks and then a trailer."""
    conn = sqlite3.connect(f"file:{store}?mode=ro", uri=True, isolation_level=None)
    try:
        conn.execute("BEGIN")  # one read transaction: the rows and the related lists of one moment
        related = dict(conn.execute("SELECT idx, ids FROM related"))
        encoder = _Encoder(seed)
        cursor = conn.execute(
            f"SELECT {', '.join(catalog.COLUMNS)} FROM products WHERE seq <= ? AND deleted=0 ORDER BY seq", (upto,)
        )
        products = variants = 0
        while rows := cursor.fetchmany(CHUNK_PRODUCTS):
            chunk = encoder.chunk(rows, products + 1, related)
            products += len(chunk.products)
            variants += len(chunk.sku_codes)
            pickle.dump(chunk, out, protocol=pickle.HIGHEST_PROTOCOL)
        pickle.dump(SnapshotTrailer(products, variants), out, protocol=pickle.HIGHEST_PROTOCOL)
        out.flush()
    finally:
        conn.close()


class DemoSnapshot:
    """The parent's end: starts the producer and unpickles what it sends (CatalogSnapshot)."""

    def __init__(self, store: Path, seed: int, upto: int, snapshot_header: SnapshotHeader) -> None:
        self._header = snapshot_header
        self._errors = tempfile.TemporaryFile()  # noqa: SIM115 - lives as long as the child, closed in close()
        self._proc = subprocess.Popen(
            [sys.executable, "-m", "kiosk.backends.demo_snapshot", str(store), str(seed), str(upto)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=self._errors,
        )

    @property
    def header(self) -> SnapshotHeader:
        return self._header

    def items(self) -> Iterator[SnapshotChunk | SnapshotTrailer]:
        stream = self._proc.stdout
        assert stream is not None
        while True:
            try:
                item = pickle.load(stream)
            except EOFError:
                code = self._proc.wait()
                if code != 0:
                    raise CatalogSnapshotError(
                        f"the demo snapshot producer failed (exit {code}): {self._error()}"
                    ) from None
                return
            except (pickle.UnpicklingError, ValueError, TypeError, AttributeError, ImportError) as exc:
                raise CatalogSnapshotError(f"the demo snapshot stream is corrupt: {exc}") from exc
            if not isinstance(item, SnapshotChunk | SnapshotTrailer):
                raise CatalogSnapshotError(f"the demo snapshot stream sent a {type(item).__name__}")
            yield item
            if isinstance(item, SnapshotTrailer):
                return

    def _error(self) -> str:
        self._errors.seek(0)
        lines = self._errors.read().decode(errors="replace").strip().splitlines()
        return lines[-1] if lines else "no message"

    def close(self) -> None:
        if self._proc.poll() is None:
            self._proc.kill()
        self._proc.wait()
        if self._proc.stdout is not None:
            self._proc.stdout.close()
        self._errors.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m kiosk.backends.demo_snapshot")
    parser.add_argument("store", type=Path)
    parser.add_argument("seed", type=int)
    parser.add_argument("upto", type=int)
    args = parser.parse_args(argv)
    with contextlib.suppress(BrokenPipeError):  # the kiosk gave up on the snapshot: nothing to report
        produce(args.store, args.seed, args.upto, sys.stdout.buffer)
    return 0


if __name__ == "__main__":
    sys.exit(main())

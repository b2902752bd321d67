"""The demo store's catalog export, and the catalog snapshot (kiosk.core.catalog_snapshot) read from it.

Why an export file: commerce platforms hand a whole catalog over as a bulk export the server prepares once
per catalog version and every client then downloads (Shopify's bulk operations write a JSONL file; retail
feeds are a nightly file plus a change feed). The demo store does the same: when it is generated (or its
export has fallen more than 2% of the catalog behind) it writes `catalog-export-<fingerprint>.frames`
next to demo_store.db, as of a sequence number; a kiosk's first import reads that file and then takes the
changes since that sequence as pages, like any delta. Building the export costs the server ~10 s of one
core at 1M SKUs (8.7–9.6 s here), once; reading it costs the kiosk 0.6–0.9 s of its import.

File format: a header (magic, file size, sequence, and a stamp naming the snapshot format, the Python and
marshal versions and the demo store's export version), then frames of 8 bytes of length, a CRC-32, and
marshal data of plain tuples: ("chunk", records, option lists)..., ("end", products, variants, GTIN runs, SKU codes).
Marshal, not pickle: it holds plain values only, so a damaged or foreign file cannot make the kiosk build
arbitrary objects (pickle can). Its format is per Python version, which the header records; an export
from another version, cut short, or found corrupt while read is written again.

Why the records are built without Product values: see kiosk.core.catalog_snapshot. The loop mirrors
`ProductFactory.build_page` and the cache's encoding, fused, and tests/e2e/test_snapshot_import.py holds
the result equal, product by product, to the cache a paged import builds.
"""

from __future__ import annotations

import json
import marshal
import os
import sqlite3
import struct
import sys
import tempfile
import zlib
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import IO, Any, Protocol

from kiosk.backends.demo import catalog, vocab
from kiosk.core.catalog_snapshot import (
    SNAPSHOT_FORMAT,
    CatalogSnapshotError,
    OptionList,
    ProductRecord,
    SnapshotChunk,
    SnapshotHeader,
    SnapshotTrailer,
    pack_sku_codes,
)
from kiosk.core.i18n import LocalizedText

EXPORT_VERSION = 2  # bump whenever _Encoder's output changes: exports written before are then rebuilt
CHUNK_PRODUCTS = 2000  # ~12k SKUs, ~2.5 MB a frame: big enough to amortise, small enough to overlap
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
        # the cache counts the first location of kind "here" as this store (SqliteCatalogStore._here_location_id)
        here = [i for i, d in enumerate(vocab.LOCATIONS) if d.kind == "here"][:1]
        self._stock_text = [
            "[" + ",".join(f"{numbers[loc]},{q}" for loc, q in zip(ids, profile, strict=True)) + "]"
            for profile in profiles
        ]
        self._stock_here = [sum(max(0, profile[i]) for i in here) for profile in profiles]
        self._category_sku = {c.id: c.sku for c in vocab.CATEGORIES}
        self._options: dict[OptionList, int] = {}
        self._pairs: dict[tuple[str, str], tuple[str, int]] = {}  # (colour, size) -> (SKU suffix, option list)
        # per layout: (id suffix JSON-ready, SKU suffix, option list number, colour, size position)
        self._layouts: dict[tuple[str, int, str], list[tuple[str, str, int, str, int]]] = {}
        self._new_options: list[tuple[int, OptionList]] = []
        self._times: dict[str, str] = {}
        self._base_time = catalog.BASE_UPDATED_AT.isoformat()
        self.gtin_runs: list[tuple[int, int, int]] = []
        self.sku_codes: list[int] = []  # code << 32 | ordinal: ints sort several times faster than pairs

    def _layout(self, key: tuple[str, int, str]) -> list[tuple[str, str, int, str, int]]:
        """demo_catalog's slots with the option list as a number; the lists themselves are numbered once
        per (colour, size) pair, not per layout (tens of thousands of layouts at 1M SKUs)."""
        slots = [
            (suffix, *(self._pairs.get(pair) or self._pair(pair)), colour, size_pos)
            for suffix, pair, colour, size_pos in catalog.layout_slots(*key)
        ]
        self._layouts[key] = slots
        return slots

    def _pair(self, pair: tuple[str, str]) -> tuple[str, int]:
        sku, option_list = catalog.pair_options(pair)
        number = self._options.get(option_list)
        if number is None:
            number = self._options[option_list] = len(self._options) + 1
            self._new_options.append((number, option_list))
        known = self._pairs[pair] = (sku, number)
        return known

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
        crc32, gtin_start, compare_at = zlib.crc32, catalog.gtin_start, catalog.compare_at_minor
        records: list[ProductRecord] = []
        gtin_runs, sku_codes = self.gtin_runs, self.sku_codes
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
            high, low, head, head_weight = gtin_start(first)
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
                sku_codes.append(crc32(sku.encode()) << 32 | ordinal)  # demo SKUs are upper-case: sku_code(sku)
                was = compare_at(idx, minor)
                parts.append(
                    f'{quoted_id}{suffix}","{sku}","{head}{pad4[low]}{check_char[head_weight + chunk_w[low]]}",'
                    f'{minor},{currency},{number}{image_base}{colour}",{stock_text[profile]}'
                    f"{'' if was is None else f',{was}'}]"
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
        return SnapshotChunk(tuple(records), new_options)

    def trailer(self, products: int) -> SnapshotTrailer:
        codes = pack_sku_codes(self.sku_codes)
        return SnapshotTrailer(products, len(self.sku_codes), tuple(sorted(self.gtin_runs)), codes)


def produce(store: Path, seed: int, upto: int, out: IO[bytes]) -> None:
    """Writes the live products with seq <= upto, most popular first, as frames (see the module docstring)."""
    conn = sqlite3.connect(f"file:{store}?mode=ro", uri=True, isolation_level=None)
    try:
        conn.execute("BEGIN")  # one read transaction: the rows and the related lists of one moment
        related = dict(conn.execute("SELECT idx, ids FROM related"))
        encoder = _Encoder(seed)
        cursor = conn.execute(
            f"SELECT {', '.join(catalog.COLUMNS)} FROM products INDEXED BY products_by_popularity"
            " WHERE seq <= ? AND deleted=0 ORDER BY popularity DESC, seq",
            (upto,),
        )
        products = 0
        while rows := cursor.fetchmany(CHUNK_PRODUCTS):
            chunk = encoder.chunk(rows, products + 1, related)
            products += len(chunk.products)
            _send(out, ("chunk", chunk.products, _plain_options(chunk.option_sets)))
        trailer = encoder.trailer(products)
        _send(out, ("end", trailer.products, trailer.variants, trailer.gtin_runs, trailer.sku_codes))
    finally:
        conn.close()


def export_path(data_dir: Path, fingerprint: str) -> Path:
    return data_dir / f"catalog-export-{fingerprint}.frames"


def write_export(store: Path, seed: int, upto: int, path: Path, stamp: str) -> None:
    """Builds the export in a temporary file of its own and renames it into place: a reader never sees half
    a file, and two processes writing at once each finish theirs. The header is written last, with the
    file's size, so a file cut short afterwards is told apart from a whole one."""
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=path.name + ".", suffix=".tmp")
    tmp = Path(name)
    try:
        with os.fdopen(fd, "wb") as out:
            head = _head(stamp, upto, 0)
            out.write(head)
            produce(store, seed, upto, out)
            size = out.tell()
            out.seek(0)
            out.write(_head(stamp, upto, size))
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def export_sequence(path: Path, stamp: str) -> int | None:
    """The sequence a whole export file is as of, or None when it is missing, cut short, or written for
    another format, Python or version of the demo store (`stamp`)."""
    try:
        with open(path, "rb") as stream:
            return _read_head(stream, stamp, os.fstat(stream.fileno()).st_size)
    except (OSError, CatalogSnapshotError):
        return None


# The header: magic, file size, sequence, then the stamp (format, Python and marshal version, and what the
# demo store says its export depends on), fixed-width before the stamp so it can be rewritten in place.
_MAGIC = b"KIOSKEXP"
_HEAD = struct.Struct("<8sQQH")
_FRAME = struct.Struct("<QI")  # length, CRC-32 of the data
_PYTHON = f"{sys.implementation.cache_tag}/marshal{marshal.version}"
_CUT_SHORT = "the demo catalog export is cut short inside a frame"


def _full_stamp(stamp: str) -> bytes:
    return f"{SNAPSHOT_FORMAT}/{_PYTHON}/{stamp}".encode()


def _head(stamp: str, upto: int, size: int) -> bytes:
    full = _full_stamp(stamp)
    return _HEAD.pack(_MAGIC, size, upto, len(full)) + full


def _read_head(stream: _Readable, stamp: str, file_size: int) -> int:
    data = stream.read(_HEAD.size)
    if len(data) != _HEAD.size:
        raise CatalogSnapshotError(_CUT_SHORT)
    magic, size, upto, length = _HEAD.unpack(data)
    if magic != _MAGIC or stream.read(length) != _full_stamp(stamp):
        raise CatalogSnapshotError("the demo catalog export is from another format, Python or demo store version")
    if size != file_size:
        raise CatalogSnapshotError(f"the demo catalog export is {file_size} bytes, its header says {size}")
    return int(upto)


def _send(out: IO[bytes], frame: tuple[Any, ...]) -> None:
    data = marshal.dumps(frame)
    out.write(_FRAME.pack(len(data), zlib.crc32(data)))
    out.write(data)


def _plain_options(option_sets: tuple[tuple[int, OptionList], ...]) -> tuple[Any, ...]:
    return tuple((n, tuple((k, v.en, v.es) for k, v in options)) for n, options in option_sets)


def _read_frame(stream: _Readable, left: int) -> object:
    """The next frame, or None at the end of the file; `left` is how many bytes the file still holds."""
    try:
        head = stream.read(_FRAME.size)
        if not head:
            return None
        if len(head) != _FRAME.size:
            raise CatalogSnapshotError(_CUT_SHORT)
        size, crc = _FRAME.unpack(head)
        if size > left - len(head):
            raise CatalogSnapshotError(_CUT_SHORT)
        data = stream.read(size)
    except OSError as exc:
        raise CatalogSnapshotError(f"the demo catalog export cannot be read: {exc.strerror}") from exc
    if len(data) != size:
        raise CatalogSnapshotError(_CUT_SHORT)
    if zlib.crc32(data) != crc:
        raise CatalogSnapshotError("the demo catalog export is corrupt: a frame fails its checksum")
    try:
        return marshal.loads(data)
    except (EOFError, ValueError, TypeError) as exc:
        raise CatalogSnapshotError(f"the demo catalog export is corrupt: {exc}") from exc


def _item(frame: object) -> SnapshotChunk | SnapshotTrailer:
    """A frame back into the contract's values; anything else is a corrupt file."""
    try:
        if isinstance(frame, tuple) and len(frame) == 3 and frame[0] == "chunk" and isinstance(frame[1], tuple):
            options = tuple(
                (int(n), tuple((str(k), LocalizedText(str(en), str(es))) for k, en, es in plain))
                for n, plain in frame[2]
            )
            return SnapshotChunk(frame[1], options)
        if (
            isinstance(frame, tuple)
            and len(frame) == 5
            and frame[0] == "end"
            and isinstance(frame[1], int)
            and isinstance(frame[2], int)
            and isinstance(frame[3], tuple)
            and all(isinstance(run, tuple) and len(run) == 3 for run in frame[3])
            and isinstance(frame[4], bytes)
        ):
            return SnapshotTrailer(frame[1], frame[2], frame[3], frame[4])
    except (TypeError, ValueError) as exc:
        raise CatalogSnapshotError(f"the demo catalog export is corrupt: {exc}") from exc
    raise CatalogSnapshotError("the demo catalog export holds a frame of an unknown kind")


class ExportSnapshot:
    """A CatalogSnapshot read from an export file: the kiosk's download of the server's export. A file
    found corrupt is removed, so the demo store writes a new one the next time it starts."""

    def __init__(self, path: Path, stamp: str, header_for: Callable[[int], SnapshotHeader]) -> None:
        self._path = path
        try:
            self._stream = open(path, "rb")  # noqa: SIM115 - closed by close(), as the protocol says
        except OSError as exc:
            raise CatalogSnapshotError(f"the demo catalog export cannot be read: {exc.strerror}") from exc
        try:
            self._size = os.fstat(self._stream.fileno()).st_size
            self._header = header_for(_read_head(self._stream, stamp, self._size))
        except BaseException:
            self._stream.close()
            raise

    @property
    def header(self) -> SnapshotHeader:
        return self._header

    def items(self) -> Iterator[SnapshotChunk | SnapshotTrailer]:
        try:
            while (frame := _read_frame(self._stream, self._size - self._stream.tell())) is not None:
                item = _item(frame)
                yield item
                if isinstance(item, SnapshotTrailer):
                    return
        except CatalogSnapshotError:
            self._path.unlink(missing_ok=True)
            raise

    def close(self) -> None:
        self._stream.close()


class StreamSnapshot:
    """A CatalogSnapshot read from an export as it arrives (RemoteDemoBackend: the HTTP body of the demo
    store's /v1/export), frame by frame, without a copy on disk. `size` is the length the sender announced;
    `close` releases the transport."""

    def __init__(
        self,
        stream: _Readable,
        size: int,
        stamp: str,
        header_for: Callable[[int], SnapshotHeader],
        close: Callable[[], None],
    ) -> None:
        self._stream, self._size, self._close = stream, size, close
        try:
            self._header = header_for(_read_head(stream, stamp, size))
        except BaseException:
            close()
            raise

    @property
    def header(self) -> SnapshotHeader:
        return self._header

    def items(self) -> Iterator[SnapshotChunk | SnapshotTrailer]:
        while (frame := _read_frame(self._stream, self._size - self._stream.tell())) is not None:
            item = _item(frame)
            yield item
            if isinstance(item, SnapshotTrailer):
                return

    def close(self) -> None:
        self._close()


class _Readable(Protocol):
    def read(self, size: int, /) -> bytes: ...

    def tell(self) -> int: ...

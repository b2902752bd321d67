"""Builds a complete catalog.db from a catalog snapshot (kiosk.core.catalog_snapshot) in a side file.

Why a side file: the cache itself is in WAL mode, which writes every page twice (the log, then the
checkpoint); a file nobody else has open can be written with no journal at all (measured at 1M SKUs: 5.2 s
for this schema's rows and indexes with the journal off, 7.9 s in WAL mode). The file only replaces the
empty cache once it is complete and checked (SqliteCatalogStore.load_snapshot), so a crash, a kill or a bad
snapshot midway leaves the empty cache and a side file the next attempt deletes first.
"""

from __future__ import annotations

import fcntl
import json
import os
import queue
import sqlite3
import threading
from array import array
from collections.abc import Generator, Iterable, Iterator
from contextlib import closing, contextmanager
from datetime import datetime
from pathlib import Path

from kiosk.core.catalog import Category, Location, format_opening_hours
from kiosk.core.catalog_snapshot import (
    SNAPSHOT_FORMAT,
    CatalogSnapshot,
    CatalogSnapshotError,
    OptionList,
    SnapshotChecker,
    SnapshotChunk,
    SnapshotTrailer,
)

POPULARITY_CAP = (1 << 28) - 1  # popularity is clamped to 28 bits in the sort key (catalog_store._sort_key)
_enc = json.encoder.encode_basestring
# the products table's 19 columns from a record's 18 fields: the sort key (popularity rank, then arrival)
# is computed by SQLite from the record's popularity (?11) and ordinal (?1), as _sort_key does in Python
_INSERT_PRODUCT = (
    "INSERT INTO products VALUES (?1,"
    f" (({POPULARITY_CAP} - max(0, min(CAST(?11 AS INTEGER), {POPULARITY_CAP}))) << 32) | (?1 & 4294967295),"
    " ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)"
)
# a chunk's JSON is checked in SQLite once its rows are written, while they are in the page cache: valid,
# lists, and the first variant of eight fields (every variant: ~3 s more at 1M SKUs)
_FIRST_BAD_JSON = """
SELECT seq FROM products WHERE seq BETWEEN ? AND ? AND (
    substr(variants, 1, 1) != '[' OR NOT json_valid(variants)
    OR (json_array_length(variants) > 0 AND json_array_length(variants, '$[0]') NOT IN (8, 9))
    OR substr(related, 1, 1) != '[' OR NOT json_valid(related)
) LIMIT 1
"""


def option_list_json(options: OptionList) -> str:
    """How the cache stores an option list: [[key, English, Spanish], ...]."""
    enc = _enc
    return "[" + ",".join(f"[{enc(k)},{enc(v.en)},{enc(v.es)}]" for k, v in options) + "]"


def write_categories(conn: sqlite3.Connection, categories: Iterable[Category]) -> None:
    """Categories as a page or a snapshot brings them; one that exists already is replaced."""
    conn.executemany(
        "INSERT OR REPLACE INTO categories(id, name_en, name_es, parent_id, position) VALUES (?,?,?,?,?)",
        [(c.id, c.name.en, c.name.es, c.parent_id, c.position) for c in categories],
    )


def write_locations(conn: sqlite3.Connection, locations: Iterable[Location]) -> None:
    """Locations as a page or a snapshot brings them; one that exists already is replaced."""
    conn.executemany(
        "INSERT OR REPLACE INTO locations(id, name, kind, city, address, opening_hours) VALUES (?,?,?,?,?,?)",
        [(x.id, x.name, x.kind.value, x.city, x.address, format_opening_hours(x.opening_hours)) for x in locations],
    )


def side_path(path: Path) -> Path:
    return path.with_name(path.name + ".snapshot")


@contextmanager
def building(path: Path) -> Iterator[None]:
    """Holds an exclusive lock on `path`'s lock file while the block runs, so two processes (the kiosk and
    a `kiosk sync`) never build the same side file at once; the second one is told, not made to wait."""
    with open(f"{path}.lock", "a+b") as lock:
        try:
            fcntl.flock(lock.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise CatalogSnapshotError("another program is filling this catalog cache from a snapshot") from None
        try:
            yield
        finally:
            fcntl.flock(lock.fileno(), fcntl.LOCK_UN)


def remove(path: Path) -> None:
    for suffix in ("", "-journal", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def build(
    path: Path, schema: str, schema_version: int, snapshot: CatalogSnapshot, synced_at: datetime
) -> SnapshotTrailer:
    """Writes the whole snapshot into a new file at `path` and returns its totals; on any failure the file
    is removed and the error raised (CatalogSnapshotError for the snapshot's faults)."""
    header = snapshot.header
    if header.format != SNAPSHOT_FORMAT:
        raise CatalogSnapshotError(f"catalog snapshot format {header.format} is not {SNAPSHOT_FORMAT}")
    remove(path)
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        trailer = _write(conn, schema, schema_version, snapshot, synced_at)
        conn.execute("PRAGMA journal_mode=WAL")  # the cache's mode, recorded in the file before it is swapped in
        conn.close()
        with open(path, "rb") as done:  # on disk before it replaces the cache: a power cut must not tear it
            os.fsync(done.fileno())
        return trailer
    except BaseException:
        conn.close()
        remove(path)
        raise


def _write(
    conn: sqlite3.Connection, schema: str, schema_version: int, snapshot: CatalogSnapshot, synced_at: datetime
) -> SnapshotTrailer:
    header = snapshot.header
    # SQLite's default 4 KB pages, as a cache built by pages has: 16 KB pages wrote a 1M-SKU file faster in
    # one measurement but left the kiosk ~57 MB bigger at the end of a bench run (234 -> 291 MB, two pairs)
    conn.execute("PRAGMA journal_mode=OFF")
    conn.execute("PRAGMA synchronous=OFF")
    conn.execute("PRAGMA cache_size=-32000")
    conn.execute("PRAGMA temp_store=MEMORY")
    conn.executescript(schema)
    conn.execute("BEGIN")
    meta = {"schema_version": str(schema_version)}
    write_categories(conn, header.categories)
    write_locations(conn, header.locations)
    conn.executemany("INSERT INTO location_codes(n, id) VALUES (?, ?)", enumerate(header.location_numbers, start=1))
    checker = SnapshotChecker()  # runs on the read-ahead thread, beside SQLite's writing
    # closed on the way out, error or not, so the thread stops now (a traceback would keep it alive)
    with closing(_read_ahead(snapshot.items(), checker)) as items:
        trailer = _write_chunks(conn, items)
    if trailer is None:
        raise CatalogSnapshotError(f"catalog snapshot stopped after record {checker.products}, before its end")
    conn.executemany("INSERT OR IGNORE INTO gtins VALUES (?,?,?)", trailer.gtin_runs)
    # the packed codes read as signed 64-bit values (the same bits) are JSON numbers SQLite takes whole, so
    # a million index rows go in from one string in C (0.8 s here; ~1.8 s bound one by one by executemany)
    signed = array("q")
    signed.frombytes(trailer.sku_codes)
    conn.execute(
        "INSERT OR IGNORE INTO skus SELECT (value >> 32) & 4294967295, value & 4294967295 FROM json_each(?)",
        ("[" + ",".join(map(str, signed)) + "]",),
    )
    meta |= {"seq": str(checker.products), "cursor": header.cursor, "last_synced_at": synced_at.isoformat()}
    conn.executemany("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", sorted(meta.items()))
    conn.execute("COMMIT")
    return trailer


def _write_chunks(
    conn: sqlite3.Connection, items: Generator[SnapshotChunk | SnapshotTrailer, None, None]
) -> SnapshotTrailer | None:
    """Writes the chunks and returns the trailer, or None when the snapshot stopped without one."""
    for item in items:
        if isinstance(item, SnapshotTrailer):
            return item
        conn.executemany(
            "INSERT INTO option_sets(n, json) VALUES (?, ?)",
            [(n, option_list_json(options)) for n, options in item.option_sets],
        )
        if not item.products:
            continue
        conn.executemany(_INSERT_PRODUCT, item.products)
        bad = conn.execute(_FIRST_BAD_JSON, (item.products[0][0], item.products[-1][0])).fetchone()
        if bad is not None:
            raise CatalogSnapshotError(
                f"catalog snapshot record {bad[0]} has variants or related ids that are not lists"
            )
        # most popular first: the keys only grow, so the word index and the key indexes are appended to
        conn.execute(
            "INSERT INTO products_fts(rowid, title, brand) SELECT key, name_en || ' ' || name_es, brand"
            " FROM products WHERE seq BETWEEN ? AND ? ORDER BY key",
            (item.products[0][0], item.products[-1][0]),
        )
    return None


class _Failed:
    def __init__(self, error: BaseException) -> None:
        self.error = error


_END = object()


def _read_ahead(
    items: Iterator[SnapshotChunk | SnapshotTrailer], checker: SnapshotChecker, depth: int = 2
) -> Generator[SnapshotChunk | SnapshotTrailer, None, None]:
    """The snapshot's items, read, decoded and checked on a thread of their own one or two ahead of the
    caller: SQLite lets go of the interpreter lock while it writes a chunk, so that work (~1 s of CPU for
    1M SKUs) runs on the second core. The caller stopping early stops the thread."""
    ready: queue.Queue[object] = queue.Queue(maxsize=depth)
    stop = threading.Event()

    def put(thing: object) -> bool:
        while not stop.is_set():
            try:
                ready.put(thing, timeout=0.05)
                return True
            except queue.Full:
                continue
        return False

    def run() -> None:
        try:
            for item in items:
                if isinstance(item, SnapshotTrailer):
                    checker.finish(item)
                else:
                    checker.check(item)
                if not put(item):
                    return
            put(_END)
        except BaseException as exc:  # handed to the caller, raised there
            put(_Failed(exc))

    reader = threading.Thread(target=run, name="snapshot-reader", daemon=True)
    reader.start()
    try:
        while True:
            thing = ready.get()
            if thing is _END:
                return
            if isinstance(thing, _Failed):
                raise thing.error
            yield thing  # type: ignore[misc]
    finally:
        stop.set()
        reader.join()

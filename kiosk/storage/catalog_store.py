"""catalog.db: the rebuildable local copy of the whole online catalog, searchable offline.

Search design (why it stays fast at a million SKUs): each product's integer key is its popularity rank
followed by an arrival sequence, and the contentless FTS5 index uses that key as its rowid. FTS5 yields
matches in rowid order, so "the most popular matches first" is a plain `LIMIT` that stops after the first
page instead of ranking every match with bm25 (measured 0.2-1.6 s for short prefixes over 1M rows).
Prefix indexes for 1-3 characters keep one-letter type-ahead cheap; `detail=column` keeps the index small
(no word positions: the kiosk never runs phrase queries). Ranking is exact GTIN/SKU first, then products
whose title holds every word, then products that match only through their brand, each tier by popularity.

First import from a snapshot (kiosk.core.catalog_snapshot, written by kiosk.storage.catalog_bulk): when
the backend offers one, an empty cache is built whole in a side file with no journal and swapped in while
no read runs (`PerThreadConnections.paused`); everything below still holds for that file.

Import design (why a full sync is cheap per SKU): a product is ONE row. Its variants travel inside it as
compact JSON built from cached fragments (prices, option lists and stock shapes repeat across a catalog);
option lists are stored once in `option_sets` and locations by a small number, so a row stays small. Only
the two codes a scan or an exact search looks up get index rows: `gtins` holds runs of consecutive GTINs
(the variants of a product usually have consecutive numbers, so one row covers them all) and `skus` a
CRC-32 of the upper-cased SKU; both are checked against the product's variants when read. An import
into an EMPTY cache defers the word index to the end of the pass and then builds it in one SQL statement,
in rowid order: per page, FTS5 writes and merges a segment per commit, which cost more than the rows
themselves; SKU codes are staged and sorted in at the end too, and so are the two indexes on the
popularity key. A pass cut short resumes in the same mode;
until the first pass is complete the kiosk finds products by GTIN but not by word or SKU, as it would find
nothing in an empty cache anyway. Later syncs (deltas)
index each page as it is written. One transaction per page, executemany. Rows are stored in arrival
order (`seq`, appended at the end of the table) with the popularity key in a small unique index: stored by
popularity key, every insert landed on a random page of a 350 MB table and a 1M import took three times as
long. Figures: docs/performance.md.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import os
import re
import sqlite3
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from kiosk.core import catalog as _catalog
from kiosk.core.catalog import (
    SEARCH_CANDIDATES,
    CatalogPage,
    Category,
    Location,
    LocationKind,
    Product,
    SearchHit,
    SearchRefinement,
    SearchResults,
    SearchSort,
    StockAvailability,
    StockLevel,
    Variant,
)
from kiosk.core.catalog_snapshot import CatalogSnapshot, CatalogSnapshotError, SnapshotTrailer, gtin_runs, sku_code
from kiosk.core.errors import StorageError
from kiosk.core.i18n import LocalizedText
from kiosk.core.money import Money
from kiosk.core.promotions import Promotion
from kiosk.core.recommendations import rank
from kiosk.core.search_facets import FacetGroup, FacetItem, FacetValue, facet_of, facet_values, passes
from kiosk.core.spelling import MIN_LENGTH, fold, one_edit_away
from kiosk.storage import catalog_bulk
from kiosk.storage.catalog_bulk import POPULARITY_CAP, option_list_json
from kiosk.storage.connections import PerThreadConnections, open_connection, write_transaction
from kiosk.storage.promotion_codec import promotion_from_json, promotion_to_json

_log = logging.getLogger(__name__)

SCHEMA_VERSION = 6
# unicode61 splits words on "_" as well, so the shopper's words are split the same way (a word that FTS5
# tokenised into two would be a phrase, which a detail=column index cannot answer)
_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)
_CACHE_LIMIT = 16384  # fragments kept per cache (by identity); the by-value option cache holds distinct lists
_HAS_RELATED = "related" in {f.name for f in dataclasses.fields(Product)}
# Opening hours are kept as the text stores publish ("Mon–Sat 10:00–22:00"); core turns them into values
# where it has the parser (Location.opening_hours is moving from text to OpeningHours values).
_FORMAT_HOURS = getattr(_catalog, "format_opening_hours", None)
_PARSE_HOURS = getattr(_catalog, "parse_opening_hours", None)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS categories (
    id TEXT PRIMARY KEY, name_en TEXT NOT NULL, name_es TEXT NOT NULL, parent_id TEXT, position INTEGER
);
CREATE TABLE IF NOT EXISTS locations (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL, city TEXT NOT NULL,
    address TEXT NOT NULL, opening_hours TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS products (
    seq INTEGER PRIMARY KEY,
    key INTEGER NOT NULL,
    id TEXT NOT NULL UNIQUE,
    name_en TEXT NOT NULL, name_es TEXT NOT NULL, brand TEXT NOT NULL,
    desc_en TEXT NOT NULL, desc_es TEXT NOT NULL,
    category_id TEXT, rating REAL, review_count INTEGER NOT NULL, popularity INTEGER NOT NULL,
    image TEXT, updated_at TEXT, price_minor INTEGER, currency TEXT, stock_here INTEGER NOT NULL,
    variants TEXT NOT NULL, related TEXT NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS products_by_key ON products(key);
CREATE INDEX IF NOT EXISTS products_by_category ON products(category_id, key);
CREATE TABLE IF NOT EXISTS gtins (
    first INTEGER NOT NULL, seq INTEGER NOT NULL, count INTEGER NOT NULL, PRIMARY KEY (first, seq)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS skus (crc INTEGER NOT NULL, seq INTEGER NOT NULL, PRIMARY KEY (crc, seq)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS sku_stage (crc INTEGER NOT NULL, seq INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS option_sets (n INTEGER PRIMARY KEY, json TEXT NOT NULL UNIQUE);
CREATE TABLE IF NOT EXISTS location_codes (n INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE);
CREATE TABLE IF NOT EXISTS promotions (position INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, json TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS promotion_variants (variant_id TEXT PRIMARY KEY, product_id TEXT) WITHOUT ROWID;
CREATE VIRTUAL TABLE IF NOT EXISTS products_fts USING fts5(
    title, brand, content='', prefix='1 2 3', tokenize='unicode61 remove_diacritics 2', detail=column
);
"""
_TABLES = (
    "meta",
    "categories",
    "locations",
    "products",
    "gtins",
    "skus",
    "sku_stage",
    "option_sets",
    "location_codes",
    "variants",
    "products_fts",
    "promotions",
    "promotion_variants",
)
_NOT_EMPTY = "the catalog cache is not empty: a snapshot only fills an empty cache"
_GTIN_WINDOW = 16  # runs read back per GTIN lookup, enough for GTINs duplicated across a few products

_HIT_COLUMNS = "key, id, name_en, name_es, brand, price_minor, currency, image, rating, stock_here"
_PRODUCT_COLUMNS = (
    "id, name_en, name_es, brand, desc_en, desc_es, category_id, rating, review_count, popularity, image,"
    " updated_at, variants, related"
)
# a variant's option-list number in products.variants: it follows the price in minor units and the currency
# (ids, SKUs and GTINs before it are quoted strings, so they cannot match); a regular expression reads the
# numbers at ~2 µs a row where json.loads took ~6 µs (the stock lists are most of the text); starting the pattern
# at the comma, not a digit, made it 4x faster
_OPTION_SET_NUMBERS = re.compile(r',"[A-Z]{3}",(\d+),')
_enc = json.encoder.encode_basestring  # the C quoting function: one call per string, no encoder object


def fts_query(text: str) -> str | None:
    """Every word must match as a prefix; quoting each token keeps FTS5 syntax out of shopper input."""
    tokens = _TOKEN.findall(text.lower())
    if not tokens:
        return None
    return " ".join(f'"{token}"*' for token in tokens)


def _reader(path: Path) -> sqlite3.Connection:
    """A reader connection with a small page cache: a lookup or a first page of hits reads a few pages, and
    every reader thread has its own cache, so 32 MB each (the writer's size) would be most of the RSS."""
    conn = open_connection(path, durable=False)
    conn.execute("PRAGMA cache_size=-4000")
    return conn


def _ensure_vocabulary(conn: sqlite3.Connection) -> None:
    """The word index's vocabulary as a per-connection TEMP table (fts5vocab): no change to the cache's schema."""
    conn.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.words USING fts5vocab(main, products_fts, row)")


def _known(conn: sqlite3.Connection, token: str) -> bool:
    """Whole word or the start of one (the search matches prefixes)."""
    row = conn.execute("SELECT 1 FROM temp.words WHERE term >= ? AND term < ? LIMIT 1", (token, token + "\uffff"))
    return row.fetchone() is not None


def _most_common(conn: sqlite3.Connection, candidates: set[str]) -> str | None:
    words = sorted(candidates)
    best: tuple[int, str] | None = None
    for start in range(0, len(words), 500):  # SQLite's host-parameter limit is far above this; chunks stay small
        chunk = words[start : start + 500]
        marks = ",".join("?" * len(chunk))
        for term, docs in conn.execute(f"SELECT term, doc FROM temp.words WHERE term IN ({marks})", chunk):
            if best is None or (docs, term) > best:
                best = (int(docs), str(term))
    return best[1] if best else None


def _sort_key(popularity: int, seq: int) -> int:
    return ((POPULARITY_CAP - max(0, min(popularity, POPULARITY_CAP))) << 32) | (seq & 0xFFFFFFFF)


class SqliteCatalogStore:
    """CatalogStore on SQLite; one writer (the sync worker), any number of reader threads."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._writer = self._open_writer(path)
        self._readers = PerThreadConnections(lambda: _reader(path))
        # encoded fragments by the identity of the value they encode; the value is kept alongside so its
        # id cannot be reused while cached (backends share Money, option and stock objects across SKUs)
        self._options_json: dict[int, tuple[object, str]] = {}
        self._stock_json: dict[int, tuple[object, str, int]] = {}
        self._price: dict[int, tuple[object, int, str]] = {}
        self._stock_here: str | None = None
        self._options_by_value: dict[object, str] = {}
        self._option_numbers: dict[str, int] | None = None  # option_sets and location_codes, as written
        self._location_numbers: dict[str, int] | None = None

    @classmethod
    def _open_writer(cls, path: Path) -> sqlite3.Connection:
        writer = open_connection(path, durable=False)
        # A full sync writes hundreds of MB; checkpointing every 32 MB instead of every 4 MB means far fewer
        # fsync stalls (measured: 10.4 s -> 6.5 s wall for 200k SKUs) for a WAL that stays bounded.
        writer.execute("PRAGMA wal_autocheckpoint=8192")
        writer.execute("PRAGMA journal_size_limit=67108864")
        cls._migrate(writer)
        return writer

    def _forget_written(self) -> None:
        """After a rolled-back page, numbers handed out inside it may not exist: rebuild from the file."""
        self._options_json.clear()
        self._options_by_value.clear()
        self._stock_json.clear()
        self._option_numbers = None
        self._location_numbers = None

    def _forget_identities(self) -> None:
        """At the end of a pass: the fragments cached by the identity of the page's values only help within a
        pass (a backend shares a Money or a stock tuple across the SKUs of its pages; the next pass brings new
        objects). Kept, they hold up to 3 x 16,384 of the pass's objects alive after it, which the GUI
        thread's garbage collector then walks (kiosk.ui.qt.main_thread_gc: 59 ms once, at load 13)."""
        self._options_json.clear()
        self._stock_json.clear()
        self._price.clear()

    def written_elsewhere(self) -> None:
        """Another process (a catalog worker: kiosk.catalog_worker) applied pages to this file: the numbers
        this writer handed out for option lists and locations are not all the file has now, and the fragments
        cached by identity belong to an old pass. Everything else is read from the file on each call (the
        cursor, counts, promotions), and readers see the other process's commits on their next read (WAL)."""
        self._forget_written()
        self._forget_identities()

    @staticmethod
    def _migrate(conn: sqlite3.Connection) -> None:
        """The cache is rebuildable: a file from another schema version is emptied and synced again."""
        conn.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        row = conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
        if row is not None and row[0] != str(SCHEMA_VERSION):
            for table in _TABLES:  # DROP TABLE removes virtual tables (FTS5) too
                conn.execute(f"DROP TABLE IF EXISTS {table}")
            conn.execute("VACUUM")
        conn.executescript(_SCHEMA)
        SqliteCatalogStore._set_meta(conn, "schema_version", str(SCHEMA_VERSION))

    def close(self) -> None:
        """Waits for reads under way on other threads (a read the UI started while it was being torn down)
        before closing their connections: a connection closed under a running query can crash SQLite."""
        with self._readers.paused():
            self._writer.close()

    # --- meta -------------------------------------------------------------------------------------
    @staticmethod
    def _set_meta(conn: sqlite3.Connection, key: str, value: str) -> None:
        conn.execute(
            "INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value=excluded.value",
            (key, value),
        )

    def _meta(self, key: str) -> str | None:
        with self._readers.reading() as conn:
            row = conn.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def cursor(self) -> str | None:
        return self._meta("cursor")

    def last_synced_at(self) -> datetime | None:
        value = self._meta("last_synced_at")
        return datetime.fromisoformat(value) if value else None

    # --- writing ----------------------------------------------------------------------------------
    def load_snapshot(self, snapshot: CatalogSnapshot, synced_at: datetime) -> SnapshotTrailer:
        """Builds the whole cache from a snapshot in a side file (kiosk.storage.catalog_bulk), then swaps it
        in for the empty cache while no read runs; readers reconnect to the new file on their next read."""
        if self.product_count() > 0 or self.cursor() is not None:
            raise CatalogSnapshotError(_NOT_EMPTY)
        side = catalog_bulk.side_path(self.path)
        with catalog_bulk.building(side):
            try:
                totals = catalog_bulk.build(side, _SCHEMA, SCHEMA_VERSION, snapshot, synced_at)
            except (sqlite3.IntegrityError, sqlite3.ProgrammingError, sqlite3.InterfaceError) as exc:
                # a duplicate id, a value SQLite cannot store: the snapshot's fault, not the disk's
                raise CatalogSnapshotError(f"catalog snapshot is inconsistent: {exc}") from exc
            except (sqlite3.Error, OSError) as exc:
                raise StorageError(f"{self.path.name} snapshot write failed: {exc}") from exc
            try:
                with self._readers.paused():
                    self._swap_in(side)
            finally:
                catalog_bulk.remove(side)
        return totals

    def _swap_in(self, side: Path) -> None:
        """Replaces the (still empty) cache file with `side`. Only when no other connection, in this process
        or another, has it open: one left on the old file would go on reading and writing a deleted file."""
        writer = self._writer
        writer.execute("PRAGMA busy_timeout=0")
        try:
            if writer.execute("SELECT 1 FROM products LIMIT 1").fetchone() is not None:
                raise CatalogSnapshotError(_NOT_EMPTY)
            try:  # leaving WAL mode needs every other connection to the file closed
                alone = writer.execute("PRAGMA journal_mode=DELETE").fetchone()[0] == "delete"
            except sqlite3.OperationalError:
                alone = False
            if not alone:
                raise CatalogSnapshotError(
                    f"another program has {self.path.name} open: the catalog snapshot was not swapped in"
                )
        except BaseException:
            writer.execute("PRAGMA journal_mode=WAL")
            writer.execute("PRAGMA busy_timeout=10000")
            raise
        writer.close()
        try:
            catalog_bulk.remove(self.path)
            os.replace(side, self.path)
            directory = os.open(self.path.parent, os.O_RDONLY)
            try:
                os.fsync(directory)  # the rename itself survives a power cut
            finally:
                os.close(directory)
        except OSError as exc:
            raise StorageError(f"{self.path.name} snapshot swap failed: {exc}") from exc
        finally:
            self._writer = self._open_writer(self.path)
            self._forget_written()

    def apply_page(self, page: CatalogPage, synced_at: datetime) -> None:
        conn = self._writer
        conn.execute("BEGIN IMMEDIATE")
        try:
            catalog_bulk.write_categories(conn, page.categories)
            catalog_bulk.write_locations(conn, page.locations)
            here = self._here_location_id(conn)
            unindexed = self._unindexed_from(conn, page)
            resync_from = self._resync_from(conn, page)
            self._delete_products(conn, [*page.deleted_product_ids, *(p.id for p in page.products)], unindexed)
            self._insert_products(conn, page.products, here, index_words=unindexed is None)
            if resync_from is not None and not page.has_more:
                self._sweep(conn, resync_from, unindexed)
            if unindexed is not None and not page.has_more:
                self._build_word_index(conn, unindexed)
            self._set_meta(conn, "cursor", page.next_cursor)
            self._set_meta(conn, "last_synced_at", synced_at.isoformat())
            conn.execute("COMMIT")
            if not page.has_more:
                # the pass is over: hand the writer's page cache (up to 32 MB after a full import) back
                conn.execute("PRAGMA shrink_memory")
                self._forget_identities()
        except BaseException:
            # SQLite has already rolled back after SQLITE_FULL / IOERR
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            self._forget_written()
            raise

    @staticmethod
    def _here_location_id(conn: sqlite3.Connection) -> str | None:
        row = conn.execute("SELECT id FROM locations WHERE kind=? LIMIT 1", (LocationKind.HERE.value,)).fetchone()
        return None if row is None else str(row[0])

    def _unindexed_from(self, conn: sqlite3.Connection, page: CatalogPage) -> int | None:
        """The first `seq` not yet in the word index while an import into an empty cache is under way, else
        None. A page of products arriving in an empty cache starts that mode (see the module docstring)."""
        row = conn.execute("SELECT value FROM meta WHERE key='unindexed_from'").fetchone()
        if row is not None:
            return int(row[0])
        if not page.products or conn.execute("SELECT 1 FROM products LIMIT 1").fetchone() is not None:
            return None
        seq = conn.execute("SELECT value FROM meta WHERE key='seq'").fetchone()
        first = (int(seq[0]) if seq else 0) + 1
        self._set_meta(conn, "unindexed_from", str(first))
        # popularity keys arrive in random order: these indexes are built once, sorted, at the end
        conn.execute("DROP INDEX IF EXISTS products_by_key")
        conn.execute("DROP INDEX IF EXISTS products_by_category")
        return first

    def _resync_from(self, conn: sqlite3.Connection, page: CatalogPage) -> int | None:
        """While a full re-feed (a page with `resync_reason`) is under way: the last `seq` written before it.

        Why the sweep is done this way. A re-feed sends every product the catalog has, but never the ones it
        lacks (another catalog, another database: the backend cannot name what it never had). Every product
        written gets a new `seq` above any older row, so "re-sent since the re-feed began" is `seq` above the
        mark, with no extra table or column. The mark is set in the transaction of the re-feed's first page,
        and the sweep runs in the transaction of the first page that ends the feed (`has_more` false: caught
        up), so a crash or an outage between them leaves the old products in place (the kiosk keeps serving a
        whole catalog, never an empty or half one) and the next pass resumes from the cursor, mark still set.
        A second re-feed starting before the first ended moves the mark: only what it sends survives.
        """
        if page.resync_reason:
            row = conn.execute("SELECT value FROM meta WHERE key='seq'").fetchone()
            mark = int(row[0]) if row else 0
            self._set_meta(conn, "resync_from", str(mark))
            self._set_meta(conn, "resync_reason", page.resync_reason)
            return mark
        row = conn.execute("SELECT value FROM meta WHERE key='resync_from'").fetchone()
        return None if row is None else int(row[0])

    def _sweep(self, conn: sqlite3.Connection, resync_from: int, unindexed: int | None) -> None:
        """Ends a re-feed: the products it did not send are not in the catalog any more."""
        stale = [str(r[0]) for r in conn.execute("SELECT id FROM products WHERE seq <= ?", (resync_from,))]
        self._delete_products(conn, stale, unindexed)
        conn.execute("DELETE FROM meta WHERE key IN ('resync_from', 'resync_reason')")
        _log.info("catalog refresh complete: %d product(s) no longer in the catalog removed", len(stale))

    def resync_pending(self) -> str | None:
        """Why a full re-feed is under way and not finished (an earlier pass was cut short), or None."""
        return self._meta("resync_reason")

    @staticmethod
    def _build_word_index(conn: sqlite3.Connection, first_seq: int) -> None:
        """Adds every product written since `first_seq` to the word index, in rowid (key) order, and the
        staged SKU codes to their index, in key order."""
        conn.execute(
            "INSERT INTO products_fts(rowid, title, brand) SELECT key, name_en || ' ' || name_es, brand"
            " FROM products WHERE seq >= ? ORDER BY key",
            (first_seq,),
        )
        conn.execute("INSERT OR IGNORE INTO skus SELECT crc, seq FROM sku_stage ORDER BY crc, seq")
        conn.execute("DELETE FROM sku_stage")
        conn.execute("CREATE UNIQUE INDEX IF NOT EXISTS products_by_key ON products(key)")
        conn.execute("CREATE INDEX IF NOT EXISTS products_by_category ON products(category_id, key)")
        conn.execute("DELETE FROM meta WHERE key='unindexed_from'")

    @staticmethod
    def _delete_products(conn: sqlite3.Connection, product_ids: Sequence[str], unindexed: int | None) -> None:
        """Removes rows, their codes and their FTS entries; contentless FTS5 needs the old values to delete.
        Rows from `unindexed` on (an import still under way) are not in the word index yet."""
        for start in range(0, len(product_ids), 500):
            chunk = product_ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            old = conn.execute(
                f"SELECT key, name_en, name_es, brand, variants, seq FROM products WHERE id IN ({marks})", chunk
            ).fetchall()
            if not old:
                continue
            conn.executemany(
                "INSERT INTO products_fts(products_fts, rowid, title, brand) VALUES ('delete', ?, ?, ?)",
                sorted(
                    (key, f"{en} {es}", brand)
                    for key, en, es, brand, _, seq in old
                    if unindexed is None or seq < unindexed
                ),
            )
            gtins: list[tuple[int, int]] = []
            skus: list[tuple[int, int]] = []
            for _, _, _, _, variants, seq in old:
                parsed = json.loads(variants)
                gtins += [(first, seq) for first, _ in gtin_runs(v[2] for v in parsed)]
                skus += [(sku_code(v[1]), seq) for v in parsed]
            conn.executemany("DELETE FROM gtins WHERE first=? AND seq=?", gtins)
            conn.executemany("DELETE FROM skus WHERE crc=? AND seq=?", skus)
            conn.execute(f"DELETE FROM products WHERE id IN ({marks})", chunk)

    def _insert_products(
        self, conn: sqlite3.Connection, products: Sequence[Product], here: str | None, *, index_words: bool = True
    ) -> None:
        """The import hot path: one loop turn per SKU, so lookups are hoisted into locals and every
        fragment that repeats across SKUs (prices, option lists, stock lists) is encoded once. Without
        `index_words` (an import into an empty cache) the word index is left to _build_word_index."""
        if not products:
            return
        row = conn.execute("SELECT value FROM meta WHERE key='seq'").fetchone()
        seq = int(row[0]) if row else 0
        if here != self._stock_here:
            self._stock_json.clear()  # cached "stock here" figures belong to one location
            self._stock_here = here
        options_cache, stock_cache, price_cache = self._options_json, self._stock_json, self._price
        if self._option_numbers is None or self._location_numbers is None:
            self._option_numbers = {j: n for n, j in conn.execute("SELECT n, json FROM option_sets")}
            self._location_numbers = {i: n for n, i in conn.execute("SELECT n, id FROM location_codes")}
        option_numbers = self._option_numbers
        options_by_value = self._options_by_value
        enc = _enc
        product_rows = []
        fts_rows = []
        gtin_rows = []
        sku_rows = []
        for product in products:
            seq += 1
            key = _sort_key(product.popularity, seq)
            stock_here = 0
            min_minor: int | None = None
            min_currency: str | None = None
            parts = []
            gtins: list[str | None] = []
            for variant in product.variants:
                price = variant.price
                cached_price = price_cache.get(id(price))
                if cached_price is None or cached_price[0] is not price:
                    if len(price_cache) > _CACHE_LIMIT:
                        price_cache.clear()
                    cached_price = price_cache[id(price)] = (price, price.to_minor(), enc(price.currency))
                minor = cached_price[1]
                if min_minor is None or minor < min_minor:
                    min_minor, min_currency = minor, price.currency
                options = variant.options
                cached_options = options_cache.get(id(options))
                if cached_options is None or cached_options[0] is not options:
                    if len(options_cache) > _CACHE_LIMIT:
                        options_cache.clear()
                    # equal option lists are often distinct objects (one per product layout): by value next
                    number_text = options_by_value.get(options)
                    if number_text is None:
                        text = option_list_json(options)
                        number = option_numbers.get(text)
                        if number is None:
                            number = conn.execute("INSERT INTO option_sets(json) VALUES (?)", (text,)).lastrowid
                            assert number is not None
                            option_numbers[text] = number
                        number_text = options_by_value[options] = str(number)
                    cached_options = options_cache[id(options)] = (options, number_text)
                stock = variant.stock
                cached_stock = stock_cache.get(id(stock))
                if cached_stock is None or cached_stock[0] is not stock:
                    if len(stock_cache) > _CACHE_LIMIT:
                        stock_cache.clear()
                    text = ",".join(f"{self._location_number(conn, s.location_id)},{int(s.quantity)}" for s in stock)
                    quantity = sum(max(0, s.quantity) for s in stock if s.location_id == here)
                    cached_stock = stock_cache[id(stock)] = (stock, f"[{text}]", quantity)
                stock_here += cached_stock[2]
                gtin = variant.gtin
                image = variant.image
                was = variant.compare_at
                parts.append(
                    f"[{enc(variant.id)},{enc(variant.sku)},{'null' if gtin is None else enc(gtin)},{minor},"
                    f"{cached_price[2]},{cached_options[1]},{'null' if image is None else enc(image)},"
                    f"{cached_stock[1]}{'' if was is None else f',{was.to_minor()}'}]"
                )
                gtins.append(gtin)
                sku_rows.append((sku_code(variant.sku), seq))
            gtin_rows += [(first, seq, count) for first, count in gtin_runs(gtins)]
            related = getattr(product, "related", ())
            product_rows.append(
                (
                    seq,
                    key,
                    product.id,
                    product.name.en,
                    product.name.es,
                    product.brand,
                    product.description.en,
                    product.description.es,
                    product.category_id,
                    product.rating,
                    product.review_count,
                    product.popularity,
                    product.image,
                    product.updated_at.isoformat() if product.updated_at else None,
                    min_minor,
                    min_currency,
                    stock_here,
                    f"[{','.join(parts)}]",
                    json.dumps(list(related)) if related else "[]",
                )
            )
            if index_words:
                fts_rows.append((key, f"{product.name.en} {product.name.es}", product.brand))
        conn.executemany(f"INSERT INTO products VALUES ({','.join('?' * 19)})", product_rows)
        gtin_rows.sort()
        sku_rows.sort()
        if not index_words:
            # CRCs are random: inserted page by page into a 1M-row index they dirty most of its pages on
            # every commit, so an import appends them here and _build_word_index sorts them in once
            conn.executemany("INSERT INTO sku_stage VALUES (?,?)", sku_rows)
            sku_rows = []
        conn.executemany("INSERT OR IGNORE INTO gtins VALUES (?,?,?)", gtin_rows)
        conn.executemany("INSERT OR IGNORE INTO skus VALUES (?,?)", sku_rows)
        # FTS5 flushes its pending terms whenever a rowid arrives below the previous one: keys in
        # popularity order are random in arrival order, and unsorted they made indexing 3x slower
        fts_rows.sort()
        conn.executemany("INSERT INTO products_fts(rowid, title, brand) VALUES (?, ?, ?)", fts_rows)
        self._set_meta(conn, "seq", str(seq))

    def _location_number(self, conn: sqlite3.Connection, location_id: str) -> int:
        numbers = self._location_numbers
        assert numbers is not None
        number = numbers.get(location_id)
        if number is None:
            number = conn.execute("INSERT INTO location_codes(id) VALUES (?)", (location_id,)).lastrowid
            assert number is not None
            numbers[location_id] = number
        return number

    # --- promotions (issue 19) ------------------------------------------------------------------------
    def save_promotions(
        self,
        promotions: Sequence[Promotion],
        find_products: Callable[[Sequence[str]], Mapping[str, str]] | None = None,
    ) -> dict[str, str]:
        """Caches the backend's promotions as they are now (replacing the last ones) with the product of each
        variant they name, and returns that map (variants whose product is not known are left out).

        A variant's product is asked of `find_products` (the backend, which knows) once per variant and kept in
        `promotion_variants`; without it the cache scans its products' variant lists, which costs a pass over
        the table (docs/promotions.md has the figures). A variant not found is looked for again only once the
        catalog has moved on (its product may arrive in a later page). A pass with the same promotions and
        nothing new to find writes nothing."""
        conn = self._writer
        rows = [(i, p.id, promotion_to_json(p)) for i, p in enumerate(promotions)]
        named = sorted({v for p in promotions for v in p.variant_ids | p.free_variant_ids})
        known = {str(v): (None if p is None else str(p)) for v, p in conn.execute("SELECT * FROM promotion_variants")}
        cursor = self.cursor() or ""
        row = conn.execute("SELECT value FROM meta WHERE key='promotion_variants_cursor'").fetchone()
        catalog_moved = row is None or row[0] != cursor
        wanted = [v for v in named if v not in known or (known[v] is None and catalog_moved)]
        found: Mapping[str, str] = {}
        if wanted:
            found = find_products(wanted) if find_products is not None else _products_of_variants(conn, wanted)
        mapping = {v: (found.get(v) if v in wanted else known[v]) for v in named}
        cached = [tuple(r) for r in conn.execute("SELECT position, id, json FROM promotions ORDER BY position")]
        if cached == rows and not wanted and set(known) == set(named):
            return {v: p for v, p in mapping.items() if p is not None}
        with write_transaction(conn, self.path.name):
            conn.execute("DELETE FROM promotions")
            conn.executemany("INSERT INTO promotions(position, id, json) VALUES (?, ?, ?)", rows)
            conn.execute("DELETE FROM promotion_variants")
            conn.executemany("INSERT INTO promotion_variants VALUES (?, ?)", list(mapping.items()))
            self._set_meta(conn, "promotion_variants_cursor", cursor)
        return {v: p for v, p in mapping.items() if p is not None}

    def promotions(self) -> tuple[tuple[Promotion, ...], dict[str, str]]:
        """The promotions last cached, in the backend's order, and the product of each variant they name: what
        the kiosk shows offline. A row this kiosk cannot read (cached by another release) is skipped."""
        with self._readers.reading() as conn:
            texts = [str(r[0]) for r in conn.execute("SELECT json FROM promotions ORDER BY position")]
            pairs = conn.execute("SELECT variant_id, product_id FROM promotion_variants WHERE product_id IS NOT NULL")
            mapping = {str(v): str(p) for v, p in pairs}
        found: list[Promotion] = []
        for text in texts:
            try:
                found.append(promotion_from_json(text))
            except (ValueError, KeyError, TypeError):
                continue
        return tuple(found), mapping

    # --- reading ----------------------------------------------------------------------------------
    def product_count(self) -> int:
        with self._readers.reading() as conn:
            return int(conn.execute("SELECT count(*) FROM products").fetchone()[0])

    def product(self, product_id: str) -> Product | None:
        with self._readers.reading() as conn:
            row = conn.execute(f"SELECT {_PRODUCT_COLUMNS} FROM products WHERE id=?", (product_id,)).fetchone()
            return None if row is None else _product_from_row(row, _Codes(conn))

    def variant_by_gtin(self, gtin14: str) -> Variant | None:
        if not gtin14.isdigit() or len(gtin14) > 18:
            return None
        with self._readers.reading() as conn:
            for product_id, variants in self._products_with_gtin(conn, int(gtin14)):
                for v in variants:
                    if v[2] is not None and v[2].isdigit() and int(v[2]) == int(gtin14):
                        return _variant_from_json(product_id, v, _Codes(conn))
        return None

    @staticmethod
    def _products_with_gtin(conn: sqlite3.Connection, gtin: int) -> list[tuple[str, list[Any]]]:
        """Products whose GTIN runs cover `gtin`, most popular first, with their parsed variants. Codes
        point at `seq`, the table's own key, so a scan is two index probes even while an import has the
        popularity-key index down."""
        body = gtin // 10
        seqs = [
            seq
            for first, seq, count in conn.execute(
                "SELECT first, seq, count FROM gtins WHERE first <= ? ORDER BY first DESC LIMIT ?",
                (body, _GTIN_WINDOW),
            )
            if body < first + count
        ]
        if not seqs:
            return []
        marks = ",".join("?" * len(seqs))
        rows = conn.execute(f"SELECT id, variants FROM products WHERE seq IN ({marks}) ORDER BY key", seqs)
        return [(str(pid), json.loads(variants)) for pid, variants in rows]

    def search(self, query: str, lang: str, limit: int, offset: int) -> Sequence[SearchHit]:
        """Exact GTIN/SKU hits first (on the first page), then title matches, then brand-only matches."""
        with self._readers.reading() as conn:
            return self._search(conn, query, limit, offset)

    def search_refined(self, query: str, refinement: SearchRefinement, limit: int, offset: int) -> SearchResults:
        """Sorts and filters the SEARCH_CANDIDATES most relevant matches (codes, titles, brands, as `search`
        ranks them) in Python: at most that many rows are read, whatever the catalog's size."""
        if refinement == SearchRefinement():
            # the plain type-ahead: the ranked page as `search` reads it, and a count that stops at the bound
            # (median 0.6 -> 1.0 ms on 20k matches; sorting the 1000 candidates costs ~6.7 ms)
            with self._readers.reading() as conn:
                page = self._search(conn, query, limit, offset)
                total = self._bounded_count(conn, query)
            if total == 0 and offset == 0:
                total = len(page)  # a GTIN or SKU found by code, not by its words
            return SearchResults(tuple(page), total, total >= SEARCH_CANDIDATES)
        with self._readers.reading() as conn:
            candidates = self._search(conn, query, SEARCH_CANDIDATES, 0)
            items = _facet_items(conn, candidates) if refinement.filters else None
        capped = len(candidates) >= SEARCH_CANDIDATES
        if items is not None:
            hits = [h for h, item in zip(candidates, items, strict=True)
                    if passes(item, refinement.filters, refinement.in_store_only)]  # fmt: skip
        else:
            hits = [h for h in candidates if h.in_stock_here or not refinement.in_store_only]
        if refinement.sort in (SearchSort.PRICE_LOW, SearchSort.PRICE_HIGH):
            priced = [h for h in hits if h.price is not None]
            priced.sort(
                key=lambda h: h.price.amount if h.price else 0, reverse=refinement.sort is SearchSort.PRICE_HIGH
            )
            hits = priced + [h for h in hits if h.price is None]  # unpriced last either way
        elif refinement.sort is SearchSort.NEW:
            changed = self._updated_at([h.product_id for h in hits])
            hits.sort(key=lambda h: changed.get(h.product_id, ""), reverse=True)
        return SearchResults(tuple(hits[offset : offset + max(0, limit)]), len(hits), capped)

    def search_facets(self, query: str, refinement: SearchRefinement) -> Sequence[FacetValue]:
        """Facet values over the same SEARCH_CANDIDATES candidates `search_refined` filters: one read of their
        variants (cached option lists), counted in Python (kiosk.core.search_facets)."""
        if not query.strip():
            return ()
        with self._readers.reading() as conn:
            candidates = self._search(conn, query, SEARCH_CANDIDATES, 0)
            items = _facet_items(conn, candidates)
        return facet_values(items, refinement.filters, refinement.in_store_only)

    @staticmethod
    def _bounded_count(conn: sqlite3.Connection, query: str) -> int:
        """How many products match `query`'s words in title or brand, counting no further than the bound."""
        tokens = _TOKEN.findall(query.lower())
        if not tokens:
            return 0
        words = " ".join(f'"{token}"*' for token in tokens)
        try:
            row = conn.execute(
                "SELECT count(*) FROM (SELECT rowid FROM products_fts WHERE products_fts MATCH ? LIMIT ?)",
                (words, SEARCH_CANDIDATES),
            ).fetchone()
        except sqlite3.OperationalError:
            return 0
        return int(row[0])

    def _updated_at(self, product_ids: Sequence[str]) -> dict[str, str]:
        if not product_ids:
            return {}
        marks = ",".join("?" * len(product_ids))
        rows = self._read_all(f"SELECT id, coalesce(updated_at, '') FROM products WHERE id IN ({marks})", product_ids)
        return {str(r[0]): str(r[1]) for r in rows}

    def spelling_suggestion(self, query: str) -> str | None:
        """The query with each word that the index lacks replaced by its most common one-edit neighbour that
        it has (kiosk.core.spelling); None when every word is known or no correction exists."""
        tokens = [fold(token) for token in _TOKEN.findall(query.lower())]
        if not tokens:
            return None
        with self._readers.reading() as conn:
            _ensure_vocabulary(conn)
            corrected, changed = [], False
            for token in tokens:
                if len(token) < MIN_LENGTH or _known(conn, token):
                    corrected.append(token)
                    continue
                best = _most_common(conn, one_edit_away(token))
                if best is None:
                    corrected.append(token)
                    continue
                corrected.append(best)
                changed = True
        return " ".join(corrected) if changed else None

    def _search(self, conn: sqlite3.Connection, query: str, limit: int, offset: int) -> Sequence[SearchHit]:
        exact = self._exact_code_hits(conn, query.strip()) if offset == 0 else []
        tokens = _TOKEN.findall(query.lower())
        if not tokens or limit < 1:
            return exact
        words = " ".join(f'"{token}"*' for token in tokens)
        in_title = f"title : ({words})"
        try:
            keys = self._match_keys(conn, in_title, limit, offset)
            if len(keys) < limit:
                # titles ran out inside this page: brand-only matches continue the list
                titles = offset + len(keys) if keys or offset == 0 else self._match_count(conn, in_title)
                keys += self._match_keys(
                    conn, f"({words}) NOT ({in_title})", limit - len(keys), max(0, offset - titles)
                )
        except sqlite3.OperationalError:
            return exact  # input FTS5 cannot parse even after quoting: no word matches, codes still do
        hits = self._hits_by_keys(conn, keys)
        seen = {h.product_id for h in exact}
        return [*exact, *(h for h in hits if h.product_id not in seen)][: max(limit, len(exact))]

    @staticmethod
    def _match_keys(conn: sqlite3.Connection, match: str, limit: int, offset: int) -> list[int]:
        return [
            r[0]
            for r in conn.execute(
                "SELECT rowid FROM products_fts WHERE products_fts MATCH ? ORDER BY rowid LIMIT ? OFFSET ?",
                (match, limit, offset),
            )
        ]

    @staticmethod
    def _match_count(conn: sqlite3.Connection, match: str) -> int:
        return int(conn.execute("SELECT count(*) FROM products_fts WHERE products_fts MATCH ?", (match,)).fetchone()[0])

    @staticmethod
    def _exact_code_hits(conn: sqlite3.Connection, text: str) -> list[SearchHit]:
        if not text or len(text) > 64:
            return []
        ids: list[str] = []
        if text.isdigit() and 8 <= len(text) <= 14:
            gtin = int(text)
            ids += [
                pid
                for pid, variants in SqliteCatalogStore._products_with_gtin(conn, gtin)
                if any(v[2] is not None and v[2].isdigit() and int(v[2]) == gtin for v in variants)
            ]
        upper = text.upper()
        seqs = [r[0] for r in conn.execute("SELECT seq FROM skus WHERE crc=? LIMIT 8", (sku_code(text),))]
        if seqs:
            marks = ",".join("?" * len(seqs))
            for pid, variants in conn.execute(
                f"SELECT id, variants FROM products WHERE seq IN ({marks}) ORDER BY key", seqs
            ):
                if any(str(v[1]).upper() == upper for v in json.loads(variants)):
                    ids.append(str(pid))  # a CRC match is only a candidate: the SKU itself must match
        ids = list(dict.fromkeys(ids))[:5]
        if not ids:
            return []
        marks = ",".join("?" * len(ids))
        rows = {r[1]: r for r in conn.execute(f"SELECT {_HIT_COLUMNS} FROM products WHERE id IN ({marks})", ids)}
        return [_hit_from_row(rows[i]) for i in ids if i in rows]

    @staticmethod
    def _hits_by_keys(conn: sqlite3.Connection, keys: Sequence[int]) -> list[SearchHit]:
        """Hits in the order of `keys` (the ranking), not in table order."""
        if not keys:
            return []
        marks = ",".join("?" * len(keys))
        rows = {r[0]: r for r in conn.execute(f"SELECT {_HIT_COLUMNS} FROM products WHERE key IN ({marks})", keys)}
        return [_hit_from_row(rows[k]) for k in keys if k in rows]

    def categories(self) -> Sequence[Category]:
        return [
            Category(id=r[0], name=LocalizedText(r[1], r[2]), parent_id=r[3], position=r[4] or 0)
            for r in self._read_all(
                "SELECT id, name_en, name_es, parent_id, position FROM categories ORDER BY position, id"
            )
        ]

    def products_in_category(self, category_id: str, limit: int, offset: int) -> Sequence[SearchHit]:
        with self._readers.reading() as conn:
            children = [r[0] for r in conn.execute("SELECT id FROM categories WHERE parent_id=?", (category_id,))]
            ids = [category_id, *children]
            # one category walks its (category_id, key) index in popularity order and stops after the page
            rows = conn.execute(
                f"SELECT {_HIT_COLUMNS} FROM products WHERE category_id IN ({','.join('?' * len(ids))})"
                " ORDER BY key LIMIT ? OFFSET ?",
                (*ids, limit, offset),
            ).fetchall()
        return [_hit_from_row(r) for r in rows]

    def popular(self, limit: int) -> Sequence[SearchHit]:
        rows = self._read_all(f"SELECT {_HIT_COLUMNS} FROM products ORDER BY key LIMIT ?", (limit,))
        return [_hit_from_row(r) for r in rows]

    def locations(self) -> Sequence[Location]:
        return [
            Location(id=r[0], name=r[1], kind=LocationKind(r[2]), city=r[3], address=r[4], opening_hours=_hours(r[5]))
            for r in self._read_all(
                "SELECT id, name, kind, city, address, opening_hours FROM locations ORDER BY kind, name"
            )
        ]

    def also_bought(self, product_id: str, limit: int) -> Sequence[SearchHit]:
        with self._readers.reading() as conn:
            return _also_bought(conn, product_id, limit)

    def recommended_for(self, product_ids: Sequence[str], exclude: Sequence[str], limit: int) -> Sequence[SearchHit]:
        with self._readers.reading() as conn:
            return _recommended_for(conn, product_ids, exclude, limit)

    def _read_all(self, sql: str, params: Sequence[object] = ()) -> list[Any]:
        with self._readers.reading() as conn:
            return conn.execute(sql, params).fetchall()

    def availability(self, variant: Variant) -> StockAvailability:
        quantities = {level.location_id: level.quantity for level in variant.stock}
        here = 0
        warehouse = 0
        others: list[tuple[Location, int]] = []
        for location in self.locations():
            quantity = max(0, quantities.get(location.id, 0))
            if location.kind is LocationKind.HERE:
                here += quantity
            elif location.kind is LocationKind.WAREHOUSE:
                warehouse += quantity
            else:
                others.append((location, quantity))
        return StockAvailability(
            here=here, other_stores=tuple(others), warehouse=warehouse, as_of=self.last_synced_at()
        )


def _products_of_variants(conn: sqlite3.Connection, variant_ids: Sequence[str]) -> dict[str, str]:
    """The product of each variant id, by a scan of the products' variant lists (no index holds variant ids:
    only promotions ask, a few ids at a time); each candidate row is parsed to confirm the id."""
    found: dict[str, str] = {}
    wanted = set(variant_ids)
    for start in range(0, len(variant_ids), 50):
        chunk = list(variant_ids[start : start + 50])
        where = " OR ".join("instr(variants, ?) > 0" for _ in chunk)
        needles = [json.dumps(v, ensure_ascii=False) for v in chunk]  # the id as it is quoted inside the JSON list
        for product_id, variants in conn.execute(f"SELECT id, variants FROM products WHERE {where}", needles):
            for v in json.loads(variants):
                if v[0] in wanted:
                    found[str(v[0])] = str(product_id)
    return found


# --- recommendations from co-purchases (products.related); see kiosk.core.recommendations -----------------
def _hits_by_ids(conn: sqlite3.Connection, product_ids: Sequence[str]) -> list[SearchHit]:
    """Hits in the order asked; ids no longer in the cache (deleted since) are skipped."""
    if not product_ids:
        return []
    marks = ",".join("?" * len(product_ids))
    rows = conn.execute(f"SELECT {_HIT_COLUMNS} FROM products WHERE id IN ({marks})", list(product_ids)).fetchall()
    by_id = {str(r[1]): _hit_from_row(r) for r in rows}
    return [by_id[pid] for pid in product_ids if pid in by_id]


def _also_bought(conn: sqlite3.Connection, product_id: str, limit: int) -> list[SearchHit]:
    row = conn.execute("SELECT related FROM products WHERE id=?", (product_id,)).fetchone()
    if row is None or limit < 1:
        return []
    related = [str(pid) for pid in json.loads(row[0]) if pid != product_id]
    return _hits_by_ids(conn, list(dict.fromkeys(related))[: limit * 2])[:limit]


def _recommended_for(
    conn: sqlite3.Connection, product_ids: Sequence[str], exclude: Sequence[str], limit: int
) -> list[SearchHit]:
    seeds = list(dict.fromkeys(product_ids))[:50]
    if limit < 1 or not seeds:
        return []
    related: dict[str, list[str]] = {}
    for pid, text in conn.execute(
        f"SELECT id, related FROM products WHERE id IN ({','.join('?' * len(seeds))})", seeds
    ):
        related[str(pid)] = [str(x) for x in json.loads(text)]
    candidates = sorted({x for ids in related.values() for x in ids})
    popularity: dict[str, int] = {}
    for start in range(0, len(candidates), 500):
        chunk = candidates[start : start + 500]
        for pid, pop in conn.execute(
            f"SELECT id, popularity FROM products WHERE id IN ({','.join('?' * len(chunk))})", chunk
        ):
            popularity[str(pid)] = int(pop)
    # a related id missing from the cache (deleted, or not synced yet) cannot be shown: rank live ones only
    live = {seed: [x for x in ids if x in popularity] for seed, ids in related.items()}
    return _hits_by_ids(conn, rank(seeds, live, popularity, set(exclude), limit))


def _hours_text(hours: object) -> str:
    if isinstance(hours, str):
        return hours
    return str(_FORMAT_HOURS(hours)) if _FORMAT_HOURS is not None else ""


def _hours(text: str) -> Any:
    if _PARSE_HOURS is None:
        return text
    try:
        return _PARSE_HOURS(text)
    except ValueError:  # hours a store typed in a shape we cannot read: shown as unknown, not a crash
        return ()


class _Codes:
    """Option lists and location ids by number, read once per product build on the reader's connection."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn
        self._options: dict[int, tuple[tuple[str, LocalizedText], ...]] = {}
        self._locations: dict[int, str] | None = None

    def options(self, number: int) -> tuple[tuple[str, LocalizedText], ...]:
        found = self._options.get(number)
        if found is None:
            row = self._conn.execute("SELECT json FROM option_sets WHERE n=?", (number,)).fetchone()
            found = tuple((str(k), LocalizedText(en, es)) for k, en, es in json.loads(row[0])) if row else ()
            self._options[number] = found
        return found

    def location(self, number: int) -> str:
        if self._locations is None:
            self._locations = {n: str(i) for n, i in self._conn.execute("SELECT n, id FROM location_codes")}
        return self._locations.get(number, "")


def _variant_from_json(product_id: str, v: list[Any], codes: _Codes) -> Variant:
    """One element of products.variants: [id, sku, gtin, price_minor, currency, option set number, image,
    [location number, quantity, location number, quantity, ...]] and, when the variant is marked down, its
    compare-at price in minor units of the same currency (a ninth element, so rows written before it was
    kept still read)."""
    stock = v[7]
    return Variant(
        id=v[0],
        product_id=product_id,
        sku=v[1],
        gtin=v[2],
        price=Money.from_minor(int(v[3]), v[4]),
        options=codes.options(int(v[5])),
        image=v[6],
        stock=tuple(StockLevel(codes.location(int(stock[i])), int(stock[i + 1])) for i in range(0, len(stock), 2)),
        compare_at=Money.from_minor(int(v[8]), v[4]) if len(v) > 8 and v[8] is not None else None,
    )


def _product_from_row(row: Sequence[Any], codes: _Codes) -> Product:
    product_id = str(row[0])
    extra: dict[str, Any] = {"related": tuple(json.loads(row[13]))} if _HAS_RELATED else {}
    return Product(
        id=product_id,
        name=LocalizedText(row[1], row[2]),
        brand=row[3],
        description=LocalizedText(row[4], row[5]),
        category_id=row[6],
        variants=tuple(_variant_from_json(product_id, v, codes) for v in json.loads(row[12])),
        rating=row[7],
        review_count=row[8],
        popularity=row[9],
        image=row[10],
        updated_at=datetime.fromisoformat(row[11]) if row[11] else None,
        **extra,
    )


def _facet_items(conn: sqlite3.Connection, hits: Sequence[SearchHit]) -> list[FacetItem]:
    """The candidates as the facet filters see them, in the order of `hits`: one read of their rows and one of
    the option lists they use (a catalog has a few hundred distinct lists; 1000 candidates use some dozens)."""
    rows: dict[str, tuple[str, int | None, str | None, int, set[int]]] = {}
    ids = [h.product_id for h in hits]
    numbers = _OPTION_SET_NUMBERS.findall
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        for pid, brand, minor, currency, here, variants in conn.execute(
            f"SELECT id, brand, price_minor, currency, stock_here, variants FROM products WHERE id IN ({marks})", chunk
        ):
            rows[str(pid)] = (str(brand), minor, currency, int(here), {int(n) for n in numbers(variants)})
    pairs_of = _size_and_colour(conn, set().union(*(row[4] for row in rows.values())))
    items = []
    for hit in hits:
        row = rows.get(hit.product_id)
        if row is None:  # deleted between the two reads: nothing to filter on
            items.append(FacetItem(hit.product_id, hit.brand, None, None, False, ()))
            continue
        brand, minor, currency, here, sets = row
        items.append(FacetItem(hit.product_id, brand, minor, currency, here > 0, tuple(pairs_of[n] for n in sets)))
    return items


_SizeColour = tuple[LocalizedText | None, LocalizedText | None]


def _size_and_colour(conn: sqlite3.Connection, numbers: set[int]) -> dict[int, _SizeColour]:
    """(size, colour) of each option list, by number; a list the file lacks has neither."""
    found: dict[int, _SizeColour] = dict.fromkeys(numbers, (None, None))
    wanted = sorted(numbers)
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        marks = ",".join("?" * len(chunk))
        for number, text in conn.execute(f"SELECT n, json FROM option_sets WHERE n IN ({marks})", chunk):
            size = colour = None
            for key, en, es in json.loads(text):
                group = facet_of(str(key))
                if group is FacetGroup.SIZE and size is None:
                    size = LocalizedText(en, es)
                elif group is FacetGroup.COLOUR and colour is None:
                    colour = LocalizedText(en, es)
            found[int(number)] = (size, colour)
    return found


def _hit_from_row(row: Sequence[object]) -> SearchHit:
    price = None if row[5] is None else Money.from_minor(int(str(row[5])), str(row[6]))
    return SearchHit(
        product_id=str(row[1]),
        name=LocalizedText(str(row[2]), str(row[3])),
        brand=str(row[4]),
        price=price,
        image=None if row[7] is None else str(row[7]),
        rating=None if row[8] is None else float(str(row[8])),
        in_stock_here=int(str(row[9])) > 0,
    )

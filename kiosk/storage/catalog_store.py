"""catalog.db: the rebuildable local copy of the whole online catalog, searchable offline.

Search design (why it stays fast at a million SKUs): each product's integer key is its popularity rank
followed by an arrival sequence, and the contentless FTS5 index uses that key as its rowid. FTS5 yields
matches in rowid order, so "the most popular matches first" is a plain `LIMIT` that stops after the first
page instead of ranking every match with bm25 (measured 0.2-1.6 s for short prefixes over 1M rows).
Prefix indexes for 1-3 characters keep one-letter type-ahead cheap. Exact GTIN and SKU hits come first.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterable, Sequence
from datetime import datetime
from pathlib import Path

from kiosk.core.catalog import (
    CatalogPage,
    Category,
    Location,
    LocationKind,
    Product,
    SearchHit,
    StockAvailability,
    StockLevel,
    Variant,
)
from kiosk.core.i18n import LocalizedText
from kiosk.core.money import Money
from kiosk.storage.connections import PerThreadConnections, open_connection

SCHEMA_VERSION = 1
_POPULARITY_CAP = (1 << 28) - 1
_TOKEN = re.compile(r"\w+", re.UNICODE)

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
    key INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    name_en TEXT NOT NULL, name_es TEXT NOT NULL, brand TEXT NOT NULL,
    desc_en TEXT NOT NULL, desc_es TEXT NOT NULL,
    category_id TEXT, rating REAL, review_count INTEGER NOT NULL, popularity INTEGER NOT NULL,
    image TEXT, updated_at TEXT, price_minor INTEGER, currency TEXT, stock_here INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS products_by_category ON products(category_id, key);
CREATE TABLE IF NOT EXISTS variants (
    id TEXT PRIMARY KEY, product_id TEXT NOT NULL, position INTEGER NOT NULL, sku TEXT NOT NULL,
    gtin TEXT, price_minor INTEGER NOT NULL, currency TEXT NOT NULL, options TEXT NOT NULL,
    image TEXT, stock TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS variants_by_product ON variants(product_id, position);
CREATE INDEX IF NOT EXISTS variants_by_gtin ON variants(gtin);
CREATE INDEX IF NOT EXISTS variants_by_sku ON variants(sku COLLATE NOCASE);
CREATE VIRTUAL TABLE IF NOT EXISTS products_fts USING fts5(
    title, brand, content='', prefix='1 2 3', tokenize='unicode61 remove_diacritics 2'
);
"""

_HIT_COLUMNS = "id, name_en, name_es, brand, price_minor, currency, image, rating, stock_here"


def fts_query(text: str) -> str | None:
    """Every word must match as a prefix; quoting each token keeps FTS5 syntax out of shopper input."""
    tokens = _TOKEN.findall(text.lower())
    if not tokens:
        return None
    return " ".join(f'"{token}"*' for token in tokens)


def _sort_key(popularity: int, seq: int) -> int:
    return ((_POPULARITY_CAP - max(0, min(popularity, _POPULARITY_CAP))) << 32) | (seq & 0xFFFFFFFF)


class SqliteCatalogStore:
    """CatalogStore on SQLite; one writer (the sync worker), any number of reader threads."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._writer = open_connection(path, durable=False)
        self._writer.executescript(_SCHEMA)
        self._readers = PerThreadConnections(lambda: open_connection(path, durable=False))
        self._set_meta(self._writer, "schema_version", str(SCHEMA_VERSION))

    def close(self) -> None:
        self._readers.close_all()
        self._writer.close()

    # --- meta -------------------------------------------------------------------------------------
    @staticmethod
    def _set_meta(conn: sqlite3.Connection, key: str, value: str) -> None:
        conn.execute(
            "INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value=excluded.value",
            (key, value),
        )

    def _meta(self, key: str) -> str | None:
        row = self._readers.get().execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def cursor(self) -> str | None:
        return self._meta("cursor")

    def last_synced_at(self) -> datetime | None:
        value = self._meta("last_synced_at")
        return datetime.fromisoformat(value) if value else None

    # --- writing ----------------------------------------------------------------------------------
    def apply_page(self, page: CatalogPage, synced_at: datetime) -> None:
        conn = self._writer
        conn.execute("BEGIN IMMEDIATE")
        try:
            self._write_categories(conn, page.categories)
            self._write_locations(conn, page.locations)
            here = self._here_location_id(conn)
            self._delete_products(conn, [*page.deleted_product_ids, *(p.id for p in page.products)])
            self._insert_products(conn, page.products, here)
            self._set_meta(conn, "cursor", page.next_cursor)
            self._set_meta(conn, "last_synced_at", synced_at.isoformat())
            conn.execute("COMMIT")
        except BaseException:
            # SQLite has already rolled back after SQLITE_FULL / IOERR
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise

    @staticmethod
    def _write_categories(conn: sqlite3.Connection, categories: Iterable[Category]) -> None:
        conn.executemany(
            "INSERT OR REPLACE INTO categories(id, name_en, name_es, parent_id, position) VALUES (?,?,?,?,?)",
            [(c.id, c.name.en, c.name.es, c.parent_id, c.position) for c in categories],
        )

    @staticmethod
    def _write_locations(conn: sqlite3.Connection, locations: Iterable[Location]) -> None:
        conn.executemany(
            "INSERT OR REPLACE INTO locations(id, name, kind, city, address, opening_hours) VALUES (?,?,?,?,?,?)",
            [(x.id, x.name, x.kind.value, x.city, x.address, x.opening_hours) for x in locations],
        )

    @staticmethod
    def _here_location_id(conn: sqlite3.Connection) -> str | None:
        row = conn.execute("SELECT id FROM locations WHERE kind=? LIMIT 1", (LocationKind.HERE.value,)).fetchone()
        return None if row is None else str(row[0])

    @staticmethod
    def _delete_products(conn: sqlite3.Connection, product_ids: Sequence[str]) -> None:
        """Removes rows and their FTS entries; contentless FTS5 needs the old values to delete them."""
        for start in range(0, len(product_ids), 500):
            chunk = product_ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            old = conn.execute(
                f"SELECT key, name_en || ' ' || name_es, brand FROM products WHERE id IN ({marks})", chunk
            ).fetchall()
            if not old:
                continue
            conn.executemany(
                "INSERT INTO products_fts(products_fts, rowid, title, brand) VALUES ('delete', ?, ?, ?)", old
            )
            conn.execute(f"DELETE FROM variants WHERE product_id IN ({marks})", chunk)
            conn.execute(f"DELETE FROM products WHERE id IN ({marks})", chunk)

    def _insert_products(self, conn: sqlite3.Connection, products: Sequence[Product], here: str | None) -> None:
        if not products:
            return
        row = conn.execute("SELECT value FROM meta WHERE key='seq'").fetchone()
        seq = int(row[0]) if row else 0
        product_rows = []
        fts_rows = []
        variant_rows = []
        for product in products:
            seq += 1
            key = _sort_key(product.popularity, seq)
            price = product.from_price
            stock_here = 0
            for position, variant in enumerate(product.variants):
                stock = {level.location_id: level.quantity for level in variant.stock}
                if here is not None:
                    stock_here += max(0, stock.get(here, 0))
                variant_rows.append(
                    (
                        variant.id,
                        product.id,
                        position,
                        variant.sku,
                        variant.gtin,
                        variant.price.to_minor(),
                        variant.price.currency,
                        json.dumps([[k, v.en, v.es] for k, v in variant.options], ensure_ascii=False),
                        variant.image,
                        json.dumps(stock),
                    )
                )
            product_rows.append(
                (
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
                    price.to_minor() if price else None,
                    price.currency if price else None,
                    stock_here,
                )
            )
            fts_rows.append((key, f"{product.name.en} {product.name.es}", product.brand))
        conn.executemany(f"INSERT INTO products VALUES ({','.join('?' * 16)})", product_rows)
        conn.executemany(f"INSERT OR REPLACE INTO variants VALUES ({','.join('?' * 10)})", variant_rows)
        conn.executemany("INSERT INTO products_fts(rowid, title, brand) VALUES (?, ?, ?)", fts_rows)
        self._set_meta(conn, "seq", str(seq))

    # --- reading ----------------------------------------------------------------------------------
    def product_count(self) -> int:
        return int(self._readers.get().execute("SELECT count(*) FROM products").fetchone()[0])

    def product(self, product_id: str) -> Product | None:
        conn = self._readers.get()
        row = conn.execute(
            "SELECT id, name_en, name_es, brand, desc_en, desc_es, category_id, rating, review_count,"
            " popularity, image, updated_at FROM products WHERE id=?",
            (product_id,),
        ).fetchone()
        if row is None:
            return None
        variants = tuple(
            _variant_from_row(v)
            for v in conn.execute(
                "SELECT id, product_id, sku, gtin, price_minor, currency, options, image, stock"
                " FROM variants WHERE product_id=? ORDER BY position",
                (product_id,),
            )
        )
        return Product(
            id=row[0],
            name=LocalizedText(row[1], row[2]),
            brand=row[3],
            description=LocalizedText(row[4], row[5]),
            category_id=row[6],
            variants=variants,
            rating=row[7],
            review_count=row[8],
            popularity=row[9],
            image=row[10],
            updated_at=datetime.fromisoformat(row[11]) if row[11] else None,
        )

    def variant_by_gtin(self, gtin14: str) -> Variant | None:
        row = (
            self._readers.get()
            .execute(
                "SELECT id, product_id, sku, gtin, price_minor, currency, options, image, stock"
                " FROM variants WHERE gtin=? LIMIT 1",
                (gtin14,),
            )
            .fetchone()
        )
        return None if row is None else _variant_from_row(row)

    def search(self, query: str, lang: str, limit: int, offset: int) -> Sequence[SearchHit]:
        conn = self._readers.get()
        exact = self._exact_code_hits(conn, query.strip()) if offset == 0 else []
        match = fts_query(query)
        if match is None:
            return exact
        keys = [
            r[0]
            for r in conn.execute(
                "SELECT rowid FROM products_fts WHERE products_fts MATCH ? ORDER BY rowid LIMIT ? OFFSET ?",
                (match, limit, offset),
            )
        ]
        hits = self._hits_by_keys(conn, keys)
        seen = {h.product_id for h in exact}
        return [*exact, *(h for h in hits if h.product_id not in seen)][: max(limit, len(exact))]

    @staticmethod
    def _exact_code_hits(conn: sqlite3.Connection, text: str) -> list[SearchHit]:
        if not text or len(text) > 64:
            return []
        codes = [text]
        if text.isdigit() and 8 <= len(text) <= 14:
            codes.append(text.zfill(14))
        marks = ",".join("?" * len(codes))
        rows = conn.execute(
            f"SELECT DISTINCT p.{_HIT_COLUMNS.replace(', ', ', p.')} FROM variants v JOIN products p"
            f" ON p.id = v.product_id WHERE v.gtin IN ({marks}) OR v.sku = ? COLLATE NOCASE LIMIT 5",
            (*codes, text),
        ).fetchall()
        return [_hit_from_row(r) for r in rows]

    @staticmethod
    def _hits_by_keys(conn: sqlite3.Connection, keys: Sequence[int]) -> list[SearchHit]:
        if not keys:
            return []
        marks = ",".join("?" * len(keys))
        rows = conn.execute(f"SELECT {_HIT_COLUMNS} FROM products WHERE key IN ({marks}) ORDER BY key", keys).fetchall()
        return [_hit_from_row(r) for r in rows]

    def categories(self) -> Sequence[Category]:
        return [
            Category(id=r[0], name=LocalizedText(r[1], r[2]), parent_id=r[3], position=r[4] or 0)
            for r in self._readers.get().execute(
                "SELECT id, name_en, name_es, parent_id, position FROM categories ORDER BY position, id"
            )
        ]

    def products_in_category(self, category_id: str, limit: int, offset: int) -> Sequence[SearchHit]:
        rows = (
            self._readers.get()
            .execute(
                f"SELECT {_HIT_COLUMNS} FROM products WHERE category_id=? OR category_id IN"
                " (SELECT id FROM categories WHERE parent_id=?) ORDER BY key LIMIT ? OFFSET ?",
                (category_id, category_id, limit, offset),
            )
            .fetchall()
        )
        return [_hit_from_row(r) for r in rows]

    def popular(self, limit: int) -> Sequence[SearchHit]:
        rows = (
            self._readers.get()
            .execute(f"SELECT {_HIT_COLUMNS} FROM products ORDER BY key LIMIT ?", (limit,))
            .fetchall()
        )
        return [_hit_from_row(r) for r in rows]

    def locations(self) -> Sequence[Location]:
        return [
            Location(id=r[0], name=r[1], kind=LocationKind(r[2]), city=r[3], address=r[4], opening_hours=r[5])
            for r in self._readers.get().execute(
                "SELECT id, name, kind, city, address, opening_hours FROM locations ORDER BY kind, name"
            )
        ]

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


def _variant_from_row(row: Sequence[object]) -> Variant:
    options = tuple((str(k), LocalizedText(str(en), str(es))) for k, en, es in json.loads(str(row[6])))
    stock = tuple(StockLevel(str(loc), int(qty)) for loc, qty in json.loads(str(row[8])).items())
    currency = str(row[5])
    return Variant(
        id=str(row[0]),
        product_id=str(row[1]),
        sku=str(row[2]),
        gtin=None if row[3] is None else str(row[3]),
        price=Money.from_minor(int(str(row[4])), currency),
        options=options,
        image=None if row[7] is None else str(row[7]),
        stock=stock,
    )


def _hit_from_row(row: Sequence[object]) -> SearchHit:
    price = None if row[4] is None else Money.from_minor(int(str(row[4])), str(row[5]))
    return SearchHit(
        product_id=str(row[0]),
        name=LocalizedText(str(row[1]), str(row[2])),
        brand=str(row[3]),
        price=price,
        image=None if row[6] is None else str(row[6]),
        rating=None if row[7] is None else float(str(row[7])),
        in_stock_here=int(str(row[8])) > 0,
    )

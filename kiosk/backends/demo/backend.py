"""The embedded demo backend: a generated SQLite "online store" behind the same port as the real backend.

`DemoBackend(data_dir, catalog_size=2000, seed=42)` builds `data_dir/demo_store.db` on first use (or when
the stored seed, size or generator version differ) from `demo_catalog.generate_rows`, so the same seed and
size always give byte-for-byte the same product rows. See demo_catalog for the size rule (products up to
2000, SKUs above) and how variants, GTINs and stock derive from compact product rows.

Catalog changes are a change feed: every product row carries a sequence number `seq` (its INTEGER PRIMARY
KEY). Generation gives product k the sequence k; `simulate_changes` moves a changed or deleted product to
the end with a new sequence. A cursor is the last sequence a client has seen, so `catalog_changes` is one
range scan on the primary key, a full sync and a delta sync are the same query, and a product changed in the
middle of a full sync is simply sent again later. Deleted products stay as tombstone rows and are reported in
`deleted_product_ids` to any cursor older than the deletion.

Cursors look like "demo1:<catalog fingerprint>:<seq>"; clients treat them as opaque. A cursor the store cannot
continue (from another catalog: a different seed, size or generator; ahead of the store: the store file was
generated again; not a demo cursor at all: a cache filled from another backend) starts the feed over as a
full re-feed whose first page says why in `resync_reason` (see `feed_position`). Refusing it instead left
the kiosk failing on every pass with no way back but deleting its cache; the kiosk sweeps what the re-feed
did not send (kiosk.storage.catalog_store, `apply_page`), so the cache ends equal to this catalog.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
import os
import random
import re
import secrets
import sqlite3
import threading
import time
import uuid
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from kiosk.backends.demo import catalog, images, omni, people, vocab
from kiosk.backends.demo import placement as demo_placement
from kiosk.backends.demo import snapshot as demo_snapshot
from kiosk.backends.demo.data import DemoDataError, data_file
from kiosk.backends.demo.feed import (
    VARIANT_RE,
    ChangeRows,
    add_related,
    page_from_rows,
    product_of_variant,
    products_of_variants,
)
from kiosk.backends.demo.live import DemoStoreActivity
from kiosk.backends.demo.promotions import GROUPS_FILE, PROMOTIONS_FILE, load_group_memberships, load_promotions
from kiosk.backends.demo.size_guides import size_guides
from kiosk.core.assistance import AssistanceCall
from kiosk.core.attract import AttractSlide, slides_from_records
from kiosk.core.cart import CartItemRef
from kiosk.core.catalog import CatalogPage, Product, Review
from kiosk.core.catalog_snapshot import CatalogSnapshot
from kiosk.core.clock import SystemClock
from kiosk.core.customer import Address, Customer, CustomerLookup, PastOrder, PastOrderLine
from kiosk.core.enrolment import ContactKind, EnrolmentOutcome, EnrolmentRequest, EnrolmentResult
from kiosk.core.errors import BackendRejectedError, BackendUnavailableError, RejectionReason
from kiosk.core.events import KioskEvent
from kiosk.core.handoff import MAX_HANDOFF_LINES, CartLink, HandoffCart, handoff_url
from kiosk.core.i18n import LocalizedText
from kiosk.core.money import Money
from kiosk.core.order import FulfilmentKind, Order, OrderReceipt, PaymentChoice, ShippingMethod, ShortLine
from kiosk.core.order_tracking import OrderTracking, PaymentState, PickupArrival, TrackingState
from kiosk.core.ports import Clock
from kiosk.core.promotions import Promotion
from kiosk.core.returns import ReturnError, ReturnReceipt, check_return, check_returnable
from kiosk.core.scanning.recall import RecallList
from kiosk.core.services.recheck import LineCheck
from kiosk.core.size_guide import SizeGuide

_log = logging.getLogger(__name__)

DB_NAME = "demo_store.db"
APP_URL = "https://shop.example.com/m/"
DIGITAL_LINK = "https://id.gs1.org/01/"
# The demo store's recall list: a data file (resources/demo/), so a demo can show a recalled lot without code changes.
RECALLS_FILE = data_file("recalls.json")
MAX_WISHLIST = 100  # a wishlist longer than this keeps its newest entries
ATTRACT_FILE = data_file("attract.json")  # the store's attract loop (resources/demo/)
ORDER_STATE = "PaymentPending"  # every kiosk order is paid at the counter or on the phone, later
_CURSOR_RE = re.compile(r"^demo1:([0-9a-f]{12}):(\d{1,12})$")
# Why the store starts its feed over for a cursor (CatalogPage.resync_reason: the log, `kiosk sync`; the
# screens show their own translated "Refreshing the catalog…" line). Word for word in the tests.
RESYNC_NOT_DEMO = "the catalog cursor is not a demo store cursor"
RESYNC_OTHER_CATALOG = "the catalog cursor belongs to another demo catalog (seed or size changed)"
RESYNC_AHEAD = "the catalog cursor is ahead of the demo store (the store was generated again)"
_SKU_RE = re.compile(r"^[A-Z]{3}-(\d{7})(?:-[A-Z0-9]+)*$")
_IMAGE_RE = re.compile(r"^demo:p(\d{7}):([a-z]{2,12})$")
_COLUMNS = ", ".join(catalog.COLUMNS)
_INSERT_BATCH = 5000

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE products (
    seq INTEGER PRIMARY KEY, idx INTEGER NOT NULL UNIQUE, category_id TEXT NOT NULL, item_type TEXT NOT NULL,
    style INTEGER NOT NULL, brand TEXT NOT NULL, name_en TEXT NOT NULL, name_es TEXT NOT NULL,
    desc_en TEXT NOT NULL, desc_es TEXT NOT NULL, price_minor INTEGER NOT NULL, size_step_minor INTEGER NOT NULL,
    colours TEXT NOT NULL, colour_option INTEGER NOT NULL, sizes TEXT NOT NULL, first_variant INTEGER NOT NULL,
    variant_count INTEGER NOT NULL, rating REAL, review_count INTEGER NOT NULL, stars TEXT NOT NULL,
    popularity INTEGER NOT NULL, stock_salt INTEGER NOT NULL, deleted INTEGER NOT NULL, updated_at TEXT
);
CREATE INDEX products_by_first_variant ON products(first_variant);
CREATE TABLE customers (
    id TEXT PRIMARY KEY, loyalty_number TEXT NOT NULL UNIQUE, app_token TEXT NOT NULL UNIQUE,
    email TEXT NOT NULL, phone_digits TEXT NOT NULL, data TEXT NOT NULL
);
CREATE TABLE orders (
    n INTEGER PRIMARY KEY AUTOINCREMENT, client_order_id TEXT NOT NULL UNIQUE, code TEXT NOT NULL,
    state TEXT NOT NULL, received_at TEXT NOT NULL, total_minor INTEGER NOT NULL, currency TEXT NOT NULL,
    data TEXT NOT NULL
);
"""

_PENINSULA = frozenset({"ES", "PT", "AD"})
_EU_CODES = "AT BE BG CY CZ DE DK EE FI FR GR HR HU IE IT LT LU LV MT NL PL RO SE SI SK"  # the rest of the EU
_EU = frozenset(_EU_CODES.split(" "))


def fingerprint(seed: int, catalog_size: int) -> str:
    """Identifies one generated catalog: cursors and the image cache are only valid for it."""
    text = f"{vocab.GENERATOR_VERSION}:{seed}:{catalog_size}"
    return hashlib.sha256(text.encode()).hexdigest()[:12]


class DemoBackend:
    """CommerceBackend and ImageSource over demo_store.db; safe to call from several threads."""

    name = "demo"

    def __init__(
        self,
        data_dir: Path,
        *,
        catalog_size: int = 2000,
        seed: int = 42,
        clock: Clock | None = None,
        store_host: str = "shop.example.com",
    ) -> None:
        if not 1 <= catalog_size <= catalog.MAX_VARIANTS:
            raise ValueError(f"catalog_size must be between 1 and {catalog.MAX_VARIANTS}, got {catalog_size}")
        self.data_dir = Path(data_dir)
        self.catalog_size = catalog_size
        self.seed = seed
        self.path = self.data_dir / DB_NAME
        self.fingerprint = fingerprint(seed, catalog_size)
        self.store_host = store_host  # the web shop's host in the links it makes (handoff carts)
        self.images_dir = self.data_dir / "images" / f"g{vocab.GENERATOR_VERSION}r{images.RENDERER_VERSION}s{seed}"
        # Simulated outage: every backend call (images included) raises BackendUnavailableError while True.
        self.offline = False
        # Simulated network latency added to every backend call, in seconds.
        self.latency_s = 0.0
        self._clock: Clock = clock or SystemClock()
        self._factory = catalog.ProductFactory(seed)
        self._lock = threading.RLock()  # generation and every write; reads use per-thread connections
        # one connection per thread, by identity: Qt pool threads get a new threading.local for every task
        # (see kiosk.storage.connections.PerThreadConnections), which opened a connection per call
        self._connections: dict[int, sqlite3.Connection] = {}
        self._ready = False
        self._activity: DemoStoreActivity | None = None  # a store that changes itself (`kiosk demo`)
        self.export_seconds: float | None = None  # how long this instance took to write the catalog export
        # what the export depends on besides the catalog: the encoder's version and the order history's
        self._export_stamp = f"export{demo_snapshot.EXPORT_VERSION}/omni{omni.OMNI_VERSION}/{self.fingerprint}"

    # ---- set-up ---------------------------------------------------------------------------------------

    def prepare(self) -> None:
        """Makes sure demo_store.db holds this seed and size, generating it if not; idempotent."""
        if self._ready:
            return
        with self._lock:
            if self._ready:
                return
            if self._stored_fingerprint() != self.fingerprint:
                self._generate()
            self._ensure_omni()
            self._ensure_export()
            self._ready = True

    def _ensure_export(self) -> None:
        """Writes the catalog export (kiosk.backends.demo.snapshot) when there is none for this store, it is
        from another version, ahead of the store (a store generated again), or more than 2% of the catalog
        has changed since it was written (a first import then takes at most that much as pages). Other
        exports, and temporary files a killed writer left (untouched for ten minutes), are removed."""
        path = demo_snapshot.export_path(self.data_dir, self.fingerprint)
        conn = sqlite3.connect(self.path, isolation_level=None, timeout=10.0)
        try:
            # the export lists the most popular products first
            conn.execute("CREATE INDEX IF NOT EXISTS products_by_popularity ON products(popularity DESC, seq)")
            last, products = conn.execute("SELECT coalesce(max(seq), 0), count(*) FROM products").fetchone()
        finally:
            conn.close()
        upto = demo_snapshot.export_sequence(path, self._export_stamp)
        if upto is None or upto > last or last - upto > products // 50:
            started = time.perf_counter()
            demo_snapshot.write_export(self.path, self.seed, last, path, self._export_stamp)
            self.export_seconds = time.perf_counter() - started
        stale = time.time() - 600
        for old in self.data_dir.glob("catalog-export-*"):
            if old != path and (old.suffix != ".tmp" or old.stat().st_mtime < stale):
                old.unlink(missing_ok=True)

    def export_file(self) -> tuple[Path, str]:
        """The catalog export's path and the stamp a reader checks it against (kiosk.backends.demo.snapshot)."""
        self.prepare()
        return demo_snapshot.export_path(self.data_dir, self.fingerprint), self._export_stamp

    def _ensure_omni(self) -> None:
        """Adds the omnichannel tables (demo_omni) to a store that lacks them or has an older version."""
        conn = sqlite3.connect(self.path, isolation_level=None, timeout=10.0)
        try:
            row = conn.execute("SELECT value FROM meta WHERE key='omni_version'").fetchone()
            if row is not None and row[0] == omni.OMNI_VERSION:
                return
            conn.execute("PRAGMA journal_mode=WAL")
            conn.executescript(omni.SCHEMA)  # executescript commits first: the tables, then one transaction
            conn.execute("BEGIN IMMEDIATE")
            try:
                omni.build(conn, self.seed, lambda idx: self._product_by_idx(conn, idx))
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise
        finally:
            conn.close()

    def _product_by_idx(self, conn: sqlite3.Connection, idx: int) -> Product | None:
        row = conn.execute(f"SELECT {_COLUMNS} FROM products WHERE idx=? AND deleted=0", (idx,)).fetchone()
        return self._factory.build(row) if row else None

    def start_live_changes(self, interval_s: float) -> None:
        """The store changes itself every `interval_s` seconds until closed (see kiosk.backends.demo.live)."""
        if self._activity is None:
            self._activity = DemoStoreActivity(self, interval_s).start()

    def close(self) -> None:
        if self._activity is not None:
            self._activity.stop()
            self._activity = None
        with self._lock:
            for conn in self._connections.values():
                conn.close()
            self._connections.clear()

    def _stored_fingerprint(self) -> str | None:
        if not self.path.exists():
            return None
        try:
            conn = sqlite3.connect(self.path)
            try:
                row = conn.execute("SELECT value FROM meta WHERE key='fingerprint'").fetchone()
            finally:
                conn.close()
        except sqlite3.DatabaseError:
            return None  # not a database, or from before the meta table: rebuild it
        return str(row[0]) if row else None

    def _generate(self) -> None:
        """Writes the whole store to a temporary file and renames it into place, so a crash or a kill in the
        middle never leaves a half-generated store that looks complete."""
        self.close()
        self.data_dir.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(DB_NAME + ".tmp")
        tmp.unlink(missing_ok=True)
        conn = sqlite3.connect(tmp, isolation_level=None)
        try:
            conn.execute("PRAGMA journal_mode=OFF")
            conn.execute("PRAGMA synchronous=OFF")
            conn.executescript(_SCHEMA)
            conn.execute("BEGIN")
            insert = f"INSERT INTO products ({_COLUMNS}) VALUES ({', '.join('?' * len(catalog.COLUMNS))})"
            first_items: list[people.PastItem] = []
            batch: list[catalog.ProductRow] = []
            products = variants = last_seq = 0
            for row in catalog.generate_rows(self.seed, self.catalog_size):
                batch.append(row)
                if len(first_items) < 400:
                    first_items.append(people.PastItem(row.name_en, row.name_es, row.price_minor))
                products += 1
                variants += row.variant_count
                last_seq = row.seq
                if len(batch) >= _INSERT_BATCH:
                    conn.executemany(insert, batch)
                    batch.clear()
            conn.executemany(insert, batch)
            customers = people.generate_customers(self.seed, first_items)
            conn.executemany(
                "INSERT INTO customers VALUES (?, ?, ?, ?, ?, ?)",
                [
                    (
                        c.customer.id,
                        c.customer.loyalty_number,
                        c.app_token,
                        c.customer.email.lower(),
                        _digits(c.customer.phone),
                        json.dumps(_customer_json(c.customer), ensure_ascii=False),
                    )
                    for c in customers
                ],
            )
            meta = {
                "generator_version": str(vocab.GENERATOR_VERSION),
                "seed": str(self.seed),
                "catalog_size": str(self.catalog_size),
                "products": str(products),
                "variants": str(variants),
                "last_seq": str(last_seq),
                "fingerprint": self.fingerprint,
            }
            conn.executemany("INSERT INTO meta VALUES (?, ?)", sorted(meta.items()))
            conn.execute("COMMIT")
            conn.execute("PRAGMA journal_mode=WAL")
        finally:
            conn.close()
        for suffix in ("-wal", "-shm"):
            Path(str(self.path) + suffix).unlink(missing_ok=True)
        demo_snapshot.export_path(self.data_dir, self.fingerprint).unlink(missing_ok=True)  # of the old store
        os.replace(tmp, self.path)

    def _conn(self) -> sqlite3.Connection:
        self.prepare()
        ident = threading.get_ident()
        conn = self._connections.get(ident)
        if conn is None:
            # used only by this thread; check_same_thread=False lets close() shut it from any thread
            conn = sqlite3.connect(self.path, isolation_level=None, timeout=10.0, check_same_thread=False)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            with self._lock:
                self._connections[ident] = conn
        return conn

    def _call(self) -> None:
        """What every backend call goes through: the simulated latency and outage."""
        if self.latency_s > 0:
            time.sleep(self.latency_s)
        if self.offline:
            raise BackendUnavailableError("demo backend is offline (simulated)")

    # ---- CommerceBackend ------------------------------------------------------------------------------

    def ping(self) -> None:
        self._call()

    def catalog_changes(self, cursor: str | None, limit: int) -> CatalogPage:
        return page_from_rows(self._factory, self.change_rows(cursor, limit))

    def change_rows(self, cursor: str | None, limit: int) -> ChangeRows:
        """A page of the change feed as the store keeps it (compact rows, kiosk.backends.demo.catalog), before
        it becomes kiosk values: what catalog_changes builds on, and what the store serves over HTTP
        (kiosk.backends.demo.server), so both give the same pages."""
        self._call()
        if limit < 1:
            raise ValueError(f"limit must be at least 1, got {limit}")
        conn = self._conn()
        after, resync_reason = self.feed_position(conn, cursor)
        rows = conn.execute(
            f"SELECT {_COLUMNS} FROM products WHERE seq > ? ORDER BY seq LIMIT ?", (after, limit + 1)
        ).fetchall()
        has_more = len(rows) > limit
        del rows[limit:]
        live = [row for row in rows if not row[22]]
        return ChangeRows(
            live=live,
            deleted=tuple(catalog.product_id(row[1]) for row in rows if row[22]),
            related=self._related_ids([catalog.product_id(row[1]) for row in live]),
            next_cursor=self._cursor(rows[-1][0] if rows else after),
            has_more=has_more,
            first=cursor is None or bool(resync_reason),
            resync_reason=resync_reason,
        )

    def catalog_snapshot(self) -> CatalogSnapshot:
        """The catalog export the store keeps (see kiosk.backends.demo.snapshot), as a snapshot whose cursor
        is the export's sequence: changes since then arrive as pages."""
        self._call()
        self.prepare()
        return demo_snapshot.ExportSnapshot(
            demo_snapshot.export_path(self.data_dir, self.fingerprint),
            self._export_stamp,
            lambda upto: demo_snapshot.header(self._cursor(upto)),
        )

    def _with_related(self, products: list[Product]) -> list[Product]:
        """Co-purchases from the store's order history (demo_omni) ride on the catalog page."""
        return add_related(products, self._related_ids([p.id for p in products]))

    def _related_ids(self, product_ids: Sequence[str]) -> dict[str, tuple[str, ...]]:
        idxs = [i for i in (catalog.product_index(pid) for pid in product_ids) if i is not None]
        found: dict[str, tuple[str, ...]] = {}
        conn = self._conn()
        for start in range(0, len(idxs), 900):
            chunk = idxs[start : start + 900]
            marks = ",".join("?" * len(chunk))
            for idx, ids in conn.execute(f"SELECT idx, ids FROM related WHERE idx IN ({marks})", chunk):
                found[catalog.product_id(idx)] = tuple(json.loads(ids))
        return found

    def _cursor(self, seq: int) -> str:
        return f"demo1:{self.fingerprint}:{seq}"

    def feed_position(self, conn: sqlite3.Connection, cursor: str | None) -> tuple[int, str]:
        """The sequence the feed continues after for `cursor`, and why it starts over if it cannot continue.

        A cursor of another catalog, one ahead of the store (the store file was generated again: its sequences
        start over, so the client's would skip changes or point past the end) and a string that is not a demo
        cursor at all (a cache filled from another backend, or damaged) all give (0, reason): a full re-feed
        from the start. The kiosk then replaces what it has and sweeps what the re-feed did not send, so a
        changed catalog costs one long pass, never a kiosk stuck on a refused cursor. A cursor that is not a
        demo cursor is logged as a warning (its first 40 characters) as the Vendure adapter does for one it
        did not write: it should not happen, and a person may want to know where it came from.
        """
        if cursor is None:
            return 0, ""
        match = _CURSOR_RE.match(cursor)
        if match is None:
            _log.warning("catalog cursor %r is not a demo store cursor; sending the whole catalog again", cursor[:40])
            return 0, RESYNC_NOT_DEMO
        if match.group(1) != self.fingerprint:
            return 0, RESYNC_OTHER_CATALOG
        seq = int(match.group(2))
        if seq > conn.execute("SELECT coalesce(max(seq), 0) FROM products").fetchone()[0]:
            return 0, RESYNC_AHEAD
        return seq, ""

    def reviews(self, product_id: str, limit: int) -> Sequence[Review]:
        self._call()
        idx = catalog.product_index(product_id)
        if idx is None:
            return []
        row = self._conn().execute("SELECT stars FROM products WHERE idx=?", (idx,)).fetchone()
        return catalog.reviews(self.seed, idx, row[0], limit) if row else []

    def size_guide(self, product_id: str) -> SizeGuide | None:
        """The guide of the product's kind of garment or shoe (resources/demo/size_guides.json), if it has one."""
        self._call()
        idx = catalog.product_index(product_id)
        if idx is None:
            return None
        row = self._conn().execute("SELECT item_type FROM products WHERE idx=?", (idx,)).fetchone()
        return size_guides().get(str(row[0])) if row else None

    def find_customer(self, by: CustomerLookup, value: str) -> Customer | None:
        self._call()
        conn = self._conn()
        row: Any = None
        if by is CustomerLookup.LOYALTY_NUMBER:
            digits = _digits(value)
            if len(digits) in (13, 14) and digits.startswith("0" * (len(digits) - 12)):
                digits = digits[len(digits) - 12 :]  # a UPC-A read as EAN-13 or GTIN-14
            row = conn.execute("SELECT data FROM customers WHERE loyalty_number=?", (digits,)).fetchone()
        elif by is CustomerLookup.APP_TOKEN:
            token = value.strip().rstrip("/").rsplit("/", 1)[-1]  # the token alone, or the app's whole URL
            row = conn.execute("SELECT data FROM customers WHERE app_token=?", (token,)).fetchone()
        elif by is CustomerLookup.EMAIL:
            row = conn.execute("SELECT data FROM customers WHERE email=?", (value.strip().lower(),)).fetchone()
        elif by is CustomerLookup.PHONE:
            digits = _digits(value)
            if len(digits) >= 9:
                # "+34 600 123 456", "600123456" and "0034600123456" are the same phone
                # (members who joined with an email only have no phone digits: never a match)
                for data, stored in conn.execute("SELECT data, phone_digits FROM customers WHERE phone_digits != ''"):
                    if stored == digits or stored.endswith(digits) or digits.endswith(stored):
                        row = (data,)
                        break
        if row is None and by is CustomerLookup.APP_TOKEN:
            # an NFC card or tag without NDEF data arrives as its UID ("nfc-uid:04A1B2...")
            tag = conn.execute(
                "SELECT customer_id FROM nfc_tags WHERE uid=?", (value.strip().upper().replace("NFC-UID:", "nfc-uid:"),)
            ).fetchone()
            if tag is not None:
                row = conn.execute("SELECT data FROM customers WHERE id=?", (tag[0],)).fetchone()
        return self._enrich(conn, self._with_groups(_customer_from_json(json.loads(row[0])))) if row else None

    def _enrich(self, conn: sqlite3.Connection, customer: Customer) -> Customer:
        """The profile as the store knows it now: orders with lines (web and kiosk), wishlist, saved cart."""
        extras = conn.execute(
            "SELECT wishlist, saved_cart FROM customer_extras WHERE customer_id=?", (customer.id,)
        ).fetchone()
        wishlist: tuple[str, ...] = ()
        saved: tuple[CartItemRef, ...] = ()
        if extras is not None:
            wishlist = tuple(json.loads(extras[0]))
            saved = tuple(CartItemRef(x["variant_id"], x["sku"], int(x["quantity"])) for x in json.loads(extras[1]))
        return dataclasses.replace(
            customer,
            history=tuple(self._orders_of(conn, customer.id, 10)),
            wishlist=wishlist,
            saved_cart=saved,
        )

    def _orders_of(self, conn: sqlite3.Connection, customer_id: str, limit: int) -> list[PastOrder]:
        """Web-shop orders and this store's kiosk orders for the customer, newest first."""
        english = _english(customer_id)
        orders: list[tuple[str, PastOrder]] = []
        for code, placed_on, state, total_minor, lines_text in conn.execute(
            "SELECT code, placed_on, state, total_minor, lines FROM web_orders WHERE customer_id=?", (customer_id,)
        ):
            lines = tuple(
                PastOrderLine(
                    x["variant_id"],
                    x["sku"],
                    x["name_en"] if english else x["name_es"],
                    int(x["quantity"]),
                    Money.from_minor(int(x["unit_minor"]), catalog.CURRENCY),
                    x["product_id"],
                )
                for x in json.loads(lines_text)
            )
            past = PastOrder(
                code,
                date.fromisoformat(placed_on),
                Money.from_minor(total_minor, catalog.CURRENCY),
                tuple(line.name for line in lines),
                lines,
                state,
            )
            orders.append((placed_on, past))
        loyalty = conn.execute("SELECT loyalty_number FROM customers WHERE id=?", (customer_id,)).fetchone()
        # an order placed while the kiosk was offline names the shopper by loyalty number only
        self._ensure_progress(conn)
        for code, row_state, progress, paid, received_at, total_minor, currency, data in conn.execute(
            "SELECT o.code, o.state, p.state, pay.state, o.received_at, o.total_minor, o.currency, o.data FROM orders o"
            " LEFT JOIN order_progress p USING (client_order_id) LEFT JOIN order_payments pay USING (client_order_id)"
            " WHERE json_extract(o.data, '$.contact.customer_id') = ?"
            " OR (json_extract(o.data, '$.contact.customer_id') = ''"
            " AND json_extract(o.data, '$.contact.loyalty_number') = ?)",
            (customer_id, loyalty[0] if loyalty else "\x00"),
        ):
            state = _kiosk_order_state(str(row_state), progress, paid)
            raw = json.loads(data)
            lines = tuple(
                PastOrderLine(
                    x["variant_id"],
                    x["sku"],
                    x["name"],
                    int(x["quantity"]),
                    Money.of(str(x["unit_price"]["amount"]), currency),
                    product_of_variant(x["variant_id"]),
                )
                for x in raw["lines"]
            )
            placed = datetime.fromisoformat(received_at)
            past = PastOrder(
                code,
                placed.date(),
                Money.from_minor(total_minor, currency),
                tuple(line.name for line in lines),
                lines,
                state,
            )
            orders.append((received_at, past))
        orders.sort(key=lambda item: (item[0], item[1].code), reverse=True)
        return [past for _, past in orders[:limit]]

    def shipping_methods(self, country_code: str) -> Sequence[ShippingMethod]:
        self._call()
        country = country_code.strip().upper()
        if country in _PENINSULA:
            return [
                ShippingMethod(
                    "standard",
                    "standard",
                    LocalizedText("Standard delivery", "Envío estándar"),
                    Money.of("4.95", "EUR"),
                    3,
                    5,
                ),
                ShippingMethod(
                    "express",
                    "express",
                    LocalizedText("Express delivery", "Envío exprés"),
                    Money.of("9.95", "EUR"),
                    1,
                    2,
                ),
            ]
        if country in _EU:
            return [
                ShippingMethod(
                    "international",
                    "international",
                    LocalizedText("International delivery", "Envío internacional"),
                    Money.of("14.95", "EUR"),
                    5,
                    8,
                )
            ]
        return []

    def submit_order(self, order: Order) -> OrderReceipt:
        """Places the order once per client order id, as Vendure's kioskPlaceOrder does (see
        kiosk.backends.demo.placement): promotions and coupons applied, points redeemed and earned in the same
        transaction as the order, lines short of stock placed with what there is; a retry gets the receipt back."""
        self._call()
        conn = self._conn()
        with self._lock:
            existing = self._find_order(conn, order.client_order_id)
            if existing is not None:
                return existing  # a retry: the first receipt, never a second order
            self._validate(conn, order)
            customer = self._order_customer(conn, order)
            try:
                placed = demo_placement.place(
                    order, self._own_promotions(), customer, self._in_stock(conn, order), self._clock.now()
                )
            except demo_placement.NothingInStockError as exc:
                raise BackendRejectedError(str(exc)) from None
            data = dataclasses.asdict(order)
            data["_placed"] = {
                "points_earned": placed.points_earned,
                "points_redeemed": placed.points_redeemed,
                "applied_codes": list(placed.applied_codes),
                "short_lines": [dataclasses.asdict(line) for line in placed.short_lines],
                "notes": [[note.en, note.es] for note in placed.notes],
            }
            text = json.dumps(data, default=str, ensure_ascii=False, sort_keys=True)
            conn.execute("BEGIN IMMEDIATE")
            try:
                cur = conn.execute(
                    "INSERT INTO orders (client_order_id, code, state, received_at, total_minor, currency, data)"
                    " VALUES (?, '', ?, ?, ?, ?, ?)",
                    (
                        order.client_order_id,
                        ORDER_STATE,
                        self._clock.now().isoformat(),
                        placed.total.to_minor(),
                        order.currency,
                        text,
                    ),
                )
                code = f"DEMO-{cur.lastrowid:06d}"
                conn.execute("UPDATE orders SET code=? WHERE n=?", (code, cur.lastrowid))
                if customer is not None and (placed.points_earned or placed.points_redeemed):
                    moved = placed.points_earned - placed.points_redeemed
                    conn.execute(
                        "UPDATE customers SET data=json_set(data, '$.points', json_extract(data, '$.points') + ?)"
                        " WHERE id=?",
                        (moved, customer.id),
                    )
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise
        found = self._find_order(conn, order.client_order_id)
        assert found is not None  # just committed under the lock
        return found

    def _order_customer(self, conn: sqlite3.Connection, order: Order) -> Customer | None:
        """The loyalty member the order is for (by customer id, else loyalty number), with their balance now."""
        contact = order.contact
        row = None
        if contact.customer_id:
            row = conn.execute("SELECT data FROM customers WHERE id=?", (contact.customer_id,)).fetchone()
        if row is None and contact.loyalty_number:
            row = conn.execute(
                "SELECT data FROM customers WHERE loyalty_number=?", (_digits(contact.loyalty_number),)
            ).fetchone()
        return self._with_groups(_customer_from_json(json.loads(row[0]))) if row else None

    def _in_stock(self, conn: sqlite3.Connection, order: Order) -> dict[str, int]:
        stock: dict[str, int] = {}
        for product_id in dict.fromkeys(product_of_variant(line.variant_id) for line in order.lines):
            idx = catalog.product_index(product_id)
            product = self._product_by_idx(conn, idx) if idx is not None else None
            for variant in product.variants if product is not None else ():
                stock[variant.id] = sum(level.quantity for level in variant.stock)
        return stock

    def _validate(self, conn: sqlite3.Connection, order: Order) -> None:
        """Refusals a real store would make; each is a BackendRejectedError, so retrying will not help."""
        if not order.lines:
            raise BackendRejectedError("order has no lines")
        if order.currency != catalog.CURRENCY:
            raise BackendRejectedError(f"the demo store sells in EUR, not {order.currency}")
        for line in order.lines:
            if line.quantity < 1:
                raise BackendRejectedError(f"line {line.sku}: quantity must be at least 1")
            self._check_variant(conn, line.variant_id)
        if order.fulfilment is FulfilmentKind.HOME_DELIVERY:
            if order.shipping_address is None or order.shipping_method is None:
                raise BackendRejectedError("home delivery needs a shipping address and a shipping method")
            missing = order.shipping_address.missing_fields()
            if missing:
                raise BackendRejectedError(
                    f"shipping address is missing: {', '.join(missing)}", RejectionReason.CONTACT_REFUSED
                )
        elif order.pickup_location_id not in {d.id for d in vocab.LOCATIONS if d.kind != "warehouse"}:
            raise BackendRejectedError(f"unknown pickup store {order.pickup_location_id!r}")

    def check_lines(self, items: Sequence[CartItemRef]) -> dict[str, LineCheck]:
        """LineChecker: the current price and stock of each variant, in one call; withdrawn ones are missing."""
        self._call()
        conn = self._conn()
        found: dict[str, LineCheck] = {}
        for product_id in dict.fromkeys(product_of_variant(item.variant_id) for item in items):
            idx = catalog.product_index(product_id)
            product = self._product_by_idx(conn, idx) if idx is not None else None
            for variant in product.variants if product is not None else ():
                found[variant.id] = LineCheck(variant.id, variant.price, variant.stock)
        return {item.variant_id: found[item.variant_id] for item in items if item.variant_id in found}

    # ---- order tracking (OrderTracker, ArrivalBoard) ---------------------------------------------------

    def order_tracking(self, client_order_id: str) -> OrderTracking | None:
        self._call()
        conn = self._conn()
        self._ensure_progress(conn)
        row = conn.execute(
            "SELECT o.code, o.data, p.state, p.carrier, p.tracking_code, pay.state, o.total_minor, o.currency"
            " FROM orders o"
            " LEFT JOIN order_progress p USING (client_order_id) LEFT JOIN order_payments pay USING (client_order_id)"
            " WHERE o.client_order_id=?",
            (client_order_id,),
        ).fetchone()
        if row is None:
            return None
        code, data, state, carrier, tracking_code, payment_state, total_minor, currency = row
        order = json.loads(data)
        short = sum(int(s["ordered"]) - int(s["placed"]) for s in order.get("_placed", {}).get("short_lines", ()))
        fulfilment = FulfilmentKind(order["fulfilment"])
        return OrderTracking(
            number=str(order["number"]),
            state=TrackingState(state) if state else TrackingState.RECEIVED,
            as_of=self._clock.now(),
            fulfilment=fulfilment,
            pickup_location_id=order.get("pickup_location_id"),
            carrier=carrier or "",
            tracking_code=tracking_code or "",
            # what the store placed: its final total (promotions, coupons, points) and the items it had
            total=Money.from_minor(int(total_minor), str(currency)),
            item_count=sum(int(line["quantity"]) for line in order["lines"]) - short,
            payment=PaymentChoice(order["payment"]),
            backend_code=str(code),
            payment_state=PaymentState(payment_state) if payment_state else PaymentState.PENDING,
        )

    def set_payment_state(self, client_order_id: str, state: PaymentState) -> None:
        """What the payment provider reports for a pay-on-phone order (the demo's pay page, tests); a settled
        payment makes the order paid."""
        self._record_progress(client_order_id, "order_payments", state.value)
        if state is PaymentState.SETTLED:
            self.set_order_state(client_order_id, TrackingState.PAID)

    def set_order_state(
        self, client_order_id: str, state: TrackingState, *, carrier: str = "", tracking_code: str = ""
    ) -> None:
        """What the store's staff and carriers do to an order (the demo's live activity, tests)."""
        self._record_progress(client_order_id, "order_progress", state.value, carrier, tracking_code)

    def _record_progress(self, client_order_id: str, table: str, *values: str) -> None:
        """One row of an order's progress (order_progress or order_payments), stamped now; the order must exist."""
        conn = self._conn()
        self._ensure_progress(conn)
        marks = ", ".join("?" * (len(values) + 2))
        with self._lock:
            if conn.execute("SELECT 1 FROM orders WHERE client_order_id=?", (client_order_id,)).fetchone() is None:
                raise BackendRejectedError(f"no order {client_order_id}")
            conn.execute(
                f"INSERT OR REPLACE INTO {table} VALUES ({marks})",
                (client_order_id, *values, self._clock.now().isoformat()),
            )

    def pickup_arrivals(self, location_id: str) -> list[PickupArrival]:
        """Arrival events the kiosks sent for pickup orders at this location, first arrival per order, while
        the order is not collected yet."""
        self._call()
        conn = self._conn()
        self._ensure_progress(conn)
        first: dict[str, tuple[str, str]] = {}
        for at, data in conn.execute("SELECT at, data FROM events WHERE kind='pickup_arrival' ORDER BY at"):
            fields = dict(json.loads(data))
            if fields.get("location_id") == location_id and fields.get("client_order_id"):
                first.setdefault(fields["client_order_id"], (at, fields.get("order_number", "")))
        arrivals = []
        for client_order_id, (at, number) in first.items():
            tracking = self.order_tracking(client_order_id)
            if tracking is None or tracking.state in (TrackingState.COLLECTED, TrackingState.CANCELLED):
                continue
            arrived_at = datetime.fromisoformat(at)
            arrivals.append(
                PickupArrival(
                    number or tracking.number, client_order_id, arrived_at, tracking.state, tracking.item_count
                )
            )
        return sorted(arrivals, key=lambda a: a.arrived_at)

    def assistance_calls(self, store_id: str, since: datetime) -> list[AssistanceCall]:
        """AssistanceBoard: the store's calls for an associate since `since` that no one has answered."""
        self._call()
        conn = self._conn()
        rows = conn.execute("SELECT data FROM events WHERE kind='assistance_answered' AND store_id=?", (store_id,))
        answered = {dict(json.loads(data)).get("call_id") for (data,) in rows}
        calls = []
        for event_id, at, device_id, data in conn.execute(
            "SELECT event_id, at, device_id, data FROM events WHERE kind='assistance' AND store_id=?", (store_id,)
        ):
            when = datetime.fromisoformat(at)
            if event_id not in answered and when >= since:
                calls.append(AssistanceCall(event_id, device_id, dict(json.loads(data)).get("page", ""), when))
        return sorted(calls, key=lambda c: c.at, reverse=True)

    def _advance_orders(self) -> int:
        """The demo's store staff at work: each step moves up to three open orders one state further."""
        conn = self._conn()
        self._ensure_progress(conn)
        moved = 0
        rows = conn.execute(
            "SELECT o.client_order_id, o.data, p.state FROM orders o LEFT JOIN order_progress p USING (client_order_id)"
            " WHERE p.state IS NULL OR p.state IN ('received', 'paid', 'preparing') ORDER BY o.n LIMIT 3"
        ).fetchall()
        for client_order_id, data, state in rows:
            pickup = json.loads(data)["fulfilment"] != FulfilmentKind.HOME_DELIVERY.value
            current = TrackingState(state) if state else TrackingState.RECEIVED
            if current is not TrackingState.PREPARING:
                self.set_order_state(client_order_id, TrackingState.PREPARING)
            elif pickup:
                self.set_order_state(client_order_id, TrackingState.READY_FOR_PICKUP)
            else:
                code = f"CX{int(hashlib.sha256(client_order_id.encode()).hexdigest()[:8], 16):010d}"
                self.set_order_state(
                    client_order_id, TrackingState.SHIPPED, carrier="Correos Express", tracking_code=code
                )
            moved += 1
        return moved

    @staticmethod
    def _ensure_progress(conn: sqlite3.Connection) -> None:
        conn.execute(
            "CREATE TABLE IF NOT EXISTS order_progress (client_order_id TEXT PRIMARY KEY, state TEXT NOT NULL,"
            " carrier TEXT NOT NULL, tracking_code TEXT NOT NULL, updated_at TEXT NOT NULL)"
        )
        conn.execute(
            "CREATE TABLE IF NOT EXISTS order_payments (client_order_id TEXT PRIMARY KEY, state TEXT NOT NULL,"
            " updated_at TEXT NOT NULL)"
        )

    def find_order(self, client_order_id: str) -> OrderReceipt | None:
        self._call()
        return self._find_order(self._conn(), client_order_id)

    @staticmethod
    def _find_order(conn: sqlite3.Connection, client_order_id: str) -> OrderReceipt | None:
        row = conn.execute(
            "SELECT code, state, total_minor, currency, json_extract(data, '$._placed') FROM orders"
            " WHERE client_order_id=?",
            (client_order_id,),
        ).fetchone()
        if row is None:
            return None
        placed = json.loads(row[4]) if row[4] else None
        if placed is None:  # placed before the demo store credited points: its code, state and charge
            return OrderReceipt(client_order_id, row[0], row[1], total=Money.from_minor(int(row[2]), str(row[3])))
        return OrderReceipt(
            client_order_id,
            row[0],
            row[1],
            total=Money.from_minor(int(row[2]), str(row[3])),
            points_earned=int(placed["points_earned"]),
            short_lines=tuple(ShortLine(**line) for line in placed["short_lines"]),
            notes=tuple(LocalizedText(en, es) for en, es in placed["notes"]),
        )

    def search(self, query: str, limit: int) -> Sequence[str]:
        """A plain LIKE scan, most popular first: what a store's own API typically offers, for comparison."""
        self._call()
        text = query.strip()
        if not text or limit < 1:
            return []
        conn = self._conn()
        exact = self._exact_code(conn, text)
        if exact is not None:
            return [exact]
        words = text.lower().split()[:6]
        where = " AND ".join(
            "(name_en LIKE ? ESCAPE '\\' OR name_es LIKE ? ESCAPE '\\' OR brand LIKE ? ESCAPE '\\')" for _ in words
        )
        params: list[object] = []
        for word in words:
            pattern = "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            params += [pattern, pattern, pattern]
        rows = conn.execute(
            f"SELECT idx FROM products WHERE deleted=0 AND {where} ORDER BY popularity DESC, idx LIMIT ?",
            (*params, limit),
        ).fetchall()
        return [catalog.product_id(r[0]) for r in rows]

    def _exact_code(self, conn: sqlite3.Connection, text: str) -> str | None:
        """A GTIN (13 or 14 digits) or a SKU names one product."""
        g = catalog.variant_number(text) if text.isdigit() else None
        if g is not None:
            row = conn.execute(
                "SELECT idx, first_variant + variant_count, deleted FROM products WHERE first_variant <= ?"
                " ORDER BY first_variant DESC LIMIT 1",
                (g,),
            ).fetchone()
            if row and g < row[1] and not row[2]:
                return catalog.product_id(row[0])
            return None
        match = _SKU_RE.match(text.upper())
        if match is not None:
            row = conn.execute("SELECT idx FROM products WHERE idx=? AND deleted=0", (int(match.group(1)),)).fetchone()
            return catalog.product_id(row[0]) if row else None
        return None

    # ---- the omnichannel journey --------------------------------------------------------------------------

    def handoff_cart(self, cart_id: str) -> HandoffCart | None:
        self._call()
        try:
            key = str(uuid.UUID(cart_id))
        except ValueError:
            return None
        row = self._conn().execute("SELECT customer_id, lines FROM handoff_carts WHERE cart_id=?", (key,)).fetchone()
        if row is None:
            return None
        lines = tuple(CartItemRef(x["variant_id"], x["sku"], int(x["quantity"])) for x in json.loads(row[1]))
        return HandoffCart(key, lines, row[0])

    def publish_cart(self, lines: Sequence[CartItemRef], customer_id: str | None) -> CartLink:
        self._call()
        if not lines:
            raise BackendRejectedError("an empty cart cannot be handed off")
        if len(lines) > MAX_HANDOFF_LINES:
            raise BackendRejectedError(f"a handoff cart holds at most {MAX_HANDOFF_LINES} lines")
        conn = self._conn()
        for line in lines:
            self._check_variant(conn, line.variant_id)
        if customer_id is not None:
            self._customer_row(conn, customer_id)
        cart_id = str(uuid.uuid4())
        payload = json.dumps([dataclasses.asdict(line) for line in lines])
        with self._lock:
            conn.execute(
                "INSERT INTO handoff_carts VALUES (?, ?, ?, 'kiosk', ?)",
                (cart_id, customer_id, payload, self._clock.now().isoformat()),
            )
        return CartLink(cart_id, handoff_url(self.store_host, cart_id))

    def send_cart_link(self, customer_id: str, link: CartLink) -> None:
        self._call()
        conn = self._conn()
        self._customer_row(conn, customer_id)
        self._message(conn, customer_id, "cart_link", link.url)

    def save_customer_cart(self, customer_id: str, lines: Sequence[CartItemRef]) -> None:
        self._call()
        conn = self._conn()
        self._customer_row(conn, customer_id)
        for line in lines:
            self._check_variant(conn, line.variant_id)
        payload = json.dumps([dataclasses.asdict(line) for line in lines])
        with self._lock:
            conn.execute(
                "INSERT INTO customer_extras(customer_id, wishlist, saved_cart) VALUES (?, '[]', ?)"
                " ON CONFLICT(customer_id) DO UPDATE SET saved_cart=excluded.saved_cart",
                (customer_id, payload),
            )

    # ---- loyalty membership (kiosk.core.ports.LoyaltyMembership) ---------------------------------------
    def enrol(self, request: EnrolmentRequest) -> EnrolmentResult:
        """A new member with 0 points and a fresh card number, and the consent as given; an email or phone
        that already has an account says so and nothing more."""
        self._call()
        conn = self._conn()
        with self._lock:
            self._ensure_loyalty(conn)
            if self._member_with(conn, request) is not None:
                return EnrolmentResult(EnrolmentOutcome.ALREADY_MEMBER)
            now = self._clock.now().isoformat()
            customer_id = f"k{uuid.uuid4().hex[:12]}"
            email = request.contact if request.kind is ContactKind.EMAIL else ""
            phone = request.contact if request.kind is ContactKind.PHONE else ""
            conn.execute("BEGIN IMMEDIATE")
            try:
                number = self._new_loyalty_number(conn)
                customer = Customer(
                    id=customer_id,
                    first_name=request.first_name,
                    last_name="",
                    email=email,
                    loyalty_number=number,
                    points=0,
                    tier="Member",
                    phone=phone,
                )
                conn.execute(
                    "INSERT INTO customers VALUES (?, ?, ?, ?, ?, ?)",
                    (
                        customer_id,
                        number,
                        secrets.token_urlsafe(16),
                        email,
                        _digits(phone),
                        json.dumps(_customer_json(customer), ensure_ascii=False),
                    ),
                )
                conn.execute(
                    "INSERT INTO loyalty_consents VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        customer_id,
                        request.kind.value,
                        request.consent_version,
                        request.consent_text,
                        request.language,
                        request.store_id,
                        request.device_id,
                        now,
                    ),
                )
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise
        return EnrolmentResult(EnrolmentOutcome.CREATED, self._enrich(conn, customer))

    def loyalty_consents(self, customer_id: str) -> list[dict[str, str]]:
        """The consents a member gave (what the store shows an auditor or the member)."""
        conn = self._conn()
        with self._lock:
            self._ensure_loyalty(conn)
        cursor = conn.execute(
            "SELECT contact_kind, consent_version, consent_text, language, store_id, device_id, given_at"
            " FROM loyalty_consents WHERE customer_id=? ORDER BY given_at",
            (customer_id,),
        )
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def set_wishlisted(self, customer_id: str, product_id: str, wished: bool) -> tuple[str, ...]:
        self._call()
        conn = self._conn()
        self._customer_row(conn, customer_id)
        idx = catalog.product_index(product_id)
        if idx is None or conn.execute("SELECT 1 FROM products WHERE idx=? AND deleted=0", (idx,)).fetchone() is None:
            raise BackendRejectedError(f"unknown product {product_id}")
        with self._lock:
            conn.execute("BEGIN IMMEDIATE")
            try:
                row = conn.execute(
                    "SELECT wishlist FROM customer_extras WHERE customer_id=?", (customer_id,)
                ).fetchone()
                current = [str(x) for x in json.loads(row[0])] if row else []
                kept = [pid for pid in current if pid != product_id]
                wishlist = ([product_id, *kept] if wished else kept)[:MAX_WISHLIST]
                conn.execute(
                    "INSERT INTO customer_extras(customer_id, wishlist, saved_cart) VALUES (?, ?, '[]')"
                    " ON CONFLICT(customer_id) DO UPDATE SET wishlist=excluded.wishlist",
                    (customer_id, json.dumps(wishlist)),
                )
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise
        return tuple(wishlist)

    @staticmethod
    def _ensure_loyalty(conn: sqlite3.Connection) -> None:
        conn.execute(
            "CREATE TABLE IF NOT EXISTS loyalty_consents (customer_id TEXT NOT NULL, contact_kind TEXT NOT NULL,"
            " consent_version TEXT NOT NULL, consent_text TEXT NOT NULL, language TEXT NOT NULL,"
            " store_id TEXT NOT NULL, device_id TEXT NOT NULL, given_at TEXT NOT NULL)"
        )

    @staticmethod
    def _member_with(conn: sqlite3.Connection, request: EnrolmentRequest) -> str | None:
        if request.kind is ContactKind.EMAIL:
            row = conn.execute("SELECT id FROM customers WHERE email=?", (request.contact,)).fetchone()
            return str(row[0]) if row else None
        wanted = _digits(request.contact)
        for customer_id, stored in conn.execute("SELECT id, phone_digits FROM customers WHERE phone_digits != ''"):
            # "+34600123456" and a number stored without its country prefix are the same phone
            if stored == wanted or wanted.endswith(stored) or stored.endswith(wanted):
                return str(customer_id)
        return None

    @staticmethod
    def _new_loyalty_number(conn: sqlite3.Connection) -> str:
        """A card number no member has: the generated members' shape (people.loyalty_number), a random serial."""
        while True:
            number = people.loyalty_number(secrets.randbelow(9_000_000_000) + 1_000_000_000)
            if conn.execute("SELECT 1 FROM customers WHERE loyalty_number=?", (number,)).fetchone() is None:
                return number

    def customer_orders(self, customer_id: str, limit: int) -> Sequence[PastOrder]:
        self._call()
        conn = self._conn()
        self._customer_row(conn, customer_id)
        return self._orders_of(conn, customer_id, limit)

    def resend_order_confirmation(self, order_code: str) -> None:
        self._call()
        conn = self._conn()
        customer_id, _ = self._order_lines(conn, order_code)
        if not customer_id:
            raise BackendRejectedError(f"order {order_code} has no customer to send a confirmation to")
        self._message(conn, customer_id, "order_confirmation", order_code)

    def start_return(self, order_code: str, lines: Sequence[tuple[str, int]], reason: str) -> ReturnReceipt:
        self._call()
        conn = self._conn()
        with self._lock:
            _, bought, state = self._order_facts(conn, order_code)
            try:
                check_returnable(order_code, state)
            except ReturnError as exc:
                raise BackendRejectedError(str(exc)) from exc
            for (returned_text,) in conn.execute("SELECT lines FROM returns WHERE order_code=?", (order_code,)):
                for variant_id, quantity in json.loads(returned_text):
                    bought[variant_id] = bought.get(variant_id, 0) - int(quantity)
            try:
                check_return(lines, {k: v for k, v in bought.items() if v > 0}, reason)
            except ReturnError as exc:
                raise BackendRejectedError(str(exc)) from exc
            conn.execute("BEGIN IMMEDIATE")
            try:
                cur = conn.execute(
                    "INSERT INTO returns(return_id, order_code, lines, reason, created_at) VALUES ('', ?, ?, ?, ?)",
                    (order_code, json.dumps([list(x) for x in lines]), reason.strip(), self._clock.now().isoformat()),
                )
                return_id = f"RET-{cur.lastrowid:06d}"
                conn.execute("UPDATE returns SET return_id=? WHERE n=?", (return_id, cur.lastrowid))
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise
        return ReturnReceipt(return_id, order_code, tuple((v, int(q)) for v, q in lines), reason.strip())

    def submit_events(self, batch: Sequence[KioskEvent]) -> None:
        self._call()
        if len(batch) > 1000:
            raise BackendRejectedError(f"at most 1000 events per batch, got {len(batch)}")
        now = self._clock.now().isoformat()
        rows = [
            (e.event_id, e.kind.value, e.at.isoformat(), e.store_id, e.device_id, json.dumps(e.data), now)
            for e in batch
        ]
        conn = self._conn()
        with self._lock:
            conn.execute("BEGIN IMMEDIATE")
            try:
                conn.executemany("INSERT OR IGNORE INTO events VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise

    def recalls_stamp(self) -> str:
        """Changes whenever recalls.json does (its modification time and size): the served store sends it with
        every page of changes, so a kiosk fetches the list again only when it changed."""
        try:
            info = RECALLS_FILE.stat()
        except OSError:
            return "missing"
        return f"{info.st_mtime_ns}-{info.st_size}"

    def recall_list(self) -> RecallList:
        """The recalls in resources/demo/recalls.json, read on every call (a demo may edit it while running)."""
        self._call()
        records = json.loads(RECALLS_FILE.read_text(encoding="utf-8"))
        if not isinstance(records, list):
            raise BackendRejectedError(f"{RECALLS_FILE.name}: a recall list must be a JSON list")
        try:
            return RecallList.from_records(records)
        except ValueError as exc:
            raise BackendRejectedError(f"{RECALLS_FILE.name}: {exc}") from exc

    def promotions_stamp(self) -> str:
        """Changes whenever what `promotions()` answers can: promotions.json (its modification time and size)
        and the store's calendar day, as the file's dates count days from today. The served store sends it with
        every page of changes, like the recall list's stamp, so a kiosk fetches the promotions only then."""
        day = self._clock.now().date().isoformat()
        try:
            info = PROMOTIONS_FILE.stat()
        except OSError:
            return f"missing-{day}"
        return f"{info.st_mtime_ns}-{info.st_size}-{day}"

    def promotions(self) -> tuple[Promotion, ...]:
        """The promotions the store publishes to kiosks: all of its own (`_own_promotions`)."""
        self._call()
        return self._own_promotions()

    def _own_promotions(self) -> tuple[Promotion, ...]:
        """The promotions in resources/demo/promotions.json, read on every call like the recall list. An
        order is charged by these, not by what the kiosks were told: a store may run offers a kiosk cannot
        compute (Vendure's facet-based ones), and the order's final amount is then the store's."""
        try:
            return load_promotions(PROMOTIONS_FILE, catalog.CURRENCY, self._clock.now())
        except DemoDataError as exc:
            raise BackendRejectedError(str(exc)) from exc

    def _with_groups(self, customer: Customer) -> Customer:
        """The member with the customer groups the store puts them in (resources/demo/customer_groups.json,
        read on every call like the promotions): the kiosk prices group promotions offline with them, and the
        store charges an order by the same groups."""
        try:
            memberships = load_group_memberships(GROUPS_FILE)
        except DemoDataError as exc:
            raise BackendRejectedError(str(exc)) from exc
        return dataclasses.replace(customer, groups=memberships.of(customer.id, customer.tier))

    def products_of(self, variant_ids: Sequence[str]) -> dict[str, str]:
        """VariantProducts: the demo's variant ids name their product ("p0000001-v01"), so no lookup is needed;
        ids that are not the demo's are left out."""
        self._call()
        return products_of_variants(variant_ids)

    def attract_slides(self, store_id: str) -> tuple[AttractSlide, ...]:
        """The store's attract loop from resources/demo/attract.json (read on every call, like the recall
        list), its product slides filled in from the catalog: picture, {product} and {price} in each language."""
        self._call()
        try:
            data = json.loads(ATTRACT_FILE.read_text(encoding="utf-8"))
            records = data["stores"].get(store_id, data["*"])
        except (OSError, ValueError, KeyError, AttributeError) as exc:
            raise BackendRejectedError(f"{ATTRACT_FILE.name}: {exc}") from exc
        conn = self._conn()
        filled: list[dict[str, object]] = []
        for record in records:
            product_id = str(record.get("product_id") or "")
            if not product_id:
                filled.append(record)
                continue
            idx = catalog.product_index(product_id)
            product = self._product_by_idx(conn, idx) if idx is not None else None
            if product is None:
                continue  # gone from the catalog: no slide for it
            filled.append(_fill_product(record, product))
        return slides_from_records(filled)

    def _customer_row(self, conn: sqlite3.Connection, customer_id: str) -> None:
        if conn.execute("SELECT 1 FROM customers WHERE id=?", (customer_id,)).fetchone() is None:
            raise BackendRejectedError(f"no customer {customer_id}")

    @staticmethod
    def _check_variant(conn: sqlite3.Connection, variant_id: str) -> None:
        match = VARIANT_RE.match(variant_id)
        row = None
        if match is not None:
            row = conn.execute(
                "SELECT variant_count FROM products WHERE idx=? AND deleted=0", (int(match.group(1)),)
            ).fetchone()
        if row is None or match is None or not 1 <= int(match.group(2)) <= row[0]:
            raise BackendRejectedError(f"unknown variant {variant_id}", RejectionReason.PRODUCT_GONE)

    @staticmethod
    def _order_lines(conn: sqlite3.Connection, order_code: str) -> tuple[str, dict[str, int]]:
        """The customer id and (variant id -> quantity) of a web or kiosk order; BackendRejectedError if none."""
        customer_id, bought, _ = DemoBackend._order_facts(conn, order_code)
        return customer_id, bought

    @staticmethod
    def _order_facts(conn: sqlite3.Connection, order_code: str) -> tuple[str, dict[str, int], str]:
        """_order_lines and the order's state as Vendure would name it (for returns)."""
        bought: dict[str, int] = {}
        row = conn.execute("SELECT customer_id, lines, state FROM web_orders WHERE code=?", (order_code,)).fetchone()
        if row is not None:
            for x in json.loads(row[1]):
                bought[x["variant_id"]] = bought.get(x["variant_id"], 0) + int(x["quantity"])
            return str(row[0]), bought, str(row[2])
        DemoBackend._ensure_progress(conn)
        row = conn.execute(
            "SELECT o.data, o.state, p.state, pay.state FROM orders o"
            " LEFT JOIN order_progress p USING (client_order_id)"
            " LEFT JOIN order_payments pay USING (client_order_id) WHERE o.code=?",
            (order_code,),
        ).fetchone()
        if row is None:
            raise BackendRejectedError(f"no order {order_code}")
        data = json.loads(row[0])
        for x in data["lines"]:
            bought[x["variant_id"]] = bought.get(x["variant_id"], 0) + int(x["quantity"])
        return str(data["contact"].get("customer_id") or ""), bought, _kiosk_order_state(str(row[1]), row[2], row[3])

    def _message(self, conn: sqlite3.Connection, customer_id: str, kind: str, body: str) -> None:
        """The demo store's "email": recorded, so tests and the demo can see what was sent."""
        with self._lock:
            conn.execute(
                "INSERT INTO messages(customer_id, kind, body, sent_at) VALUES (?, ?, ?, ?)",
                (customer_id, kind, body, self._clock.now().isoformat()),
            )

    # ---- ImageSource ----------------------------------------------------------------------------------

    def image_bytes(self, ref: str) -> bytes:
        """PNG for "demo:p0000123:navy", rendered on first request and cached under data_dir/images/.

        The reference is parsed strictly (product number, then a known colour of that product), and the file
        name is built from the parsed parts only, so no reference can reach outside the cache folder.
        """
        self._call()  # pictures come from the store's server too: offline, they fail like everything else
        match = _IMAGE_RE.match(ref)
        if match is None:
            raise KeyError(f"not a demo image reference: {ref!r}")
        idx, colour = int(match.group(1)), match.group(2)
        row = (
            self._conn()
            .execute("SELECT category_id, item_type, style, colours FROM products WHERE idx=?", (idx,))
            .fetchone()
        )
        if row is None or colour not in row[3].split(","):
            raise KeyError(f"no demo image {ref!r}")
        path = self.images_dir / f"p{idx:07d}-{colour}.png"
        try:
            return path.read_bytes()
        except FileNotFoundError:
            pass
        item = vocab.ITEM_TYPE_BY_CODE[row[1]]
        data = images.render(item.drawing, vocab.COLOUR_BY_CODE[colour].rgb, category=row[0], style=row[2])
        self.images_dir.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.{threading.get_ident()}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, path)  # readers never see a half-written file
        return data

    # ---- demo helpers -----------------------------------------------------------------------------------

    def product(self, product_id: str) -> Product | None:
        """One product as catalog_changes would send it (tests, the CLI)."""
        idx = catalog.product_index(product_id)
        if idx is None:
            return None
        row = self._conn().execute(f"SELECT {_COLUMNS} FROM products WHERE idx=? AND deleted=0", (idx,)).fetchone()
        return self._with_related([self._factory.build(row)])[0] if row else None

    def stats(self) -> dict[str, int]:
        """Counts for the CLI and tests: live products, SKUs, deletions, customers, orders."""
        conn = self._conn()
        products, variants = conn.execute(
            "SELECT count(*), coalesce(sum(variant_count), 0) FROM products WHERE deleted=0"
        ).fetchone()
        deleted = conn.execute("SELECT count(*) FROM products WHERE deleted=1").fetchone()[0]
        customers = conn.execute("SELECT count(*) FROM customers").fetchone()[0]
        orders = conn.execute("SELECT count(*) FROM orders").fetchone()[0]
        return {
            "products": products,
            "variants": variants,
            "deleted": deleted,
            "customers": customers,
            "orders": orders,
        }

    def customers(self) -> list[Customer]:
        conn = self._conn()
        rows = conn.execute("SELECT data FROM customers ORDER BY id").fetchall()
        return [self._enrich(conn, self._with_groups(_customer_from_json(json.loads(r[0])))) for r in rows]

    def sample_handoff_ids(self) -> list[str]:
        """Web-shop carts waiting for a kiosk ("continue in store" QR codes), oldest first."""
        rows = self._conn().execute("SELECT cart_id FROM handoff_carts WHERE origin='web' ORDER BY created_at, cart_id")
        return [str(r[0]) for r in rows]

    def sample_nfc_uids(self) -> list[str]:
        """NFC loyalty tags as the reader reports them (kiosk.core.scanning's "nfc-uid:<HEX>" token)."""
        return [str(r[0]) for r in self._conn().execute("SELECT uid FROM nfc_tags ORDER BY customer_id")]

    def messages(self, customer_id: str) -> list[tuple[str, str]]:
        """(kind, body) of what the store "sent" to a customer (cart links, order confirmations), oldest first."""
        rows = self._conn().execute("SELECT kind, body FROM messages WHERE customer_id=? ORDER BY n", (customer_id,))
        return [(str(r[0]), str(r[1])) for r in rows]

    def event_count(self) -> int:
        return int(self._conn().execute("SELECT count(*) FROM events").fetchone()[0])

    def app_token(self, customer_id: str) -> str | None:
        row = self._conn().execute("SELECT app_token FROM customers WHERE id=?", (customer_id,)).fetchone()
        return str(row[0]) if row else None

    def sample_customer(self) -> Customer | None:
        """The demo profile checkout can fill the address from."""
        customers = self.customers()
        return customers[0] if customers else None

    def simulate_changes(self, fraction: float, seed: int) -> int:
        """Changes price, stock or name of `fraction` of the live products and deletes a few (one in twenty
        of those picked), each with a new sequence, so the next delta sync returns exactly these.
        Returns how many products were changed or deleted."""
        if not 0 <= fraction <= 1:
            raise ValueError(f"fraction must be between 0 and 1, got {fraction}")
        conn = self._conn()
        with self._lock:
            live = [r[0] for r in conn.execute("SELECT idx FROM products WHERE deleted=0 ORDER BY idx")]
            count = min(len(live), round(len(live) * fraction))
            if count == 0:
                return 0
            rng = random.Random(f"changes:{self.seed}:{seed}")
            chosen = rng.sample(live, count)
            deletions = count // 20
            now = self._clock.now().isoformat()
            conn.execute("BEGIN IMMEDIATE")
            try:
                seq = conn.execute("SELECT max(seq) FROM products").fetchone()[0]
                updates = []
                for i, idx in enumerate(chosen):
                    seq += 1
                    if i < deletions:
                        conn.execute("UPDATE products SET seq=?, deleted=1, updated_at=? WHERE idx=?", (seq, now, idx))
                        continue
                    price, name_en, name_es, salt = conn.execute(
                        "SELECT price_minor, name_en, name_es, stock_salt FROM products WHERE idx=?", (idx,)
                    ).fetchone()
                    if rng.random() < 0.6:
                        price = catalog.retail_cents(rng, price / 100 * rng.uniform(0.8, 1.15))
                    if rng.random() < 0.1 and not name_en.endswith(" – New Season"):
                        name_en, name_es = name_en + " – New Season", name_es + " – Nueva temporada"
                    updates.append((seq, price, name_en, name_es, salt + 1, now, idx))
                conn.executemany(
                    "UPDATE products SET seq=?, price_minor=?, name_en=?, name_es=?, stock_salt=?, updated_at=?"
                    " WHERE idx=?",
                    updates,
                )
                conn.execute("UPDATE meta SET value=? WHERE key='last_seq'", (str(seq),))
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise
        return count

    def live_changes(self, step: int) -> int:
        """One step of a store that lives (kiosk.backends.demo.live): stock moves on three popular products,
        every third step one price drops by 5-15 %, every tenth step one product is withdrawn. Returns how
        many products changed."""
        rng = random.Random(f"live:{self.seed}:{step}")
        popular = "SELECT idx FROM products WHERE deleted=0 ORDER BY popularity DESC, seq LIMIT 200"
        live = [r[0] for r in self._conn().execute(popular)]  # what the home screen shows: changes are seen
        chosen = rng.sample(live, min(len(live), 5))
        changed = 0
        for idx in chosen[:3]:
            changed += self.change_product(catalog.product_id(idx), stock_moves=True)
        if step % 3 == 2 and len(chosen) > 3:
            price = self._conn().execute("SELECT price_minor FROM products WHERE idx=?", (chosen[3],)).fetchone()[0]
            new_price = Decimal(catalog.retail_cents(rng, price / 100 * rng.uniform(0.85, 0.95))) / 100
            changed += self.change_product(catalog.product_id(chosen[3]), price=new_price)
        if step % 10 == 9 and len(chosen) > 4:
            changed += self.change_product(catalog.product_id(chosen[4]), withdraw=True)
        self._advance_orders()
        return changed

    def change_product(
        self, product_id: str, *, price: Decimal | None = None, stock_moves: bool = False, withdraw: bool = False
    ) -> int:
        """One change a shop's staff or orders would make, with a new sequence so the change feed carries it:
        a new base price (in the store's currency), moved stock, or the product withdrawn. Returns 1 if the
        product exists and is live, else 0."""
        idx = catalog.product_index(product_id)
        if idx is None:
            return 0
        conn = self._conn()
        now = self._clock.now().isoformat()
        with self._lock:
            conn.execute("BEGIN IMMEDIATE")
            try:
                if conn.execute("SELECT 1 FROM products WHERE idx=? AND deleted=0", (idx,)).fetchone() is None:
                    conn.execute("ROLLBACK")
                    return 0
                seq = conn.execute("SELECT max(seq) FROM products").fetchone()[0] + 1
                sets = ["seq=?", "updated_at=?"]
                values: list[object] = [seq, now]
                if withdraw:
                    sets.append("deleted=1")
                if price is not None:
                    sets.append("price_minor=?")
                    values.append(int(price * 100))
                if stock_moves:
                    sets.append("stock_salt=stock_salt+1")
                conn.execute(f"UPDATE products SET {', '.join(sets)} WHERE idx=?", (*values, idx))
                conn.execute("UPDATE meta SET value=? WHERE key='last_seq'", (str(seq),))
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise
        return 1

    def sample_scans(self, lang: str) -> list[tuple[str, bytes]]:
        """Codes for the on-screen demo-scanner tray, as a scanner with AIM symbology ids sends them.

        Products are EAN-13 (`]E0` + 13 digits). The loyalty card is a UPC-A, which scanners report under
        `]E0` as 13 digits with a leading 0 (the AIM convention for UPC-A), so its bytes are `]E00` + the 12
        printed digits. QR codes are `]Q1` + the URL. Every frame ends in CR, as most scanners are set up.
        """
        es = lang == "es"
        conn = self._conn()
        # the most popular of the first few thousand products: a bounded query, since the UI asks for these
        # on its own thread and a sort over a million rows would stall it
        rows = conn.execute(
            f"SELECT {_COLUMNS} FROM products WHERE idx <= 3000 AND deleted=0 ORDER BY popularity DESC, idx LIMIT 150"
        ).fetchall()
        picks: list[tuple[str, bytes]] = []
        seen_categories: set[str] = set()
        out_here: tuple[str, bytes] | None = None
        link: tuple[str, bytes] | None = None
        for product in self._factory.build_page(rows):
            for variant in product.variants:
                if variant.gtin is None:
                    continue
                here = variant.stock[0].quantity
                elsewhere = sum(level.quantity for level in variant.stock[1:])
                name = product.name.get(lang)
                if here == 0 and elsewhere > 0 and out_here is None:
                    label = f"Agotado aquí: {name}" if es else f"Out of stock here: {name}"
                    out_here = (label, b"]E0" + variant.gtin[1:].encode() + b"\r")
                elif here > 0 and product.category_id not in seen_categories and len(picks) < 4:
                    seen_categories.add(product.category_id or "")
                    picks.append((name, b"]E0" + variant.gtin[1:].encode() + b"\r"))
                elif here > 0 and link is None and len(picks) == 4 and product.category_id not in seen_categories:
                    label = f"QR GS1 Digital Link: {name}" if es else f"GS1 Digital Link QR: {name}"
                    link = (label, f"]Q1{DIGITAL_LINK}{variant.gtin}\r".encode())
                break  # one variant per product keeps the tray varied
        scans = [*picks, *(x for x in (out_here, link) if x is not None)]
        customer = self.sample_customer()
        if customer is not None:
            full = f"{customer.first_name} {customer.last_name}"
            card = f"Tarjeta de cliente: {full}" if es else f"Loyalty card: {full}"
            scans.append((card, b"]E00" + customer.loyalty_number.encode() + b"\r"))
            # the app QR identifies a second customer, so the tray shows two different shoppers
            other = self.customers()[1]
            full = f"{other.first_name} {other.last_name}"
            app = f"QR de la app: {full}" if es else f"Loyalty app QR: {full}"
            scans.append((app, f"]Q1{APP_URL}{self.app_token(other.id)}\r".encode()))
        handoffs = self.sample_handoff_ids()
        if handoffs:
            label = "QR de carrito web" if es else "Web cart QR"
            scans.append((label, f"]Q1{handoff_url(self.store_host, handoffs[-1])}\r".encode()))
        return scans


# A kiosk order's progress (the demo's staff, carriers and payment page) as Vendure would name its state.
_PROGRESS_STATES = {
    "paid": "PaymentSettled",
    "shipped": "Shipped",
    "collected": "Delivered",
    "delivered": "Delivered",
    "cancelled": "Cancelled",
    "refunded": "Cancelled",
}


def _fill_product(record: Mapping[str, Any], product: Product) -> dict[str, object]:
    """An attract slide about `product`: its picture, and its name and price for {product} and {price}."""
    price = product.from_price

    def fill(text: Mapping[str, str]) -> dict[str, str]:
        return {
            lang: str(text.get(lang, "")).format(
                product=product.name.get(lang), price=price.format(lang) if price is not None else ""
            )
            for lang in ("en", "es")
        }

    return {**record, "title": fill(record["title"]), "body": fill(record.get("body") or {}), "image": product.image}


def _kiosk_order_state(row_state: str, progress: str | None, payment: str | None) -> str:
    """An order being prepared or waiting at the store may not be paid yet (pay at the counter): only a settled
    payment or a later step (shipped, collected) makes it paid."""
    named = _PROGRESS_STATES.get(progress or "")
    if named is not None:
        return named
    if payment == "settled":
        return "PaymentSettled"
    return row_state


def _english(customer_id: str) -> bool:
    """One demo customer in five speaks English (demo_people): their order lines are named in English."""
    number = customer_id[1:]
    return number.isdigit() and int(number) % 5 == 0


def _digits(text: str) -> str:
    return "".join(ch for ch in text if "0" <= ch <= "9")


def _customer_json(customer: Customer) -> dict[str, Any]:
    data = dataclasses.asdict(customer)
    data["groups"] = sorted(customer.groups)
    for order in data["history"]:
        order["placed_on"] = order["placed_on"].isoformat()
        order["total"] = str(order["total"]["amount"])
    return data


def _customer_from_json(data: dict[str, Any]) -> Customer:
    return Customer(
        id=data["id"],
        first_name=data["first_name"],
        last_name=data["last_name"],
        email=data["email"],
        loyalty_number=data["loyalty_number"],
        points=data["points"],
        tier=data["tier"],
        phone=data["phone"],
        addresses=tuple(Address(**a) for a in data["addresses"]),
        history=tuple(
            PastOrder(
                o["code"], date.fromisoformat(o["placed_on"]), Money.of(o["total"], "EUR"), tuple(o["item_names"])
            )
            for o in data["history"]
        ),
    )

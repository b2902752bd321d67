"""The demo store's omnichannel data: web orders with lines, co-purchases, wishlists, saved and handoff carts.

Built once per demo_store.db, after the catalog and customers (`build`), deterministically from the seed,
so two stores of the same seed and size hold the same data. It is a layer of its own tables with its own
version (meta `omni_version`), so a store generated before these tables existed gains them on first use
instead of being regenerated.

Co-purchases come from a simulated web-shop order history: BASKETS baskets over the most popular products
(the first HISTORY_PRODUCTS by index), each an anchor product plus one to three companions, mostly from the
anchor's "look" (a fixed group of six products of different kinds that shoppers buy together) and
otherwise any popular product. Each product's related list is its most frequent basket companions (ties:
the more popular), at most RELATED_PER_PRODUCT. The customers' own order histories are baskets drawn the
same way, so "bought with what you bought" is consistent with what the profile shows.
"""

from __future__ import annotations

import itertools
import json
import random
import sqlite3
import uuid
from collections import Counter
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from typing import Any

from kiosk.backends.demo import catalog, people
from kiosk.core.catalog import Product

OMNI_VERSION = "1"
BASKETS = 20_000
HISTORY_PRODUCTS = 3000
LOOK_SIZE = 6
RELATED_PER_PRODUCT = 8
HANDOFF_SAMPLES = 3
NFC_SAMPLES = 3

SCHEMA = """
CREATE TABLE IF NOT EXISTS related (idx INTEGER PRIMARY KEY, ids TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS web_orders (
    code TEXT PRIMARY KEY, customer_id TEXT NOT NULL, placed_on TEXT NOT NULL, state TEXT NOT NULL,
    total_minor INTEGER NOT NULL, lines TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS web_orders_by_customer ON web_orders(customer_id, placed_on);
CREATE TABLE IF NOT EXISTS customer_extras (
    customer_id TEXT PRIMARY KEY, wishlist TEXT NOT NULL, saved_cart TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS nfc_tags (uid TEXT PRIMARY KEY, customer_id TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS handoff_carts (
    cart_id TEXT PRIMARY KEY, customer_id TEXT, lines TEXT NOT NULL, origin TEXT NOT NULL, created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS events (
    event_id TEXT PRIMARY KEY, kind TEXT NOT NULL, at TEXT NOT NULL, store_id TEXT NOT NULL,
    device_id TEXT NOT NULL, data TEXT NOT NULL, received_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS returns (
    n INTEGER PRIMARY KEY AUTOINCREMENT, return_id TEXT NOT NULL UNIQUE, order_code TEXT NOT NULL,
    lines TEXT NOT NULL, reason TEXT NOT NULL, created_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS returns_by_order ON returns(order_code);
CREATE TABLE IF NOT EXISTS messages (
    n INTEGER PRIMARY KEY AUTOINCREMENT, customer_id TEXT NOT NULL, kind TEXT NOT NULL, body TEXT NOT NULL,
    sent_at TEXT NOT NULL
);
"""


def line_json(product: Product, variant_index: int, quantity: int) -> dict[str, Any]:
    variant = product.variants[variant_index % len(product.variants)]
    return {
        "variant_id": variant.id,
        "product_id": product.id,
        "sku": variant.sku,
        "name_en": product.name.en,
        "name_es": product.name.es,
        "quantity": quantity,
        "unit_minor": variant.price.to_minor(),
    }


class _History:
    """Draws baskets the way the simulated web shop's shoppers fill them."""

    def __init__(self, rng: random.Random, rows: Sequence[tuple[int, int]]) -> None:
        self._rng = rng
        self._ids = [idx for idx, _ in rows]
        # cumulative weights once: rng.choices with plain weights re-adds them on every call
        self._cum = list(itertools.accumulate(popularity + 1 for _, popularity in rows))
        order = list(self._ids)
        random.Random(rng.random()).shuffle(order)
        self._look = {idx: position // LOOK_SIZE for position, idx in enumerate(order)}
        self._members: dict[int, list[int]] = {}
        for idx, look in self._look.items():
            self._members.setdefault(look, []).append(idx)

    def basket(self) -> list[int]:
        rng = self._rng
        anchor = rng.choices(self._ids, cum_weights=self._cum)[0]
        basket = [anchor]
        mates = [m for m in self._members[self._look[anchor]] if m != anchor]
        for _ in range(rng.choice((1, 1, 2, 3))):
            pick = (
                rng.choice(mates) if mates and rng.random() < 0.7 else rng.choices(self._ids, cum_weights=self._cum)[0]
            )
            if pick not in basket:
                basket.append(pick)
        return basket


def build(conn: sqlite3.Connection, seed: int, build_product: Callable[[int], Product | None]) -> None:
    """Fills the omnichannel tables (SCHEMA, created by the caller) inside the caller's transaction."""
    for table in ("related", "web_orders", "customer_extras", "nfc_tags", "handoff_carts"):
        conn.execute(f"DELETE FROM {table}")
    rows = conn.execute(
        "SELECT idx, popularity FROM products WHERE deleted=0 AND idx <= ? ORDER BY idx", (HISTORY_PRODUCTS,)
    ).fetchall()
    if len(rows) < 2:
        return
    rng = random.Random(f"omni:{seed}")
    history = _History(rng, rows)
    popularity = dict(rows)
    pairs: dict[int, Counter[int]] = {}
    for _ in range(BASKETS):
        basket = history.basket()
        for a in basket:
            counter = pairs.setdefault(a, Counter())
            for b in basket:
                if a != b:
                    counter[b] += 1
    conn.executemany(
        "INSERT INTO related(idx, ids) VALUES (?, ?)",
        [
            (
                idx,
                json.dumps(
                    [
                        catalog.product_id(b)
                        for b, _ in sorted(counter.items(), key=lambda kv: (-kv[1], -popularity.get(kv[0], 0), kv[0]))[
                            :RELATED_PER_PRODUCT
                        ]
                    ]
                ),
            )
            for idx, counter in sorted(pairs.items())
        ],
    )

    products: dict[int, Product | None] = {}

    def product(idx: int) -> Product | None:
        if idx not in products:
            products[idx] = build_product(idx)
        return products[idx]

    customers = conn.execute("SELECT id, data FROM customers ORDER BY id").fetchall()
    popular = [idx for idx, _ in sorted(rows, key=lambda r: (-r[1], r[0]))[:200]]
    for number, (customer_id, data_text) in enumerate(customers, start=1):
        data = json.loads(data_text)
        english = number % 5 == 0
        history_json = []
        for k, past in enumerate(data["history"]):
            day = date.fromisoformat(past["placed_on"])
            lines = []
            for idx in history.basket():
                item = product(idx)
                if item is not None:
                    lines.append(line_json(item, rng.randrange(8), rng.choice((1, 1, 1, 2))))
            total = sum(line["unit_minor"] * line["quantity"] for line in lines)
            state = "Shipped" if k == 0 and number % 3 == 0 else "Delivered"
            conn.execute(
                "INSERT INTO web_orders VALUES (?, ?, ?, ?, ?, ?)",
                (past["code"], customer_id, day.isoformat(), state, total, json.dumps(lines, ensure_ascii=False)),
            )
            names = [line["name_en"] if english else line["name_es"] for line in lines]
            history_json.append({**past, "total": f"{total / 100:.2f}", "item_names": names})
        data["history"] = history_json
        conn.execute("UPDATE customers SET data=? WHERE id=?", (json.dumps(data, ensure_ascii=False), customer_id))
        wishlist = [catalog.product_id(idx) for idx in rng.sample(popular, 3 if number == 1 else rng.choice((0, 1, 2)))]
        saved: list[dict[str, Any]] = []
        if number == 1 or number % 4 == 0:
            for idx in rng.sample(popular, rng.choice((1, 2))):
                item = product(idx)
                if item is not None:
                    line = line_json(item, rng.randrange(8), 1)
                    saved.append({"variant_id": line["variant_id"], "sku": line["sku"], "quantity": 1})
        conn.execute(
            "INSERT INTO customer_extras VALUES (?, ?, ?)", (customer_id, json.dumps(wishlist), json.dumps(saved))
        )
        if number <= NFC_SAMPLES:
            conn.execute(
                "INSERT INTO nfc_tags VALUES (?, ?)", (f"nfc-uid:04{rng.randbytes(6).hex().upper()}", customer_id)
            )
    for n in range(HANDOFF_SAMPLES):
        cart_id = str(uuid.UUID(int=rng.getrandbits(128), version=4))
        owner = customers[1][0] if n == 0 and len(customers) > 1 else None
        lines = []
        for idx in history.basket():
            item = product(idx)
            if item is not None:
                line = line_json(item, rng.randrange(8), rng.choice((1, 2)))
                lines.append({"variant_id": line["variant_id"], "sku": line["sku"], "quantity": line["quantity"]})
        created = (people.HISTORY_END + timedelta(days=n)).isoformat()
        conn.execute(
            "INSERT INTO handoff_carts VALUES (?, ?, ?, 'web', ?)", (cart_id, owner, json.dumps(lines), created)
        )
    conn.execute(
        "INSERT INTO meta(key, value) VALUES ('omni_version', ?) ON CONFLICT(key) DO UPDATE SET value=excluded.value",
        (OMNI_VERSION,),
    )

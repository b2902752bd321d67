"""Writes tests/fixtures/caches/catalog-<version>.db with the checkout's own storage code: a small catalog cache as
that release leaves it (40 products in two brands, colours and sizes, a cursor), for the test that the next release
reads it without a re-import. Run it on the released commit before changing how catalog.db is written:

    .venv/bin/python tools/make_catalog_fixture.py
"""

from __future__ import annotations

import dataclasses
import sqlite3
import sys
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import kiosk
from kiosk.core.catalog import Product, Variant
from kiosk.core.i18n import LocalizedText
from kiosk.core.services.catalog_sync import CatalogSync
from kiosk.storage.catalog_store import SqliteCatalogStore
from tests.fakes import FakeBackend, FakeClock, make_product

COLOURS = (LocalizedText("Red", "Rojo"), LocalizedText("Blue", "Azul"))
SIZES = ("S", "M", "L")


def fixture_products() -> list[Product]:
    """Linen shirts 1-40: odd ones by Norda, even ones by Alba; each in both colours and three sizes."""
    products = []
    for n in range(1, 41):
        base = make_product(n, name=f"Linen shirt {n}", price=f"{10 + n}.99", popularity=100 - n)
        first = base.variants[0]
        variants = tuple(
            dataclasses.replace(
                first,
                id=f"{base.id}-{c}-{s}",
                sku=f"SKU-{n}-{c}-{s}",
                gtin=f"{n:08d}{c}{s:02d}".zfill(14),
                options=(("colour", colour), ("size", LocalizedText.same(size))),
            )
            for c, colour in enumerate(COLOURS)
            for s, size in enumerate(SIZES)
        )
        products.append(dataclasses.replace(base, brand="Norda" if n % 2 else "Alba", variants=variants))
    return products


def main() -> int:
    target = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "caches" / f"catalog-{kiosk.__version__}.db"
    target.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    store = SqliteCatalogStore(target)
    CatalogSync(FakeBackend(fixture_products()), store, FakeClock(datetime(2026, 12, 1, 10, 0, tzinfo=UTC))).sync()
    store.close()
    conn = sqlite3.connect(target)
    conn.execute("PRAGMA journal_mode=DELETE")  # one file, no WAL beside it
    conn.execute("VACUUM")
    conn.close()
    print(f"wrote {target}: {Variant.__name__}s of {len(fixture_products())} products")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

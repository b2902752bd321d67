"""A first import through the demo store's snapshot builds the same cache as one through pages.

Real parts only: a generated demo_store.db, the producer in its own process, catalog.db files on disk.
"""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from kiosk.backends.demo import DemoBackend
from kiosk.backends.demo_catalog import variant_gtin
from kiosk.backends.demo_snapshot import ExportSnapshot, export_path, export_sequence, header
from kiosk.core.catalog import CatalogPage
from kiosk.core.catalog_snapshot import (
    CatalogSnapshotError,
    SnapshotChunk,
    SnapshotHeader,
    SnapshotTrailer,
)
from kiosk.core.errors import StorageError
from kiosk.core.services.catalog_sync import CatalogSync
from kiosk.storage import catalog_bulk
from kiosk.storage.catalog_store import SqliteCatalogStore
from tests.fakes import FakeClock

SIZE = 15000  # SKUs, ~2,600 products: two producer chunks


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoBackend]:
    backend = DemoBackend(tmp_path_factory.mktemp("demo-snapshot"), catalog_size=SIZE, seed=7)
    backend.simulate_changes(0.05, seed=3)  # moved rows, new sequence numbers, tombstones
    yield backend
    backend.close()


class _PagesOnly:
    """The same demo store seen through pages alone, as a backend without snapshots (Vendure) is."""

    def __init__(self, backend: DemoBackend) -> None:
        self._backend = backend

    def catalog_changes(self, cursor: str | None, limit: int) -> CatalogPage:
        return self._backend.catalog_changes(cursor, limit)


@pytest.fixture(scope="module")
def paged(demo: DemoBackend, tmp_path_factory: pytest.TempPathFactory) -> Iterator[SqliteCatalogStore]:
    store = SqliteCatalogStore(tmp_path_factory.mktemp("paged") / "catalog.db")
    report = CatalogSync(_PagesOnly(demo), store, FakeClock(), page_size=300).sync()  # type: ignore[arg-type]
    assert not report.snapshot
    yield store
    store.close()


@pytest.fixture(scope="module")
def snapshotted(demo: DemoBackend, tmp_path_factory: pytest.TempPathFactory) -> Iterator[SqliteCatalogStore]:
    store = SqliteCatalogStore(tmp_path_factory.mktemp("snapshot") / "catalog.db")
    report = CatalogSync(demo, store, FakeClock()).sync()
    assert report.snapshot and report.snapshot_error == ""
    assert report.pages >= 1 and report.deleted > 0  # the changes made after the export came as pages
    assert store.product_count() == demo.stats()["products"]
    yield store
    store.close()


def test_every_product_is_the_same_as_through_pages(paged: SqliteCatalogStore, snapshotted: SqliteCatalogStore) -> None:
    ids = [r[0] for r in sqlite3.connect(paged.path).execute("SELECT id FROM products ORDER BY id")]
    assert len(ids) > 2000
    assert snapshotted.product_count() == paged.product_count() == len(ids)
    for pid in ids:
        assert snapshotted.product(pid) == paged.product(pid), pid
    assert snapshotted.categories() == paged.categories()
    assert snapshotted.locations() == paged.locations()
    assert snapshotted.popular(50) == paged.popular(50)
    assert snapshotted.cursor() == paged.cursor()


def test_scans_searches_and_stock_answer_the_same(paged: SqliteCatalogStore, snapshotted: SqliteCatalogStore) -> None:
    for g in range(0, SIZE, 7):
        gtin = variant_gtin(g)
        expected = paged.variant_by_gtin(gtin)
        assert snapshotted.variant_by_gtin(gtin) == expected, gtin
        if expected is not None:
            assert snapshotted.availability(expected).here == paged.availability(expected).here
    product = paged.popular(1)[0]
    sku = paged.product(product.product_id).variants[0].sku  # type: ignore[union-attr]
    for query in ("a", "co", "cam", "camiseta algodón", "zz", sku, sku.lower(), variant_gtin(12)):
        assert snapshotted.search(query, "es", 24, 0) == paged.search(query, "es", 24, 0), query
        assert snapshotted.search(query, "en", 24, 24) == paged.search(query, "en", 24, 24), query
    category = paged.categories()[0].id
    assert snapshotted.products_in_category(category, 30, 10) == paged.products_in_category(category, 30, 10)
    related = [r[0] for r in sqlite3.connect(paged.path).execute("SELECT id FROM products WHERE related != '[]'")]
    assert related, "the demo store's order history relates some products"
    for pid in related[:40]:
        assert snapshotted.also_bought(pid, 6) == paged.also_bought(pid, 6)


def test_changes_after_the_snapshot_arrive_as_pages(demo: DemoBackend, tmp_path: Path) -> None:
    store = SqliteCatalogStore(tmp_path / "catalog.db")
    try:
        CatalogSync(demo, store, FakeClock()).sync()
        changed = demo.simulate_changes(0.02, seed=11)
        delta = CatalogSync(demo, store, FakeClock()).sync()
        assert not delta.snapshot and delta.products + delta.deleted == changed
        for product in _all_products(demo):
            assert store.product(product.id) == product
    finally:
        store.close()


def _all_products(backend: DemoBackend) -> list:  # type: ignore[type-arg]
    out, cursor = [], None
    while True:
        page = backend.catalog_changes(cursor, 500)
        out += page.products
        deleted = set(page.deleted_product_ids)
        out = [p for p in out if p.id not in deleted]
        cursor = page.next_cursor
        if not page.has_more:
            return out


class _Scripted:
    """A snapshot whose items are given, to feed the store what a broken producer would."""

    def __init__(self, header: SnapshotHeader, items: list[object]) -> None:
        self.header = header
        self._items = items
        self.closed = False

    def items(self) -> Iterator[object]:
        yield from self._items

    def close(self) -> None:
        self.closed = True


def _good_items(demo: DemoBackend) -> tuple[SnapshotHeader, list[object]]:
    real = demo.catalog_snapshot()
    try:
        return real.header, list(real.items())
    finally:
        real.close()


@pytest.mark.parametrize(
    ("breakage", "message"),
    [
        ("no trailer", "catalog snapshot stopped after {products} products, before its end"),
        ("short record", "catalog snapshot record 1 has 17 fields, expected 18"),
        ("gap", "catalog snapshot record 2001 is numbered 2002"),
        ("bad json", "catalog snapshot record 3 has a value of the wrong type or bad JSON"),
        (
            "wrong totals",
            "catalog snapshot ended with {products} products and {variants} SKU codes, its producer counted 1 and 2",
        ),
        ("duplicate id", "catalog snapshot is inconsistent: UNIQUE constraint failed: products.id"),
    ],
)
def test_a_broken_snapshot_leaves_the_cache_empty_and_the_sync_uses_pages(
    demo: DemoBackend, tmp_path: Path, breakage: str, message: str
) -> None:
    header, items = _good_items(demo)
    chunks = [i for i in items if isinstance(i, SnapshotChunk)]
    trailer = items[-1]
    assert isinstance(trailer, SnapshotTrailer) and len(chunks) >= 2
    first = chunks[0]
    if breakage == "no trailer":
        items = items[:-1]
    elif breakage == "short record":
        items[0] = replace(first, products=(first.products[0][:-1], *first.products[1:]))
    elif breakage == "gap":
        second = chunks[1]
        items[1] = replace(second, products=second.products[1:])
    elif breakage == "bad json":
        bad = (*first.products[2][:16], "[[", first.products[2][17])
        items[0] = replace(first, products=(*first.products[:2], bad, *first.products[3:]))
    elif breakage == "wrong totals":
        items[-1] = replace(trailer, products=1, variants=2)
    elif breakage == "duplicate id":
        twin = (2, *first.products[0][1:])
        items = [replace(first, products=(first.products[0], twin)), SnapshotTrailer(2, 0)]
    expected = message.format(products=trailer.products, variants=trailer.variants)

    store = SqliteCatalogStore(tmp_path / "catalog.db")
    scripted = _Scripted(header, items)
    try:
        with pytest.raises(CatalogSnapshotError) as raised:
            store.load_snapshot(scripted, FakeClock().now())  # type: ignore[arg-type]
        assert str(raised.value) == expected
        assert store.product_count() == 0 and store.cursor() is None
        assert not catalog_bulk.side_path(store.path).exists()

        class _Broken(_PagesOnly):
            def catalog_snapshot(self) -> _Scripted:
                return scripted

        report = CatalogSync(_Broken(demo), store, FakeClock()).sync()  # type: ignore[arg-type]
        assert not report.snapshot and report.snapshot_error == expected and scripted.closed
        assert store.product_count() == len(_all_products(demo))
    finally:
        store.close()


def test_an_export_cut_short_or_from_elsewhere_is_refused(demo: DemoBackend, tmp_path: Path) -> None:
    export = export_path(demo.data_dir, demo.fingerprint)
    data = export.read_bytes()
    broken = tmp_path / "broken.frames"
    store = SqliteCatalogStore(tmp_path / "catalog.db")
    cases = [
        (data[: len(data) // 2], "the demo catalog export is cut short inside a frame"),
        (data.replace(b"cpython-", b"pypy-311", 1), "the demo catalog export is from another format or Python version"),
        (b"\x05\x00\x00\x00\x00\x00\x00\x00\xff\xff\xff\xff\xff", "the demo catalog export is corrupt: bad marshal data (unknown type code)"),
    ]
    try:
        for content, message in cases:
            broken.write_bytes(content)
            with pytest.raises(CatalogSnapshotError) as raised:
                snapshot = ExportSnapshot(broken, lambda upto: header(f"demo1:{demo.fingerprint}:{upto}"))
                try:
                    store.load_snapshot(snapshot, FakeClock().now())
                finally:
                    snapshot.close()
            assert str(raised.value) == message
            assert store.product_count() == 0
        with pytest.raises(CatalogSnapshotError) as raised:
            ExportSnapshot(tmp_path / "none.frames", header)  # type: ignore[arg-type]
        assert str(raised.value) == "the demo catalog export cannot be read: No such file or directory"
    finally:
        store.close()


def test_the_store_writes_its_export_once_and_again_when_a_tenth_has_changed(tmp_path: Path) -> None:
    backend = DemoBackend(tmp_path, catalog_size=400, seed=5)
    try:
        backend.prepare()
        export = export_path(tmp_path, backend.fingerprint)
        first = export_sequence(export)
        assert first == backend.stats()["products"] == 400
        backend.simulate_changes(0.08, seed=1)
        again = DemoBackend(tmp_path, catalog_size=400, seed=5)
        again.prepare()
        assert export_sequence(export) == first  # 8% behind: the export stays, pages carry the rest
        again.close()
        backend.simulate_changes(0.05, seed=2)
        third = DemoBackend(tmp_path, catalog_size=400, seed=5)
        third.prepare()
        assert export_sequence(export) == 400 + int(400 * 0.08) + int(400 * 0.05)
        third.close()
        assert [p.name for p in tmp_path.glob("catalog-export-*")] == [export.name]
    finally:
        backend.close()


def test_a_snapshot_never_lands_on_a_cache_that_has_products(demo: DemoBackend, snapshotted: SqliteCatalogStore) -> None:
    snapshot = demo.catalog_snapshot()
    try:
        with pytest.raises(CatalogSnapshotError) as raised:
            snapshotted.load_snapshot(snapshot, FakeClock().now())
        assert str(raised.value) == "the catalog cache is not empty: a snapshot only fills an empty cache"
    finally:
        snapshot.close()


def test_a_database_error_midway_is_a_storage_error_and_the_side_file_is_gone(demo: DemoBackend, tmp_path: Path) -> None:
    store = SqliteCatalogStore(tmp_path / "catalog.db")
    header, items = _good_items(demo)
    side = catalog_bulk.side_path(store.path)

    def items_then_full() -> Iterator[object]:
        yield items[0]
        assert side.exists()
        raise sqlite3.OperationalError("database or disk is full")  # what SQLite raises mid-write when it is

    scripted = _Scripted(header, [])
    scripted.items = items_then_full  # type: ignore[method-assign]
    try:
        with pytest.raises(StorageError) as raised:
            store.load_snapshot(scripted, FakeClock().now())  # type: ignore[arg-type]
        assert str(raised.value) == "catalog.db snapshot write failed: database or disk is full"
        assert not side.exists() and store.product_count() == 0
    finally:
        store.close()


def test_readers_on_other_threads_keep_working_across_the_swap(demo: DemoBackend, tmp_path: Path) -> None:
    """Threads reading the empty cache while the snapshot lands see either the empty cache or the whole
    new one, never an error, and afterwards the new one (their connections were reopened)."""
    store = SqliteCatalogStore(tmp_path / "catalog.db")
    stop = threading.Event()
    seen: list[int] = []
    errors: list[BaseException] = []

    def read() -> None:
        while not stop.is_set():
            try:
                seen.append(len(store.popular(5)))
                seen.append(len(store.search("ca", "es", 5, 0)))
            except BaseException as exc:
                errors.append(exc)
                return

    threads = [threading.Thread(target=read) for _ in range(3)]
    for thread in threads:
        thread.start()
    try:
        report = CatalogSync(demo, store, FakeClock()).sync()
        assert report.snapshot
        while len(seen) < 30 or seen[-1] == 0 or seen[-2] == 0:
            if errors:
                break
            threading.Event().wait(0.01)
    finally:
        stop.set()
        for thread in threads:
            thread.join()
        store.close()
    assert errors == []
    assert set(seen) == {0, 5} and seen[-1] == 5
    assert not Path(f"{store.path}.snapshot").exists()


def test_a_side_file_left_by_a_crash_is_replaced(demo: DemoBackend, tmp_path: Path) -> None:
    side = catalog_bulk.side_path(tmp_path / "catalog.db")
    side.write_bytes(b"half a file from a killed import")
    store = SqliteCatalogStore(tmp_path / "catalog.db")
    try:
        assert CatalogSync(demo, store, FakeClock()).sync().snapshot
        assert store.product_count() > 900 and not side.exists()
    finally:
        store.close()


def test_kiosk_sync_says_where_the_catalog_came_from(tmp_path: Path) -> None:
    env = {**os.environ, "KIOSK_DATA_DIR": str(tmp_path), "KIOSK_BACKEND": "demo"}
    first = subprocess.run(
        [sys.executable, "-m", "kiosk.cli", "sync"], env=env, capture_output=True, text=True, timeout=300, check=False
    )
    assert first.returncode == 0, first.stdout + first.stderr
    assert re.fullmatch(
        r"synced 2000 products \(\d+ SKUs\), 0 deleted, from the catalog snapshot, then 1 page in [\d.]+ s"
        r" \([\d,]+ SKUs/s\)\n",
        first.stdout,
    ), first.stdout
    again = subprocess.run(
        [sys.executable, "-m", "kiosk.cli", "sync"], env=env, capture_output=True, text=True, timeout=300, check=False
    )
    assert re.fullmatch(r"synced 0 products \(0 SKUs\), 0 deleted, from 1 page in [\d.]+ s \(0 SKUs/s\)\n", again.stdout)

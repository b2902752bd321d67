"""A first import through the demo store's snapshot builds the same cache as one through pages.

Real parts only: a generated demo_store.db and its export file, catalog.db files on disk, `kiosk sync` run as
a process.
"""

from __future__ import annotations

import marshal
import os
import re
import sqlite3
import subprocess
import sys
import threading
import zlib
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from kiosk.backends.demo import snapshot as demo_snapshot
from kiosk.backends.demo.backend import DemoBackend
from kiosk.backends.demo.catalog import variant_gtin
from kiosk.backends.demo.snapshot import ExportSnapshot, export_path, export_sequence, header
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


@pytest.fixture(scope="module")
def paged(demo: DemoBackend, tmp_path_factory: pytest.TempPathFactory) -> Iterator[SqliteCatalogStore]:
    store = SqliteCatalogStore(tmp_path_factory.mktemp("paged") / "catalog.db")
    report = CatalogSync(demo, store, FakeClock(), page_size=300, snapshot=False).sync()
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


def _with_record(chunk: SnapshotChunk, index: int, field: int, value: object) -> SnapshotChunk:
    record = list(chunk.products[index])
    record[field] = value
    products = list(chunk.products)
    products[index] = tuple(record)  # type: ignore[call-overload]
    return replace(chunk, products=tuple(products))


@pytest.mark.parametrize(
    ("breakage", "message"),
    [
        ("no trailer", "catalog snapshot stopped after record {products}, before its end"),
        ("short record", "catalog snapshot record 1 has 17 fields, expected 18"),
        ("gap", "catalog snapshot record 2001 is numbered 2002"),
        ("no id", "catalog snapshot record 4 has no product id"),
        ("options out of order", "catalog snapshot option list 3 is out of order"),
        ("options not pairs", "catalog snapshot option list 2 is not (name, text) pairs"),
        ("bad json", "catalog snapshot record 3 has variants or related ids that are not lists"),
        ("variant not a list", "catalog snapshot record 5 has variants or related ids that are not lists"),
        ("popularity as words", "catalog snapshot record 6 has a str for its popularity"),
        ("not a date", "catalog snapshot record 7 has an updated_at that is not an ISO time: 'last Tuesday'"),
        (
            "wrong totals",
            "catalog snapshot ended with {products} products and {variants} SKU codes,"
            " its producer counted 1 product and 2 SKUs",
        ),
        ("odd codes", "catalog snapshot SKU codes are {odd_bytes} bytes, not pairs"),
        ("duplicate id", "catalog snapshot is inconsistent: UNIQUE constraint failed: products.id"),
        ("rating as a list", "catalog snapshot record 1 has a list for its rating"),
        ("format", "catalog snapshot format 2 is not 1"),
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
        items[0] = replace(first, products=(first.products[0][:-1], *first.products[1:]))  # type: ignore[arg-type]
    elif breakage == "gap":
        second = chunks[1]
        items[1] = replace(second, products=second.products[1:])
    elif breakage == "no id":
        items[0] = _with_record(first, 3, 1, "")
    elif breakage == "options out of order":
        items[0] = replace(first, option_sets=((1, first.option_sets[0][1]), (3, first.option_sets[1][1])))
    elif breakage == "options not pairs":
        items[0] = replace(first, option_sets=(first.option_sets[0], (2, (("size", "M"),))))
    elif breakage == "bad json":
        items[0] = _with_record(first, 2, 16, "[[")
    elif breakage == "variant not a list":
        items[0] = _with_record(first, 4, 16, "[1]")
    elif breakage == "popularity as words":
        items[0] = _with_record(first, 5, 10, "very popular")
    elif breakage == "not a date":
        items[0] = _with_record(first, 6, 12, "last Tuesday")
    elif breakage == "wrong totals":
        items[-1] = replace(trailer, products=1, variants=2)
    elif breakage == "odd codes":
        items[-1] = replace(trailer, sku_codes=trailer.sku_codes + b"x")
    elif breakage == "duplicate id":
        twin = (2, *first.products[0][1:])
        items = [replace(first, products=(first.products[0], twin)), SnapshotTrailer(2, 0)]
    elif breakage == "rating as a list":
        items[0] = _with_record(first, 0, 8, [4.5])
    elif breakage == "format":
        header = replace(header, format=2)
    expected = message.format(
        products=trailer.products, variants=trailer.variants, odd_bytes=len(trailer.sku_codes) + 1
    )

    store = SqliteCatalogStore(tmp_path / "catalog.db")
    scripted = _Scripted(header, items)
    try:
        with pytest.raises(CatalogSnapshotError) as raised:
            store.load_snapshot(scripted, FakeClock().now())  # type: ignore[arg-type]
        assert str(raised.value) == expected
        assert store.product_count() == 0 and store.cursor() is None
        assert not catalog_bulk.side_path(store.path).exists()
        assert "snapshot-reader" not in [t.name for t in threading.enumerate()]  # stopped, not left reading

        class _Broken:
            """The demo store's pages, with the broken snapshot."""

            def catalog_changes(self, cursor: str | None, limit: int) -> CatalogPage:
                return demo.catalog_changes(cursor, limit)

            def catalog_snapshot(self) -> _Scripted:
                return scripted

        report = CatalogSync(_Broken(), store, FakeClock()).sync()  # type: ignore[arg-type]
        assert not report.snapshot and report.snapshot_error == expected and scripted.closed
        assert store.product_count() == len(_all_products(demo))
    finally:
        store.close()


def _export_file(path: Path, stamp: str, frames: list[bytes]) -> None:
    body = b"".join(len(f).to_bytes(8, "little") + zlib.crc32(f).to_bytes(4, "little") + f for f in frames)
    size = len(demo_snapshot._head(stamp, 9, 0)) + len(body)
    path.write_bytes(demo_snapshot._head(stamp, 9, size) + body)


def test_an_export_cut_short_corrupt_or_from_elsewhere_is_refused_and_removed(
    demo: DemoBackend, tmp_path: Path
) -> None:
    stamp = demo._export_stamp
    data = export_path(demo.data_dir, demo.fingerprint).read_bytes()
    broken = tmp_path / "broken.frames"
    store = SqliteCatalogStore(tmp_path / "catalog.db")

    def load() -> str:
        with pytest.raises(CatalogSnapshotError) as raised:
            snapshot = ExportSnapshot(broken, stamp, lambda upto: header(f"demo1:{demo.fingerprint}:{upto}"))
            try:
                store.load_snapshot(snapshot, FakeClock().now())
            finally:
                snapshot.close()
        assert store.product_count() == 0
        return str(raised.value)

    try:
        broken.write_bytes(data[: len(data) // 2])
        assert load() == f"the demo catalog export is {len(data) // 2} bytes, its header says {len(data)}"
        assert export_sequence(broken, stamp) is None
        broken.write_bytes(data)
        assert export_sequence(broken, "export0/omni1/other") is None
        assert load_with(broken, "export0/omni1/other", demo) == (
            "the demo catalog export is from another format, Python or demo store version"
        )
        for frames, message in [
            ([b"\xff"], "the demo catalog export is corrupt: bad marshal data (unknown type code)"),
            ([marshal.dumps(("what", 1))], "the demo catalog export holds a frame of an unknown kind"),
            ([marshal.dumps(("chunk", 7, ()))], "the demo catalog export holds a frame of an unknown kind"),
            ([marshal.dumps(("chunk", (), ((1, ((2, 3),)),)))], "the demo catalog export is corrupt: "
             "not enough values to unpack (expected 3, got 2)"),
        ]:  # fmt: skip
            _export_file(broken, stamp, frames)
            assert export_sequence(broken, stamp) == 9
            assert load() == message
            assert not broken.exists()  # a corrupt export is removed: the store writes a new one
        _export_file(broken, stamp, [])
        with open(broken, "r+b") as f:  # a frame length far past the end of the file
            f.seek(0, 2)
            f.write((1 << 62).to_bytes(8, "little") + bytes(4))
            size = f.tell()
            f.seek(0)
            f.write(demo_snapshot._head(stamp, 9, size))
        assert load() == "the demo catalog export is cut short inside a frame"
        with pytest.raises(CatalogSnapshotError) as raised:
            ExportSnapshot(tmp_path / "none.frames", stamp, header)  # type: ignore[arg-type]
        assert str(raised.value) == "the demo catalog export cannot be read: No such file or directory"
    finally:
        store.close()


def load_with(path: Path, stamp: str, demo: DemoBackend) -> str:
    with pytest.raises(CatalogSnapshotError) as raised:
        ExportSnapshot(path, stamp, lambda upto: header(f"demo1:{demo.fingerprint}:{upto}"))
    return str(raised.value)


def test_a_corrupt_export_falls_back_to_pages_and_is_written_again(tmp_path: Path) -> None:
    backend = DemoBackend(tmp_path / "demo", catalog_size=300, seed=3)
    store = SqliteCatalogStore(tmp_path / "catalog.db")
    try:
        backend.prepare()
        export = export_path(backend.data_dir, backend.fingerprint)
        data = bytearray(export.read_bytes())
        data[-200:-100] = b"\xff" * 100  # inside the trailer's packed SKU codes, which marshal takes as they are
        export.write_bytes(bytes(data))
        report = CatalogSync(backend, store, FakeClock()).sync()
        assert not report.snapshot
        assert report.snapshot_error == "the demo catalog export is corrupt: a frame fails its checksum"
        assert store.product_count() == 300 and not export.exists()
        again = DemoBackend(tmp_path / "demo", catalog_size=300, seed=3)
        again.prepare()
        assert export_sequence(export, again._export_stamp) == 300
        again.close()
    finally:
        store.close()
        backend.close()


def test_a_store_generated_again_gets_a_new_export(tmp_path: Path) -> None:
    backend = DemoBackend(tmp_path, catalog_size=300, seed=3)
    backend.prepare()
    backend.simulate_changes(0.05, seed=1)
    backend.close()
    export = export_path(tmp_path, backend.fingerprint)
    assert export_sequence(export, backend._export_stamp) == 300  # 15 changes: 5% behind, kept
    (tmp_path / "demo_store.db").write_bytes(b"not a database")  # found corrupt: generated again
    again = DemoBackend(tmp_path, catalog_size=300, seed=3)
    try:
        again.prepare()
        assert export_sequence(export, again._export_stamp) == 300 == again.stats()["products"]
        store = SqliteCatalogStore(tmp_path / "catalog.db")
        try:
            assert CatalogSync(again, store, FakeClock()).sync().snapshot
            assert store.cursor() == f"demo1:{again.fingerprint}:300"
        finally:
            store.close()
    finally:
        again.close()


def _load_refused(demo: DemoBackend, store: SqliteCatalogStore, error: type[Exception]) -> str:
    """The message of the `error` a load of the demo store's snapshot into `store` raises."""
    snapshot = demo.catalog_snapshot()
    try:
        with pytest.raises(error) as raised:
            store.load_snapshot(snapshot, FakeClock().now())
    finally:
        snapshot.close()
    return str(raised.value)


def test_no_swap_while_another_program_has_the_cache_open(demo: DemoBackend, tmp_path: Path) -> None:
    store = SqliteCatalogStore(tmp_path / "catalog.db")
    other = sqlite3.connect(store.path)  # as `kiosk doctor` or a second kiosk process would
    other.execute("SELECT count(*) FROM products").fetchone()
    try:
        refused = _load_refused(demo, store, CatalogSnapshotError)
        assert refused == "another program has catalog.db open: the catalog snapshot was not swapped in"
        assert not catalog_bulk.side_path(store.path).exists() and store.product_count() == 0
        assert other.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        other.close()
        assert CatalogSync(demo, store, FakeClock()).sync().snapshot
    finally:
        store.close()


def test_a_second_builder_is_told_not_made_to_wait(demo: DemoBackend, tmp_path: Path) -> None:
    store = SqliteCatalogStore(tmp_path / "catalog.db")
    try:
        with catalog_bulk.building(catalog_bulk.side_path(store.path)):
            report = CatalogSync(demo, store, FakeClock()).sync()
        assert not report.snapshot
        assert report.snapshot_error == "another program is filling this catalog cache from a snapshot"
        assert store.product_count() == len(_all_products(demo))
    finally:
        store.close()


def test_a_failed_swap_is_a_storage_error_and_the_cache_still_works(
    demo: DemoBackend, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = SqliteCatalogStore(tmp_path / "catalog.db")

    def replace_fails(src: object, dst: object) -> None:
        raise OSError(5, "Input/output error")  # what a failing disk gives; no real disk can be made to

    try:
        monkeypatch.setattr("kiosk.storage.catalog_store.os.replace", replace_fails)
        refused = _load_refused(demo, store, StorageError)
        assert refused == "catalog.db snapshot swap failed: [Errno 5] Input/output error"
        monkeypatch.undo()
        assert not catalog_bulk.side_path(store.path).exists()
        report = CatalogSync(demo, store, FakeClock()).sync()  # the writer was reopened
        assert report.snapshot and store.product_count() == len(_all_products(demo))
    finally:
        store.close()


def test_the_store_writes_its_export_once_and_again_when_2_percent_have_changed(tmp_path: Path) -> None:
    backend = DemoBackend(tmp_path, catalog_size=400, seed=5)
    try:
        backend.prepare()
        export = export_path(tmp_path, backend.fingerprint)
        first = export_sequence(export, backend._export_stamp)
        assert first == backend.stats()["products"] == 400
        assert backend.simulate_changes(0.015, seed=1) == 6
        again = DemoBackend(tmp_path, catalog_size=400, seed=5)
        again.prepare()
        assert export_sequence(export, backend._export_stamp) == first  # 1.5% behind: kept, pages carry the rest
        again.close()
        assert backend.simulate_changes(0.01, seed=2) == 4
        third = DemoBackend(tmp_path, catalog_size=400, seed=5)
        third.prepare()
        assert export_sequence(export, backend._export_stamp) == 410  # 2.5% behind: written again
        third.close()
        assert [p.name for p in tmp_path.glob("catalog-export-*")] == [export.name]
    finally:
        backend.close()


def test_a_snapshot_never_lands_on_a_cache_that_has_products(demo: DemoBackend, snapshotted: SqliteCatalogStore) -> None:
    refused = _load_refused(demo, snapshotted, CatalogSnapshotError)
    assert refused == "the catalog cache is not empty: a snapshot only fills an empty cache"


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
        r" \([\d,]+ SKUs/s\)\n9 promotions cached\n",  # the demo store's promotions.json
        first.stdout,
    ), first.stdout
    again = subprocess.run(
        [sys.executable, "-m", "kiosk.cli", "sync"], env=env, capture_output=True, text=True, timeout=300, check=False
    )
    assert re.fullmatch(
        r"synced 0 products \(0 SKUs\), 0 deleted, from 1 page in [\d.]+ s \(0 SKUs/s\)\n9 promotions cached\n", again.stdout
    )


def test_kiosk_sync_says_why_a_snapshot_was_not_used(tmp_path: Path) -> None:
    backend = DemoBackend(tmp_path / "demo")  # what `kiosk sync` will use: the default demo store
    backend.prepare()
    backend.close()
    export = export_path(backend.data_dir, backend.fingerprint)
    data = bytearray(export.read_bytes())
    data[-64:-32] = bytes(32)
    export.write_bytes(bytes(data))
    env = {**os.environ, "KIOSK_DATA_DIR": str(tmp_path), "KIOSK_BACKEND": "demo"}
    run = subprocess.run(
        [sys.executable, "-m", "kiosk.cli", "sync"], env=env, capture_output=True, text=True, timeout=300, check=False
    )
    assert run.returncode == 0, run.stdout + run.stderr
    lines = run.stdout.splitlines()
    assert re.fullmatch(r"synced 2000 products \(\d+ SKUs\), 0 deleted, from 4 pages in [\d.]+ s \([\d,]+ SKUs/s\)", lines[0])
    assert lines[1:] == [
        "9 promotions cached",
        "the backend's catalog snapshot was not used: the demo catalog export is corrupt: a frame fails its checksum"
    ]

"""A kiosk cache from another demo catalog (the store re-seeded, resized or generated again) resyncs in one pass.

Real parts: real catalog.db files, the embedded store's own SQLite file rebuilt in place as `kiosk bench`
does when its size changes, and for the HTTP path the store served by `kiosk demo-store serve` on 127.0.0.1,
stopped mid-resync (a real outage) and started again. Nothing is emptied first: a cut-short resync leaves the
old catalog served whole, and the pass that finishes it sweeps what the new catalog does not have.
"""

from __future__ import annotations

import socket
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest

from kiosk.backends.demo.backend import DB_NAME, DemoBackend, fingerprint
from kiosk.backends.demo.remote import RemoteDemoBackend
from kiosk.core.catalog import CatalogPage, Product
from kiosk.core.errors import BackendUnavailableError
from kiosk.core.services.catalog_sync import CatalogSync
from kiosk.storage.catalog_store import SqliteCatalogStore
from tests.fakes import FakeClock
from tests.fixtures.demo_store import ServedDemoStore

OTHER_CATALOG = "the catalog cursor belongs to another demo catalog (seed or size changed)"
AHEAD = "the catalog cursor is ahead of the demo store (the store was generated again)"


def _catalog(backend: object) -> dict[str, Product]:
    """Every live product of a store, read through its change feed from the start."""
    products: dict[str, Product] = {}
    cursor = None
    while True:
        page: CatalogPage = backend.catalog_changes(cursor, 500)  # type: ignore[attr-defined]
        for product_id in page.deleted_product_ids:
            products.pop(product_id, None)
        products.update((p.id, p) for p in page.products)
        cursor = page.next_cursor
        if not page.has_more:
            return products


def _cached_ids(store: SqliteCatalogStore) -> set[str]:
    with store._readers.reading() as conn:
        return {str(r[0]) for r in conn.execute("SELECT id FROM products")}


def _found_by_sku(store: SqliteCatalogStore, product: Product) -> bool:
    hits = store.search(product.variants[0].sku, "en", 5, 0)
    return bool(hits) and hits[0].product_id == product.id


def _assert_cache_is(store: SqliteCatalogStore, catalog: dict[str, Product], cursor: str) -> None:
    assert _cached_ids(store) == set(catalog)
    assert store.product_count() == len(catalog)
    for product in catalog.values():
        assert store.product(product.id) == product
    assert store.resync_pending() is None
    assert store.cursor() == cursor


class _GoesOffline:
    """The store until `pages` pages of changes were served, then offline: the store's own simulated outage
    (BackendUnavailableError from every call), as a kiosk whose network drops mid-pass."""

    def __init__(self, backend: DemoBackend, pages: int) -> None:
        self.backend = backend
        self.left = pages

    def catalog_changes(self, cursor: str | None, limit: int) -> CatalogPage:
        if self.left == 0:
            self.backend.offline = True
        self.left -= 1
        return self.backend.catalog_changes(cursor, limit)


@pytest.mark.parametrize(("before", "after"), [({"catalog_size": 300}, {"catalog_size": 200}),
                                               ({"seed": 42}, {"seed": 7})])  # fmt: skip
def test_a_cache_from_another_demo_catalog_is_resynced_and_swept_in_one_pass(
    tmp_path: Path, before: dict[str, int], after: dict[str, int]
) -> None:
    old = DemoBackend(tmp_path / "store", **{"catalog_size": 300, **before})
    store = SqliteCatalogStore(tmp_path / "catalog.db")
    first = CatalogSync(old, store, FakeClock(), page_size=64).sync()
    old_catalog = _catalog(old)
    assert first.snapshot and store.product_count() == len(old_catalog)
    old.close()
    new = DemoBackend(tmp_path / "store", **{"catalog_size": 300, **after})  # the same folder: rebuilt in place
    new_catalog = _catalog(new)
    seen: list[str] = []
    try:
        report = CatalogSync(new, store, FakeClock(), page_size=64, on_refreshing=seen.append).sync()
        assert report.refreshing and report.resync_reason == OTHER_CATALOG and seen == [OTHER_CATALOG]
        assert report.everything_changed and not report.snapshot
        assert report.products == len(new_catalog)
        _assert_cache_is(store, new_catalog, new.catalog_changes(None, 10**4).next_cursor)
        gone = set(old_catalog) - set(new_catalog)
        assert len(gone) == (100 if "catalog_size" in before else 0)
        assert all(store.product(pid) is None and not _found_by_sku(store, old_catalog[pid]) for pid in gone)
        assert all(_found_by_sku(store, p) for p in list(new_catalog.values())[::20])
        quiet = CatalogSync(new, store, FakeClock()).sync()
        assert not quiet.refreshing and not quiet.anything_changed
    finally:
        store.close()
        new.close()


def test_a_resync_cut_short_keeps_the_old_catalog_and_a_later_pass_finishes_and_sweeps(tmp_path: Path) -> None:
    old = DemoBackend(tmp_path / "store", catalog_size=300)
    store = SqliteCatalogStore(tmp_path / "catalog.db")
    CatalogSync(old, store, FakeClock(), page_size=64).sync()
    old_catalog = _catalog(old)
    old.close()
    new = DemoBackend(tmp_path / "store", catalog_size=200, seed=7)
    new_catalog = _catalog(new)
    stale = [old_catalog[pid] for pid in sorted(set(old_catalog) - set(new_catalog))]
    try:
        with pytest.raises(BackendUnavailableError, match=r"^demo backend is offline \(simulated\)$"):
            CatalogSync(_GoesOffline(new, 2), store, FakeClock(), page_size=40).sync()  # type: ignore[arg-type]
        # two pages (80 products) re-sent; the rest of the old catalog is still there, found by scan and SKU
        assert store.resync_pending() == OTHER_CATALOG
        assert store.product_count() == 300
        assert all(store.product(p.id) == p and _found_by_sku(store, p) for p in stale)
        gtin = stale[0].variants[0].gtin
        assert gtin is not None and store.variant_by_gtin(gtin.zfill(14)) is not None
        resent = sorted(new_catalog)[:80]
        assert all(store.product(pid) == new_catalog[pid] for pid in resent)

        new.offline = False
        seen: list[str] = []
        report = CatalogSync(new, store, FakeClock(), page_size=40, on_refreshing=seen.append).sync()
        # the resumed pass is a refresh too: the UI says so from its start, and the screens re-read everything
        assert seen == [OTHER_CATALOG] and report.resync_reason == OTHER_CATALOG and report.everything_changed
        assert report.products == len(new_catalog) - 80
        _assert_cache_is(store, new_catalog, new.catalog_changes(None, 10**4).next_cursor)
        assert all(store.product(p.id) is None and not _found_by_sku(store, p) for p in stale)
    finally:
        store.close()
        new.close()


def test_a_store_generated_again_behind_the_kiosks_cursor_is_resynced(tmp_path: Path) -> None:
    """The store's file deleted and generated again: the same catalog, but the changes the kiosk saw (a
    withdrawn product, new prices) are not in it, and its sequences start over below the kiosk's cursor."""
    first = DemoBackend(tmp_path / "store", catalog_size=150)
    store = SqliteCatalogStore(tmp_path / "catalog.db")
    CatalogSync(first, store, FakeClock()).sync()
    assert first.simulate_changes(0.1, 3) == 15
    assert first.change_product("p0000007", withdraw=True)
    CatalogSync(first, store, FakeClock()).sync()
    assert store.product_count() == 149 and store.product("p0000007") is None
    first.close()
    (tmp_path / "store" / DB_NAME).unlink()
    again = DemoBackend(tmp_path / "store", catalog_size=150)
    try:
        report = CatalogSync(again, store, FakeClock(), page_size=50).sync()
        assert report.resync_reason == AHEAD
        _assert_cache_is(store, _catalog(again), again.catalog_changes(None, 10**4).next_cursor)
        assert store.product_count() == 150 and store.product("p0000007") is not None
    finally:
        store.close()
        again.close()


def test_a_resync_that_starts_over_mid_way_keeps_only_what_the_newest_catalog_sends(tmp_path: Path) -> None:
    old = DemoBackend(tmp_path / "store", catalog_size=300)
    store = SqliteCatalogStore(tmp_path / "catalog.db")
    CatalogSync(old, store, FakeClock()).sync()
    old.close()
    middle = DemoBackend(tmp_path / "store", catalog_size=250)
    with pytest.raises(BackendUnavailableError):
        CatalogSync(_GoesOffline(middle, 6), store, FakeClock(), page_size=40).sync()  # type: ignore[arg-type]
    assert store.resync_pending() == OTHER_CATALOG
    middle.offline = False
    middle.close()
    new = DemoBackend(tmp_path / "store", catalog_size=120)  # re-seeded again before the kiosk caught up
    try:
        report = CatalogSync(new, store, FakeClock(), page_size=40).sync()
        assert report.resync_reason == OTHER_CATALOG
        # products 121-240 were re-sent by the middle catalog's re-feed; the newest one does not have them
        _assert_cache_is(store, _catalog(new), new.catalog_changes(None, 10**4).next_cursor)
        assert store.product_count() == 120
    finally:
        store.close()
        new.close()


# ---- over HTTP: the store in its own process ------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def start_store(tmp_path: Path) -> Iterator[Callable[[int, int], ServedDemoStore]]:
    port = _free_port()
    started: list[ServedDemoStore] = []

    def start(size: int, seed: int) -> ServedDemoStore:
        process = ServedDemoStore(tmp_path / "store", size, port=port, seed=seed)
        started.append(process)
        return process

    yield start
    for process in started:
        process.stop()


class _StopsTheStore:
    """The HTTP client until `pages` pages were served; then the store process is stopped (a real outage)."""

    def __init__(self, client: RemoteDemoBackend, store: ServedDemoStore, pages: int) -> None:
        self.client, self.store, self.left = client, store, pages

    def catalog_changes(self, cursor: str | None, limit: int) -> CatalogPage:
        if self.left == 0:
            self.store.stop()
        self.left -= 1
        return self.client.catalog_changes(cursor, limit)


def test_over_http_a_reseeded_store_resyncs_the_same_client_across_an_outage(
    tmp_path: Path, start_store: Callable[[int, int], ServedDemoStore]
) -> None:
    first = start_store(300, 42)
    client = RemoteDemoBackend(first.url, timeout_s=10)
    store = SqliteCatalogStore(tmp_path / "catalog.db")
    try:
        assert CatalogSync(client, store, FakeClock()).sync().snapshot
        old_catalog = {pid: store.product(pid) for pid in _cached_ids(store)}
        assert len(old_catalog) == 300
        first.stop()

        reseeded = start_store(200, 7)  # another seed and size, same folder and address
        reply = httpx.get(f"{reseeded.url}/v1/changes", params={"limit": 2, "cursor": "bogus"}, timeout=10)
        assert reply.status_code == 200
        body = reply.json()
        assert body["resync_reason"] == "the catalog cursor is not a demo store cursor" and body["first"]
        assert body["fingerprint"] == fingerprint(7, 200)  # a first page names its catalog; later ones do not
        follow = httpx.get(f"{reseeded.url}/v1/changes", params={"limit": 2, "cursor": body["next_cursor"]}).json()
        assert not follow["first"] and "fingerprint" not in follow and "resync_reason" not in follow
        with pytest.raises(BackendUnavailableError, match="^cannot reach the demo store for catalog changes at "):
            CatalogSync(_StopsTheStore(client, reseeded, 2), store, FakeClock(), page_size=40).sync()  # type: ignore[arg-type]
        assert store.resync_pending() == OTHER_CATALOG and store.product_count() == 300
        stale = [p for pid, p in old_catalog.items() if int(pid[1:]) > 200]
        assert stale and all(p is not None and _found_by_sku(store, p) for p in stale)

        start_store(200, 7)
        report = CatalogSync(client, store, FakeClock(), page_size=40).sync()
        assert report.resync_reason == OTHER_CATALOG and report.everything_changed
        reference = DemoBackend(tmp_path / "store", catalog_size=200, seed=7)  # the same store file, in process
        try:
            # built with the new seed's factory: the client asked the store again when its catalog changed
            _assert_cache_is(store, _catalog(reference), reference.catalog_changes(None, 10**4).next_cursor)
        finally:
            reference.close()
        assert all(store.product(p.id) is None for p in stale if p is not None)
    finally:
        store.close()
        client.close()

"""The KioskPlugin's export, change journal and heartbeats against the real server on PostgreSQL."""

from __future__ import annotations

import json
import subprocess
import time
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from kiosk.backends.demo.backend import DemoBackend
from kiosk.backends.vendure.backend import FOREIGN_CURSOR, VendureBackend
from kiosk.backends.vendure.postgres import SUPERUSER
from kiosk.backends.vendure.server import VendureServer
from kiosk.core.clock import SystemClock
from kiosk.core.services.catalog_sync import CatalogSync
from kiosk.storage.catalog_store import SqliteCatalogStore
from tests.fixtures.vendure import VendureAdmin

CHANGES = """query ($since: String!, $limit: Int) { kioskChanges(since: $since, limit: $limit) {
  nextCursor hasMore resync resyncReason products deletedProductIds categoriesChanged locationsChanged
  changes { entity entityId productId op } } }"""
EXPORT = "query ($after: String, $limit: Int) { kioskCatalogExport(after: $after, limit: $limit) { cursor nextAfter } }"
HEARTBEAT = """mutation ($input: KioskHeartbeatInput!) { kioskHeartbeat(input: $input) { receivedAt intervalS } }"""


def head(admin: VendureAdmin) -> str:
    cursor: str = admin.query(EXPORT, {"limit": 1})["kioskCatalogExport"]["cursor"]
    return cursor


def changes(admin: VendureAdmin, since: str, limit: int = 1000) -> dict[str, Any]:
    page: dict[str, Any] = admin.query(CHANGES, {"since": since, "limit": limit})["kioskChanges"]
    return page


def caught_up(admin: VendureAdmin, since: str) -> tuple[list[dict[str, Any]], str]:
    """Every page after `since` until the journal has no more: (pages, cursor after them)."""
    pages = []
    while True:
        page = changes(admin, since)
        pages.append(page)
        since = page["nextCursor"]
        if not page["hasMore"]:
            return pages, since


def error_message(reply: dict[str, Any]) -> str:
    assert "errors" in reply, reply
    message: str = reply["errors"][0]["message"]
    return message


def test_plugin_info(vendure_admin: VendureAdmin) -> None:
    info = vendure_admin.query("{ kioskPluginInfo { version journal journalRetentionHours maxChangesLimit } }")
    plugin = json.loads((Path(__file__).parents[2] / "vendure/kiosk-plugin/package.json").read_text())
    assert info["kioskPluginInfo"] == {
        "version": plugin["version"],
        "journal": True,
        "journalRetentionHours": 168,
        "maxChangesLimit": 10000,
    }


def test_export_prices_and_stock_agree_with_the_admin_api(vendure_admin: VendureAdmin) -> None:
    """Every sample variant: the export's price with tax, GTIN and stock are what Vendure's own API says."""
    exported: dict[str, Any] = {}
    after = None
    while True:
        page = vendure_admin.query(
            "query ($after: String) { kioskCatalogExport(after: $after, limit: 20) { products nextAfter } }",
            {"after": after},
        )["kioskCatalogExport"]
        exported.update({v[0]: v for p in page["products"] for v in p["variants"]})
        after = page["nextAfter"]
        if after is None:
            break
    listed = vendure_admin.query(
        """{ productVariants(options: { take: 1000 }) { items { id priceWithTax currencyCode customFields { gtin compareAtPrice }
             stockLevels { stockLocationId stockOnHand stockAllocated } } } }"""
    )["productVariants"]["items"]
    assert len(listed) >= 88
    for variant in listed:
        _id, _sku, gtin, _image, prices, stock, _options, *compare_at = exported[variant["id"]]
        assert prices == [[variant["currencyCode"], variant["priceWithTax"]]], variant["id"]
        assert gtin == variant["customFields"]["gtin"]
        was = variant["customFields"]["compareAtPrice"]  # an 8th element only for a marked-down variant
        assert compare_at == ([] if was is None else [was]), variant["id"]
        theirs = sorted([s["stockLocationId"], s["stockOnHand"], s["stockAllocated"]] for s in variant["stockLevels"])
        assert sorted(stock) == theirs


def test_quiet_poll_is_one_small_request(vendure_server: VendureServer, vendure_admin: VendureAdmin) -> None:
    _, cursor = caught_up(vendure_admin, head(vendure_admin))
    backend = VendureBackend(vendure_server.admin_url, vendure_server.shop_url, vendure_server.kiosk_credentials())
    sizes: list[int] = []
    original = backend._client._http.send  # type: ignore[attr-defined]

    def counting(request: Any, **kwargs: Any) -> Any:
        response = original(request, **kwargs)
        sizes.append(len(request.content) + len(response.content))
        return response

    backend._client._http.send = counting  # type: ignore[attr-defined]
    try:
        page = backend.catalog_changes("vj1:" + cursor, 500)
    finally:
        backend.close()
    assert (page.products, page.deleted_product_ids, page.has_more) == ((), (), False)
    assert len(sizes) == 1 and sizes[0] <= 2048, sizes


def test_a_price_change_is_journaled_and_delivered(vendure_admin: VendureAdmin) -> None:
    _, cursor = caught_up(vendure_admin, head(vendure_admin))
    before = vendure_admin.query('{ productVariant(id: "6") { price productId } }')["productVariant"]
    vendure_admin.query('mutation { updateProductVariants(input: [{ id: "6", price: 12345 }]) { id } }')
    try:
        pages, cursor = caught_up(vendure_admin, cursor)
        records = {p["id"]: p for page in pages for p in page["products"]}
        assert set(records) == {before["productId"]}
        variant = next(v for v in records[before["productId"]]["variants"] if v[0] == "6")
        assert variant[4] == [["EUR", 14814]]  # 123.45 + 20 % tax, rounded
        assert any(c["entity"] == "variant" and c["entityId"] == "6" for page in pages for c in page["changes"])
        assert caught_up(vendure_admin, cursor)[0][0]["changes"] == []
    finally:
        vendure_admin.query(
            'mutation ($p: Money!) { updateProductVariants(input: [{ id: "6", price: $p }]) { id } }',
            {"p": before["price"]},
        )


def test_any_writer_is_journaled_and_a_rollback_is_not(
    vendure_server: VendureServer, vendure_admin: VendureAdmin
) -> None:
    """Triggers catch a plain SQL write (a retailer's script, a bulk load); a rolled-back one leaves nothing."""
    _, cursor = caught_up(vendure_admin, head(vendure_admin))
    vendure_server.psql(
        'BEGIN; UPDATE stock_level SET "stockOnHand" = "stockOnHand" + 1 WHERE "productVariantId" = 9; ROLLBACK'
    )
    assert caught_up(vendure_admin, cursor)[0][0]["changes"] == []
    vendure_server.psql('UPDATE stock_level SET "stockOnHand" = "stockOnHand" + 1 WHERE "productVariantId" = 9')
    pages, _ = caught_up(vendure_admin, cursor)
    product = vendure_admin.query('{ productVariant(id: "9") { productId } }')["productVariant"]["productId"]
    assert [p["id"] for page in pages for p in page["products"]] == [product]


@pytest.fixture
def open_transaction(vendure_server: VendureServer) -> Iterator[subprocess.Popen[str]]:
    """A psql session that keeps a transaction open until the test writes COMMIT to it."""
    cluster = vendure_server.cluster
    session = subprocess.Popen(
        [str(cluster.bindir / "psql"), "-X", "-q", "-A", "-t", "-h", str(cluster.socket_dir), "-p", str(cluster.port),
         "-U", SUPERUSER, "-d", str(vendure_server.database), "-v", "ON_ERROR_STOP=1"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    yield session
    if session.poll() is None:
        session.communicate("ROLLBACK;\n", timeout=30)


def test_a_late_commit_is_never_skipped(
    vendure_server: VendureServer, vendure_admin: VendureAdmin, open_transaction: subprocess.Popen[str]
) -> None:
    """A transaction that started writing first but commits last: its change still arrives, after the other."""
    _, cursor = caught_up(vendure_admin, head(vendure_admin))
    assert open_transaction.stdin is not None and open_transaction.stdout is not None
    open_transaction.stdin.write(
        'BEGIN; UPDATE stock_level SET "stockOnHand" = "stockOnHand" + 1 WHERE "productVariantId" = 11;\n'
        "SELECT 'written';\n"
    )
    open_transaction.stdin.flush()
    assert open_transaction.stdout.readline() == "written\n"
    vendure_server.psql('UPDATE stock_level SET "stockOnHand" = "stockOnHand" + 1 WHERE "productVariantId" = 12')
    held, held_cursor = caught_up(vendure_admin, cursor)
    # the later commit waits behind the open transaction: delivering it now would put a cursor past the
    # open transaction's row
    assert [c for page in held for c in page["changes"]] == []
    open_transaction.communicate("COMMIT;\n", timeout=30)
    pages, _ = caught_up(vendure_admin, held_cursor)
    variants = [c["entityId"] for page in pages for c in page["changes"] if c["entity"] == "variant"]
    assert list(dict.fromkeys(variants)) == ["11", "12"]  # one row per stock location, all of 11's first


def test_deleting_a_product_leaves_a_tombstone(vendure_admin: VendureAdmin) -> None:
    created = vendure_admin.create_product("Journal Vase", "journal-vase")
    vendure_admin.query(
        f"""mutation {{ createProductVariants(input: [{{ productId: "{created}", sku: "VASE-1", price: 900,
              translations: [{{ languageCode: en, name: "Journal Vase" }}] }}]) {{ id }} }}"""
    )
    _, cursor = caught_up(vendure_admin, head(vendure_admin))
    vendure_admin.query(f'mutation {{ deleteProduct(id: "{created}") {{ result }} }}')
    pages, _ = caught_up(vendure_admin, cursor)
    assert [gone for page in pages for gone in page["deletedProductIds"]] == [created]
    assert all(not page["products"] for page in pages)


@pytest.mark.parametrize(
    ("variables", "message"),
    [
        ({"since": "garbage"}, 'since: not a kiosk journal cursor: "garbage"'),
        (
            {"since": "1.ab.99999999999999999999999.1"},
            'since: not a kiosk journal cursor: "1.ab.99999999999999999999999.1"',
        ),
        ({"since": "1.ab.1.99999999999999999999"}, 'since: not a kiosk journal cursor: "1.ab.1.99999999999999999999"'),
        ({"since": "1.ab.1.1", "limit": 0}, "limit: must be between 1 and 10000, got 0"),
        ({"since": "1.ab.1.1", "limit": 10001}, "limit: must be between 1 and 10000, got 10001"),
    ],
)
def test_bad_cursors_and_limits_name_the_field(
    vendure_admin: VendureAdmin, variables: dict[str, Any], message: str
) -> None:
    assert error_message(vendure_admin.reply(CHANGES, variables)) == message


@pytest.mark.parametrize(
    ("variables", "message"),
    [
        ({"after": "x1"}, 'after: not a product id from a previous page: "x1"'),
        ({"limit": 0}, "limit: must be between 1 and 5000, got 0"),
        ({"limit": 5001}, "limit: must be between 1 and 5000, got 5001"),
    ],
)
def test_bad_export_arguments_name_the_field(
    vendure_admin: VendureAdmin, variables: dict[str, Any], message: str
) -> None:
    assert error_message(vendure_admin.reply(EXPORT, variables)) == message


def test_a_cursor_from_another_database_asks_for_a_resync(vendure_admin: VendureAdmin) -> None:
    page = changes(vendure_admin, "1.0.5.5")
    assert (page["resync"], page["resyncReason"]) == (True, "the cursor comes from another journal (database)")


def test_a_pruned_cursor_refreshes_the_whole_catalog(
    vendure_backend: VendureBackend, vendure_admin: VendureAdmin, tmp_path: Path
) -> None:
    """Retention passed: the old cursor gets "resync", the kiosk imports everything again, and a product
    deleted meanwhile leaves the cache even though its journal row was pruned."""
    created = vendure_admin.create_product("Pruned Stool", "pruned-stool")
    vendure_admin.query(
        f"""mutation {{ createProductVariants(input: [{{ productId: "{created}", sku: "STOOL-1", price: 900,
              translations: [{{ languageCode: en, name: "Pruned Stool" }}] }}]) {{ id }} }}"""
    )
    store = SqliteCatalogStore(tmp_path / "catalog.db")
    try:
        sync = CatalogSync(vendure_backend, store, SystemClock(), page_size=40)
        first = sync.sync()
        assert first.snapshot and not first.refreshing
        count = store.product_count()
        assert store.product(created) is not None
        old = store.cursor()
        assert old is not None and old.startswith("vj1:")
        vendure_admin.query(f'mutation {{ deleteProduct(id: "{created}") {{ result }} }}')
        time.sleep(0.01)  # the prune keeps rows younger than 0 s: let the delete's row be older than now
        removed = vendure_admin.query("mutation { pruneKioskJournal(keepSeconds: 0) { removed } }")
        assert removed["pruneKioskJournal"]["removed"] >= 1
        page = changes(vendure_admin, old[len("vj1:") :])
        assert (page["resync"], page["resyncReason"]) == (True, "the cursor is older than the journal retention")
        again = sync.sync()
        assert again.resync_reason == "the cursor is older than the journal retention"
        assert again.deleted >= 1
        assert store.product(created) is None
        assert store.product_count() == count - 1
        assert not sync.sync().refreshing
    finally:
        store.close()


def test_a_cache_from_the_demo_store_is_replaced_by_vendures_catalog(
    vendure_backend: VendureBackend, tmp_path: Path
) -> None:
    """A kiosk moved from the demo store to Vendure keeps its catalog.db: the first pass re-imports with a
    resync reason, and none of the demo store's products stays behind once Vendure's catalog is in."""
    store = SqliteCatalogStore(tmp_path / "catalog.db")
    demo = DemoBackend(tmp_path / "demo", catalog_size=2500)
    try:
        CatalogSync(demo, store, SystemClock(), page_size=200).sync()
        demo_ids = {p.id for p in demo.catalog_changes(None, 10**4).products}
        assert store.product_count() == len(demo_ids) > 100
        seen: list[str] = []
        report = CatalogSync(vendure_backend, store, SystemClock(), page_size=40, on_refreshing=seen.append).sync()
        assert report.resync_reason == FOREIGN_CURSOR and seen == [FOREIGN_CURSOR]
        vendure = CatalogSync(vendure_backend, fresh := SqliteCatalogStore(tmp_path / "fresh.db"), SystemClock()).sync()
        assert store.product_count() == fresh.product_count() == vendure.products
        assert all(store.product(pid) == fresh.product(pid) for pid in ("1", "2", str(vendure.products)))
        assert not any(store.product(pid) is not None and fresh.product(pid) is None for pid in demo_ids)
        assert (store.cursor() or "").startswith("vj1:")
        fresh.close()
    finally:
        demo.close()
        store.close()


def test_first_import_by_snapshot_equals_the_paged_import(vendure_backend: VendureBackend, tmp_path: Path) -> None:
    """The bulk path (snapshot records) and the page path (Product values) build the same cache."""
    snap = SqliteCatalogStore(tmp_path / "snap.db")
    paged = SqliteCatalogStore(tmp_path / "paged.db")
    try:
        report = CatalogSync(vendure_backend, snap, SystemClock(), page_size=40).sync()
        assert report.snapshot and report.snapshot_error == ""
        CatalogSync(vendure_backend, paged, SystemClock(), page_size=7, snapshot=False).sync()
        assert snap.product_count() == paged.product_count() >= 54
        for number in range(1, 55):
            assert snap.product(str(number)) == paged.product(str(number)), number
        laptop = snap.product("1")
        assert laptop is not None and laptop.variants[0].price.amount == Decimal("1558.80")
        assert [c.id for c in snap.categories()] == [c.id for c in paged.categories()]
    finally:
        snap.close()
        paged.close()


# --- heartbeats (the contract in docs: one row per kiosk id, payload stored as sent) --------------------------
def heartbeat(kiosk_id: str, payload: Any, store: str = "madrid-centro") -> dict[str, Any]:
    return {"input": {"kioskId": kiosk_id, "storeId": store, "sentAt": "2026-12-07T08:00:00.000Z", "payload": payload}}


def test_heartbeats_are_upserted_per_kiosk(vendure_server: VendureServer, vendure_admin: VendureAdmin) -> None:
    backend = VendureBackend(vendure_server.admin_url, vendure_server.shop_url, vendure_server.kiosk_credentials())
    try:
        for uptime in (10, 40):
            reply = backend._client.admin(  # the kiosk's own account, with its limited role
                "heartbeat", HEARTBEAT, heartbeat("kiosk-hb-1", {"version": "1.0", "uptime_s": uptime})
            )
            assert reply.data["kioskHeartbeat"]["intervalS"] == 30
    finally:
        backend.close()
    vendure_admin.query(HEARTBEAT, heartbeat("kiosk-hb-2", {"outbox_depth": 3}, store="valencia"))
    fleet = vendure_admin.query("{ kioskFleet { kioskId storeId sentAt receivedAt payload } }")["kioskFleet"]
    mine = {row["kioskId"]: row for row in fleet if row["kioskId"].startswith("kiosk-hb-")}
    assert set(mine) == {"kiosk-hb-1", "kiosk-hb-2"}
    assert mine["kiosk-hb-1"]["payload"] == {"version": "1.0", "uptime_s": 40}
    assert (mine["kiosk-hb-2"]["storeId"], mine["kiosk-hb-2"]["sentAt"]) == ("valencia", "2026-12-07T08:00:00.000Z")


@pytest.mark.parametrize(
    ("kiosk_id", "payload", "message"),
    [
        ("", {}, "kioskId: must be 1 to 64 characters, got 0"),
        ("k" * 65, {}, "kioskId: must be 1 to 64 characters, got 65"),
        ("kiosk-1", [1, 2], "payload: must be a JSON object"),
        ("kiosk-1", "text", "payload: must be a JSON object"),
        ("kiosk-1", {"blob": "x" * 17000}, "payload: 17011 bytes, at most 16384"),
    ],
)
def test_bad_heartbeats_name_the_field(vendure_admin: VendureAdmin, kiosk_id: str, payload: Any, message: str) -> None:
    assert error_message(vendure_admin.reply(HEARTBEAT, heartbeat(kiosk_id, payload))) == message


def test_the_kiosks_fleet_client_against_the_real_plugin(vendure_backend: VendureBackend) -> None:
    """Both sides of the heartbeat contract together: kiosk.backends.vendure.fleet on the kiosk role's key."""
    from datetime import UTC, datetime

    from kiosk.backends.vendure.fleet import VendureFleet
    from kiosk.core.fleet import Heartbeat

    fleet = VendureFleet.for_backend(vendure_backend)
    sent = datetime(2026, 12, 7, 9, 0, 0, tzinfo=UTC)
    heartbeat = Heartbeat(
        kiosk_id="kiosk-e2e", store_id="madrid-centro", sent_at=sent, version="0.1.0", uptime_s=60.0, online=True,
        idle=True, outbox_depth=2, oldest_unsent_age_s=12.0, dead_letters=0, catalog_cursor="vj1:x",
        catalog_age_s=20.0,
    )  # fmt: skip
    ack = fleet.send_heartbeat(heartbeat)
    assert ack.interval_s == 30
    (entry,) = [e for e in fleet.fleet() if e.kiosk_id == "kiosk-e2e"]
    assert (entry.store_id, entry.sent_at) == ("madrid-centro", sent)
    assert entry.payload == heartbeat.payload()
    assert entry.received_at == ack.received_at

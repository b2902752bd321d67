"""`kiosk bench --vendure`: the catalog path from Vendure on PostgreSQL into the kiosk cache, at scale.

A throw-away local server (its own PostgreSQL cluster, server + worker) gets N extra variants written in
bulk SQL (four variants a product, a GTIN each, a price, stock at every location) -- through the Admin API
one by one 100k variants would take hours. Then, as a kiosk would:

1. first import: `CatalogSync` into an empty catalog.db through the KioskPlugin's export, end to end
   (HTTP, JSON, records, SQLite), in variants per second;
2. a quiet journal poll: one `catalog_changes` call when nothing changed, in requests and bytes;
3. a 1 % change set: the price of every hundredth variant changed in one SQL statement (the journal's
   triggers record it like any writer), then the delta sync that applies it, in seconds.

The seed runs with triggers off (`session_replication_role = replica`): it happens before the kiosk
exists, so there is nothing to journal; the change set runs with them on.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

PRODUCTS_PER_VARIANT = 4  # variants per product in the seeded catalog
GTIN_PREFIX = "20"  # GS1 "restricted circulation" numbers: never a real product's barcode


class CountingTransport(httpx.BaseTransport):
    """Counts requests and the bytes both ways (bodies, as sent and received) for the poll figures."""

    def __init__(self) -> None:
        self._inner = httpx.HTTPTransport()
        self.requests = 0
        self.bytes = 0

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = self._inner.handle_request(request)
        response.read()
        self.requests += 1
        self.bytes += len(request.content) + len(response.content)
        return response

    def close(self) -> None:
        self._inner.close()


def _columns(server: Any, table: str) -> list[str]:
    text = server.psql(
        "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() "
        f"AND table_name = '{table}' AND column_name <> 'id' ORDER BY ordinal_position"
    )
    return [line for line in text.splitlines() if line]


def _copy_rows(
    server: Any, table: str, template_where: str, series: str, overrides: dict[str, str], prelude: str = ""
) -> None:
    """INSERT ... SELECT: one template row of `table` repeated over `series` (aliased g), with `overrides`
    (column -> SQL expression, "id" included when given) replacing its values; the other columns keep the
    template row's. With an explicit id the table's sequence is moved past the new rows."""
    columns = (["id"] if "id" in overrides else []) + _columns(server, table)
    values = ", ".join(overrides.get(c, f't."{c}"') for c in columns)
    names = ", ".join(f'"{c}"' for c in columns)
    server.psql(
        f"{prelude}SET session_replication_role = replica; "
        f'INSERT INTO "{table}" ({names}) SELECT {values} FROM "{table}" t, {series} WHERE {template_where}'
    )
    if "id" in overrides:
        server.psql(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM \"{table}\"))")


_GS1 = """CREATE OR REPLACE FUNCTION pg_temp.gs1(body text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT body || ((10 - (SELECT sum(substr(body, length(body) - i, 1)::int * CASE WHEN i % 2 = 0 THEN 3 ELSE 1 END)
                          FROM generate_series(0, length(body) - 1) AS i) % 10) % 10)::text $$;"""


def seed_variants(server: Any, variants: int) -> dict[str, Any]:
    """Adds `variants` variants (in products of four) to the server's database in bulk SQL; the figures."""
    started = time.monotonic()
    products = -(-variants // PRODUCTS_PER_VARIANT)
    base = int(server.psql("SELECT coalesce(max(id), 0) FROM product").strip())
    vbase = int(server.psql("SELECT coalesce(max(id), 0) FROM product_variant").strip())
    p = f"(g + {base})"
    _copy_rows(
        server, "product", "t.id = 1", f"generate_series(1, {products}) g",
        {"id": p, "createdAt": "now()", "updatedAt": "now()", "enabled": "true", "deletedAt": "NULL",
         "featuredAssetId": "NULL"},
    )  # fmt: skip
    _copy_rows(
        server, "product_translation", "t.\"baseId\" = 1 AND t.\"languageCode\" = 'en'",
        f"generate_series(1, {products}) g",
        {"baseId": p, "name": f"'Bench item ' || {p}", "slug": f"'bench-item-' || {p}",
         "description": "'A product of the bench catalog.'", "createdAt": "now()", "updatedAt": "now()"},
    )  # fmt: skip
    server.psql(
        'INSERT INTO product_channels_channel ("productId", "channelId") '
        f"SELECT {base} + g, 1 FROM generate_series(1, {products}) g"
    )
    v = f"(g + {vbase})"
    product_of = f"({base} + (g - 1) / {PRODUCTS_PER_VARIANT} + 1)"
    server.psql(
        'INSERT INTO product_facet_values_facet_value ("productId", "facetValueId") '
        f'SELECT {base} + g, f."facetValueId" FROM product_facet_values_facet_value f, '
        f'generate_series(1, {products}) g WHERE f."productId" = 1'
    )
    _copy_rows(
        server, "product_variant", "t.id = 1", f"generate_series(1, {variants}) g",
        {"id": v, "createdAt": "now()", "updatedAt": "now()", "deletedAt": "NULL", "enabled": "true",
         "featuredAssetId": "NULL", "productId": product_of, "sku": "'BENCH-' || g",
         "customFieldsGtin": f"pg_temp.gs1('{GTIN_PREFIX}' || lpad(g::text, 10, '0'))"},
        prelude=_GS1,
    )  # fmt: skip
    server.psql(
        'INSERT INTO collection_product_variants_product_variant ("collectionId", "productVariantId") '
        f'SELECT c."collectionId", {vbase} + g FROM collection_product_variants_product_variant c, '
        f'generate_series(1, {variants}) g WHERE c."productVariantId" = 1'
    )
    _copy_rows(
        server, "product_variant_translation", "t.\"baseId\" = 1 AND t.\"languageCode\" = 'en'",
        f"generate_series(1, {variants}) g",
        {"baseId": v, "name": f"'Bench item ' || {product_of} || ' size ' || ((g - 1) % 4 + 1)",
         "createdAt": "now()", "updatedAt": "now()"},
    )  # fmt: skip
    server.psql(
        'INSERT INTO product_variant_channels_channel ("productVariantId", "channelId") '
        f"SELECT {vbase} + g, 1 FROM generate_series(1, {variants}) g"
    )
    _copy_rows(
        server, "product_variant_price", 't."variantId" = 1', f"generate_series(1, {variants}) g",
        {"variantId": v, "price": "1000 + (g * 37) % 9000", "createdAt": "now()", "updatedAt": "now()"},
    )  # fmt: skip
    _copy_rows(
        server, "stock_level", 't."productVariantId" = 1', f"generate_series(1, {variants}) g",
        {"productVariantId": v, "stockOnHand": "(g * 7 + t.\"stockLocationId\") % 40", "stockAllocated": "0",
         "createdAt": "now()", "updatedAt": "now()"},
    )  # fmt: skip
    server.psql("VACUUM ANALYZE")
    total = int(server.psql('SELECT count(*) FROM product_variant WHERE "deletedAt" IS NULL').strip())
    return {"seeded_variants": variants, "seeded_products": products, "variants_total": total,
            "seed_s": round(time.monotonic() - started, 1)}  # fmt: skip


def live_params(server: Any) -> dict[str, Any]:
    """What the live bench's kiosk process needs (kiosk.commands.bench_live): the kiosk's own access, and the
    back office's (superadmin, and the database for the batch's SQL) to change the catalog under it."""
    kiosk, admin, cluster = server.kiosk_credentials(), server.superadmin_credentials(), server.cluster
    urls = {"admin_url": server.admin_url, "shop_url": server.shop_url, "here_location": server.here_location()}
    return {
        "kiosk": {**urls, "api_key": kiosk.api_key},
        "admin": {**urls, "username": admin.username, "password": admin.password,
                  "pg": {"data_dir": str(cluster.data_dir), "socket_dir": str(cluster.socket_dir),
                         "port": cluster.port, "database": server.database}},
    }  # fmt: skip


def run(
    variants: int, data_dir: Path | None = None, report: Any = print, *, live: Any = None, catalog: bool = True
) -> dict[str, Any]:
    """Starts a throw-away server, seeds it, and measures import, quiet poll and a 1 % delta (`catalog`);
    then with a LivePlan (`live`) the running kiosk's figures against it (kiosk.commands.bench_live)."""
    from kiosk.backends.vendure.server import VendureServer

    folder = Path(tempfile.mkdtemp(prefix="kiosk-vendure-bench-", dir=data_dir))
    server = VendureServer(report=report)
    server.start()
    try:
        out: dict[str, Any] = {"start_s": server.start_s}
        report(f"seeding {variants:,} variants into PostgreSQL (bulk SQL)")
        out.update(seed_variants(server, variants))
        if catalog:
            out.update(_catalog_figures(server, folder))
        if live is not None:
            from kiosk.commands.bench_live import run_live_child

            report("the running kiosk against Vendure: freshness, idle poll, batch, soak")
            out["live"] = run_live_child(folder / "live", out["variants_total"], "", live, live_params(server))
        return out
    finally:
        server.stop()
        shutil.rmtree(folder, ignore_errors=True)


def _catalog_figures(server: Any, folder: Path) -> dict[str, Any]:
    """First import into an empty cache, a quiet journal poll, a 1 % change set."""
    from kiosk.backends.vendure.backend import VendureBackend
    from kiosk.core.clock import SystemClock
    from kiosk.core.services.catalog_sync import CatalogSync
    from kiosk.storage.catalog_store import SqliteCatalogStore

    out: dict[str, Any] = {}
    transport = CountingTransport()
    backend = VendureBackend(
        server.admin_url, server.shop_url, server.kiosk_credentials(), here_location=server.here_location(),
        transport=transport, timeout_s=120.0,
    )  # fmt: skip
    store = SqliteCatalogStore(folder / "catalog.db")
    try:
        sync = CatalogSync(backend, store, SystemClock(), page_size=2000)
        first = sync.sync()
        out["import"] = {
            "path": "snapshot" if first.snapshot else "pages",
            "snapshot_error": first.snapshot_error,
            "variants": first.variants,
            "products": first.products,
            "seconds": round(first.seconds, 2),
            "variants_per_s": round(first.variants / first.seconds) if first.seconds else 0,
            "requests": transport.requests,
            "mb": round(transport.bytes / 1e6, 1),
        }
        cursor = store.cursor()
        transport.requests = transport.bytes = 0
        started = time.perf_counter()
        quiet = backend.catalog_changes(cursor, 2000)
        out["quiet_poll"] = {
            "requests": transport.requests,
            "bytes": transport.bytes,
            "ms": round((time.perf_counter() - started) * 1000, 1),
            "changes": len(quiet.products) + len(quiet.deleted_product_ids),
        }
        server.psql('UPDATE product_variant_price SET price = price + 100 WHERE "variantId" % 100 = 0')
        count = int(server.psql('SELECT count(*) FROM product_variant_price WHERE "variantId" % 100 = 0'))
        transport.requests = transport.bytes = 0
        delta = sync.sync()
        out["change_set"] = {
            "variants_changed": count,
            "products_applied": delta.products,
            "seconds": round(delta.seconds, 3),
            "requests": transport.requests,
            "kb": round(transport.bytes / 1e3, 1),
        }
    finally:
        store.close()
        backend.close()
    return out


def print_figures(figures: dict[str, Any]) -> None:
    print(f"Vendure bench: {figures['variants_total']:,} variants in PostgreSQL "
          f"({figures['seeded_variants']:,} seeded in bulk SQL in {figures['seed_s']} s)")  # fmt: skip
    if "import" not in figures:
        return  # --live-only: the live figures follow
    imp, quiet, change = figures["import"], figures["quiet_poll"], figures["change_set"]
    print(
        f"  first import    {imp['variants']:,} variants in {imp['seconds']} s = {imp['variants_per_s']:,} "
        f"variants/s end to end via {imp['path']} ({imp['requests']} requests, {imp['mb']} MB)   target >= 20,000/s"
    )
    print(
        f"  quiet poll      {quiet['requests']} request, {quiet['bytes']:,} bytes, {quiet['ms']} ms   "
        "target 1 request, <= 2 KB"
    )
    print(
        f"  1% change set   {change['variants_changed']:,} prices -> {change['products_applied']:,} products "
        f"applied in {change['seconds']} s ({change['requests']} requests, {change['kb']} kB)   target <= 1 s"
    )

"""The two backends the live bench (kiosk.commands.bench_live) changes under a running kiosk, behind one shape.

Every change the bench times is made the way a shop makes it, from outside the kiosk:
- the demo store (its own process): its HTTP admin API (`/v1/admin/change-product`, `simulate-changes`,
  `live-step`);
- Vendure on PostgreSQL: single changes through the Admin API (`updateProductVariants`, `deleteProduct`) as a
  back office makes them; the 10k batch as one SQL transaction on Vendure's own tables (a bulk price and stock
  update, as an ERP import writes it), which the KioskPlugin's journal triggers record in that same
  transaction -- through the Admin API, 10,000 products would be minutes of mutations, not a batch.
"""

from __future__ import annotations

import os
import random
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any, Protocol


class LiveStore(Protocol):
    """What the live bench needs from a backend it changes."""

    kind: str  # "demo" or "vendure", for the report
    change_how: str  # how a single change is made, for the report
    batch_how: str  # how the batch is made, for the report

    def candidates(self, count: int) -> list[str]:
        """Ids of live products to try opening on the product page."""

    def product_count(self) -> int: ...

    def change_product(self, product_id: str, price: Decimal) -> int:
        """A new price (and moved stock) for every variant of the product; 1 when it was changed, 0 when gone."""

    def change_batch(self, products: int, keep: str, seed: int) -> int:
        """About `products` products changed at once (prices, stock; one in twenty withdrawn), `keep` left
        alone (the one on screen); how many were changed."""

    def live_step(self, step: int) -> None:
        """One step of a shop's day: stock moves on popular products, now and then a price drop or a withdrawal."""

    def keep(self, product_id: str) -> None:
        """The product on screen: the live steps leave it on sale."""

    def close(self) -> None: ...


class DemoLiveStore:
    """The demo store process, through its admin API (RemoteDemoBackend)."""

    kind = "demo"
    change_how = "price change in the store process"
    batch_how = "the store's simulated changes (prices, stock, names)"

    def __init__(self, url: str) -> None:
        from kiosk.backends.demo.remote import RemoteDemoBackend

        self._admin = RemoteDemoBackend(url, timeout_s=600)

    def candidates(self, count: int) -> list[str]:
        from kiosk.backends.demo import catalog as demo_catalog

        products = self.product_count()
        picked = random.Random(products).sample(range(1, products + 1), min(products, count))
        return [demo_catalog.product_id(idx) for idx in picked]

    def product_count(self) -> int:
        return int(self._admin.stats()["products"])

    def change_product(self, product_id: str, price: Decimal) -> int:
        return int(self._admin.change_product(product_id, price=price, stock_moves=True))

    def change_batch(self, products: int, keep: str, seed: int) -> int:
        fraction = min(1.0, products / max(1, self.product_count()))
        return int(self._admin.simulate_changes(fraction, seed))

    def live_step(self, step: int) -> None:
        self._admin.live_changes(step)

    def keep(self, product_id: str) -> None:
        """The demo store's live step withdraws from its own list of products; nothing to keep."""

    def close(self) -> None:
        self._admin.close()


_PRODUCT_VARIANTS = """query ($id: ID!) { product(id: $id) { id variants { id } } }"""
_UPDATE_VARIANTS = (
    """mutation ($input: [UpdateProductVariantInput!]!) { updateProductVariants(input: $input) { id } }"""
)
_DELETE_PRODUCT = """mutation ($id: ID!) { deleteProduct(id: $id) { result } }"""


class VendureLiveStore:
    """A Vendure server on PostgreSQL (kiosk.backends.vendure.server) as its back office changes it.

    `options`: admin_url, shop_url, username and password of a superadmin, here_location (the kiosk's store:
    its stock moves), and pg: the cluster's data_dir, socket_dir, port and database, for the batch's SQL."""

    kind = "vendure"
    change_how = "price and stock change through Vendure's Admin API (updateProductVariants)"
    batch_how = (
        "one SQL transaction on Vendure's tables in PostgreSQL (prices and stock here of every variant, one"
        " product in twenty soft-deleted), journaled by the KioskPlugin's triggers in that transaction"
    )

    def __init__(self, options: Mapping[str, Any]) -> None:
        from kiosk.backends.vendure.client import VendureClient
        from kiosk.backends.vendure.credentials import VendureCredentials
        from kiosk.backends.vendure.postgres import PostgresCluster

        self._client = VendureClient(
            str(options["admin_url"]), str(options["shop_url"]),
            VendureCredentials(username=str(options["username"]), password=str(options["password"])),
            timeout_s=120.0,
        )  # fmt: skip
        pg = options["pg"]
        cluster = PostgresCluster(Path(pg["data_dir"]), port=int(pg["port"]), socket_dir=Path(pg["socket_dir"]))
        self._psql = PsqlSession(cluster, str(pg["database"]))
        here = str(options["here_location"]).replace("'", "''")
        found = self.psql(f"SELECT id FROM stock_location WHERE name = '{here}' OR id::text = '{here}' LIMIT 1")
        if not found.strip():
            raise ValueError(f"Vendure has no stock location {options['here_location']!r}")
        self._here = int(found.strip())
        self._variants: dict[str, list[str]] = {}
        self._rng = random.Random(15)
        self._pool: list[str] = []  # products the live steps change (the one on screen is kept out of it)
        self._keep = ""

    def psql(self, sql: str) -> str:
        return self._psql.run(sql)

    def _admin(self, operation: str, query: str, variables: Mapping[str, Any]) -> Mapping[str, Any]:
        return self._client.admin(operation, query, variables).data

    def candidates(self, count: int) -> list[str]:
        rows = self.psql(
            'SELECT p.id FROM product p WHERE p."deletedAt" IS NULL AND p.enabled AND EXISTS (SELECT 1 FROM'
            ' product_variant v WHERE v."productId" = p.id AND v."deletedAt" IS NULL AND v.enabled)'
            f" ORDER BY md5(p.id::text) LIMIT {int(count)}"
        )
        return [line for line in rows.splitlines() if line]

    def product_count(self) -> int:
        return int(self.psql('SELECT count(*) FROM product WHERE "deletedAt" IS NULL').strip())

    def _variant_ids(self, product_id: str) -> list[str]:
        if product_id not in self._variants:
            product = self._admin("bench: product variants", _PRODUCT_VARIANTS, {"id": product_id})["product"]
            self._variants[product_id] = [str(v["id"]) for v in product["variants"]] if product else []
        return self._variants[product_id]

    def change_product(self, product_id: str, price: Decimal, stock: int | None = None) -> int:
        variants = self._variant_ids(product_id)
        if not variants:
            return 0
        minor = int(price * 100)
        on_hand = self._rng.randrange(3, 40) if stock is None else stock
        changes = [
            {"id": v, "price": minor, "stockLevels": [{"stockLocationId": str(self._here), "stockOnHand": on_hand}]}
            for v in variants
        ]
        updated = self._admin("bench: change product", _UPDATE_VARIANTS, {"input": changes})["updateProductVariants"]
        return 1 if updated and all(updated) else 0

    def change_batch(self, products: int, keep: str, seed: int) -> int:
        keep_id = int(keep) if keep.isdigit() else 0
        count = self.psql(
            "BEGIN;"
            f" SELECT setseed({(seed % 1000) / 1000});"
            " DROP TABLE IF EXISTS bench_batch;"
            " CREATE TEMP TABLE bench_batch AS SELECT id, n FROM (SELECT p.id, row_number() OVER (ORDER BY random()) n"
            ' FROM product p WHERE p."deletedAt" IS NULL AND p.id <> '
            f'{keep_id} AND EXISTS (SELECT 1 FROM product_variant v WHERE v."productId" = p.id'
            f' AND v."deletedAt" IS NULL)) s WHERE n <= {int(products)};'
            " UPDATE product_variant_price pr SET price = pr.price + 1 + b.n % 50 FROM product_variant v"
            ' JOIN bench_batch b ON b.id = v."productId" WHERE pr."variantId" = v.id;'
            ' UPDATE stock_level s SET "stockOnHand" = (s."stockOnHand" + 3 + b.n % 5) % 40 FROM product_variant v'
            ' JOIN bench_batch b ON b.id = v."productId" WHERE s."productVariantId" = v.id AND s."stockLocationId" = '
            f"{self._here};"
            ' UPDATE product p SET "deletedAt" = now() FROM bench_batch b WHERE p.id = b.id AND b.n % 20 = 0;'
            " COMMIT;"
            " SELECT count(*) FROM bench_batch;"
        )
        return int(count.strip().splitlines()[-1])

    def live_step(self, step: int) -> None:
        if not self._pool:
            self._pool = [pid for pid in self.candidates(300) if pid != self._keep]
        for product_id in self._pool[:3]:  # the popular ones: their stock moves at every step
            variants = self._variant_ids(product_id)
            if variants:
                levels = [{"stockLocationId": str(self._here), "stockOnHand": self._rng.randrange(0, 40)}]
                self._admin("bench: stock moves", _UPDATE_VARIANTS,
                            {"input": [{"id": v, "stockLevels": levels} for v in variants]})  # fmt: skip
        if step % 3 == 0 and len(self._pool) > 3:  # a price drop
            product_id = self._rng.choice(self._pool[3:])
            self.change_product(product_id, Decimal(self._rng.randrange(500, 5000)) / 100)
        if step % 10 == 9 and len(self._pool) > 4:  # a product withdrawn
            product_id = self._pool.pop(self._rng.randrange(3, len(self._pool)))
            self._admin("bench: withdraw product", _DELETE_PRODUCT, {"id": product_id})

    def keep(self, product_id: str) -> None:
        """The product on screen: never withdrawn by the live steps."""
        self._keep = product_id
        self._pool = [pid for pid in self._pool if pid != product_id]

    def close(self) -> None:
        self._client.close()
        self._psql.close()


class PsqlSession:
    """One psql process for the whole run, fed statements on its stdin: starting a process per statement
    would fork the kiosk's process (Qt, the cache: ~200 MB) in the middle of what is timed, and the fork is a
    GUI stall of its own (6.6 ms measured in a first run) that a back office's change never causes."""

    _DONE = "kiosk-bench-psql-done"

    def __init__(self, cluster: Any, database: str) -> None:
        import subprocess
        import tempfile

        from kiosk.backends.vendure.postgres import SUPERUSER

        self._errors = tempfile.TemporaryFile("w+")  # noqa: SIM115 -- psql's messages, read after each run; closed by close()
        self._proc = subprocess.Popen(
            [str(cluster.bindir / "psql"), "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=0", "-h",
             str(cluster.socket_dir), "-p", str(cluster.port), "-U", SUPERUSER, "-d", database],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self._errors, text=True, bufsize=1,
            env={**os.environ, "PGTZ": "UTC", "LC_ALL": "C.UTF-8"}, user=cluster.run_as.uid, group=cluster.run_as.gid,
        )  # fmt: skip

    def run(self, sql: str) -> str:
        """The statements' output rows ("a|b" lines); a failed statement raises with psql's message."""
        assert self._proc.stdin is not None and self._proc.stdout is not None
        start = self._errors.seek(0, os.SEEK_END)
        self._proc.stdin.write(f"{sql.rstrip().rstrip(';')};\nSELECT '{self._DONE}';\n")
        self._proc.stdin.flush()
        lines = []
        for line in self._proc.stdout:
            if line.rstrip("\n") == self._DONE:
                break
            lines.append(line)
        else:
            raise RuntimeError("psql ended before the statements did")
        self._errors.seek(start)
        errors = self._errors.read()
        if "ERROR" in errors:
            raise RuntimeError(f"psql: {errors.strip()}")
        return "".join(lines)

    def close(self) -> None:
        if self._proc.stdin is not None:
            self._proc.stdin.close()
        try:
            self._proc.wait(timeout=10)
        except Exception:
            self._proc.kill()
            self._proc.wait()
        if self._proc.stdout is not None:
            self._proc.stdout.close()
        self._errors.close()

"""Upgrading a database of the pinned Vendure to the Vendure on trial, with Vendure's own migrations.

Runs under `make test-vendure-next` only (the pinned run has nothing to upgrade to): the pinned release's
seeded database (kiosk data, KioskPlugin tables and journal triggers) is migrated by vendure/upgrade.js with
the trial's generateMigration + runMigrations, which must leave nothing behind; then the trial's server starts
on it and the kiosk's own requests (plugin info, the journal, the export) answer with the data kept.
"""

from __future__ import annotations

import contextlib
import json
import shutil
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from kiosk.backends.vendure.backend import VendureBackend
from kiosk.backends.vendure.postgres import PostgresCluster, copy_cluster, temp_cluster_dir
from kiosk.backends.vendure.server import (
    HOST,
    SEEDED_CLUSTER,
    TEMPLATE_DB,
    VendureServer,
    _child_env,
    default_project_dir,
    free_port,
    stop_process_group,
)
from kiosk.core.catalog_snapshot import SnapshotTrailer

UPGRADE_SCRIPT = default_project_dir() / "upgrade.js"
UPGRADED_DB = "kiosk_upgraded"


@dataclass(frozen=True)
class PinnedDatabase:
    cluster: PostgresCluster
    install: VendureServer  # the pinned install (not started): its credentials match this database


@pytest.fixture
def pinned_database(vendure_server: VendureServer) -> Iterator[PinnedDatabase]:
    """A running copy of the pinned release's seeded cluster, with UPGRADED_DB made from its template."""
    if vendure_server.vendure_version is None:
        pytest.skip("no Vendure on trial: run make test-vendure-next VENDURE_NEXT=<version>")
    pinned = VendureServer(vendure_version=None, report=lambda message: None)
    pinned.ensure_installed()
    folder = temp_cluster_dir()
    cluster = PostgresCluster(copy_cluster(pinned.install_dir / SEEDED_CLUSTER, folder), port=free_port(), fast=True)
    try:
        cluster.run_as.own(folder)
        cluster.start()
        cluster.create_database(UPGRADED_DB, template=TEMPLATE_DB)
        yield PinnedDatabase(cluster, pinned)
    finally:
        cluster.stop("immediate")
        shutil.rmtree(folder, ignore_errors=True)


def counts(cluster: PostgresCluster) -> tuple[int, ...]:
    """Live variants, customers, orders and journal rows: what an upgrade must not lose (or journal)."""
    row = cluster.psql(
        'SELECT (SELECT count(*) FROM product_variant WHERE "deletedAt" IS NULL), (SELECT count(*) FROM customer),'
        ' (SELECT count(*) FROM "order"), (SELECT count(*) FROM kiosk_change)',
        UPGRADED_DB,
    ).strip()
    return tuple(int(value) for value in row.split("|"))


@contextmanager
def trial_server(install_dir: Path, env: dict[str, str]) -> Iterator[str]:
    """The trial's `node server.js` on the upgraded database; its admin URL once its Shop API answers."""
    port = free_port()
    process = subprocess.Popen(
        ["node", "server.js"],
        cwd=install_dir,
        env=_child_env({**env, "KIOSK_VENDURE_PORT": str(port)}),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        base = f"http://{HOST}:{port}"
        deadline = time.monotonic() + 90
        while True:
            assert process.poll() is None, f"the trial server exited with {process.returncode} on the upgraded database"
            assert time.monotonic() < deadline, "the trial server did not answer within 90 s"
            with contextlib.suppress(httpx.HTTPError):
                if httpx.post(f"{base}/shop-api", json={"query": "{ activeChannel { id } }"}, timeout=2).status_code == 200:
                    break
            time.sleep(0.2)  # polling a condition with a deadline, not a fixed wait
        yield base
    finally:
        stop_process_group(process.pid, wait=process.wait)


def test_the_pinned_database_migrates_to_the_trial_and_the_kiosk_reads_it(
    vendure_server: VendureServer, pinned_database: PinnedDatabase, tmp_path: Path
) -> None:
    database, pinned = pinned_database.cluster, pinned_database.install
    before = counts(database)
    admin = pinned.superadmin_credentials()
    env = {
        **vendure_server.vendure_env(),
        **database.vendure_env(UPGRADED_DB),
        "KIOSK_VENDURE_SUPERADMIN_USER": str(admin.username),
        "KIOSK_VENDURE_SUPERADMIN_PASSWORD": str(admin.password),
    }
    result = subprocess.run(
        ["node", str(UPGRADE_SCRIPT), str(tmp_path / "migrations")],
        cwd=vendure_server.install_dir,
        env=_child_env(env),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["remaining"] == 0, report
    if report["migration"] is not None:  # the trial changed the schema: the one migration ran whole
        assert report["statements"] > 0 and len(report["ran"]) == 1, report
    assert counts(database) == before  # nothing deleted, and nothing journaled: no data changed

    with trial_server(vendure_server.install_dir, env) as base:
        backend = VendureBackend(
            f"{base}/admin-api",
            f"{base}/shop-api",
            pinned.kiosk_credentials(),
            here_location=pinned.here_location(),
        )
        try:
            assert backend.check_plugin().startswith("KioskPlugin 2.")
            snapshot = backend.catalog_snapshot()
            trailer = [item for item in snapshot.items() if isinstance(item, SnapshotTrailer)][0]
            assert trailer.variants == before[0]
            quiet = backend.catalog_changes(snapshot.header.cursor, 100)
            assert quiet.products == () and quiet.deleted_product_ids == ()
            # the journal's triggers survived the migration: a price written in SQL is the next change
            database.psql('UPDATE product_variant_price SET price = price + 1 WHERE "variantId" = 1', UPGRADED_DB)
            changed = backend.catalog_changes(quiet.next_cursor, 100)
            assert [variant.id for product in changed.products for variant in product.variants if variant.id == "1"] == ["1"]
        finally:
            backend.close()

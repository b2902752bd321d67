"""`kiosk bench --vendure-only --live-only` on a small seeded catalog: the live figures against real Vendure.

A throw-away PostgreSQL + Vendure server and worker (as kiosk.commands.vendure_bench starts them), 2,000 extra
variants, and the kiosk in its own process, offscreen: every change is made through Vendure's Admin API or, for
the batch, in one SQL transaction that the KioskPlugin's triggers journal. Nothing here asserts a time limit:
the test proves every figure is measured, present and plausible. About a minute on two shared cores.
"""

from __future__ import annotations

import os

import pytest

from kiosk.backends.vendure.server import VendureServerError, check_node
from tests.bench.helpers import run_bench, sane

pytestmark = pytest.mark.vendure


@pytest.fixture(scope="module")
def vendure_live(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, str]:  # type: ignore[type-arg]
    try:
        check_node()
    except VendureServerError as exc:
        if os.environ.get("KIOSK_REQUIRE_VENDURE"):
            pytest.fail(f"KIOSK_REQUIRE_VENDURE is set: {exc}")
        pytest.skip(f"the Vendure bench needs Node.js 20+ and npm on PATH: {exc}")
    data = tmp_path_factory.mktemp("bench-vendure")
    return run_bench(
        ["--vendure-only", "--live-only", "--vendure-variants", "2000",
         "--freshness-samples", "3", "--default-interval-samples", "1",
         "--default-interval-s", "2", "--batch-changes", "300", "--soak-s", "5"],
        data / "figures.json", 600,
    )  # fmt: skip


def test_admin_api_changes_are_timed_to_the_screen(vendure_live: tuple[dict, str]) -> None:  # type: ignore[type-arg]
    figures, printed = vendure_live
    vendure = figures["vendure"]
    assert vendure["seeded_variants"] == 2000 and "import" not in vendure  # --live-only: no catalog figures
    live = vendure["live"]
    assert live["ok"], live
    assert live["backend"] == "vendure" and "Admin API" in live["change_how"]
    assert live["catalog"]["products"] >= 500  # 2,000 variants in products of four, and the sample's
    fresh = live["freshness_1s"]
    sane(fresh["product_ms"], 3)
    sane(fresh["cart_ms"], 3)
    assert fresh["lost"] == 0
    assert live["freshness_default"]["product_ms"]["n"] == 1
    assert live["freshness_model"]["interval_s"] == 2
    assert "live figures, Vendure on PostgreSQL" in printed
    assert "price and stock change through Vendure's Admin API (updateProductVariants) -> product page frame" in printed


def test_a_quiet_pass_is_one_request_to_vendure(vendure_live: tuple[dict, str]) -> None:  # type: ignore[type-arg]
    idle = vendure_live[0]["vendure"]["live"]["idle_poll"]
    # the journal poll and the recall list in one GraphQL request, counted at the transport
    assert idle["passes"] == 5 and idle["requests_max"] == 1 and 0 < idle["bytes_max"] <= 2048
    assert [(x["method"], x["path"]) for x in idle["worst"]] == [("POST", "/admin-api")]


def test_the_sql_batch_reaches_the_kiosk_through_the_journal(vendure_live: tuple[dict, str]) -> None:  # type: ignore[type-arg]
    figures, printed = vendure_live
    batch = figures["vendure"]["live"]["batch"]
    assert batch["ok"] and batch["changed_products"] == 300 and batch["asked"] == 300
    assert batch["withdrawn"] == 15  # one in twenty, soft-deleted in the same transaction
    assert batch["applied_products"] == 300  # every product the SQL touched came through the journal
    assert batch["ticks"] > 0 and batch["stall_ms"] >= batch["own_stall_ms"] >= batch["own_stall_less_writer_wait_ms"]
    assert "journaled by the KioskPlugin's triggers in that transaction" in printed
    # more journal rows than a first page: a catalog worker built its own Vendure adapter from the kiosk's
    # config (the API key included) and applied the rest of the pass
    worker = batch["worker"]
    assert worker and all(run["exit_code"] == 0 for run in worker) and sum(run["pages"] for run in worker) >= 1
    soak = figures["vendure"]["live"]["soak"]
    # each step is a few Admin API calls (a second or two on a busy machine): at least one in 5 s
    assert soak["passes"] >= 3 and soak["store_steps"] >= 1 and soak["rss_start_mb"] > 50

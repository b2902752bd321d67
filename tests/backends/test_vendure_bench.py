"""`kiosk bench --vendure`'s catalog part on a small seed: it measures what it says (the 100k run is a bench)."""

from __future__ import annotations

from kiosk.backends.vendure.server import VendureServer
from kiosk.commands import vendure_bench


def test_vendure_catalog_bench_small(vendure_server: VendureServer) -> None:
    """Its own throw-away server (the session's keeps its sample catalog): 400 variants in bulk SQL."""
    figures = vendure_bench.run(400, report=lambda message: None)
    assert figures["seeded_variants"] == 400 and figures["seeded_products"] == 100
    assert figures["variants_total"] == 88 + 400
    imported = figures["import"]
    assert (imported["path"], imported["snapshot_error"]) == ("snapshot", "")
    assert imported["variants"] == 488 and imported["products"] == 54 + 100
    quiet = figures["quiet_poll"]
    assert (quiet["requests"], quiet["changes"]) == (1, 0) and quiet["bytes"] <= 2048
    change = figures["change_set"]
    # every hundredth variant id among 1..488: 4 prices, each its own product
    assert (change["variants_changed"], change["products_applied"], change["requests"]) == (4, 4, 1)

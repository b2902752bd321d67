"""A short fleet run in the suite (tests/faults/fleet.py): 3 kiosks, 51 orders, two servers, one killed -9 while
orders are being placed; a third of the orders earn loyalty points, each credited exactly once."""

from __future__ import annotations

from kiosk.backends.vendure.server import VendureServer
from tests.faults.conftest import FIGURES
from tests.faults.fleet import Fleet


def test_short_fleet_run_loses_and_duplicates_nothing(vendure_server: VendureServer) -> None:
    """Its own servers and database (the session's server only makes this a Vendure test)."""
    # orders nearly back to back: this run proves what is lost and doubled, `make fleet-bench` times shoppers
    figures = Fleet(3, 17, report=lambda message: None, gap_s=0.05).run()
    FIGURES.append(
        f"fleet (short): {figures['kiosks']} kiosks, {figures['orders_saved']} orders, order p95 "
        f"{figures['order_p95_ms']} ms (no fault met: {figures['order_clean_p95_ms']} ms over {figures['orders_clean']}), "
        f"{figures['requests_per_answer_max']} request per answered order, {figures['points_credited']} points "
        f"credited over {figures['member_orders']} member orders, poll p95 {figures['poll_p95_ms']} ms / {figures['poll_bytes_max']} B, "
        f"import {figures['import_variants_per_s']:,} variants/s, DB connections {figures['db_connections_max']}, "
        f"lost {figures['orders_lost']}, duplicated {figures['orders_duplicated']}, faults {figures['faults']}"
    )
    assert figures["orders_saved"] == 51
    assert (figures["orders_lost"], figures["orders_duplicated"]) == (0, 0)
    assert figures["import_variants"] == 3 * 88
    assert figures["poll_bytes_max"] <= 2048
    assert figures["orders_answered"] >= 51
    assert figures["requests_per_answer_max"] == 1  # an order is one request (kioskPlaceOrder)
    assert figures["member_orders"] >= 17 and figures["points_credited"] > 0
    assert (figures["points_missing"], figures["points_doubled"], figures["points_wrong"]) == (0, 0, 0)
    assert figures["balances_mismatched"] == 0  # each member's balance moved by exactly the points credited

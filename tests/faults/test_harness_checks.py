"""The harness's comparison itself: each kind of failure it must count, on a kiosk.db and journal made here.

The runs against Vendure only ever show duplicates (the negative controls); this checks that lost, invented
and wrong-lines orders would be counted too, with Vendure's answer given as data.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kiosk.core.order import OrderReceipt
from kiosk.storage.order_outbox import SqliteOrderOutbox
from tests.fakes import FakeClock
from tests.faults.harness import Figures, Target, _verify
from tests.fixtures.vendure import sample_order


def _placed(number: str, client_id: str, variant: str = "1", quantity: int = 1) -> dict[str, Any]:
    return {
        "id": "x", "code": f"V-{number}", "state": "ArrangingPayment",
        "customFields": {"kioskClientOrderId": client_id, "kioskOrderNumber": number},
        "lines": [{"quantity": quantity, "productVariant": {"id": variant}}],
    }  # fmt: skip


def test_lost_duplicated_invented_wrong_lines_and_undelivered_are_each_counted(tmp_path: Path) -> None:
    outbox = SqliteOrderOutbox(tmp_path / "kiosk.db", FakeClock())
    orders = {n: sample_order(number=n) for n in "ABCF"}
    for order in orders.values():
        outbox.save(order)
    for n in "ABF":
        outbox.mark_delivered(OrderReceipt(orders[n].client_order_id, f"V-{n}", "ArrangingPayment"))
    outbox.close()
    journal = tmp_path / "journal.txt"
    lines = [f"{n} {orders[n].client_order_id}" for n in "ABCF"] + ["D 00000000-0000-0000-0000-000000000000", "TORN"]
    journal.write_text("\n".join(lines))
    backend = [
        _placed("A", orders["A"].client_order_id),
        _placed("A", orders["A"].client_order_id),  # a second A: duplicated
        _placed("C", orders["C"].client_order_id),  # placed while kiosk.db still queues it: fine
        _placed("E", "e"),  # never saved by the kiosk: invented
        _placed("F", orders["F"].client_order_id, quantity=2),  # a doubled line
        {"id": "y", "code": "DRAFT", "state": "Draft", "customFields": {}, "lines": []},  # orphan draft
    ]

    def admin_query(_document: str, variables: dict[str, Any]) -> dict[str, Any]:
        items = backend if variables["skip"] == 0 else []
        return {"orders": {"totalItems": len(backend), "items": items}}

    figures = Figures()
    _verify(figures, tmp_path / "kiosk.db", journal, "dev", Target("127.0.0.1", 1, "/a", "/s", "k", admin_query))
    assert (figures.journalled, figures.saved, figures.backend_orders) == (5, 4, 5)
    assert (figures.lost, figures.duplicated, figures.invented) == (2, 1, 1)  # B delivered but absent; D not saved
    assert (figures.wrong_lines, figures.undelivered, figures.orphan_drafts) == (1, 1, 1)
    assert figures.integrity == "ok" and not figures.ok

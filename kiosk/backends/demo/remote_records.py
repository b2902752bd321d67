"""What the demo store served over HTTP answers for an order it places (`POST /v1/orders`): the receipt as a JSON
record, written by the server (kiosk.backends.demo.server) and read by its client (RemoteDemoBackend), so both
sides share one layout. The order itself travels as the core's record (kiosk.core.order.order_record)."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from kiosk.core.i18n import LocalizedText
from kiosk.core.money import Money
from kiosk.core.order import OrderReceipt, ShortLine


def receipt_record(receipt: OrderReceipt) -> dict[str, Any]:
    """The receipt as the store sends it: code, state, final total, points earned, short lines and notes."""
    total = receipt.total
    return {
        "client_order_id": receipt.client_order_id,
        "code": receipt.backend_code,
        "state": receipt.state,
        "total": None if total is None else {"amount": str(total.amount), "currency": total.currency},
        "points_earned": receipt.points_earned,
        "short_lines": [[s.variant_id, s.ordered, s.placed] for s in receipt.short_lines],
        "notes": [[note.en, note.es] for note in receipt.notes],
    }


def receipt_from_record(data: Mapping[str, Any]) -> OrderReceipt:
    """The receipt from its record; KeyError, TypeError or ValueError (decimal.InvalidOperation is one) on a
    record that is not a receipt's."""
    total = data["total"]
    points = data["points_earned"]
    return OrderReceipt(
        client_order_id=str(data["client_order_id"]),
        backend_code=str(data["code"]),
        state=str(data["state"]),
        total=None if total is None else Money(Decimal(str(total["amount"])), str(total["currency"])),
        points_earned=None if points is None else int(points),
        short_lines=tuple(ShortLine(str(v), int(o), int(p)) for v, o, p in data["short_lines"]),
        notes=tuple(LocalizedText(str(en), str(es)) for en, es in data["notes"]),
    )

"""Pickup-elsewhere and reserve-here orders survive kiosk.db (codec and outbox) with their store."""

from __future__ import annotations

import json
import uuid
from dataclasses import replace
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from kiosk.core.money import Money
from kiosk.core.order import FulfilmentKind, Order, OrderContact, OrderLine, PaymentChoice
from kiosk.storage.order_codec import order_from_json, order_to_json, redact
from kiosk.storage.order_outbox import SqliteOrderOutbox
from tests.fakes import FakeClock


def _order(kind: FulfilmentKind, store: str) -> Order:
    return Order(
        client_order_id=str(uuid.uuid4()),
        number="ABCD-1234",
        created_at=datetime(2026, 11, 23, 10, 0, tzinfo=UTC),
        store_id="madrid",
        device_id="kiosk-1",
        lines=(OrderLine("p1-v1", "SKU-1", None, "Trail shoe", 1, Money(Decimal("19.99"), "EUR")),),
        fulfilment=kind,
        payment=PaymentChoice.PAY_ON_PHONE,
        contact=OrderContact("Ana", "Ruiz", "ana@example.com", loyalty_number="400020329196", customer_id="c1"),
        shipping_address=None,
        shipping_method=None,
        pickup_location_id=store,
        currency="EUR",
    )


@pytest.mark.parametrize(
    ("kind", "store"), [(FulfilmentKind.PICKUP_STORE, "bcn"), (FulfilmentKind.RESERVE_HERE, "here")]
)
def test_pickup_and_reserve_orders_round_trip(kind: FulfilmentKind, store: str, tmp_path: Path) -> None:
    order = _order(kind, store)
    assert order_from_json(order_to_json(order)) == order
    assert kind.needs_pickup_location
    redacted = redact(order)
    assert (redacted.fulfilment, redacted.pickup_location_id) == (kind, store)
    assert "ana@example.com" not in order_to_json(redacted)
    outbox = SqliteOrderOutbox(tmp_path / "kiosk.db", FakeClock())
    try:
        outbox.save(order)
        entry = outbox.get(order.client_order_id)
        assert entry is not None and entry.order == order
    finally:
        outbox.close()
    assert not FulfilmentKind.HOME_DELIVERY.needs_pickup_location


def test_coupons_and_points_to_redeem_round_trip_and_older_orders_read_without_them() -> None:
    order = replace(
        _order(FulfilmentKind.PICKUP_STORE, "bcn"), coupon_codes=("WELCOME10", "SPRING"), points_to_redeem=250
    )
    assert order_from_json(order_to_json(order)) == order
    saved_before_offers = json.loads(order_to_json(order))
    del saved_before_offers["coupon_codes"], saved_before_offers["points_to_redeem"]
    older = order_from_json(json.dumps(saved_before_offers))
    assert (older.coupon_codes, older.points_to_redeem) == ((), 0)

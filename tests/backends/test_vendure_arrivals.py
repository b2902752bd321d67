"""Pickup arrivals on real Vendure: the kiosk's PICKUP_ARRIVAL events, sent by the event sender to the
KioskPlugin, listed by `kioskPickupArrivals` for the associates until the order is collected or cancelled."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from kiosk.backends.vendure.backend import VendureBackend
from kiosk.core.events import EventKind, EventRecorder
from kiosk.core.order import FulfilmentKind
from kiosk.core.order_tracking import ArrivalBoard, TrackingState
from kiosk.core.services.event_sender import EventSender
from kiosk.storage.event_queue import SqliteEventQueue
from tests.fakes import FakeClock
from tests.fixtures.vendure import VendureAdmin, sample_order


def _location(admin: VendureAdmin, name: str) -> str:
    stores = admin.query("{ stockLocations { items { id name } } }")["stockLocations"]["items"]
    return str(next(s["id"] for s in stores if s["name"] == name))


def _order(admin: VendureAdmin, client_order_id: str) -> dict[str, Any]:
    reply = admin.query(
        """query ($c: String!) { orders(options: { filter: { kioskClientOrderId: { eq: $c } } }) {
             items { id state lines { id quantity } } } }""",
        {"c": client_order_id},
    )
    (order,) = reply["orders"]["items"]
    return dict(order)


def _collect(admin: VendureAdmin, client_order_id: str) -> None:
    """The store at work: paid at the counter, fulfilled to the counter ("shipped"), then handed over."""
    order = _order(admin, client_order_id)
    paid = admin.query(
        """mutation ($id: ID!) { addManualPaymentToOrder(input: { orderId: $id, method: "cash", metadata: {} }) {
             ... on Order { state } ... on ErrorResult { message } } }""",
        {"id": order["id"]},
    )
    assert paid["addManualPaymentToOrder"]["state"] == "PaymentSettled", paid
    fulfilled = admin.query(
        """mutation ($lines: [OrderLineInput!]!) { addFulfillmentToOrder(input: { lines: $lines,
             handler: { code: "manual-fulfillment", arguments: [{ name: "method", value: "store pickup" },
                                                                 { name: "trackingCode", value: "" }] } }) {
             ... on Fulfillment { id } ... on ErrorResult { message } } }""",
        {"lines": [{"orderLineId": line["id"], "quantity": line["quantity"]} for line in order["lines"]]},
    )
    fulfilment_id = fulfilled["addFulfillmentToOrder"]["id"]
    for state in ("Shipped", "Delivered"):
        moved = admin.query(
            """mutation ($id: ID!, $s: String!) { transitionFulfillmentToState(id: $id, state: $s) {
                 ... on Fulfillment { state } ... on ErrorResult { message } } }""",
            {"id": fulfilment_id, "s": state},
        )
        assert moved["transitionFulfillmentToState"]["state"] == state, moved
    assert _order(admin, client_order_id)["state"] == "Delivered"


def test_pickup_arrivals_are_listed_at_their_store_until_collected_or_cancelled(
    vendure_backend: VendureBackend, vendure_admin: VendureAdmin, tmp_path: Path
) -> None:
    assert isinstance(vendure_backend, ArrivalBoard)
    barcelona = _location(vendure_admin, "Barcelona Diagonal")
    madrid = _location(vendure_admin, "Madrid Centro")
    first = sample_order(number="K-0901", fulfilment=FulfilmentKind.PICKUP_STORE, pickup_location_id=barcelona, quantity=2)
    second = sample_order(number="K-0902", fulfilment=FulfilmentKind.PICKUP_STORE, pickup_location_id=barcelona)
    elsewhere = sample_order(number="K-0903", fulfilment=FulfilmentKind.PICKUP_STORE, pickup_location_id=madrid)
    for order in (first, second, elsewhere):
        vendure_backend.submit_order(order)

    queue = SqliteEventQueue(tmp_path / "events.db")
    clock = FakeClock(datetime(2026, 12, 7, 9, 0, tzinfo=UTC))
    recorder = EventRecorder(queue, clock, "barcelona-diagonal", "kiosk-02")

    def arrive(order_number: str, client_order_id: str, location_id: str) -> None:
        fields = {"order_number": order_number, "client_order_id": client_order_id, "location_id": location_id}
        recorder.record(EventKind.PICKUP_ARRIVAL, fields)
        clock.advance(60)

    arrive("K-0902", second.client_order_id, barcelona)
    arrive("K-0901", first.client_order_id, barcelona)
    arrive("K-0902", second.client_order_id, barcelona)  # scanned again later: the first arrival counts
    arrive("K-0903", elsewhere.client_order_id, madrid)
    assert EventSender(vendure_backend, queue, clock).send_due().sent == 4
    queue.close()

    mine = {first.client_order_id, second.client_order_id, elsewhere.client_order_id}

    def listed(location_id: str) -> list[tuple[str, str, datetime, TrackingState, int]]:
        return [
            (a.order_number, a.client_order_id, a.arrived_at, a.state, a.item_count)
            for a in vendure_backend.pickup_arrivals(location_id)
            if a.client_order_id in mine
        ]

    assert listed(barcelona) == [
        ("K-0902", second.client_order_id, datetime(2026, 12, 7, 9, 0, tzinfo=UTC), TrackingState.RECEIVED, 1),
        ("K-0901", first.client_order_id, datetime(2026, 12, 7, 9, 1, tzinfo=UTC), TrackingState.RECEIVED, 2),
    ]
    assert listed(madrid) == [
        ("K-0903", elsewhere.client_order_id, datetime(2026, 12, 7, 9, 3, tzinfo=UTC), TrackingState.RECEIVED, 1)
    ]

    _collect(vendure_admin, second.client_order_id)
    assert [row[0] for row in listed(barcelona)] == ["K-0901"]
    vendure_admin.query(
        'mutation ($id: ID!) { cancelOrder(input: { orderId: $id, reason: "test" }) { ... on Order { state } } }',
        {"id": _order(vendure_admin, first.client_order_id)["id"]},
    )
    assert listed(barcelona) == []
    assert [row[0] for row in listed(madrid)] == ["K-0903"]


def test_no_arrivals_at_a_location_nobody_arrived_at(vendure_backend: VendureBackend) -> None:
    assert vendure_backend.pickup_arrivals("999999") == []

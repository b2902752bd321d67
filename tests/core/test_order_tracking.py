"""Order QR codes, the states a QR holder reads, and what a scan means at the pickup store."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from kiosk.core.catalog import Location, LocationKind
from kiosk.core.errors import BackendUnavailableError
from kiosk.core.order import FulfilmentKind
from kiosk.core.order_tracking import (
    ArrivalAnswer,
    OrderCode,
    OrderTracking,
    TrackingState,
    arrival_answer,
    arrival_message,
    parse_order_code,
)
from kiosk.core.scanning import ScanKind, interpret
from kiosk.core.services.order_status import OrderStatusLookup
from tests.fakes import FakeClock

ID = "1a2b3c4d-0000-4000-8000-000000000001"
NOW = datetime(2026, 12, 7, 10, tzinfo=UTC)


def test_the_order_qr_round_trips_and_a_damaged_one_is_refused() -> None:
    code = OrderCode("1A2B-3C4D", ID)
    assert parse_order_code(code.qr_payload) == code
    assert parse_order_code(f"KIOSK-ORDER:1A2B-3C4D:{ID.upper()}") == code  # UUIDs are canonicalised
    for bad in ("KIOSK-ORDER:", "KIOSK-ORDER:1A2B-3C4D", f"KIOSK-ORDER:1a2b-3c4d:{ID}", f"KIOSK-ORDER:1A2B-3C4D:{ID}x"):
        assert parse_order_code(bad) is None
    scanned = interpret(b"]Q1" + code.qr_payload.encode() + b"\r")
    assert (scanned.kind, scanned.order_number, scanned.order_id) == (ScanKind.ORDER, "1A2B-3C4D", ID)
    assert interpret(b"]Q1KIOSK-ORDER:junk").reason == "bad_order_code"


def _tracking(state: TrackingState, fulfilment: FulfilmentKind = FulfilmentKind.PICKUP_STORE, where: str = "here") -> OrderTracking:
    return OrderTracking("1A2B-3C4D", state, NOW, fulfilment, where, "Madrid Gran Vía")


@pytest.mark.parametrize(
    ("state", "where", "answer", "message"),
    [
        (TrackingState.READY_FOR_PICKUP, "here", ArrivalAnswer.BRINGING, "We are bringing your order. Please wait here."),
        (TrackingState.PREPARING, "here", ArrivalAnswer.NOT_READY, "Your order is not ready yet: we will tell you when it is."),
        (TrackingState.READY_FOR_PICKUP, "bcn", ArrivalAnswer.ELSEWHERE, "This order is collected at Madrid Gran Vía."),
        (TrackingState.COLLECTED, "here", ArrivalAnswer.NOT_PICKUP, ""),
    ],
)
def test_what_a_scan_at_the_store_means(state: TrackingState, where: str, answer: ArrivalAnswer, message: str) -> None:
    tracking = _tracking(state, where=where)
    assert arrival_answer(tracking, "here") is answer
    assert arrival_message(answer, tracking, "en") == message


def test_states_read_in_both_languages_without_personal_data() -> None:
    shipped = replace(_tracking(TrackingState.SHIPPED, FulfilmentKind.HOME_DELIVERY, ""), carrier="Correos Express", tracking_code="CX1")
    assert (shipped.headline("en"), shipped.detail("en")) == ("Shipped", "Correos Express, tracking CX1")
    assert (shipped.headline("es"), shipped.detail("es")) == ("Enviado", "Correos Express, seguimiento CX1")
    ready = _tracking(TrackingState.READY_FOR_PICKUP)
    assert (ready.headline("es"), ready.detail("es")) == ("Listo para recoger", "En Madrid Gran Vía")
    assert set(OrderTracking.__dataclass_fields__).isdisjoint({"email", "phone", "name", "address", "contact"})


class _Tracker:
    def __init__(self) -> None:
        self.answer: OrderTracking | None = None
        self.down = False

    def order_tracking(self, client_order_id: str) -> OrderTracking | None:
        if self.down:
            raise BackendUnavailableError("down")
        return self.answer


class _NoOutbox:
    def get(self, client_order_id: str) -> None:
        return None


def test_the_lookup_names_the_store_and_remembers_the_last_answer_for_offline_scans() -> None:
    tracker = _Tracker()
    here = Location("here", "Madrid Gran Vía", LocationKind.HERE, "Madrid")
    lookup = OrderStatusLookup(tracker, _NoOutbox(), FakeClock(), lambda: (here,))  # type: ignore[arg-type]
    code = OrderCode("1A2B-3C4D", ID)
    assert lookup.look_up(code).tracking is None
    tracker.answer = OrderTracking("1A2B-3C4D", TrackingState.READY_FOR_PICKUP, NOW, FulfilmentKind.RESERVE_HERE, "here")
    live = lookup.look_up(code)
    assert live.live and live.arrival is ArrivalAnswer.BRINGING and live.tracking is not None
    assert live.tracking.pickup_location_name == "Madrid Gran Vía"
    assert lookup.arrival_event(code, live) == {"order_number": "1A2B-3C4D", "client_order_id": ID, "location_id": "here"}
    tracker.down = True
    offline = lookup.look_up(code)
    assert not offline.live and offline.tracking is not None and offline.tracking.as_of == NOW

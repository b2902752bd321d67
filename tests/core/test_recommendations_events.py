"""Recommendation ranking (pure) and measurement events that can never carry personal data."""

from __future__ import annotations

import threading
import uuid
from datetime import UTC, datetime

import pytest

from kiosk.core.errors import BackendRejectedError, BackendUnavailableError
from kiosk.core.events import EventKind, EventRecorder, KioskEvent, PersonalDataError
from kiosk.core.recommendations import rank, shopper_seeds
from kiosk.core.services.event_sender import EventSender
from tests.fakes import FakeBackend, FakeClock, make_customer

AT = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)


def test_rank_sums_co_purchase_scores_across_seeds_and_breaks_ties_by_popularity() -> None:
    related = {
        "shoe": ["socks", "laces", "insoles"],
        "jacket": ["socks", "hat"],
    }
    popularity = {"socks": 1, "laces": 50, "insoles": 40, "hat": 90}
    # socks: 1/1 (shoe) + (1/1.5)/1 (jacket) = 1.67; laces 0.5; hat (1/1.5)/2 = 0.33; insoles 0.33
    assert rank(["shoe", "jacket"], related, popularity, exclude=(), limit=10) == [
        "socks",
        "laces",
        "hat",  # ties with insoles on score, wins on popularity
        "insoles",
    ]
    assert rank(["shoe", "jacket"], related, popularity, exclude={"socks"}, limit=2) == ["laces", "hat"]
    assert rank(["shoe"], {"shoe": ["shoe", "jacket"]}, {}, (), 5) == ["jacket"]  # never a seed
    assert rank(["shoe"], related, popularity, (), 0) == []


def test_shopper_seeds_cart_then_wishlist_then_history() -> None:
    customer = make_customer()
    assert shopper_seeds(customer, ["p9"]) == ["p9", "p3", "p1", "p2"]
    assert shopper_seeds(None) == []


def _event(**data: str) -> KioskEvent:
    return KioskEvent(str(uuid.uuid4()), EventKind.SEARCH, AT, "madrid", "kiosk-1", tuple(data.items()))


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"email": "x"}, "Event field 'email' is not allowed"),
        ({"customer_id": "c1"}, "Event field 'customer_id' is not allowed"),
        ({"query": "lucia.garcia@example.com"}, "Event field 'query' looks like personal data"),
        ({"query": "+34 600 123 456"}, "Event field 'query' looks like personal data"),
        ({"query": "600123456"}, "Event field 'query' looks like personal data"),
        ({"gtin": "0412345678905"}, "Event field 'gtin' looks like personal data"),  # a loyalty card
        ({"gtin": "412345678905"}, "Event field 'gtin' looks like personal data"),
        ({"gtin": "hello"}, "Event field 'gtin' looks like personal data"),
        ({"results": "twelve"}, "Event field 'results' looks like personal data"),
        ({"product_id": "ana@example.com"}, "Event field 'product_id' looks like personal data"),
    ],
)
def test_events_refuse_personal_data(data: dict[str, str], message: str) -> None:
    with pytest.raises(PersonalDataError) as info:
        _event(**data)
    assert str(info.value) == message


def test_events_accept_products_and_kiosk_identifiers() -> None:
    event = _event(
        gtin="08470000012345", product_id="p0000123", variant_id="p0000123-v01", order_number="1234-5678", results="12"
    )
    assert event.get("gtin") == "08470000012345" and event.get("missing") is None
    with pytest.raises(ValueError):
        KioskEvent("not-a-uuid", EventKind.SCAN, AT, "m", "k")
    with pytest.raises(ValueError):
        KioskEvent(str(uuid.uuid4()), EventKind.SCAN, datetime(2026, 1, 1), "m", "k")


class ListQueue:
    """An EventQueue in a list: the sender's logic, fast (the SQLite queue has its own tests)."""

    def __init__(self) -> None:
        self.events: list[KioskEvent] = []

    def append(self, event: KioskEvent) -> None:
        self.events.append(event)

    def oldest(self, limit: int) -> list[KioskEvent]:
        return self.events[:limit]

    def remove(self, event_ids: list[str]) -> None:
        gone = set(event_ids)
        self.events = [e for e in self.events if e.event_id not in gone]

    def pending_count(self) -> int:
        return len(self.events)


def test_recorder_blanks_a_personal_search_instead_of_failing() -> None:
    queue = ListQueue()
    recorder = EventRecorder(queue, FakeClock(), "madrid", "kiosk-1")
    event = recorder.record(EventKind.SEARCH, {"query": "ana@example.com", "results": 0})
    assert event.data == (("query", "[redacted]"), ("results", "0"))
    recorder.record(EventKind.SCAN, {"scan_kind": "loyalty"})
    assert queue.pending_count() == 2
    with pytest.raises(PersonalDataError):
        recorder.record(EventKind.ORDER, {"email": "x"})


def test_sender_batches_of_100_backs_off_when_away_and_drops_refused_batches() -> None:
    clock = FakeClock()
    queue = ListQueue()
    recorder = EventRecorder(queue, clock, "madrid", "kiosk-1")
    for n in range(250):
        recorder.record(EventKind.PRODUCT_VIEW, {"product_id": f"p{n}"})
    backend = FakeBackend(offline=True)
    sender = EventSender(backend, queue, clock)
    report = sender.send_due()
    assert report.waiting and queue.pending_count() == 250
    assert sender.next_attempt_at is not None
    backend.offline = False
    if sender.next_attempt_at > clock.now():
        assert sender.send_due().sent == 0  # still backing off: no call at all
        clock.advance(301)
    report = sender.send_due()
    assert (report.sent, report.waiting, backend.event_batches) == (250, False, 3)  # 100 + 100 + 50
    assert queue.pending_count() == 0 and len(backend.events) == 250

    class Refusing(FakeBackend):
        def submit_events(self, batch: object) -> None:
            raise BackendRejectedError("bad batch")

    recorder.record(EventKind.ORDER, {"lines": 2})
    assert EventSender(Refusing(), queue, clock).send_due().dropped == 1
    assert queue.pending_count() == 0


def test_sender_thread_stops_when_asked() -> None:
    queue = ListQueue()
    backend = FakeBackend()
    EventRecorder(queue, FakeClock(), "m", "k").record(EventKind.HANDOFF, {"direction": "out"})
    sender = EventSender(backend, queue, FakeClock())
    stop, wake = threading.Event(), threading.Event()
    thread = threading.Thread(target=sender.run, args=(stop, wake, 0.01))
    thread.start()
    try:
        for _ in range(500):
            if backend.events:
                break
            wake.set()
            threading.Event().wait(0.01)
    finally:
        stop.set()
        wake.set()
        thread.join(5)
    assert len(backend.events) == 1 and not thread.is_alive()


def test_unavailable_error_retry_after_is_honoured() -> None:
    class Busy(FakeBackend):
        def submit_events(self, batch: object) -> None:
            raise BackendUnavailableError("busy", retry_after_s=120)

    clock = FakeClock()
    queue = ListQueue()
    EventRecorder(queue, clock, "m", "k").record(EventKind.SCAN, {"scan_kind": "product"})
    sender = EventSender(Busy(), queue, clock)
    sender.send_due()
    assert sender.next_attempt_at is not None
    assert (sender.next_attempt_at - clock.now()).total_seconds() >= 120

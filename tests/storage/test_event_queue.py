"""events.db on a real file: survives reopening, sends once, caps its size; co-purchases in catalog.db."""

from __future__ import annotations

import sqlite3
import uuid
from datetime import UTC, datetime
from pathlib import Path

import pytest

from kiosk.core.catalog import CatalogPage
from kiosk.core.events import EventKind, EventRecorder, KioskEvent
from kiosk.core.recommendations import Recommender
from kiosk.core.services.catalog_sync import CatalogSync
from kiosk.core.services.event_sender import EventSender
from kiosk.storage.catalog_store import SqliteCatalogStore
from kiosk.storage.event_queue import SqliteEventQueue
from tests.fakes import LOCATIONS, FakeBackend, FakeClock, make_customer, make_product


def test_events_survive_a_restart_and_go_out_oldest_first(tmp_path: Path) -> None:
    path = tmp_path / "events.db"
    queue = SqliteEventQueue(path)
    recorder = EventRecorder(queue, FakeClock(), "madrid", "kiosk-1")
    first = recorder.record(EventKind.SEARCH, {"query": "trail shoe\nred", "results": 12})
    for n in range(4):
        recorder.record(EventKind.PRODUCT_VIEW, {"product_id": f"p{n}"})
    queue.close()

    reopened = SqliteEventQueue(path)
    assert reopened.pending_count() == 5
    oldest = reopened.oldest(2)
    assert oldest[0].event_id == first.event_id
    assert oldest[0].data == (("query", "trail shoe red"), ("results", "12"))
    assert oldest[0].at == first.at and oldest[0].kind is EventKind.SEARCH
    assert [e.get("product_id") for e in oldest[1:]] == ["p0"]
    reopened.append(first)  # the same event twice is kept once
    assert reopened.pending_count() == 5
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    reopened.close()


def test_sender_empties_the_real_queue_and_a_resent_batch_is_counted_once(tmp_path: Path) -> None:
    queue = SqliteEventQueue(tmp_path / "events.db")
    clock = FakeClock()
    recorder = EventRecorder(queue, clock, "madrid", "kiosk-1")
    events = [recorder.record(EventKind.ADD_TO_CART, {"variant_id": f"p{n}-v1", "quantity": 1}) for n in range(205)]
    backend = FakeBackend()
    backend.submit_events(events[:50])  # as if a first attempt reached the backend but its reply was lost
    report = EventSender(backend, queue, clock).send_due()
    assert (report.sent, queue.pending_count()) == (205, 0)
    assert len(backend.events) == 205 and backend.event_batches == 1 + 3
    queue.close()


def test_queue_keeps_only_the_newest_when_full(tmp_path: Path) -> None:
    queue = SqliteEventQueue(tmp_path / "events.db", capacity=10)
    at = datetime(2026, 11, 23, tzinfo=UTC)
    ids = [str(uuid.uuid4()) for _ in range(25)]
    for event_id in ids:
        queue.append(KioskEvent(event_id, EventKind.SCAN, at, "m", "k", (("scan_kind", "product"),)))
    assert queue.pending_count() == 10
    assert [e.event_id for e in queue.oldest(100)] == ids[15:]
    queue.remove(ids[15:20])
    assert [e.event_id for e in queue.oldest(100)] == ids[20:]
    queue.close()
    with pytest.raises(ValueError):
        SqliteEventQueue(tmp_path / "x.db", capacity=0)


@pytest.fixture
def store(tmp_path: Path) -> SqliteCatalogStore:
    s = SqliteCatalogStore(tmp_path / "catalog.db")
    yield s
    s.close()


def test_co_purchases_travel_through_sync_and_rank_offline(store: SqliteCatalogStore) -> None:
    products = [
        make_product(1, related=("p2", "p3", "p99")),  # p99 is not in the catalog: never shown
        make_product(2, related=("p4",), popularity=5),
        make_product(3, related=("p4", "p5")),
        make_product(4, popularity=1),
        make_product(5, popularity=9, here=0),
        make_product(6, popularity=100),
    ]
    CatalogSync(FakeBackend(products), store, FakeClock()).sync()
    product = store.product("p1")
    assert product is not None and product.related == ("p2", "p3", "p99")
    assert [h.product_id for h in store.also_bought("p1", 10)] == ["p2", "p3"]
    assert [h.product_id for h in store.also_bought("p1", 1)] == ["p2"]
    assert store.also_bought("nope", 5) == []
    # seeds p2 (weight 1) and p3 (weight 2/3): p4 = 1 + 2/3, p5 = (2/3)/2
    assert [h.product_id for h in store.recommended_for(["p2", "p3"], [], 10)] == ["p4", "p5"]
    assert [h.product_id for h in store.recommended_for(["p2", "p3"], ["p4"], 10)] == ["p5"]
    assert store.recommended_for([], [], 10) == []
    # a re-synced product replaces its co-purchases; a deleted one disappears from recommendations
    page = CatalogPage((make_product(1, related=("p6", "p3")),), ("p3",), "next", False)
    store.apply_page(page, FakeClock().now())
    assert [h.product_id for h in store.also_bought("p1", 10)] == ["p6"]
    assert [h.product_id for h in store.recommended_for(["p1"], [], 10)] == ["p6"]


def test_locations_keep_their_opening_hours_in_the_cache(store: SqliteCatalogStore) -> None:
    from dataclasses import replace

    from kiosk.core.catalog import parse_opening_hours

    hours = parse_opening_hours("Mon–Sat 10:00–22:00, Sun 11:00–21:00")
    backend = FakeBackend([make_product(1)])
    CatalogSync(backend, store, FakeClock()).sync()
    page = backend.catalog_changes(None, 10)
    store.apply_page(
        replace(page, locations=(replace(LOCATIONS[0], opening_hours=hours), *LOCATIONS[1:])), FakeClock().now()
    )
    here = next(x for x in store.locations() if x.id == "here")
    assert here.opening_hours == hours


def test_recommender_for_a_recognised_shopper(store: SqliteCatalogStore) -> None:
    products = [
        make_product(1, related=("p4", "p5")),
        make_product(2, related=("p5",)),
        make_product(3, related=("p6",)),  # the wishlist item
        make_product(4),
        make_product(5),
        make_product(6),
        make_product(7, popularity=1000),
    ]
    CatalogSync(FakeBackend(products), store, FakeClock()).sync()
    recommender = Recommender(store)
    shopper = make_customer()  # bought p1 and p2, wishes p3
    home = [h.product_id for h in recommender.for_shopper(shopper, limit=5)]
    assert home[:3] == ["p6", "p5", "p4"]  # wishlist's co-purchase first, then history; never p1/p2
    assert "p1" not in home and "p2" not in home and "p7" in home  # popular fills the rest
    offers = [h.product_id for h in recommender.personal_offers(shopper, limit=3)]
    assert offers == ["p3", "p6", "p5"]
    assert [h.product_id for h in recommender.for_product("p1", None, limit=5)] == ["p4", "p5"]
    assert [h.product_id for h in recommender.for_shopper(None, limit=2)] == ["p7", "p1"]

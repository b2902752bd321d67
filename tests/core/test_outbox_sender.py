"""The sender probes the backend while it is unreachable, and reports online/offline from real answers."""

from __future__ import annotations

import itertools
import random
from dataclasses import dataclass, field, replace
from pathlib import Path

import pytest

from kiosk.core.errors import BackendRejectedError, BackendUnavailableError
from kiosk.core.order import Order, OrderReceipt, OrderStatus
from kiosk.core.services.outbox_sender import BackoffPolicy, OutboxSender
from kiosk.core.services.reachability import Reachability, ReachabilitySnapshot, ReachabilityState
from kiosk.storage.order_outbox import SqliteOrderOutbox
from tests.fakes import FakeBackend, FakeClock
from tests.fixtures.vendure import sample_order


@dataclass
class CountingBackend(FakeBackend):
    """FakeBackend that counts probes and can answer a probe with Retry-After or refuse one order."""

    pings: int = 0
    retry_after_s: float | None = None
    refuse: set[str] = field(default_factory=set)

    def ping(self) -> None:
        self.pings += 1
        if self.offline:
            raise BackendUnavailableError("offline", retry_after_s=self.retry_after_s)

    def submit_order(self, order: Order) -> OrderReceipt:
        if order.client_order_id in self.refuse:
            self.submit_calls += 1
            raise BackendRejectedError("refused")
        return super().submit_order(order)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def outbox(tmp_path: Path, clock: FakeClock) -> SqliteOrderOutbox:
    box = SqliteOrderOutbox(tmp_path / "kiosk.db", clock)
    yield box
    box.close()


def _sender(backend: CountingBackend, outbox: SqliteOrderOutbox, clock: FakeClock) -> OutboxSender:
    return OutboxSender(backend, outbox, clock, BackoffPolicy(1, 8), random.Random(7), probe_policy=BackoffPolicy(1, 4))


def _save(outbox: SqliteOrderOutbox, clock: FakeClock, number: str) -> Order:
    order = replace(sample_order(number=number), created_at=clock.now())
    outbox.save(order)
    return order


def test_while_offline_the_sender_probes_instead_of_resending(outbox: SqliteOrderOutbox, clock: FakeClock) -> None:
    backend = CountingBackend(offline=True)
    sender = _sender(backend, outbox, clock)
    orders = [_save(outbox, clock, f"K-{i}") for i in range(3)]
    first = sender.send_due()
    assert (first.retried, first.probes, backend.submit_calls) == (1, 0, 1)
    assert sender.reachability.snapshot().state is ReachabilityState.OFFLINE
    for _ in range(10):
        clock.advance(60)  # every order is due again; still only one cheap probe per pass
        report = sender.send_due()
        assert (report.probes, report.retried, report.delivered) == (1, 0, 0)
    assert backend.submit_calls == 1 and backend.pings == 1 + 10  # FakeBackend's submit pings once too
    backend.offline = False
    clock.advance(60)
    report = sender.send_due()
    assert (report.probes, report.delivered) == (1, 3)
    assert sender.reachability.online
    assert [outbox.get(o.client_order_id).status for o in orders] == [OrderStatus.DELIVERED] * 3  # type: ignore[union-attr]


def test_probes_back_off_with_jitter_up_to_the_cap_and_honour_retry_after(
    outbox: SqliteOrderOutbox, clock: FakeClock
) -> None:
    backend = CountingBackend(offline=True)
    sender = _sender(backend, outbox, clock)
    _save(outbox, clock, "K-1")
    sender.send_due()
    # Step time in 0.1 s and record when probes happen: gaps never exceed the 4 s cap (+ one step).
    times: list[float] = []
    for _ in range(600):
        clock.advance(0.1)
        if sender.send_due().probes:
            times.append(clock.monotonic())
    gaps = [b - a for a, b in itertools.pairwise(times)]
    assert len(times) > 15 and max(gaps) <= 4.1
    assert len({round(g, 1) for g in gaps}) > 3  # jittered, not a fixed period
    backend.retry_after_s = 20.0
    clock.advance(5)
    sender.send_due()
    pings = backend.pings
    clock.advance(19)
    assert sender.send_due().probes == 0 and backend.pings == pings
    clock.advance(1.1)
    assert sender.send_due().probes == 1


def test_a_refusal_proves_the_backend_is_reachable_and_does_not_block_the_queue(
    outbox: SqliteOrderOutbox, clock: FakeClock
) -> None:
    backend = CountingBackend()
    first, second = _save(outbox, clock, "K-1"), _save(outbox, clock, "K-2")
    backend.refuse.add(first.client_order_id)
    report = _sender(backend, outbox, clock).send_due()
    assert (report.delivered, report.rejected) == (1, 1)
    assert [e.order.number for e in outbox.rejected()] == ["K-1"]
    assert outbox.get(second.client_order_id).status is OrderStatus.DELIVERED  # type: ignore[union-attr]


def test_an_idle_sender_probes_now_and_then_so_the_status_stays_true(
    outbox: SqliteOrderOutbox, clock: FakeClock
) -> None:
    backend = CountingBackend()
    sender = OutboxSender(backend, outbox, clock, probe_every_s=30)
    seen: list[ReachabilitySnapshot] = []
    sender.reachability.subscribe(seen.append)
    assert sender.reachability.snapshot().state is ReachabilityState.UNKNOWN
    assert sender.send_due().probes == 1 and sender.reachability.online
    clock.advance(10)
    assert sender.send_due().probes == 0
    backend.offline = True
    clock.advance(25)
    assert sender.send_due().probes == 1
    snap = sender.reachability.snapshot()
    assert (snap.state, snap.last_error, snap.since) == (ReachabilityState.OFFLINE, "offline", clock.now())
    assert [s.state for s in seen] == [ReachabilityState.ONLINE, ReachabilityState.OFFLINE]


def test_reachability_reports_only_changes_and_counts_failures() -> None:
    clock = FakeClock()
    reach = Reachability()
    heard: list[ReachabilityState] = []
    reach.subscribe(lambda s: heard.append(s.state))
    assert reach.online  # unknown is not shown as a problem
    reach.unreachable(clock.now(), "down")
    clock.advance(1)
    reach.unreachable(clock.now(), "still down")
    snap = reach.snapshot()
    assert (snap.failures, snap.last_error, snap.since, snap.checked_at) == (
        2,
        "still down",
        clock.now().replace(second=0),
        clock.now(),
    )
    reach.reached(clock.now())
    assert heard == [ReachabilityState.OFFLINE, ReachabilityState.ONLINE]
    assert reach.snapshot().failures == 0


def test_on_delivered_hears_each_delivered_order_once_with_its_receipt_never_a_retry_or_a_refusal(
    outbox: SqliteOrderOutbox, clock: FakeClock
) -> None:
    backend = CountingBackend()
    heard: list[OrderReceipt] = []
    sender = OutboxSender(backend, outbox, clock, BackoffPolicy(1, 8), random.Random(7),
                          probe_policy=BackoffPolicy(1, 4), on_delivered=heard.append)  # fmt: skip
    first, refused, later = (_save(outbox, clock, n) for n in ("K-0001", "K-0002", "K-0003"))
    backend.refuse.add(refused.client_order_id)
    backend.offline = True
    report = sender.send_due()
    assert report.retried == 1 and heard == []  # unreachable: retried later, nobody told
    backend.offline = False
    clock.advance(60)
    report = sender.send_due()
    assert (report.delivered, report.rejected) == (2, 1)
    ids = [r.client_order_id for r in heard]  # the retried one went back in the queue, behind the others
    assert sorted(ids) == sorted([first.client_order_id, later.client_order_id]) and len(set(ids)) == 2
    for receipt in heard:
        entry = outbox.get(receipt.client_order_id)
        assert entry is not None and entry.receipt == receipt  # recorded in kiosk.db before anyone is told
    clock.advance(60)
    sender.send_due()
    assert len(heard) == 2  # delivered orders are not sent, nor announced, again


def test_a_failing_listener_does_not_stop_the_queue_or_undo_the_delivery(
    outbox: SqliteOrderOutbox, clock: FakeClock, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(receipt: OrderReceipt) -> None:
        raise RuntimeError("the UI went away")

    sender = OutboxSender(CountingBackend(), outbox, clock, on_delivered=broken)
    orders = [_save(outbox, clock, n) for n in ("K-0011", "K-0012")]
    assert sender.send_due().delivered == 2
    for order in orders:
        entry = outbox.get(order.client_order_id)
        assert entry is not None and entry.status is OrderStatus.DELIVERED
    assert f"on_delivered failed for order {orders[0].client_order_id}; the order stays delivered" in caplog.text


def test_a_retry_is_not_a_delivery(outbox: SqliteOrderOutbox, clock: FakeClock) -> None:
    class Flaky(CountingBackend):
        def submit_order(self, order: Order) -> OrderReceipt:
            raise BackendUnavailableError("timed out")

    heard: list[OrderReceipt] = []
    sender = OutboxSender(Flaky(), outbox, clock, on_delivered=heard.append)
    _save(outbox, clock, "K-0021")
    assert sender.send_due().retried == 1 and heard == []

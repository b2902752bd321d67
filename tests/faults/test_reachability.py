"""Reachability by probing: 127.0.0.1 answers TCP (the LAN is up) while the WAN behind it is a blackhole."""

from __future__ import annotations

import random
import threading
import time
from dataclasses import replace
from pathlib import Path

from kiosk.backends.vendure.backend import VendureBackend
from kiosk.backends.vendure.credentials import VendureCredentials
from kiosk.core.clock import SystemClock
from kiosk.core.order import OrderStatus
from kiosk.core.services.outbox_sender import BackoffPolicy, OutboxSender
from kiosk.core.services.reachability import ReachabilityState
from kiosk.storage.order_outbox import SqliteOrderOutbox
from tests.faults.harness import Target
from tests.faults.proxy import Fault, FaultProxy
from tests.fixtures.vendure import sample_order


def _wait(condition, timeout_s: float) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout_s
    while not condition():
        assert time.monotonic() < deadline, "condition not reached in time"
        time.sleep(0.05)


def test_a_blackholed_wan_is_offline_and_only_probes_go_out_until_it_answers(
    fault_target: Target, tmp_path: Path
) -> None:
    clock = SystemClock()
    outbox = SqliteOrderOutbox(tmp_path / "kiosk.db", clock)
    with FaultProxy(fault_target.host, fault_target.port, delay_s=2.0) as proxy:
        backend = VendureBackend(
            proxy.url(fault_target.admin_path), proxy.url(fault_target.shop_path),
            VendureCredentials(api_key=fault_target.api_key), timeout_s=0.5, order_timeout_s=0.5, currency="EUR",
        )  # fmt: skip
        sender = OutboxSender(
            backend, outbox, clock, BackoffPolicy(0.1, 0.5), random.Random(3), probe_policy=BackoffPolicy(0.1, 0.4)
        )
        states: list[ReachabilityState] = []
        sender.reachability.subscribe(lambda snap: states.append(snap.state))
        proxy.set_mode(Fault.BLACKHOLE)
        orders = [replace(sample_order(number=f"REACH-{i}"), created_at=clock.now()) for i in range(3)]
        for order in orders:
            outbox.save(order)
        stop, wake = threading.Event(), threading.Event()
        thread = threading.Thread(target=sender.run, args=(stop, wake, 0.05), daemon=True)
        thread.start()
        try:
            _wait(lambda: not sender.reachability.online, 5)
            snap = sender.reachability.snapshot()
            assert snap.last_error.startswith("Vendure did not answer place order within 0.5 s")
            # While offline: each new connection is a probe (ping), never a resubmission of the three orders.
            submissions_before = _requests(outbox)
            time.sleep(3)
            assert _requests(outbox) == submissions_before == 1
            probes = sender.reachability.snapshot().failures - 1
            assert probes >= 2  # probing went on: backoff capped at 0.4 s, each probe waits out the 0.5 s timeout
            assert sender.reachability.snapshot().last_error.startswith("Vendure did not answer ping within 0.5 s")
            proxy.set_mode(Fault.PASS)
            _wait(lambda: outbox.pending_count() == 0, 30)
            assert sender.reachability.online
            assert sender.reachability.snapshot().state is ReachabilityState.ONLINE
            assert states[:2] == [ReachabilityState.OFFLINE, ReachabilityState.ONLINE]
            assert all(outbox.get(o.client_order_id).status is OrderStatus.DELIVERED for o in orders)  # type: ignore[union-attr]
        finally:
            stop.set()
            wake.set()
            thread.join(5)
            backend.close()
            outbox.close()


def _requests(outbox: SqliteOrderOutbox) -> int:
    """Submission attempts recorded in kiosk.db (each failed submission bumps its order's attempts)."""
    return sum(e.attempts for e in outbox.due(SystemClock().now().replace(year=2100), 100))

"""The one sender that delivers saved orders to the backend, with the order's UUID as idempotency key."""

from __future__ import annotations

import logging
import random
import threading
from dataclasses import dataclass
from datetime import timedelta

from kiosk.core.errors import BackendError, BackendRejectedError, BackendUnavailableError
from kiosk.core.ports import Clock, CommerceBackend, OrderOutbox

_log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class BackoffPolicy:
    base_s: float = 1.0
    cap_s: float = 300.0

    def delay(self, attempts: int, rng: random.Random, retry_after_s: float | None = None) -> float:
        """Full jitter (uniform 0..min(cap, base*2^n)) spreads many kiosks' retries after an outage."""
        ceiling = min(self.cap_s, self.base_s * (2 ** min(attempts, 30)))
        delay = rng.uniform(0, ceiling)
        if retry_after_s is not None:
            delay = max(delay, retry_after_s)
        return delay


@dataclass(frozen=True, slots=True)
class SendReport:
    delivered: int
    retried: int
    rejected: int


class OutboxSender:
    def __init__(
        self,
        backend: CommerceBackend,
        outbox: OrderOutbox,
        clock: Clock,
        policy: BackoffPolicy | None = None,
        rng: random.Random | None = None,
    ) -> None:
        self._backend = backend
        self._outbox = outbox
        self._clock = clock
        self._policy = policy or BackoffPolicy()
        self._rng = rng or random.Random()

    def send_due(self, limit: int = 20) -> SendReport:
        delivered = retried = rejected = 0
        for entry in self._outbox.due(self._clock.now(), limit):
            order = entry.order
            try:
                receipt = self._backend.submit_order(order)
            except BackendRejectedError as exc:
                self._outbox.mark_rejected(order.client_order_id, str(exc))
                rejected += 1
                continue
            except BackendError as exc:
                retry_after = exc.retry_after_s if isinstance(exc, BackendUnavailableError) else None
                delay = self._policy.delay(entry.attempts, self._rng, retry_after)
                self._outbox.mark_retry(order.client_order_id, str(exc), self._clock.now() + timedelta(seconds=delay))
                retried += 1
                # The backend is unreachable: the rest of the queue would fail the same way now.
                if isinstance(exc, BackendUnavailableError):
                    break
                continue
            self._outbox.mark_delivered(receipt)
            delivered += 1
        return SendReport(delivered, retried, rejected)

    def run(self, stop: threading.Event, wake: threading.Event, idle_s: float = 2.0) -> None:
        """Loop for the sender thread: wakes on a new order (`wake`) or every `idle_s` to retry what is due."""
        while not stop.is_set():
            try:
                self.send_due()
            except Exception:  # the sender must survive any single failure and try again later
                _log.exception("outbox sender pass failed; will retry")
            wake.wait(idle_s)
            wake.clear()

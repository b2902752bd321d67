"""The one sender that delivers saved orders to the backend, with the order's UUID as idempotency key."""

from __future__ import annotations

import logging
import random
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from kiosk.core.errors import BackendError, BackendRejectedError, BackendUnavailableError
from kiosk.core.order import OrderReceipt
from kiosk.core.ports import Clock, CommerceBackend, OrderOutbox
from kiosk.core.services.reachability import Reachability, ReachabilityState

_log = logging.getLogger(__name__)


def run_passes(
    send_pass: Callable[[], object],
    stop: threading.Event,
    wake: threading.Event,
    idle_s: float,
    log: logging.Logger,
    what: str,
) -> None:
    """A sender thread's loop: a pass at once when `wake` is set, else every `idle_s`, until `stop`. A
    failing pass is logged and the loop goes on: the sender must survive any single failure."""
    while not stop.is_set():
        try:
            send_pass()
        except Exception:
            log.exception("%s pass failed; will retry", what)
        wake.wait(idle_s)
        wake.clear()


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
    probes: int = 0  # backend.ping() calls made in this pass


class OutboxSender:
    """Delivers due orders oldest first; while the backend is unreachable it probes instead of resending.

    Reachability is decided by the backend's own answers (a probe or a submission), so a LAN that is up
    with the WAN down counts as offline. While offline, each pass first makes one cheap `ping()`, on its
    own capped, fully jittered backoff (honouring Retry-After); orders are resent only after a probe got
    through, so an outage costs one small request per interval rather than a full submission per order.
    """

    def __init__(
        self,
        backend: CommerceBackend,
        outbox: OrderOutbox,
        clock: Clock,
        policy: BackoffPolicy | None = None,
        rng: random.Random | None = None,
        *,
        reachability: Reachability | None = None,
        probe_policy: BackoffPolicy | None = None,
        probe_every_s: float = 30.0,
        on_delivered: Callable[[OrderReceipt], None] | None = None,
    ) -> None:
        """`on_delivered` hears each order the backend took, with its receipt, once it is recorded in kiosk.db
        (on the sender's thread: the UI queues it to its own); never for a retry or a refusal."""
        self._backend = backend
        self._outbox = outbox
        self._clock = clock
        self._policy = policy or BackoffPolicy()
        self._rng = rng or random.Random()
        self.reachability = reachability or Reachability()
        self._probe_policy = probe_policy or BackoffPolicy(base_s=1.0, cap_s=30.0)
        self._probe_every_s = probe_every_s
        self._next_probe_at: float | None = None  # monotonic; set while offline
        self._last_contact: float | None = None  # monotonic time of the last answer or failure
        self._on_delivered = on_delivered

    def send_due(self, limit: int = 20) -> SendReport:
        due = self._outbox.due(self._clock.now(), limit)
        probes = 0
        state = self.reachability.snapshot().state
        if state is ReachabilityState.OFFLINE:
            if self._next_probe_at is not None and self._clock.monotonic() < self._next_probe_at:
                return SendReport(0, 0, 0)
            probes = 1
            if not self._probe():
                return SendReport(0, 0, 0, probes)
        elif not due and self._stale():
            # Nothing to send: a probe now and then keeps the status the UI and doctor show truthful.
            self._probe()
            return SendReport(0, 0, 0, 1)
        delivered = retried = rejected = 0
        for entry in due:
            order = entry.order
            try:
                receipt = self._backend.submit_order(order)
            except BackendRejectedError as exc:
                self._heard_back()
                self._outbox.mark_rejected(order.client_order_id, str(exc), str(exc.reason))
                rejected += 1
                continue
            except BackendUnavailableError as exc:
                delay = self._policy.delay(entry.attempts, self._rng, exc.retry_after_s)
                self._outbox.mark_retry(order.client_order_id, str(exc), self._clock.now() + timedelta(seconds=delay))
                retried += 1
                self._went_offline(exc)
                # The backend is unreachable: the rest of the queue would fail the same way now.
                break
            except BackendError as exc:
                self._heard_back()
                delay = self._policy.delay(entry.attempts, self._rng)
                self._outbox.mark_retry(order.client_order_id, str(exc), self._clock.now() + timedelta(seconds=delay))
                retried += 1
                continue
            self._heard_back()
            self._outbox.mark_delivered(receipt)
            delivered += 1
            self._tell_delivered(receipt)
        return SendReport(delivered, retried, rejected, probes)

    def run(self, stop: threading.Event, wake: threading.Event, idle_s: float = 2.0) -> None:
        """Loop for the sender thread: wakes on a new order (`wake`) or every `idle_s` to retry what is due."""
        run_passes(self.send_due, stop, wake, idle_s, _log, "outbox sender")

    def _tell_delivered(self, receipt: OrderReceipt) -> None:
        """The order is safe in kiosk.db as delivered: a listener's failure must not stop the queue behind it."""
        if self._on_delivered is None:
            return
        try:
            self._on_delivered(receipt)
        except Exception:
            _log.exception("on_delivered failed for order %s; the order stays delivered", receipt.client_order_id)

    # --- reachability ---------------------------------------------------------------------------------
    def _stale(self) -> bool:
        return self._last_contact is None or self._clock.monotonic() - self._last_contact >= self._probe_every_s

    def _probe(self) -> bool:
        try:
            self._backend.ping()
        except BackendUnavailableError as exc:
            self._went_offline(exc)
            return False
        except BackendError:
            pass  # it answered, if only to refuse: reachable; the submission will report the real problem
        self._heard_back()
        return True

    def _heard_back(self) -> None:
        self._last_contact = self._clock.monotonic()
        self._next_probe_at = None
        self.reachability.reached(self._clock.now())

    def _went_offline(self, exc: BackendUnavailableError) -> None:
        self.reachability.unreachable(self._clock.now(), str(exc))
        failures = self.reachability.snapshot().failures
        now = self._clock.monotonic()
        self._last_contact = now
        self._next_probe_at = now + self._probe_policy.delay(failures - 1, self._rng, exc.retry_after_s)

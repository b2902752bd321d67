"""Sends queued kiosk events to the backend in batches, with the order sender's backoff when it is away."""

from __future__ import annotations

import logging
import random
import threading
from dataclasses import dataclass
from datetime import datetime, timedelta

from kiosk.core.errors import BackendError, BackendRejectedError, BackendUnavailableError
from kiosk.core.ports import Clock, CommerceBackend, EventQueue
from kiosk.core.services.outbox_sender import BackoffPolicy, run_passes

_log = logging.getLogger(__name__)

MAX_BATCH = 100


@dataclass(frozen=True, slots=True)
class EventSendReport:
    sent: int
    dropped: int  # refused by the backend for good: measurement data is not worth a dead-letter list
    waiting: bool  # the backend was away; the next attempt is scheduled


class EventSender:
    """One per kiosk, on its own thread (`run`), like the outbox sender.

    Events matter less than orders, so the state of the backoff lives in memory: after a restart the
    sender simply tries at once. The queue itself is durable, so nothing queued is lost by a restart.
    """

    def __init__(
        self,
        backend: CommerceBackend,
        queue: EventQueue,
        clock: Clock,
        policy: BackoffPolicy | None = None,
        rng: random.Random | None = None,
        batch_size: int = MAX_BATCH,
    ) -> None:
        if not 1 <= batch_size <= MAX_BATCH:
            raise ValueError(f"batch_size must be between 1 and {MAX_BATCH}, got {batch_size}")
        self._backend = backend
        self._queue = queue
        self._clock = clock
        self._policy = policy or BackoffPolicy()
        self._rng = rng or random.Random()
        self._batch = batch_size
        self._failures = 0
        self._next_attempt_at: datetime | None = None

    @property
    def next_attempt_at(self) -> datetime | None:
        return self._next_attempt_at

    def send_due(self, max_batches: int = 50) -> EventSendReport:
        """Sends batches until the queue is empty (or `max_batches`), unless a backoff is still running."""
        now = self._clock.now()
        if self._next_attempt_at is not None and now < self._next_attempt_at:
            return EventSendReport(0, 0, True)
        sent = dropped = 0
        for _ in range(max_batches):
            batch = list(self._queue.oldest(self._batch))
            if not batch:
                break
            ids = [event.event_id for event in batch]
            try:
                self._backend.submit_events(batch)
            except BackendRejectedError as exc:
                _log.warning("backend refused %d events, dropping them: %s", len(batch), exc)
                self._queue.remove(ids)
                dropped += len(batch)
                continue
            except BackendError as exc:
                retry_after = exc.retry_after_s if isinstance(exc, BackendUnavailableError) else None
                delay = self._policy.delay(self._failures, self._rng, retry_after)
                self._failures += 1
                self._next_attempt_at = self._clock.now() + timedelta(seconds=delay)
                _log.info("events not sent (%s); next attempt in %.1f s", exc, delay)
                return EventSendReport(sent, dropped, True)
            self._queue.remove(ids)
            sent += len(batch)
        self._failures = 0
        self._next_attempt_at = None
        return EventSendReport(sent, dropped, False)

    def run(self, stop: threading.Event, wake: threading.Event, idle_s: float = 30.0) -> None:
        """Loop for the sender thread: a pass every `idle_s`, or at once when `wake` is set."""
        run_passes(self.send_due, stop, wake, idle_s, _log, "event sender")

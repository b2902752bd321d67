"""The heartbeat: what goes in it (assembled from the kiosk's own facts) and the loop that sends it.

The loop runs on a thread of its own, never the GUI thread: a slow backend must not freeze the screen, and a
frozen screen is systemd's watchdog's business, not the heartbeat's. Each beat is also handed to local
`observers` (the state file that `kiosk update` reads) whether or not the backend took it, so the kiosk's
own view of its health never depends on the network.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from kiosk.core.errors import BackendError
from kiosk.core.fleet import Heartbeat, HeartbeatAck, PrinterHealth, ScannerSeen
from kiosk.core.ports import Clock, FleetBackend

_log = logging.getLogger(__name__)

MIN_INTERVAL_S = 5.0  # whatever the server asks, no kiosk hammers it
MAX_INTERVAL_S = 600.0


@dataclass(frozen=True, slots=True)
class KioskFacts:
    """What the kiosk knows about itself at one moment; gathered by the composition root (I/O lives there)."""

    version: str
    started_at: float  # monotonic seconds
    online: bool
    idle: bool
    outbox_depth: int
    oldest_unsent_at: datetime | None
    dead_letters: int
    catalog_cursor: str | None
    catalog_synced_at: datetime | None
    last_scans: Mapping[str, datetime | None]
    printer: PrinterHealth
    disk_free_mb: float
    rss_mb: float


def assemble_heartbeat(kiosk_id: str, store_id: str, facts: KioskFacts, clock: Clock) -> Heartbeat:
    now = clock.now()

    def age(moment: datetime | None) -> float | None:
        return None if moment is None else max(0.0, (now - moment).total_seconds())

    return Heartbeat(
        kiosk_id=kiosk_id,
        store_id=store_id,
        sent_at=now,
        version=facts.version,
        uptime_s=max(0.0, clock.monotonic() - facts.started_at),
        online=facts.online,
        idle=facts.idle,
        outbox_depth=facts.outbox_depth,
        oldest_unsent_age_s=age(facts.oldest_unsent_at),
        dead_letters=facts.dead_letters,
        catalog_cursor=facts.catalog_cursor,
        catalog_age_s=age(facts.catalog_synced_at),
        scanners=tuple(ScannerSeen(name, at) for name, at in sorted(facts.last_scans.items())),
        printer=facts.printer,
        disk_free_mb=facts.disk_free_mb,
        rss_mb=facts.rss_mb,
    )


class HeartbeatSender:
    """Every `interval_s` (or what the backend's last answer asked for, within 5 s..10 min): assemble, tell
    the observers, send. A failed send is logged and the next beat goes out on time: no back-off queue,
    a heartbeat is only worth its latest value."""

    def __init__(
        self,
        kiosk_id: str,
        store_id: str,
        collect: Callable[[], KioskFacts],
        fleet: FleetBackend | None,
        clock: Clock,
        *,
        interval_s: float = 30.0,
        observers: Sequence[Callable[[Heartbeat, HeartbeatAck | None], None]] = (),
    ) -> None:
        self._kiosk_id = kiosk_id
        self._store_id = store_id
        self._collect = collect
        self._fleet = fleet
        self._clock = clock
        self.interval_s = interval_s
        self._observers = observers
        self.last: Heartbeat | None = None
        self.last_ack: HeartbeatAck | None = None
        self.sent = 0

    def beat(self) -> Heartbeat:
        heartbeat = assemble_heartbeat(self._kiosk_id, self._store_id, self._collect(), self._clock)
        ack: HeartbeatAck | None = None
        if self._fleet is not None:
            try:
                ack = self._fleet.send_heartbeat(heartbeat)
            except BackendError as exc:
                _log.warning("heartbeat not delivered: %s", exc)
        if ack is not None:
            self.sent += 1
            self.last_ack = ack
            self.interval_s = min(MAX_INTERVAL_S, max(MIN_INTERVAL_S, ack.interval_s))
        self.last = heartbeat
        for observe in self._observers:
            observe(heartbeat, ack)
        return heartbeat

    def run(self, stop: threading.Event, wake: threading.Event) -> None:
        """The sender thread's loop: a beat at once, then every interval (or when woken), until `stop`."""
        while not stop.is_set():
            try:
                self.beat()
            except Exception:  # a failing beat must not end the heartbeat for the kiosk's life
                _log.exception("heartbeat failed; next one in %.0f s", self.interval_s)
            wake.wait(self.interval_s)
            wake.clear()

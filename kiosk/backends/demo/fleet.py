"""The demo store's side of heartbeats: the latest heartbeat per kiosk in a table of its own (fleet.db).

The same contract as the KioskPlugin's kioskHeartbeat / kioskFleet (docs/operations.md): the payload is kept
as-is, one row per kiosk id, with the store's receive time; bad input is refused naming the field.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path

from kiosk.core.clock import SystemClock
from kiosk.core.errors import BackendRejectedError, BackendUnavailableError
from kiosk.core.fleet import MAX_KIOSK_ID_CHARS, FleetEntry, Heartbeat, HeartbeatAck
from kiosk.core.ports import Clock

MAX_PAYLOAD_BYTES = 16 * 1024
DEFAULT_INTERVAL_S = 30

_SCHEMA = """
CREATE TABLE IF NOT EXISTS kiosk_heartbeat (
    kiosk_id TEXT PRIMARY KEY,
    store_id TEXT NOT NULL,
    sent_at TEXT NOT NULL,
    received_at TEXT NOT NULL,
    payload TEXT NOT NULL
)
"""


class DemoFleet:
    """Heartbeats into `<demo store folder>/fleet.db`; `offline()` true makes it unreachable like the store."""

    def __init__(
        self,
        folder: Path,
        clock: Clock | None = None,
        *,
        interval_s: int = DEFAULT_INTERVAL_S,
        offline: Callable[[], bool] = lambda: False,
    ) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.path = folder / "fleet.db"
        self._clock = clock or SystemClock()
        self._interval_s = interval_s
        self._offline = offline
        self._lock = threading.Lock()
        self._db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA busy_timeout=5000")  # `kiosk fleet` may read while the kiosk writes
        self._db.execute(_SCHEMA)

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def send_heartbeat(self, heartbeat: Heartbeat) -> HeartbeatAck:
        self._check_online()
        return self.receive(heartbeat.kiosk_id, heartbeat.store_id, heartbeat.sent_at, json.dumps(heartbeat.payload()))

    def receive(self, kiosk_id: str, store_id: str, sent_at: datetime, payload_json: str) -> HeartbeatAck:
        """The server side, as the plugin does it: validate, upsert, acknowledge with the wanted interval."""
        if not kiosk_id or len(kiosk_id) > MAX_KIOSK_ID_CHARS:
            raise BackendRejectedError(f"kioskHeartbeat refused: kioskId must be 1 to {MAX_KIOSK_ID_CHARS} characters")
        if len(payload_json.encode()) > MAX_PAYLOAD_BYTES:
            raise BackendRejectedError("kioskHeartbeat refused: payload is larger than 16 KB")
        if not isinstance(json.loads(payload_json), dict):
            raise BackendRejectedError("kioskHeartbeat refused: payload must be a JSON object")
        received = self._clock.now()
        with self._lock:
            self._db.execute(
                "INSERT INTO kiosk_heartbeat (kiosk_id, store_id, sent_at, received_at, payload)"
                " VALUES (?, ?, ?, ?, ?) ON CONFLICT (kiosk_id) DO UPDATE SET store_id = excluded.store_id,"
                " sent_at = excluded.sent_at, received_at = excluded.received_at, payload = excluded.payload",
                (kiosk_id, store_id, sent_at.isoformat(), received.isoformat(), payload_json),
            )
        return HeartbeatAck(received_at=received, interval_s=float(self._interval_s))

    def fleet(self) -> Sequence[FleetEntry]:
        self._check_online()
        with self._lock:
            rows = self._db.execute(
                "SELECT kiosk_id, store_id, sent_at, received_at, payload FROM kiosk_heartbeat ORDER BY kiosk_id"
            ).fetchall()
        return [
            FleetEntry(kiosk, store, datetime.fromisoformat(sent), datetime.fromisoformat(received), json.loads(body))
            for kiosk, store, sent, received, body in rows
        ]

    def server_time(self) -> datetime:
        self._check_online()
        return self._clock.now()  # the embedded store runs on the kiosk's own clock

    def _check_online(self) -> None:
        if self._offline():
            raise BackendUnavailableError("demo backend is offline (simulated)")

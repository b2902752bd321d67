"""events.db: kiosk measurement events waiting for the backend, kept across restarts and outages.

A file of its own (not kiosk.db) so a burst of scans never waits on the order writer's fsyncs, and so the
event log can be dropped without touching orders. WAL with synchronous=NORMAL: an event survives a crash
of the app; a power cut may lose the last few, which measurement can afford (orders cannot, and live in
kiosk.db with synchronous=FULL). Events hold no personal data (kiosk.core.events refuses it), so this file
needs no redaction. The queue is capped: when the backend has been away very long, the oldest events go
first, so an offline kiosk never fills its disk.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from kiosk.core.events import EventKind, KioskEvent
from kiosk.storage.connections import write_transaction

DEFAULT_CAPACITY = 200_000

_SCHEMA = """
CREATE TABLE IF NOT EXISTS events (
    n INTEGER PRIMARY KEY AUTOINCREMENT,
    event_id TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    at TEXT NOT NULL,
    store_id TEXT NOT NULL,
    device_id TEXT NOT NULL,
    data TEXT NOT NULL
);
"""


def _encode(data: tuple[tuple[str, str], ...]) -> str:
    # one "key=value" per line; keys are from a fixed list and values never hold newlines after this
    return "\n".join(f"{k}={v.replace(chr(10), ' ')}" for k, v in data)


def _decode(text: str) -> tuple[tuple[str, str], ...]:
    if not text:
        return ()
    return tuple((k, v) for k, _, v in (line.partition("=") for line in text.split("\n")))


class SqliteEventQueue:
    """EventQueue on events.db; one locked writer connection, safe to call from any thread."""

    def __init__(self, path: Path, capacity: int = DEFAULT_CAPACITY) -> None:
        if capacity < 1:
            raise ValueError(f"capacity must be at least 1, got {capacity}")
        self.path = path
        self._capacity = capacity
        path.parent.mkdir(parents=True, exist_ok=True)
        self._conn = sqlite3.connect(path, timeout=10.0, isolation_level=None, check_same_thread=False)
        self._conn.execute("PRAGMA journal_mode=WAL")
        self._conn.execute("PRAGMA synchronous=NORMAL")
        self._conn.execute("PRAGMA busy_timeout=10000")
        self._conn.executescript(_SCHEMA)
        self._lock = threading.Lock()

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def append(self, event: KioskEvent) -> None:
        with self._lock, write_transaction(self._conn, "events.db"):
            self._conn.execute(
                "INSERT OR IGNORE INTO events(event_id, kind, at, store_id, device_id, data)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (
                    event.event_id,
                    event.kind.value,
                    event.at.isoformat(),
                    event.store_id,
                    event.device_id,
                    _encode(event.data),
                ),
            )
            # over capacity: the oldest go (n is monotonic, so this is one range delete)
            self._conn.execute("DELETE FROM events WHERE n <= (SELECT max(n) FROM events) - ?", (self._capacity,))

    def oldest(self, limit: int) -> Sequence[KioskEvent]:
        with self._lock:
            rows = self._conn.execute(
                "SELECT event_id, kind, at, store_id, device_id, data FROM events ORDER BY n LIMIT ?", (limit,)
            ).fetchall()
        return [
            KioskEvent(str(r[0]), EventKind(r[1]), datetime.fromisoformat(r[2]), str(r[3]), str(r[4]), _decode(r[5]))
            for r in rows
        ]

    def remove(self, event_ids: Sequence[str]) -> None:
        ids = list(event_ids)
        with self._lock, write_transaction(self._conn, "events.db"):
            for start in range(0, len(ids), 500):
                chunk = ids[start : start + 500]
                self._conn.execute(f"DELETE FROM events WHERE event_id IN ({','.join('?' * len(chunk))})", chunk)

    def pending_count(self) -> int:
        with self._lock:
            return int(self._conn.execute("SELECT count(*) FROM events").fetchone()[0])

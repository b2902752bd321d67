"""kiosk.db tables for staff PIN hashes and the PIN pad's failure count (PinStore)."""

from __future__ import annotations

import threading
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path

from kiosk.core.admin_pin import LockoutState, PinHash
from kiosk.storage.connections import open_connection

_SCHEMA = """
CREATE TABLE IF NOT EXISTS staff_pins (
    name TEXT PRIMARY KEY,
    pin_hash TEXT NOT NULL,
    set_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS pin_lockout (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    failures INTEGER NOT NULL,
    locked_until TEXT
);
"""


class SqlitePinStore:
    """Its own connection to kiosk.db: PIN writes are a handful a day, and `kiosk admin set-pin` runs in
    another process while the kiosk may be running, so sharing the outbox's writer would not help."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._conn = open_connection(path, durable=True)
        self._conn.executescript(_SCHEMA)
        self._lock = threading.Lock()

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def pins(self) -> Mapping[str, PinHash]:
        with self._lock:
            rows = self._conn.execute("SELECT name, pin_hash FROM staff_pins").fetchall()
        return {name: PinHash.decode(encoded) for name, encoded in rows}

    def set_pin(self, name: str, pin: PinHash, at: datetime) -> None:
        with self._lock:
            self._conn.execute(
                "INSERT INTO staff_pins(name, pin_hash, set_at) VALUES (?, ?, ?)"
                " ON CONFLICT(name) DO UPDATE SET pin_hash=excluded.pin_hash, set_at=excluded.set_at",
                (name, pin.encode(), at.isoformat()),
            )

    def lockout(self) -> LockoutState:
        with self._lock:
            row = self._conn.execute("SELECT failures, locked_until FROM pin_lockout WHERE id=1").fetchone()
        if row is None:
            return LockoutState()
        return LockoutState(int(row[0]), datetime.fromisoformat(row[1]) if row[1] else None)

    def set_lockout(self, state: LockoutState) -> None:
        until = state.locked_until.isoformat() if state.locked_until else None
        with self._lock:
            self._conn.execute(
                "INSERT INTO pin_lockout(id, failures, locked_until) VALUES (1, ?, ?)"
                " ON CONFLICT(id) DO UPDATE SET failures=excluded.failures, locked_until=excluded.locked_until",
                (state.failures, until),
            )

"""Whether the backend can be reached, judged by probing it and by real calls, never by the OS's "online" flag.

A kiosk on a store LAN whose uplink is down still has an "online" network interface; only an answer from the
backend itself says the shop is reachable. The outbox sender records each probe and each submission here;
the UI and `kiosk doctor` read the snapshot.
"""

from __future__ import annotations

import enum
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime


class ReachabilityState(enum.StrEnum):
    UNKNOWN = "unknown"  # nothing tried yet since start
    ONLINE = "online"
    OFFLINE = "offline"


@dataclass(frozen=True, slots=True)
class ReachabilitySnapshot:
    state: ReachabilityState
    since: datetime | None  # when the state last changed
    checked_at: datetime | None  # the last probe or call that told us anything
    last_error: str  # why it is offline ("" when online)
    failures: int  # consecutive failed probes/calls

    @property
    def online(self) -> bool:
        """Unknown counts as online: the kiosk should not warn shoppers before it has tried anything."""
        return self.state is not ReachabilityState.OFFLINE


Listener = Callable[[ReachabilitySnapshot], None]


class Reachability:
    """Thread-safe record of the latest evidence; listeners hear only real state changes."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._snapshot = ReachabilitySnapshot(ReachabilityState.UNKNOWN, None, None, "", 0)
        self._listeners: list[Listener] = []

    def snapshot(self) -> ReachabilitySnapshot:
        with self._lock:
            return self._snapshot

    @property
    def online(self) -> bool:
        return self.snapshot().online

    def subscribe(self, listener: Listener) -> None:
        """`listener` runs on the thread that recorded the change (the sender's): hop threads in the UI."""
        with self._lock:
            self._listeners.append(listener)

    def reached(self, now: datetime) -> None:
        """The backend answered (any answer, even a refusal: it is there)."""
        self._update(ReachabilityState.ONLINE, now, "")

    def unreachable(self, now: datetime, error: str) -> None:
        self._update(ReachabilityState.OFFLINE, now, error)

    def _update(self, state: ReachabilityState, now: datetime, error: str) -> None:
        with self._lock:
            old = self._snapshot
            failures = old.failures + 1 if state is ReachabilityState.OFFLINE else 0
            since = now if state is not old.state else old.since
            self._snapshot = ReachabilitySnapshot(state, since, now, error, failures)
            changed = state is not old.state
            listeners = list(self._listeners) if changed else []
            snapshot = self._snapshot
        for listener in listeners:
            listener(snapshot)

"""When an update may switch versions, and whether the new version is up: pure policy for `kiosk update`.

A version switch restarts the kiosk, which ends whatever a shopper is doing; so it waits for the attract
screen (no session) and an empty order queue, as the running kiosk last reported them in its heartbeat state.
A report older than `stale_after_s` means no kiosk is running to be disturbed (stopped, or crashing), so the
switch may go ahead. After the switch the new version must show, within the health timeout, a heartbeat of
its own: the kiosk starts its heartbeat only after its first frame is on screen (READY) and its services run.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

STALE_AFTER_S = 120.0
HEALTH_TIMEOUT_S = 60.0


@dataclass(frozen=True, slots=True)
class KioskState:
    """The running kiosk's last heartbeat, as it wrote it beside its data (kiosk.storage.heartbeat_file)."""

    pid: int
    version: str
    written_at: datetime
    idle: bool
    online: bool
    outbox_depth: int
    delivered: bool  # the backend acknowledged that heartbeat


@dataclass(frozen=True, slots=True)
class Verdict:
    ok: bool
    reason: str


def may_switch(state: KioskState | None, now: datetime, stale_after_s: float = STALE_AFTER_S) -> Verdict:
    if state is None:
        return Verdict(True, "no kiosk has reported yet: nothing to disturb")
    age = (now - state.written_at).total_seconds()
    if age > stale_after_s:
        return Verdict(True, f"the kiosk last reported {age:.0f} s ago: not running, nothing to disturb")
    if not state.idle:
        return Verdict(False, "a shopper is using the kiosk")
    if state.outbox_depth:
        return Verdict(False, f"{state.outbox_depth} order(s) not yet delivered")
    return Verdict(True, "idle on the attract screen with no orders waiting")


def is_up(state: KioskState | None, version: str, switched_at: datetime) -> Verdict:
    """Whether the new `version` is up: a heartbeat of its own, written after the switch."""
    if state is None or state.written_at < switched_at:
        return Verdict(False, "no heartbeat since the switch")
    if state.version != version:
        return Verdict(False, f"the heartbeat is from version {state.version}, not {version}")
    return Verdict(True, f"version {version} is up (pid {state.pid})")

"""Heartbeats and the fleet view: what a kiosk reports every 30 s, and what the fleet view makes of it.

Device-management heartbeats say only that a device is alive; a store manager needs to know that a kiosk
holds an order it could not send for twenty minutes, or has no paper. So a heartbeat carries business health
(outbox, dead letters, catalog age, scanners, printer paper) next to liveness (uptime, disk, memory), and the
judgement — offline after 2 min of silence, alerts on old unsent orders, paper out, a stale catalog — is one
pure policy here, so the demo backend and Vendure (which store the payload as-is) give the same fleet view.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

OFFLINE_AFTER_S = 120.0
OLDEST_UNSENT_ALERT_S = 600.0
CATALOG_STALE_ALERT_S = 3600.0
MAX_KIOSK_ID_CHARS = 64  # the backend contract's limit (docs/operations.md)


class Paper(enum.StrEnum):
    OK = "ok"
    LOW = "low"  # the near-end sensor: a roll for a few dozen slips left
    OUT = "out"
    UNKNOWN = "unknown"  # no printer, or it did not answer


@dataclass(frozen=True, slots=True)
class PrinterHealth:
    configured: bool
    online: bool
    paper: Paper = Paper.UNKNOWN

    @classmethod
    def none(cls) -> PrinterHealth:
        return cls(configured=False, online=False, paper=Paper.UNKNOWN)


@dataclass(frozen=True, slots=True)
class ScannerSeen:
    name: str  # the source as the kiosk names it: serial, nfc, wedge, demo
    last_scan_at: datetime | None


@dataclass(frozen=True, slots=True)
class Heartbeat:
    """One kiosk's report. `payload()` is the JSON object the backend stores as-is."""

    kiosk_id: str
    store_id: str
    sent_at: datetime  # aware UTC, the kiosk's clock
    version: str
    uptime_s: float
    online: bool  # the backend answered the kiosk's last probe or delivery
    idle: bool  # attract screen, no session: the moment an update may switch versions
    outbox_depth: int
    oldest_unsent_age_s: float | None
    dead_letters: int
    catalog_cursor: str | None
    catalog_age_s: float | None  # since the last successful sync
    scanners: tuple[ScannerSeen, ...] = ()
    printer: PrinterHealth = field(default_factory=PrinterHealth.none)
    disk_free_mb: float = 0.0
    rss_mb: float = 0.0

    def __post_init__(self) -> None:
        if not self.kiosk_id or len(self.kiosk_id) > MAX_KIOSK_ID_CHARS:
            raise ValueError(f"kiosk id must be 1 to {MAX_KIOSK_ID_CHARS} characters, got {self.kiosk_id!r}")
        if self.sent_at.tzinfo is None:
            raise ValueError("Heartbeat time must be timezone-aware (UTC)")

    def payload(self) -> dict[str, Any]:
        return {
            "version": self.version,
            "uptime_s": round(self.uptime_s, 1),
            "online": self.online,
            "idle": self.idle,
            "outbox_depth": self.outbox_depth,
            "oldest_unsent_age_s": None if self.oldest_unsent_age_s is None else round(self.oldest_unsent_age_s, 1),
            "dead_letters": self.dead_letters,
            "catalog_cursor": self.catalog_cursor,
            "catalog_age_s": None if self.catalog_age_s is None else round(self.catalog_age_s, 1),
            "scanners": [
                {"name": s.name, "last_scan_at": s.last_scan_at.isoformat() if s.last_scan_at else None}
                for s in self.scanners
            ],
            "printer": {
                "configured": self.printer.configured,
                "online": self.printer.online,
                "paper": self.printer.paper.value,
            },
            "disk_free_mb": round(self.disk_free_mb, 1),
            "rss_mb": round(self.rss_mb, 1),
        }


@dataclass(frozen=True, slots=True)
class HeartbeatAck:
    received_at: datetime  # the backend's clock
    interval_s: float  # how often the backend wants to hear from the kiosk


@dataclass(frozen=True, slots=True)
class FleetEntry:
    """The latest heartbeat the backend holds for one kiosk."""

    kiosk_id: str
    store_id: str
    sent_at: datetime
    received_at: datetime
    payload: Mapping[str, Any]


class Alert(enum.StrEnum):
    OFFLINE = "offline"  # silent for more than 2 min
    ORDERS_WAITING = "orders waiting"  # oldest unsent order older than 10 min
    DEAD_LETTERS = "rejected orders"
    PAPER_OUT = "paper out"
    PAPER_LOW = "paper low"
    PRINTER_OFFLINE = "printer offline"
    CATALOG_STALE = "catalog stale"  # no successful sync for over 1 h


@dataclass(frozen=True, slots=True)
class FleetRow:
    kiosk_id: str
    store_id: str
    version: str
    silent_s: float
    online: bool  # heard from within OFFLINE_AFTER_S
    outbox_depth: int
    oldest_unsent_age_s: float | None
    catalog_age_s: float | None
    paper: str
    alerts: tuple[Alert, ...]


def _number(payload: Mapping[str, Any], key: str) -> float | None:
    value = payload.get(key)
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def fleet_row(entry: FleetEntry, now: datetime) -> FleetRow:
    """One kiosk's line of the fleet view. The payload is read defensively: a kiosk of another version may
    send fewer fields, and a missing field is no alert (only what is known is judged)."""
    payload = entry.payload
    silent = max(0.0, (now - entry.received_at).total_seconds())
    alerts: list[Alert] = []
    if silent > OFFLINE_AFTER_S:
        alerts.append(Alert.OFFLINE)
    oldest = _number(payload, "oldest_unsent_age_s")
    if oldest is not None:
        oldest += silent  # it kept ageing while the kiosk was silent
        if oldest > OLDEST_UNSENT_ALERT_S:
            alerts.append(Alert.ORDERS_WAITING)
    if (_number(payload, "dead_letters") or 0) > 0:
        alerts.append(Alert.DEAD_LETTERS)
    raw_printer = payload.get("printer")
    printer: Mapping[str, Any] = raw_printer if isinstance(raw_printer, Mapping) else {}
    paper = str(printer.get("paper", Paper.UNKNOWN.value)) if printer.get("configured", True) else "-"
    if printer.get("configured") and not printer.get("online"):
        alerts.append(Alert.PRINTER_OFFLINE)
    if paper == Paper.OUT.value:
        alerts.append(Alert.PAPER_OUT)
    elif paper == Paper.LOW.value:
        alerts.append(Alert.PAPER_LOW)
    catalog_age = _number(payload, "catalog_age_s")
    if catalog_age is not None:
        catalog_age += silent
    if catalog_age is None or catalog_age > CATALOG_STALE_ALERT_S:
        alerts.append(Alert.CATALOG_STALE)
    return FleetRow(
        kiosk_id=entry.kiosk_id,
        store_id=entry.store_id,
        version=str(payload.get("version", "?")),
        silent_s=silent,
        online=silent <= OFFLINE_AFTER_S,
        outbox_depth=int(_number(payload, "outbox_depth") or 0),
        oldest_unsent_age_s=oldest,
        catalog_age_s=catalog_age,
        paper=paper,
        alerts=tuple(alerts),
    )


def fleet_view(entries: Sequence[FleetEntry], now: datetime) -> list[FleetRow]:
    """Every kiosk, the ones needing attention first (most alerts), then by store and kiosk id."""
    rows = [fleet_row(entry, now) for entry in entries]
    return sorted(rows, key=lambda r: (-len(r.alerts), r.store_id, r.kiosk_id))


def status_line(heartbeat: Heartbeat) -> str:
    """The heartbeat as one line for `systemctl status kiosk` (systemd's STATUS=)."""
    parts = ["idle" if heartbeat.idle else "in use", "online" if heartbeat.online else "OFFLINE"]
    waiting = f"{heartbeat.outbox_depth} order(s) waiting"
    if heartbeat.oldest_unsent_age_s is not None:
        waiting += f" (oldest {heartbeat.oldest_unsent_age_s / 60:.0f} min)"
    parts.append(waiting)
    if heartbeat.dead_letters:
        parts.append(f"{heartbeat.dead_letters} rejected")
    parts.append("catalog never synced" if heartbeat.catalog_age_s is None
                 else f"catalog synced {heartbeat.catalog_age_s / 60:.0f} min ago")  # fmt: skip
    if heartbeat.printer.configured:
        parts.append(f"printer {'online' if heartbeat.printer.online else 'OFFLINE'}, paper {heartbeat.printer.paper}")
    line = ", ".join(parts)
    return line[0].upper() + line[1:]

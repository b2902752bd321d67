"""The heartbeat's content and the fleet view's judgement: offline after 2 min, business alerts, ordering."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import pytest

from kiosk.core.errors import BackendUnavailableError
from kiosk.core.fleet import (
    Alert,
    FleetEntry,
    Heartbeat,
    HeartbeatAck,
    Paper,
    PrinterHealth,
    fleet_row,
    fleet_view,
)
from kiosk.core.services.heartbeat import HeartbeatSender, KioskFacts, assemble_heartbeat
from tests.fakes import FakeClock

NOW = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)


def _facts(clock: FakeClock, **changes: object) -> KioskFacts:
    values: dict[str, object] = {
        "version": "0.1.0",
        "started_at": clock.monotonic() - 3600,
        "online": True,
        "idle": True,
        "outbox_depth": 2,
        "oldest_unsent_at": clock.now() - timedelta(minutes=3),
        "dead_letters": 0,
        "catalog_cursor": "c-42",
        "catalog_synced_at": clock.now() - timedelta(seconds=40),
        "last_scans": {"serial:/dev/kiosk-scanner": clock.now() - timedelta(seconds=5), "nfc:/dev/kiosk-nfc": None},
        "printer": PrinterHealth(configured=True, online=True, paper=Paper.LOW),
        "disk_free_mb": 12345.678,
        "rss_mb": 270.04,
    }
    values.update(changes)
    return KioskFacts(**values)  # type: ignore[arg-type]


def test_the_heartbeat_carries_business_health_as_the_contract_names_it() -> None:
    clock = FakeClock(NOW)
    heartbeat = assemble_heartbeat("kiosk-01", "madrid", _facts(clock), clock)
    assert heartbeat.payload() == {
        "version": "0.1.0",
        "uptime_s": 3600.0,
        "online": True,
        "idle": True,
        "outbox_depth": 2,
        "oldest_unsent_age_s": 180.0,
        "dead_letters": 0,
        "catalog_cursor": "c-42",
        "catalog_age_s": 40.0,
        "scanners": [
            {"name": "nfc:/dev/kiosk-nfc", "last_scan_at": None},
            {"name": "serial:/dev/kiosk-scanner", "last_scan_at": "2026-12-07T08:59:55+00:00"},
        ],
        "printer": {"configured": True, "online": True, "paper": "low"},
        "disk_free_mb": 12345.7,
        "rss_mb": 270.0,
    }
    assert heartbeat.sent_at == NOW and heartbeat.kiosk_id == "kiosk-01" and heartbeat.store_id == "madrid"


def test_a_kiosk_id_must_fit_the_backend_contract() -> None:
    clock = FakeClock(NOW)
    with pytest.raises(ValueError, match="kiosk id must be 1 to 64 characters, got ''"):
        assemble_heartbeat("", "madrid", _facts(clock), clock)
    with pytest.raises(ValueError, match="kiosk id must be 1 to 64 characters"):
        assemble_heartbeat("k" * 65, "madrid", _facts(clock), clock)


def _entry(kiosk: str, silent_s: float, **payload: object) -> FleetEntry:
    base: dict[str, object] = {
        "version": "0.1.0", "outbox_depth": 0, "oldest_unsent_age_s": None, "dead_letters": 0,
        "catalog_age_s": 30.0, "printer": {"configured": True, "online": True, "paper": "ok"},
    }  # fmt: skip
    base.update(payload)
    received = NOW - timedelta(seconds=silent_s)
    return FleetEntry(kiosk, "madrid", received, received, base)


def test_silent_for_more_than_two_minutes_is_offline() -> None:
    assert fleet_row(_entry("k1", 120), NOW).alerts == ()
    row = fleet_row(_entry("k1", 121), NOW)
    assert not row.online and row.alerts == (Alert.OFFLINE,)


def test_business_alerts_old_unsent_orders_paper_out_stale_catalog_and_rejections() -> None:
    assert fleet_row(_entry("k", 10, oldest_unsent_age_s=595.0), NOW).alerts == (Alert.ORDERS_WAITING,)  # 605 s by now
    assert fleet_row(_entry("k", 10, oldest_unsent_age_s=580.0), NOW).alerts == ()
    paper_out = {"configured": True, "online": True, "paper": "out"}
    assert fleet_row(_entry("k", 0, printer=paper_out), NOW).alerts == (Alert.PAPER_OUT,)
    assert fleet_row(_entry("k", 0, catalog_age_s=3601.0), NOW).alerts == (Alert.CATALOG_STALE,)
    assert fleet_row(_entry("k", 0, catalog_age_s=None), NOW).alerts == (Alert.CATALOG_STALE,)  # never synced
    assert fleet_row(_entry("k", 0, dead_letters=1), NOW).alerts == (Alert.DEAD_LETTERS,)
    offline_printer = {"configured": True, "online": False, "paper": "unknown"}
    assert fleet_row(_entry("k", 0, printer=offline_printer), NOW).alerts == (Alert.PRINTER_OFFLINE,)
    no_printer = {"configured": False, "online": False, "paper": "unknown"}
    row = fleet_row(_entry("k", 0, printer=no_printer), NOW)
    assert row.alerts == () and row.paper == "-"


def test_an_older_kiosk_with_fewer_fields_is_judged_on_what_it_sent() -> None:
    row = fleet_row(FleetEntry("old", "madrid", NOW, NOW, {"catalog_age_s": 10}), NOW)
    assert row.version == "?" and row.outbox_depth == 0 and row.alerts == ()


def test_the_view_lists_kiosks_needing_attention_first() -> None:
    rows = fleet_view([_entry("a-fine", 5), _entry("b-silent", 600), _entry("c-paper", 5, printer={"paper": "out"})], NOW)
    assert [r.kiosk_id for r in rows] == ["b-silent", "c-paper", "a-fine"]
    assert rows[0].alerts == (Alert.OFFLINE,)


class RecordingFleet:
    def __init__(self, interval_s: float = 30.0, fail: bool = False) -> None:
        self.beats: list[Heartbeat] = []
        self.interval_s = interval_s
        self.fail = fail

    def send_heartbeat(self, heartbeat: Heartbeat) -> HeartbeatAck:
        if self.fail:
            raise BackendUnavailableError("Cannot reach Vendure for heartbeat")
        self.beats.append(heartbeat)
        return HeartbeatAck(NOW, self.interval_s)

    def fleet(self) -> list[FleetEntry]:
        return []

    def server_time(self) -> datetime:
        return NOW


def test_the_sender_follows_the_servers_interval_within_bounds_and_always_tells_its_observers() -> None:
    clock = FakeClock(NOW)
    fleet = RecordingFleet(interval_s=1.0)
    seen: list[tuple[Heartbeat, HeartbeatAck | None]] = []
    sender = HeartbeatSender("k1", "madrid", lambda: _facts(clock), fleet, clock, observers=[lambda h, a: seen.append((h, a))])
    sender.beat()
    assert sender.interval_s == 5.0  # the server asked for 1 s: clamped
    fleet.interval_s = 86_400
    sender.beat()
    assert sender.interval_s == 600.0
    fleet.fail = True
    sender.beat()  # unreachable: logged, not raised; the observers still hear of it, without an ack
    assert len(fleet.beats) == 2 and sender.sent == 2
    assert [ack is not None for _, ack in seen] == [True, True, False]


def test_the_sender_loop_beats_at_once_survives_a_failing_collect_and_stops(caplog) -> None:  # type: ignore[no-untyped-def]
    clock = FakeClock(NOW)
    fleet = RecordingFleet()
    calls = [0]
    third = threading.Event()

    def collect() -> KioskFacts:
        calls[0] += 1
        if calls[0] == 2:
            raise OSError("disk gone")
        if calls[0] == 3:
            third.set()
        return _facts(clock)

    sender = HeartbeatSender("k1", "madrid", collect, fleet, clock, interval_s=30)
    stop, wake = threading.Event(), threading.Event()
    thread = threading.Thread(target=sender.run, args=(stop, wake))
    thread.start()
    try:
        while not third.wait(0.05):  # each wake-up is one more beat (the interval is 30 s)
            wake.set()
    finally:
        stop.set()
        wake.set()
        thread.join(5)
    assert not thread.is_alive() and len(fleet.beats) >= 2
    assert "heartbeat failed" in caplog.text


def test_the_status_line_for_systemctl_status() -> None:
    from kiosk.core.fleet import status_line

    clock = FakeClock(NOW)
    assert status_line(assemble_heartbeat("k1", "madrid", _facts(clock), clock)) == (
        "Idle, online, 2 order(s) waiting (oldest 3 min), catalog synced 1 min ago, printer online, paper low"
    )
    busy = _facts(clock, idle=False, online=False, outbox_depth=0, oldest_unsent_at=None, catalog_synced_at=None,
                  dead_letters=1, printer=PrinterHealth.none())  # fmt: skip
    assert status_line(assemble_heartbeat("k1", "madrid", busy, clock)) == (
        "In use, OFFLINE, 0 order(s) waiting, 1 rejected, catalog never synced"
    )

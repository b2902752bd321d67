"""The heartbeat contract's two kiosk-side adapters: Vendure's kioskHeartbeat / kioskFleet over GraphQL (an
httpx MockTransport speaking the agreed schema, until the KioskPlugin's side lands) and the demo store's table."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest

from kiosk.backends.demo.fleet import DemoFleet
from kiosk.backends.vendure.backend import VendureBackend
from kiosk.backends.vendure.credentials import VendureCredentials
from kiosk.backends.vendure.fleet import VendureFleet
from kiosk.core.errors import BackendProtocolError, BackendRejectedError, BackendUnavailableError
from kiosk.core.fleet import Alert, Heartbeat, fleet_view
from tests.fakes import FakeClock

ADMIN = "http://vendure.test/admin-api"
NOW = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)


def _heartbeat(kiosk_id: str = "kiosk-01", sent_at: datetime = NOW, **changes: Any) -> Heartbeat:
    values: dict[str, Any] = {
        "kiosk_id": kiosk_id, "store_id": "madrid", "sent_at": sent_at, "version": "0.1.0", "uptime_s": 60.0,
        "online": True, "idle": True, "outbox_depth": 1, "oldest_unsent_age_s": 12.0, "dead_letters": 0,
        "catalog_cursor": "c-9", "catalog_age_s": 20.0,
    }  # fmt: skip
    values.update(changes)
    return Heartbeat(**values)


class FakePlugin:
    """The KioskPlugin as CONTRACT_HEARTBEAT describes it, in front of an httpx MockTransport."""

    def __init__(self) -> None:
        self.rows: dict[str, dict[str, Any]] = {}
        self.requests: list[dict[str, Any]] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        body = json.loads(request.content)
        self.requests.append({"headers": dict(request.headers), **body})
        headers = {"date": "Mon, 07 Dec 2026 09:00:07 GMT"}
        if "kioskHeartbeat" in body["query"]:
            data = body["variables"]["input"]
            if not isinstance(data["payload"], dict):
                return httpx.Response(200, json={"errors": [{"message": "payload must be an object"}]}, headers=headers)
            self.rows[data["kioskId"]] = {**data, "receivedAt": "2026-12-07T09:00:05.000Z"}
            return httpx.Response(
                200, json={"data": {"kioskHeartbeat": {"receivedAt": "2026-12-07T09:00:05.000Z", "intervalS": 45}}},
                headers=headers,
            )  # fmt: skip
        if "kioskFleet" in body["query"]:
            return httpx.Response(200, json={"data": {"kioskFleet": list(self.rows.values())}}, headers=headers)
        return httpx.Response(200, json={"data": {"__typename": "Query"}}, headers=headers)


def _vendure(handler: Any) -> VendureFleet:
    backend = VendureBackend(
        ADMIN, ADMIN.replace("admin", "shop"), VendureCredentials(api_key="k:secret"),
        transport=httpx.MockTransport(handler),
    )  # fmt: skip
    return VendureFleet.for_backend(backend)


def test_vendure_heartbeat_round_trip_through_the_agreed_schema() -> None:
    plugin = FakePlugin()
    fleet = _vendure(plugin)
    ack = fleet.send_heartbeat(_heartbeat())
    assert ack.interval_s == 45.0 and ack.received_at == datetime(2026, 12, 7, 9, 0, 5, tzinfo=UTC)
    sent = plugin.requests[0]
    assert sent["variables"]["input"]["kioskId"] == "kiosk-01"
    assert sent["variables"]["input"]["storeId"] == "madrid"
    assert sent["variables"]["input"]["sentAt"] == "2026-12-07T09:00:00Z"
    assert sent["variables"]["input"]["payload"]["outbox_depth"] == 1
    assert "mutation kioskHeartbeat($input: KioskHeartbeatInput!)" in sent["query"]
    assert "k:secret" in sent["headers"].values()  # the kiosk's own service account (API key header)
    (entry,) = fleet.fleet()
    assert entry.kiosk_id == "kiosk-01" and entry.payload["catalog_cursor"] == "c-9"
    assert entry.received_at == datetime(2026, 12, 7, 9, 0, 5, tzinfo=UTC)
    assert fleet.server_time() == datetime(2026, 12, 7, 9, 0, 7, tzinfo=UTC)


def test_vendure_errors_are_the_backends_errors() -> None:
    def refused(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json={"errors": [{"message": "kioskId must be at most 64 characters"}]})

    with pytest.raises(BackendRejectedError, match="kioskId must be at most 64 characters"):
        _vendure(refused).send_heartbeat(_heartbeat())

    def down(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused")

    with pytest.raises(BackendUnavailableError, match="Cannot reach Vendure for heartbeat"):
        _vendure(down).send_heartbeat(_heartbeat())

    def malformed(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json={"data": {"kioskFleet": [{"kioskId": "k", "payload": "nope"}]}})

    with pytest.raises(BackendProtocolError, match="fleet view is malformed"):
        _vendure(malformed).fleet()


def test_demo_fleet_keeps_the_latest_heartbeat_per_kiosk_and_feeds_the_fleet_view(tmp_path: Path) -> None:
    clock = FakeClock(NOW)
    fleet = DemoFleet(tmp_path, clock)
    try:
        fleet.send_heartbeat(_heartbeat("kiosk-01", outbox_depth=5))
        fleet.send_heartbeat(_heartbeat("kiosk-01", outbox_depth=0))  # upserted, not appended
        fleet.send_heartbeat(_heartbeat("kiosk-02", oldest_unsent_age_s=900.0))
        clock.advance(30)
        entries = fleet.fleet()
        assert [(e.kiosk_id, e.payload["outbox_depth"]) for e in entries] == [("kiosk-01", 0), ("kiosk-02", 1)]
        rows = fleet_view(entries, clock.now())
        assert rows[0].kiosk_id == "kiosk-02" and rows[0].alerts == (Alert.ORDERS_WAITING,)
        clock.advance(100)  # 130 s silent
        assert all(Alert.OFFLINE in row.alerts for row in fleet_view(fleet.fleet(), clock.now()))
        assert fleet.server_time() == clock.now()
    finally:
        fleet.close()


def test_demo_fleet_refuses_bad_input_naming_the_field_and_goes_offline_with_the_store(tmp_path: Path) -> None:
    offline = [False]
    fleet = DemoFleet(tmp_path, FakeClock(NOW), offline=lambda: offline[0])
    try:
        with pytest.raises(BackendRejectedError, match="kioskId must be 1 to 64 characters"):
            fleet.receive("k" * 65, "madrid", NOW, "{}")
        with pytest.raises(BackendRejectedError, match="payload must be a JSON object"):
            fleet.receive("k1", "madrid", NOW, "[1, 2]")
        with pytest.raises(BackendRejectedError, match="payload is larger than 16 KB"):
            fleet.receive("k1", "madrid", NOW, json.dumps({"x": "y" * 17000}))
        offline[0] = True
        with pytest.raises(BackendUnavailableError, match="demo backend is offline"):
            fleet.send_heartbeat(_heartbeat())
    finally:
        fleet.close()

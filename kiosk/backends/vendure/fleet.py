"""The kiosk's side of the KioskPlugin's heartbeat contract: `kioskHeartbeat` and `kioskFleet` on the Admin API.

The contract (docs/operations.md, "Heartbeat"): the payload is the kiosk's own JSON object, stored as-is per
kiosk id; the acknowledgement says how often the server wants to hear from the kiosk. Uses the backend's
own authenticated client, so the kiosk's service account and its session are shared with sync and orders.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from kiosk.backends.vendure.client import VendureClient
from kiosk.backends.vendure.mapping import parse_time, reply_shape
from kiosk.core.errors import BackendProtocolError
from kiosk.core.fleet import FleetEntry, Heartbeat, HeartbeatAck

HEARTBEAT = """
mutation kioskHeartbeat($input: KioskHeartbeatInput!) {
  kioskHeartbeat(input: $input) { receivedAt intervalS }
}
"""

FLEET = """
query kioskFleet {
  kioskFleet { kioskId storeId sentAt receivedAt payload }
}
"""

SERVER_TIME = "query kioskServerTime { __typename }"


class VendureFleet:
    def __init__(self, client: VendureClient) -> None:
        self._client = client

    @classmethod
    def for_backend(cls, backend: Any) -> VendureFleet:
        """The fleet calls of a VendureBackend, over its client (same package: its private `_client`)."""
        client = backend._client
        if not isinstance(client, VendureClient):
            raise TypeError(f"not a Vendure backend: {type(backend).__name__}")
        return cls(client)

    def send_heartbeat(self, heartbeat: Heartbeat) -> HeartbeatAck:
        variables = {
            "input": {
                "kioskId": heartbeat.kiosk_id,
                "storeId": heartbeat.store_id,
                "sentAt": heartbeat.sent_at.astimezone(UTC).isoformat().replace("+00:00", "Z"),
                "payload": heartbeat.payload(),
            }
        }
        reply = self._client.admin("heartbeat", HEARTBEAT, variables)
        with reply_shape("heartbeat"):
            ack = reply.data["kioskHeartbeat"]
            return HeartbeatAck(received_at=parse_time(ack["receivedAt"]), interval_s=float(ack["intervalS"]))

    def fleet(self) -> Sequence[FleetEntry]:
        reply = self._client.admin("fleet view", FLEET)
        with reply_shape("fleet view"):
            entries = []
            for row in reply.data["kioskFleet"]:
                payload = row["payload"]
                if not isinstance(payload, dict):
                    raise BackendProtocolError("Vendure's reply to fleet view is malformed: payload is not an object")
                entries.append(
                    FleetEntry(
                        kiosk_id=str(row["kioskId"]),
                        store_id=str(row["storeId"]),
                        sent_at=parse_time(row["sentAt"]),
                        received_at=parse_time(row["receivedAt"]),
                        payload=payload,
                    )
                )
            return entries

    def server_time(self) -> datetime:
        """From the HTTP Date header of a trivial Admin API call (1 s resolution: enough for a skew check)."""
        reply = self._client.admin("server time", SERVER_TIME)
        if reply.server_time is None:
            raise BackendProtocolError("Vendure's reply to server time has no Date header")
        return reply.server_time

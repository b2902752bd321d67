"""The running kiosk's last heartbeat in a small JSON file beside its data, for `kiosk update` on the same
machine: whether the kiosk is idle (safe to switch versions) and whether a new version is up and healthy.

Written atomically (a temporary file renamed over the old one) so a reader never sees half a file.
"""

from __future__ import annotations

import json
import os
from datetime import datetime
from pathlib import Path
from typing import Any

from kiosk.core.fleet import Heartbeat, HeartbeatAck
from kiosk.core.updates import KioskState

STATE_FILE = "heartbeat.json"


class HeartbeatFile:
    def __init__(self, data_dir: Path) -> None:
        self.path = data_dir / STATE_FILE

    def write(self, heartbeat: Heartbeat, ack: HeartbeatAck | None) -> None:
        state: dict[str, Any] = {
            "pid": os.getpid(),
            "kiosk_id": heartbeat.kiosk_id,
            "store_id": heartbeat.store_id,
            "written_at": heartbeat.sent_at.isoformat(),
            "delivered": ack is not None,
            **heartbeat.payload(),
        }
        temporary = self.path.with_suffix(".tmp")
        temporary.write_text(json.dumps(state), encoding="utf-8")
        os.replace(temporary, self.path)

    def read(self) -> KioskState | None:
        """The last state written, or None when there is none or it cannot be read."""
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
            return KioskState(
                pid=int(raw["pid"]),
                version=str(raw["version"]),
                written_at=datetime.fromisoformat(raw["written_at"]),
                idle=bool(raw["idle"]),
                online=bool(raw["online"]),
                outbox_depth=int(raw["outbox_depth"]),
                delivered=bool(raw["delivered"]),
            )
        except (OSError, ValueError, KeyError, TypeError):
            return None

"""`kiosk fleet`: every kiosk the backend has heard from, one line each, the ones needing attention first."""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from kiosk.commands._common import config_from_args
from kiosk.core.fleet import FleetRow


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("fleet", help="the kiosks' latest heartbeats, offline ones and alerts")
    parser.add_argument("--config", type=Path)
    parser.add_argument("--json", action="store_true", help="one JSON object per kiosk instead of the table")
    parser.set_defaults(func=_fleet)


def _fleet(args: argparse.Namespace) -> int:
    from kiosk.app import make_backend, make_fleet
    from kiosk.core.errors import BackendError
    from kiosk.core.fleet import fleet_view

    config = config_from_args(args)
    try:
        entries = make_fleet(config, make_backend(config)).fleet()
    except BackendError as exc:
        print(f"kiosk fleet: cannot read the fleet from the backend: {exc}")
        return 1
    rows = fleet_view(entries, datetime.now(UTC))
    if args.json:
        for row in rows:
            print(json.dumps(_as_dict(row)))
        return 0
    print(render_table(rows))
    return 0


def _as_dict(row: FleetRow) -> dict[str, object]:
    return {
        "kiosk_id": row.kiosk_id, "store_id": row.store_id, "version": row.version, "online": row.online,
        "silent_s": round(row.silent_s), "outbox_depth": row.outbox_depth,
        "oldest_unsent_age_s": row.oldest_unsent_age_s, "catalog_age_s": row.catalog_age_s, "paper": row.paper,
        "alerts": [a.value for a in row.alerts],
    }  # fmt: skip


def _age(seconds: float | None) -> str:
    if seconds is None:
        return "-"
    seconds = int(seconds)
    if seconds < 120:
        return f"{seconds} s"
    if seconds < 7200:
        return f"{seconds // 60} min"
    return f"{seconds // 3600} h"


def render_table(rows: Sequence[FleetRow]) -> str:
    if not rows:
        return "No kiosk has sent a heartbeat yet."
    header = ("KIOSK", "STORE", "VERSION", "STATUS", "LAST SEEN", "WAITING", "OLDEST", "CATALOG", "PAPER", "ALERTS")
    lines = [
        (
            row.kiosk_id, row.store_id, row.version, "online" if row.online else "OFFLINE", f"{_age(row.silent_s)} ago",
            str(row.outbox_depth), _age(row.oldest_unsent_age_s), _age(row.catalog_age_s), row.paper,
            ", ".join(a.value for a in row.alerts) or "-",
        )
        for row in rows
    ]  # fmt: skip
    widths = [max(len(cells[i]) for cells in (header, *lines)) for i in range(len(header))]
    text = ["  ".join(cell.ljust(width) for cell, width in zip(cells, widths, strict=True)).rstrip()
            for cells in (header, *lines)]  # fmt: skip
    attention = sum(1 for row in rows if row.alerts)
    text.append(f"{len(rows)} kiosks, {attention} needing attention")
    return "\n".join(text)

"""`kiosk doctor` reports online/offline from a real probe of the backend, and the queue's depth and age."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.core.clock import SystemClock
from kiosk.storage.order_outbox import SqliteOrderOutbox
from tests.faults.harness import Target
from tests.faults.proxy import Fault, FaultProxy
from tests.fixtures.vendure import sample_order


def _config(tmp_path: Path, proxy: FaultProxy, target: Target) -> Path:
    path = tmp_path / "kiosk.toml"
    path.write_text(
        f'data_dir = "{tmp_path / "data"}"\n[backend]\nkind = "vendure"\n'
        f'admin_url = "{proxy.url(target.admin_path)}"\napi_key = "{target.api_key}"\ntimeout_s = 1\n'
    )
    outbox = SqliteOrderOutbox(tmp_path / "data" / "kiosk.db", SystemClock())
    created = datetime.now(UTC) - timedelta(minutes=20, seconds=5)
    for number in ("DOC-1", "DOC-2"):
        outbox.save(replace(sample_order(number=number), created_at=created))
    outbox.close()
    return path


@pytest.mark.parametrize(
    ("fault", "reach"),
    [
        (Fault.PASS, r"backend reach   online \(probed \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC\)"),
        (
            Fault.BLACKHOLE,
            r"backend reach   OFFLINE \(probed [0-9: -]+ UTC: Vendure did not answer ping within 1 s \(http://127\.0\.0\.1:\d+/admin-api\)\)",
        ),
    ],
    ids=["online", "offline"],
)
def test_doctor_probes_the_backend_and_shows_the_queue(
    fault_target: Target, tmp_path: Path, capsys: pytest.CaptureFixture[str], fault: Fault, reach: str
) -> None:
    with FaultProxy(fault_target.host, fault_target.port, delay_s=2) as proxy:
        config = _config(tmp_path, proxy, fault_target)
        proxy.set_mode(fault)  # blackhole: 127.0.0.1 accepts the connection (the LAN is up), nothing answers
        code = main(["doctor", "--config", str(config)])
    out = capsys.readouterr().out
    assert re.search(f"^{reach}$", out, re.M), out
    assert re.search(r"^order queue     2 waiting, oldest [0-9: -]+ UTC \(20 min ago\)$", out, re.M), out
    if fault is Fault.PASS:
        assert re.search(r"^server plugin   KioskPlugin 2\.\d+\.\d+ \(journal kept 168 h\)$", out, re.M), out
    assert code == 1  # offline is a problem; online, the empty catalog still is

"""The running kiosk's heartbeat: sent off the GUI thread to the demo store's fleet table after the first frame,
written to heartbeat.json for `kiosk update`, idle only on the attract screen, shown by `kiosk fleet`."""

from __future__ import annotations

import json
import threading

from kiosk.cli import main
from kiosk.storage.heartbeat_file import HeartbeatFile


def test_the_kiosk_beats_after_its_first_frame_and_reports_idleness(make_kiosk, qtbot, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    kiosk = make_kiosk()
    assert kiosk.heartbeat is not None
    kiosk.window.show()
    state = HeartbeatFile(kiosk.services.config.data_dir)
    qtbot.waitUntil(lambda: state.read() is not None, timeout=10_000)
    first = state.read()
    assert first is not None and first.idle and first.delivered and first.outbox_depth == 0
    assert kiosk._heartbeat_thread.name == "heartbeat" and kiosk._heartbeat_thread is not threading.main_thread()
    payload = json.loads(state.path.read_text())
    assert payload["kiosk_id"] == "kiosk-01" and payload["catalog_cursor"] and payload["scanners"][0]["name"].startswith("serial:")

    assert payload["scanners"][0]["last_scan_at"] is None

    vm = kiosk.app_vm
    hit = kiosk.services.store.popular(1)[0]
    gtin = kiosk.services.store.product(hit.product_id).variants[0].gtin  # type: ignore[union-attr]
    kiosk.virtual_scanner.write(f"]E0{gtin[-13:]}\r".encode())  # a real scan on the pty: the product page
    qtbot.waitUntil(lambda: vm.page == "product", timeout=5000)
    kiosk._heartbeat_wake.set()
    qtbot.waitUntil(lambda: (s := state.read()) is not None and not s.idle, timeout=5000)
    scanners = json.loads(state.path.read_text())["scanners"]
    assert scanners[0]["last_scan_at"] is not None  # the scan's time, per scanner

    monkeypatch.setenv("KIOSK_DATA_DIR", str(kiosk.services.config.data_dir))
    monkeypatch.delenv("KIOSK_CONFIG", raising=False)
    capsys.readouterr()
    assert main(["fleet"]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0].split() == ["KIOSK", "STORE", "VERSION", "STATUS", "LAST", "SEEN", "WAITING", "OLDEST", "CATALOG", "PAPER", "ALERTS"]
    assert lines[1].split()[:4] == ["kiosk-01", "madrid-gran-via", kiosk.heartbeat.last.version, "online"]  # type: ignore[union-attr]
    assert lines[-1] == "1 kiosks, 0 needing attention"

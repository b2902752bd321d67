"""`kiosk doctor` on real parts: pty scanner, NFC reader and ESC/POS printer answering DLE EOT, real SQLite files
(one damaged on purpose), the demo backend; one screen, every failure followed by its fix, exit 1 on failure."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.app import Services
from kiosk.cli import main
from kiosk.config import load_config
from kiosk.devices.simulators import VirtualSerialDevice
from tests.devices.test_printer_status import StatusAnsweringPrinter


@pytest.fixture
def devices() -> Iterator[tuple[VirtualSerialDevice, VirtualSerialDevice, VirtualSerialDevice]]:
    with (
        VirtualSerialDevice("kiosk-scanner") as scanner,
        VirtualSerialDevice("kiosk-nfc") as nfc,
        VirtualSerialDevice("kiosk-printer") as printer,
    ):
        yield scanner, nfc, printer


def _config(tmp_path: Path, scanner: str, nfc: str, printer: str) -> Path:
    path = tmp_path / "kiosk.toml"
    path.write_text(
        f'data_dir = "{tmp_path / "data"}"\n[backend]\nkind = "demo"\ncatalog_size = 300\n'
        f'[scanner]\nport = "{scanner}"\n[nfc]\nport = "{nfc}"\n[printer]\nport = "{printer}"\n'
        # Qt's silent mock voice: a test machine has no audio device (tests/ui/test_speech_doctor.py has speechd's)
        '[accessibility]\nspeech_engine = "mock"\n',
        encoding="utf-8",
    )
    return path


def _synced(config_path: Path) -> None:
    services = Services.build(load_config(config_path, {}))
    try:
        services.sync()
    finally:
        services.close()


def test_all_well_on_one_screen_exit_zero(devices, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    scanner, nfc, printer_device = devices
    config = _config(tmp_path, scanner.path, nfc.path, printer_device.path)
    _synced(config)
    printer = StatusAnsweringPrinter(printer_device)
    stop = threading.Event()

    def presentation_mode() -> None:  # a scanner on a stand scanning the same code every 0.1 s
        while not stop.wait(0.1):  # (pyserial drops what arrived before it opened the port)
            scanner.write(b"]E04006381333931\r")

    scanning = threading.Thread(target=presentation_mode)
    scanning.start()
    try:
        code = main(["doctor", "--config", str(config), "--wait-scan", "5"])
    finally:
        stop.set()
        scanning.join()
        printer.stop()
    out = capsys.readouterr().out
    assert code == 0, out
    for pattern in (
        rf"^config          {re.escape(str(config))}: read, every key known$",
        r"^disk            [\d,]+ MB free$",
        r"^catalog\.db      quick_check ok$",
        r"^kiosk\.db        quick_check ok$",
        r"^backend reach   online \(probed [0-9: -]+ UTC\)$",
        r"^clock           [+-]0\.\d s off the backend's clock$",
        r"^catalog         \d+ products, last sync ",
        r"^order queue     0 waiting$",
        rf"^scanner         {re.escape(scanner.path)} opens, read a scan of 16 bytes$",
        rf"^nfc             {re.escape(nfc.path)} opens and reads \(serial\)$",
        rf"^printer         {re.escape(printer_device.path)} online, paper ok$",
        r"^speech          ok: mock, 2 voice\(s\) for en_GB, audio: none needed$",
        r"^result          OK$",
    ):
        assert re.search(pattern, out, re.M), f"{pattern!r} not in:\n{out}"
    assert "fix:" not in out


def test_each_failure_says_its_fix_and_the_exit_code_is_one(devices, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    _scanner, nfc, printer_device = devices
    missing = str(tmp_path / "no-such-scanner")
    config = _config(tmp_path, missing, nfc.path, printer_device.path)
    _synced(config)
    events = tmp_path / "data" / "events.db"
    data = bytearray(events.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)  # the header's tail and the schema page: damaged
    events.write_bytes(bytes(data))
    printer = StatusAnsweringPrinter(printer_device, paper=0x72)  # roll sensor: paper out
    try:
        code = main(["doctor", "--config", str(config)])
    finally:
        printer.stop()
    out = capsys.readouterr().out
    assert code == 1, out
    lines = out.splitlines()

    def fix_after(prefix: str) -> str:
        index = next(i for i, line in enumerate(lines) if line.startswith(prefix))
        assert lines[index + 1].startswith("  fix: "), out
        return lines[index + 1]

    assert re.search(r"^events\.db       DAMAGED: ", out, re.M), out
    assert fix_after("events.db") == "  fix: stop the kiosk and delete events.db* (measurement events only)"
    assert f"scanner         FAILED: {missing} does not exist" in lines
    assert fix_after("scanner").startswith("  fix: plug it in; check the cable, the udev rule (99-kiosk-devices.rules")
    assert f"printer         {printer_device.path} online, PAPER OUT" in lines
    assert fix_after("printer") == "  fix: load a new paper roll"
    assert "kiosk           cannot start: database disk image is malformed" in lines  # the kiosk would not either
    assert lines[-1] == "result          4 problem(s)", out


def test_a_config_mistake_is_named_and_exits_two(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "kiosk.toml"
    path.write_text("[printer]\nbaud = 9600\n", encoding="utf-8")
    with pytest.raises(SystemExit) as exit_:
        main(["doctor", "--config", str(path)])
    assert exit_.value.code == 2
    assert capsys.readouterr().err == "kiosk: Unknown key [printer] baud\n"

"""`kiosk simulate scanner|nfc|printer` as a developer uses it: a real process, a real pty."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.core.money import Money
from kiosk.core.ports import DeviceState
from kiosk.core.scanning import ScanKind, interpret
from kiosk.core.slip import OrderSlip, SlipLine
from kiosk.devices.nfc import NfcSerialReader
from kiosk.devices.printer import EscPosSlipPrinter
from kiosk.devices.serial_scanner import SerialScanner
from tests.devices.helpers import FrameCollector

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def simulate(request: pytest.FixtureRequest) -> Iterator[tuple[subprocess.Popen[bytes], str]]:
    args: list[str] = request.param
    proc = subprocess.Popen(
        [sys.executable, "-m", "kiosk", "simulate", *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
    )
    assert proc.stdout is not None
    path = proc.stdout.readline().decode().strip()
    assert path, proc.stderr.read() if proc.stderr else ""
    yield proc, path
    if proc.poll() is None:
        proc.kill()
    proc.wait(10)


def _send(proc: subprocess.Popen[bytes], line: bytes) -> None:
    assert proc.stdin is not None
    proc.stdin.write(line + b"\n")
    proc.stdin.flush()


@pytest.mark.parametrize("simulate", [["scanner"]], indirect=True)
def test_simulated_scanner(simulate: tuple[subprocess.Popen[bytes], str]) -> None:
    proc, path = simulate
    collector = FrameCollector()
    scanner = SerialScanner(path, reconnect_interval_s=0.02)
    scanner.start(collector.on_frame, collector.on_status)
    try:
        collector.wait_state(DeviceState.CONNECTED)
        _send(proc, b"]E04006381333931")
        assert collector.wait_frames(1) == [b"]E04006381333931"]
        _send(proc, b"!unplug")
        collector.wait_state(DeviceState.DISCONNECTED)
        _send(proc, b"!replug")
        collector.wait_state(DeviceState.CONNECTED, occurrence=2)
        _send(proc, b"https://shop.example.com/m/Ab3_x-9Zq")
        assert interpret(collector.wait_frames(2)[1]).kind is ScanKind.LOYALTY
    finally:
        scanner.stop()
    assert proc.stdin is not None
    proc.stdin.close()
    assert proc.wait(10) == 0


@pytest.mark.parametrize("simulate", [["nfc"]], indirect=True)
def test_simulated_nfc_reader(simulate: tuple[subprocess.Popen[bytes], str]) -> None:
    proc, path = simulate
    collector = FrameCollector()
    reader = NfcSerialReader(path, reconnect_interval_s=0.02)
    reader.start(collector.on_frame, collector.on_status)
    try:
        collector.wait_state(DeviceState.CONNECTED)
        _send(proc, b"https://id.gs1.org/01/09506000134352")
        _send(proc, b"text:]E04006381333931")
        _send(proc, b"uid:04a224e2c31d80")
        frames = collector.wait_frames(3)
        assert frames == [
            b"https://id.gs1.org/01/09506000134352",
            b"]E04006381333931",
            b"urn:nfc:uid:04A224E2C31D80",
        ]
    finally:
        reader.stop()


@pytest.mark.parametrize("simulate", [["printer"]], indirect=True)
def test_simulated_printer_shows_the_slip(simulate: tuple[subprocess.Popen[bytes], str], tmp_path: Path) -> None:
    proc, path = simulate
    slip = OrderSlip(
        store_name="Tienda",
        order_number="K-1",
        lines=(SlipLine("Calcetines", 1, Money.of("9.95", "EUR")),),
        total=Money.of("9.95", "EUR"),
        qr_payload="https://shop.example.com/o/K-1",
        language="es",
    )
    EscPosSlipPrinter(path, columns=32).print_slip(slip)
    assert proc.stdout is not None
    shown = [proc.stdout.readline().decode("utf-8").rstrip("\n") for _ in range(9)]
    assert shown == [
        "Tienda",
        "Pedido K-1",
        "-" * 32,
        "1 x Calcetines" + " " * 12 + "9,95 €",
        "-" * 32,
        "Total" + " " * 21 + "9,95 €",
        "[QR]",
        "Escanea en cualquier quiosco",
        "para ver tu pedido",
    ]
    assert proc.stdin is not None
    proc.stdin.close()
    assert proc.wait(10) == 0


def test_link_refuses_to_replace_a_regular_file(tmp_path: Path) -> None:
    target = tmp_path / "not-a-link"
    target.write_text("precious")
    done = subprocess.run(
        [sys.executable, "-m", "kiosk", "simulate", "scanner", "--link", str(target)],
        input=b"",
        capture_output=True,
        cwd=ROOT,
        timeout=30,
    )
    assert done.returncode == 1
    assert done.stderr.decode().endswith(f"kiosk simulate: {target} exists and is not a symlink; not replacing it\n")
    assert target.read_text() == "precious"

"""ESC/POS real-time status (DLE EOT 1 and 4) over a real pty: online, paper ok / low / out, no answer, noise."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest

from kiosk.core.fleet import Paper, PrinterHealth
from kiosk.devices.printer_status import PrinterStatusError, decode, printer_health, query_status
from kiosk.devices.simulators import VirtualSerialDevice


class StatusAnsweringPrinter:
    """The printer end: answers each DLE EOT n with the configured status byte, as real printers do at once."""

    def __init__(self, device: VirtualSerialDevice, printer: int = 0x12, paper: int = 0x12) -> None:
        self.device = device
        self.answers = {1: printer, 4: paper}
        self.requests: list[bytes] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        pending = b""
        while not self._stop.is_set():
            chunk = self.device.read(timeout_s=0.1)
            pending += chunk or b""
            while len(pending) >= 3 and pending.startswith(b"\x10\x04"):
                request, pending = pending[:3], pending[3:]
                self.requests.append(request)
                answer = self.answers.get(request[2])
                if answer is not None:
                    self.device.write(bytes([answer]))

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(2)


@pytest.fixture
def device() -> Iterator[VirtualSerialDevice]:
    with VirtualSerialDevice("kiosk-printer") as dev:
        yield dev


@pytest.mark.parametrize(
    ("paper_byte", "paper"),
    [(0x12, Paper.OK), (0x1E, Paper.LOW), (0x72, Paper.OUT), (0x7E, Paper.OUT)],
)
def test_paper_state_from_the_roll_sensor(device: VirtualSerialDevice, paper_byte: int, paper: Paper) -> None:
    printer = StatusAnsweringPrinter(device, paper=paper_byte)
    try:
        assert query_status(device.path) == PrinterHealth(configured=True, online=True, paper=paper)
        assert printer.requests == [b"\x10\x04\x01", b"\x10\x04\x04"]
    finally:
        printer.stop()


def test_an_offline_printer_says_so(device: VirtualSerialDevice) -> None:
    printer = StatusAnsweringPrinter(device, printer=0x1A)  # bit 3: offline (cover open, error)
    try:
        assert query_status(device.path).online is False
    finally:
        printer.stop()


def test_no_answer_noise_and_a_missing_port_are_reported(device: VirtualSerialDevice, tmp_path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(PrinterStatusError, match=r"did not answer a status request within 0\.3 s"):
        query_status(device.path, timeout_s=0.3)
    printer = StatusAnsweringPrinter(device, printer=0xFF)
    try:
        with pytest.raises(PrinterStatusError, match="answered 0xff, not an ESC/POS status byte"):
            query_status(device.path)
    finally:
        printer.stop()
    missing = str(tmp_path / "no-printer")
    with pytest.raises(PrinterStatusError, match=f"cannot open printer port {missing}"):
        query_status(missing)
    assert printer_health(missing) == PrinterHealth(configured=True, online=False, paper=Paper.UNKNOWN)


def test_decode_is_bit_exact() -> None:
    assert decode(0x12, 0x12) == PrinterHealth(True, True, Paper.OK)
    assert decode(0x16, 0x12) == PrinterHealth(True, True, Paper.OK)  # bit 2 of status 1: the drawer pin, not paper
    assert decode(0x1A, 0x72) == PrinterHealth(True, False, Paper.OUT)

"""A burst of 100 scans per second on a real pty (issue 20): no scan lost, none merged with its neighbour, and
each gives exactly one result through the scan router, in order."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from datetime import date

import pytest

from kiosk.core.ports import DeviceState
from kiosk.core.scanning import ScanConfig, ScanKind, ScanRouter
from kiosk.core.scanning.gtin import check_digit
from kiosk.devices.serial_scanner import SerialScanner
from kiosk.devices.simulators import VirtualSerialDevice
from tests.devices.helpers import FrameCollector

RATE_HZ = 100
SECONDS = 3


def _gtin13(i: int) -> str:
    body = f"400638{i:06d}"
    return body + str(check_digit(body))


def _payloads(n: int) -> list[bytes]:
    """EAN-13s, GS1 DataMatrix element strings (with GS) and Digital Link QR codes, each a different item."""
    out = []
    for i in range(n):
        gtin13 = _gtin13(i)
        kind = i % 3
        if kind == 0:
            out.append(b"]E0" + gtin13.encode())
        elif kind == 1:
            out.append(b"]d201" + ("0" + gtin13).encode() + b"10LOT" + str(i).encode() + b"\x1d17301231")
        else:
            out.append(b"]Q1https://id.gs1.org/01/0" + gtin13.encode() + b"/21/S" + str(i).encode())
    return out


@pytest.fixture
def device() -> Iterator[VirtualSerialDevice]:
    with VirtualSerialDevice("kiosk-burst") as dev:
        yield dev


def test_a_100_per_second_burst_loses_and_merges_nothing(device: VirtualSerialDevice) -> None:
    collector = FrameCollector()
    # a USB-CDC scanner's speed; 9600 baud would itself cap the rate below 100 scans of ~40 bytes a second
    scanner = SerialScanner(device.path, 115200, debounce_ms=300, idle_gap_ms=80, reconnect_interval_s=0.02)
    scanner.start(collector.on_frame, collector.on_status)
    collector.wait_state(DeviceState.CONNECTED)
    n = RATE_HZ * SECONDS
    payloads = _payloads(n)
    terminators = [b"\r", b"\r\n", b"\n"]
    started = threading.Event()

    def play() -> None:
        """The scanner's own pace: one frame every 10 ms on a fixed schedule (the device, not test sync)."""
        started.set()
        t0 = time.perf_counter()
        for i, payload in enumerate(payloads):
            delay = t0 + i / RATE_HZ - time.perf_counter()
            if delay > 0:
                time.sleep(delay)
            device.write(payload + terminators[i % 3])

    player = threading.Thread(target=play, name="burst")
    try:
        player.start()
        assert started.wait(5)
        got = collector.wait_frames(n, timeout=SECONDS + 10)
        player.join(10)
        assert got == payloads  # none lost, none merged or split, in order
        assert not collector.wait_for(lambda: len(collector.frames) > n, timeout=0.2)  # and nothing extra
    finally:
        scanner.stop()
    router = ScanRouter(ScanConfig(), today=lambda: date(2026, 12, 7))
    results = [router.route(f.data, f.received_ns) for f in collector.frames]
    assert [r.kind for r in results] == [
        (ScanKind.PRODUCT, ScanKind.GS1, ScanKind.DIGITAL_LINK)[i % 3] for i in range(n)
    ]
    assert [r.gtin for r in results] == ["0" + _gtin13(i) for i in range(n)]
    assert router.counts["frames"] == n

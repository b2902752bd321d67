"""SerialScanner against real pseudo-terminals: framing, AIM ids, debounce, oversize, hot-unplug."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator

import pytest

from kiosk.core.ports import DeviceState
from kiosk.core.scanning import ScanKind, interpret
from kiosk.devices.serial_scanner import SerialScanner
from kiosk.devices.simulators import DeviceUnpluggedError, VirtualSerialDevice
from tests.devices.helpers import FrameCollector


@pytest.fixture
def device() -> Iterator[VirtualSerialDevice]:
    with VirtualSerialDevice() as dev:
        yield dev


@pytest.fixture
def collector() -> FrameCollector:
    return FrameCollector()


@pytest.fixture
def scanner(device: VirtualSerialDevice, collector: FrameCollector) -> Iterator[SerialScanner]:
    sc = SerialScanner(device.path, 9600, debounce_ms=300, idle_gap_ms=60, reconnect_interval_s=0.02)
    sc.start(collector.on_frame, collector.on_status)
    collector.wait_state(DeviceState.CONNECTED)
    yield sc
    sc.stop()


def test_cr_lf_crlf_terminators(device: VirtualSerialDevice, scanner: SerialScanner, collector: FrameCollector) -> None:
    device.write(b"]E04006381333931\r]E496385074\n]E05901234123457\r\n")
    assert collector.wait_frames(3) == [b"]E04006381333931", b"]E496385074", b"]E05901234123457"]
    assert all(f.source == f"serial:{device.path}" for f in collector.frames)
    assert [interpret(f.data).gtin for f in collector.frames] == [
        "04006381333931",
        "00000096385074",
        "05901234123457",
    ]


def test_idle_gap_frames_a_scanner_that_sends_no_terminator(
    device: VirtualSerialDevice, scanner: SerialScanner, collector: FrameCollector
) -> None:
    device.write(b"]E04006381333931")
    assert collector.wait_frames(1) == [b"]E04006381333931"]
    # the next code after a pause is its own frame
    assert collector.wait_for(lambda: scanner._stream.deadline_ns() is None)
    device.write(b"]E496385074")
    assert collector.wait_frames(2)[1] == b"]E496385074"


def test_gs1_data_with_group_separators_arrives_intact(
    device: VirtualSerialDevice, scanner: SerialScanner, collector: FrameCollector
) -> None:
    device.write(b"]C10109501101530003\x1d17140704\x1d10AB-123\r")
    (data,) = collector.wait_frames(1)
    assert interpret(data).batch == "AB-123"


def test_debounce_counts_a_double_read_once(
    device: VirtualSerialDevice, scanner: SerialScanner, collector: FrameCollector
) -> None:
    device.write(b"]E04006381333931\r]E04006381333931\r]E496385074\r")
    assert collector.wait_frames(2) == [b"]E04006381333931", b"]E496385074"]
    device.write(b"]E0end\r")  # a marker: everything before it has been framed
    collector.wait_frames(3)
    assert len(collector.frames) == 3


def test_over_long_frame_is_rejected_and_the_next_scan_still_reads(
    device: VirtualSerialDevice, scanner: SerialScanner, collector: FrameCollector
) -> None:
    writer = threading.Thread(target=device.write, args=(b"]Q1" + b"A" * 6000 + b"\r]E04006381333931\r",))
    writer.start()
    frames = collector.wait_frames(2)
    writer.join(timeout=5)
    assert len(frames[0]) == 2049
    assert interpret(frames[0]).reason == "too_long"
    assert interpret(frames[1]).kind is ScanKind.PRODUCT


def test_starts_without_the_device_and_connects_when_it_appears(collector: FrameCollector) -> None:
    device = VirtualSerialDevice()
    device.unplug()
    scanner = SerialScanner(device.path, reconnect_interval_s=0.02)
    try:
        scanner.start(collector.on_frame, collector.on_status)
        assert collector.states == [DeviceState.DISCONNECTED]
        device.replug()
        collector.wait_state(DeviceState.CONNECTED, timeout=2.0)
        device.write(b"]E496385074\r")
        assert collector.wait_frames(1) == [b"]E496385074"]
    finally:
        scanner.stop()
        device.close()


def test_default_reconnect_is_within_two_seconds(collector: FrameCollector) -> None:
    with VirtualSerialDevice() as device:
        scanner = SerialScanner(device.path)  # default reconnect interval
        scanner.start(collector.on_frame, collector.on_status)
        try:
            device.unplug()
            collector.wait_state(DeviceState.DISCONNECTED)
            device.replug()
            started = time.monotonic()
            collector.wait_state(DeviceState.CONNECTED, occurrence=2, timeout=2.0)
            assert time.monotonic() - started < 2.0
        finally:
            scanner.stop()


def test_unplug_replug_100_times_no_scan_lost_after_reconnect(
    device: VirtualSerialDevice, scanner: SerialScanner, collector: FrameCollector
) -> None:
    for i in range(1, 101):
        device.unplug()
        collector.wait_state(DeviceState.DISCONNECTED, occurrence=i, timeout=2.0)
        device.replug()
        collector.wait_state(DeviceState.CONNECTED, occurrence=i + 1, timeout=2.0)
        code = f"]E0scan-{i}".encode()
        device.write(code + b"\r")
        assert collector.wait_frames(i)[-1] == code
    assert [f.data for f in collector.frames] == [f"]E0scan-{i}".encode() for i in range(1, 101)]
    assert collector.states == [DeviceState.CONNECTED] + [DeviceState.DISCONNECTED, DeviceState.CONNECTED] * 100


def test_a_frame_cut_by_an_unplug_is_dropped(
    device: VirtualSerialDevice, scanner: SerialScanner, collector: FrameCollector
) -> None:
    device.write(b"]E0400638")
    device.unplug()
    collector.wait_state(DeviceState.DISCONNECTED)
    device.replug()
    collector.wait_state(DeviceState.CONNECTED, occurrence=2)
    device.write(b"]E496385074\r")
    assert collector.wait_frames(1) == [b"]E496385074"]


def test_stop_ends_the_thread_and_closes_the_port(device: VirtualSerialDevice, collector: FrameCollector) -> None:
    scanner = SerialScanner(device.path)
    scanner.start(collector.on_frame, collector.on_status)
    thread = scanner._thread
    assert thread is not None and thread.is_alive()
    started = time.monotonic()
    scanner.stop()
    assert time.monotonic() - started < 1.0
    assert not thread.is_alive()
    assert scanner._serial is None
    with pytest.raises(RuntimeError, match="^SerialScanner already started$"):
        scanner.start(collector.on_frame, collector.on_status)
        scanner.start(collector.on_frame, collector.on_status)
    scanner.stop()


def test_a_failing_receiver_does_not_stop_the_reader(device: VirtualSerialDevice) -> None:
    received: list[bytes] = []
    done = threading.Event()

    def on_frame(frame: object) -> None:
        data = frame.data  # type: ignore[attr-defined]
        received.append(data)
        if data == b"boom":
            raise RuntimeError("receiver bug")
        done.set()

    scanner = SerialScanner(device.path)
    scanner.start(on_frame, lambda s, st: None)
    try:
        device.write(b"boom\rok\r")
        assert done.wait(3)
        assert received == [b"boom", b"ok"]
    finally:
        scanner.stop()


def test_simulator_refuses_writes_while_unplugged(device: VirtualSerialDevice) -> None:
    device.unplug()
    assert not os.path.lexists(device.path)
    with pytest.raises(DeviceUnpluggedError, match="^The simulated device is unplugged$"):
        device.write(b"x")
    device.replug()
    assert os.path.realpath(device.path).startswith("/dev/pts/")

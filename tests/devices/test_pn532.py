"""Pn532Reader through nfcpy's real PN532 driver, against an emulated PN532 + NTAG213 on a pty."""

from __future__ import annotations

from collections.abc import Iterator

import ndef
import pytest

from kiosk.core.ports import DeviceState
from kiosk.core.scanning import ScanKind, interpret
from kiosk.devices.nfc import Pn532Reader
from kiosk.devices.simulators import VirtualSerialDevice
from tests.devices.helpers import FrameCollector
from tests.devices.pn532_emulator import Pn532Emulator, crc_a

UID = bytes.fromhex("04A224E2C31D80")


def _message(*records: ndef.Record) -> bytes:
    return b"".join(ndef.message_encoder(list(records)))


@pytest.fixture
def device() -> Iterator[VirtualSerialDevice]:
    with VirtualSerialDevice("kiosk-pn532") as dev:
        yield dev


def _run_reader(device: VirtualSerialDevice, emulator: Pn532Emulator) -> tuple[Pn532Reader, FrameCollector]:
    emulator.start()
    collector = FrameCollector()
    reader = Pn532Reader(device.path, reconnect_interval_s=0.1)
    reader.start(collector.on_frame, collector.on_status)
    collector.wait_state(DeviceState.CONNECTED, timeout=10)
    return reader, collector


def test_crc_a_reference_value() -> None:
    # ISO/IEC 14443-3 annex B example: CRC_A of 00 00 is 1E A0
    assert crc_a(b"\x00\x00") == b"\xa0\x1e"


def test_uri_tag_is_read_once_per_presentation(device: VirtualSerialDevice) -> None:
    emulator = Pn532Emulator(device, UID, _message(ndef.UriRecord("https://shop.example.com/m/Ab3_x-9Zq")))
    reader, collector = _run_reader(device, emulator)
    try:
        assert 0x02 in emulator.commands  # nfcpy's driver really initialised the "chip"
        emulator.tag_present.set()
        (data,) = collector.wait_frames(1, timeout=10)
        assert data == b"https://shop.example.com/m/Ab3_x-9Zq"
        assert interpret(data).kind is ScanKind.LOYALTY
        assert collector.frames[0].source == f"nfc:{device.path}"
        assert emulator.remove_tag()  # removed ...
        emulator.tag_present.set()  # ... and presented again
        assert collector.wait_frames(2, timeout=10)[1] == data
    finally:
        reader.stop()
        emulator.stop()


def test_smart_poster_and_blank_tag(device: VirtualSerialDevice) -> None:
    poster = ndef.SmartposterRecord("https://id.gs1.org/01/09506000134352", title="Agua")
    emulator = Pn532Emulator(device, UID, _message(poster))
    reader, collector = _run_reader(device, emulator)
    try:
        emulator.tag_present.set()
        assert interpret(collector.wait_frames(1, timeout=10)[0]).gtin == "09506000134352"
        assert emulator.remove_tag()
        emulator.memory[16:20] = b"\xfe\x00\x00\x00"  # now a tag with no NDEF message: its UID counts
        emulator.tag_present.set()
        assert collector.wait_frames(2, timeout=10)[1] == b"urn:nfc:uid:04A224E2C31D80"
    finally:
        reader.stop()
        emulator.stop()


def test_unplugged_reader_reconnects(device: VirtualSerialDevice) -> None:
    emulator = Pn532Emulator(device, UID, _message(ndef.TextRecord("]E04006381333931")))
    reader, collector = _run_reader(device, emulator)
    try:
        device.unplug()
        collector.wait_state(DeviceState.DISCONNECTED, timeout=10)
        device.replug()
        collector.wait_state(DeviceState.CONNECTED, occurrence=2, timeout=10)
        emulator.tag_present.set()
        assert collector.wait_frames(1, timeout=10) == [b"]E04006381333931"]
    finally:
        reader.stop()
        emulator.stop()

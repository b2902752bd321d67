"""NFC over a real pty: NDEF URI / Smart Poster / Text messages and bare UIDs, through interpret()."""

from __future__ import annotations

from collections.abc import Iterator

import ndef
import pytest

from kiosk.core.ports import DeviceState
from kiosk.core.scanning import ScanKind, interpret
from kiosk.devices.nfc import NfcSerialReader, decode_line, records_to_data
from kiosk.devices.simulators import VirtualSerialDevice
from tests.devices.helpers import FrameCollector


def _ndef_line(*records: ndef.Record) -> bytes:
    return b"NDEF:" + b"".join(ndef.message_encoder(list(records))).hex().upper().encode() + b"\r\n"


def test_ndef_uri_record_bytes_are_decoded() -> None:
    # NDEF short record, TNF well-known, type "U", prefix 0x04 = "https://"
    line = bytes.fromhex("d1011c550473686f702e6578616d706c652e636f6d2f6d2f6162636465666768")
    assert decode_line(b"NDEF:" + line.hex().encode()) == b"https://shop.example.com/m/abcdefgh"


@pytest.mark.parametrize(
    ("line", "data"),
    [
        (b"UID:04A224E2C31D80", b"urn:nfc:uid:04A224E2C31D80"),
        (b"04a224e2c31d80", b"urn:nfc:uid:04A224E2C31D80"),
        (b"DEADBEEF\r\n", b"urn:nfc:uid:DEADBEEF"),
        (b"UID:04A2", None),
        (b"NDEF:zz", None),
        (b"NDEF:d101", None),  # truncated message
        (b"hello", None),
    ],
)
def test_line_protocol(line: bytes, data: bytes | None) -> None:
    assert decode_line(line) == data


def test_smart_poster_uses_its_uri_and_text_is_a_fallback() -> None:
    poster = ndef.SmartposterRecord("https://id.gs1.org/01/09506000134352", title="Agua")
    text = ndef.TextRecord("4006381333931", "es")
    assert records_to_data([text, poster]) == b"https://id.gs1.org/01/09506000134352"
    assert records_to_data([text]) == b"4006381333931"
    assert records_to_data([ndef.Record("urn:nfc:ext:example.com:x", "", b"1")]) is None


def test_iri_keeps_unicode_so_homographs_are_caught() -> None:
    record = ndef.UriRecord("https://shop.exаmple.com/m/abcdefgh")  # Cyrillic а
    assert interpret(records_to_data([record]) or b"").reason == "lookalike_host"


@pytest.fixture
def device() -> Iterator[VirtualSerialDevice]:
    with VirtualSerialDevice("kiosk-nfc") as dev:
        yield dev


def test_reader_on_a_pty_delivers_interpretable_frames(device: VirtualSerialDevice) -> None:
    collector = FrameCollector()
    reader = NfcSerialReader(device.path, reconnect_interval_s=0.02)
    reader.start(collector.on_frame, collector.on_status)
    try:
        collector.wait_state(DeviceState.CONNECTED)
        device.write(_ndef_line(ndef.UriRecord("https://shop.example.com/m/Ab3_x-9Zq")))
        device.write(_ndef_line(ndef.UriRecord("https://shop.example.com/m/Ab3_x-9Zq")))  # tag still there
        device.write(b"garbage\r\n")
        device.write(_ndef_line(ndef.SmartposterRecord("https://id.gs1.org/01/09506000134352")))
        device.write(_ndef_line(ndef.TextRecord("]E04006381333931")))
        device.write(b"UID:04A224E2C31D80\r\n")
        frames = collector.wait_frames(4)
        results = [interpret(f) for f in frames]
        assert [r.kind for r in results] == [
            ScanKind.LOYALTY,
            ScanKind.DIGITAL_LINK,
            ScanKind.PRODUCT,
            ScanKind.LOYALTY,
        ]
        assert results[0].member_token == "Ab3_x-9Zq"
        assert results[3].member_token == "nfc-uid:04A224E2C31D80"
        assert {f.source for f in collector.frames} == {f"nfc:{device.path}"}
        device.unplug()
        collector.wait_state(DeviceState.DISCONNECTED)
        device.replug()
        collector.wait_state(DeviceState.CONNECTED, occurrence=2)
        device.write(b"UID:DEADBEEF\r\n")
        assert collector.wait_frames(5)[-1] == b"urn:nfc:uid:DEADBEEF"
    finally:
        reader.stop()

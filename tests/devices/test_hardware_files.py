"""The shipped device profiles parse and agree with the udev rules; recorded traces replay on a pty."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest

from kiosk.core.ports import DeviceState
from kiosk.core.scanning import interpret
from kiosk.devices.profiles import PROFILE_DIR, parse_profile, shipped_profiles
from kiosk.devices.serial_scanner import SerialScanner
from kiosk.devices.simulators import VirtualSerialDevice
from tests.devices.helpers import FrameCollector

HARDWARE = PROFILE_DIR.parent
TRACES = sorted((HARDWARE / "traces").glob("*.json"))


def test_every_shipped_profile_is_valid() -> None:
    profiles = shipped_profiles()
    assert {p.kind for p in profiles.values()} == {"scanner", "printer", "nfc"}
    for profile in profiles.values():
        if profile.kind == "scanner":
            assert profile.aim_prefix, profile.name
        assert profile.setup, profile.name


def test_udev_rules_cover_every_profile_vendor_and_name_all_three_devices() -> None:
    rules = (HARDWARE / "udev" / "99-kiosk-devices.rules").read_text()
    vendors = set(re.findall(r'ATTRS\{idVendor\}=="([0-9a-f]{4})"', rules))
    for profile in shipped_profiles().values():
        if profile.usb_vendor_id is not None and profile.connection != "rs232":
            assert profile.usb_vendor_id in vendors, profile.name
    for name in ("kiosk-scanner", "kiosk-printer", "kiosk-nfc"):
        assert f'SYMLINK+="{name}"' in rules
    assert all("ID_MM_DEVICE_IGNORE" in line for line in rules.splitlines() if "SYMLINK" in line)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"kind": "scanner"}, "Device profile x: missing 'vendor'"),
        (
            {"kind": "till", "vendor": "a", "model": "b", "connection": "rs232", "baudrate": 9600},
            "Device profile x: kind must be one of scanner, printer, nfc, got 'till'",
        ),
        (
            {
                "kind": "scanner",
                "vendor": "a",
                "model": "b",
                "connection": "rs232",
                "baudrate": 1200,
                "terminator": "cr",
            },
            "Device profile x: baudrate must be a standard rate from 9600 to 115200, got 1200",
        ),
        (
            {"kind": "scanner", "vendor": "a", "model": "b", "connection": "rs232", "baudrate": 9600},
            "Device profile x: a scanner profile needs a terminator",
        ),
        (
            {"kind": "printer", "vendor": "a", "model": "b", "connection": "rs232", "baudrate": 9600, "columns": 80},
            "Device profile x: columns must be a whole number from 24 to 64, got 80",
        ),
        ({"colour": "red"}, "Device profile x: unknown setting 'colour'"),
    ],
)
def test_profile_errors(data: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError) as exc:
        parse_profile("x", data)
    assert str(exc.value) == message


@pytest.mark.parametrize("trace_path", TRACES, ids=[p.stem for p in TRACES])
def test_trace_replays_through_the_serial_reader(trace_path: Path) -> None:
    trace = json.loads(trace_path.read_text())
    profile = shipped_profiles()[trace["device"]]
    collector = FrameCollector()
    with VirtualSerialDevice() as device:
        scanner = SerialScanner(device.path, profile.baudrate, idle_gap_ms=profile.idle_gap_ms)
        scanner.start(collector.on_frame, collector.on_status)
        try:
            collector.wait_state(DeviceState.CONNECTED)
            for delay_ms, hex_bytes in trace["chunks"]:
                time.sleep(delay_ms / 1000)  # pacing the device's output, not waiting for the reader
                device.write(bytes.fromhex(hex_bytes))
            expected = trace["expect"]
            frames = collector.wait_frames(len(expected))
            device.write(b"]E0sentinel\r")  # everything before it has been framed once this arrives
            frames = collector.wait_frames(len(expected) + 1)[:-1]
        finally:
            scanner.stop()
    assert [interpret(f).to_json_dict() for f in frames] == expected

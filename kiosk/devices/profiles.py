"""Device profiles (hardware/profiles/*.toml): the settings a known scanner, printer or NFC model needs."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from kiosk.core.slip import PRINTER_CODEPAGES

PROFILE_DIR = Path(__file__).resolve().parents[2] / "hardware" / "profiles"

_KINDS = ("scanner", "printer", "nfc")
_CONNECTIONS = ("usb-cdc", "usb-serial", "rs232")
_TERMINATORS = ("cr", "lf", "crlf", "none")
_PROTOCOLS = ("lines", "pn532")


@dataclass(frozen=True, slots=True)
class DeviceProfile:
    name: str  # the file's stem, e.g. "zebra-ds2208"
    kind: str
    vendor: str
    model: str
    connection: str
    baudrate: int
    usb_vendor_id: str | None = None
    terminator: str | None = None  # scanners and line NFC readers
    aim_prefix: bool = False
    idle_gap_ms: int = 80
    columns: int | None = None  # printers
    codepage: str = "CP858"  # printers: the ESC/POS code page slips are printed in ([printer] codepage)
    qr_native: bool = True
    protocol: str | None = None  # NFC readers
    setup: tuple[str, ...] = ()


def _fail(name: str, message: str) -> ValueError:
    return ValueError(f"Device profile {name}: {message}")


def parse_profile(name: str, data: dict[str, object]) -> DeviceProfile:
    """Checks a profile's values; raises ValueError naming the profile and the setting."""
    allowed = set(DeviceProfile.__dataclass_fields__) - {"name"}
    unknown = sorted(set(data) - allowed)
    if unknown:
        raise _fail(name, f"unknown setting {unknown[0]!r}")
    for key in ("kind", "vendor", "model", "connection", "baudrate"):
        if key not in data:
            raise _fail(name, f"missing {key!r}")
    kind, connection = data["kind"], data["connection"]
    if kind not in _KINDS:
        raise _fail(name, f"kind must be one of {', '.join(_KINDS)}, got {kind!r}")
    if connection not in _CONNECTIONS:
        raise _fail(name, f"connection must be one of {', '.join(_CONNECTIONS)}, got {connection!r}")
    baudrate = data["baudrate"]
    if not isinstance(baudrate, int) or baudrate not in (9600, 19200, 38400, 57600, 115200):
        raise _fail(name, f"baudrate must be a standard rate from 9600 to 115200, got {baudrate!r}")
    terminator = data.get("terminator")
    if terminator is not None and terminator not in _TERMINATORS:
        raise _fail(name, f"terminator must be one of {', '.join(_TERMINATORS)}, got {terminator!r}")
    if kind == "scanner" and terminator is None:
        raise _fail(name, "a scanner profile needs a terminator")
    protocol = data.get("protocol")
    if kind == "nfc" and protocol not in _PROTOCOLS:
        raise _fail(name, f"protocol must be one of {', '.join(_PROTOCOLS)}, got {protocol!r}")
    columns = data.get("columns")
    if kind == "printer" and (not isinstance(columns, int) or not 24 <= columns <= 64):
        raise _fail(name, f"columns must be a whole number from 24 to 64, got {columns!r}")
    codepage = data.get("codepage", "CP858")
    if kind == "printer" and codepage not in PRINTER_CODEPAGES:
        raise _fail(name, f"codepage must be one of {', '.join(PRINTER_CODEPAGES)}, got {codepage!r}")
    vid = data.get("usb_vendor_id")
    if vid is not None and not (isinstance(vid, str) and len(vid) == 4 and all(c in "0123456789abcdef" for c in vid)):
        raise _fail(name, f"usb_vendor_id must be 4 lower-case hex digits, got {vid!r}")
    setup = data.get("setup", [])
    if not isinstance(setup, list) or not all(isinstance(s, str) for s in setup):
        raise _fail(name, "setup must be a list of strings")
    idle_gap = data.get("idle_gap_ms", 80)
    if not isinstance(idle_gap, int) or not 10 <= idle_gap <= 2000:
        raise _fail(name, f"idle_gap_ms must be a whole number from 10 to 2000, got {idle_gap!r}")
    return DeviceProfile(
        name=name,
        kind=str(kind),
        vendor=str(data["vendor"]),
        model=str(data["model"]),
        connection=str(connection),
        baudrate=baudrate,
        usb_vendor_id=vid,
        terminator=terminator if isinstance(terminator, str) else None,
        aim_prefix=bool(data.get("aim_prefix", False)),
        idle_gap_ms=idle_gap,
        columns=columns if isinstance(columns, int) else None,
        qr_native=bool(data.get("qr_native", True)),
        codepage=str(codepage),
        protocol=protocol if isinstance(protocol, str) else None,
        setup=tuple(setup),
    )


def load_profile(path: Path) -> DeviceProfile:
    with path.open("rb") as f:
        return parse_profile(path.stem, tomllib.load(f))


def shipped_profiles(directory: Path = PROFILE_DIR) -> dict[str, DeviceProfile]:
    return {p.stem: load_profile(p) for p in sorted(directory.glob("*.toml"))}

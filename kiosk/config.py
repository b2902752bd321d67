"""Typed settings from a TOML file, with environment overrides; defaults run the demo with no file at all."""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import platformdirs

from kiosk.core.scanning import ScanConfig
from kiosk.core.slip import PRINTER_CODEPAGES


class ConfigError(ValueError):
    """The configuration file is unusable; the message names the file and the key."""


@dataclass(frozen=True, slots=True)
class KioskSettings:
    store_id: str = "madrid-gran-via"
    store_name: str = "Madrid Gran Vía"
    device_id: str = "kiosk-01"
    language: str = "es"
    country_code: str = "ES"
    currency: str = "EUR"
    idle_timeout_s: float = 90.0
    idle_warning_s: float = 30.0
    mode: str = "kiosk"  # "kiosk": public, locked down; "associate": a staff tablet, PIN sign-in
    associate_reauth_s: float = 900.0  # associate mode: ask for the PIN again after this long without input
    catalog_refresh_s: float = 30.0  # while running, poll the backend for catalog and stock changes this often


@dataclass(frozen=True, slots=True)
class BackendSettings:
    kind: str = "demo"  # "demo" or "vendure"
    catalog_size: int = 2000  # demo only
    # adapter-specific keys, e.g. Vendure's URLs; out of repr(): they may hold an inline api_key or password
    options: Mapping[str, Any] = field(default_factory=dict, repr=False)


@dataclass(frozen=True, slots=True)
class ScannerSettings:
    port: str = "demo"  # "demo" opens a virtual scanner on a pty; "" disables; else a serial device path
    baudrate: int = 9600
    wedge: bool = True  # also catch keyboard-wedge scanners (bursts of keys ending in Enter/Tab)


@dataclass(frozen=True, slots=True)
class NfcSettings:
    port: str = ""  # "" disables; a serial device path (stable: /dev/serial/by-id/... or a udev name)
    kind: str = "serial"  # "serial": a reader that sends NDEF/UID lines; "pn532": a PN532 in UART mode (nfcpy)
    baudrate: int = 115200


@dataclass(frozen=True, slots=True)
class PrinterSettings:
    port: str = ""  # "" disables slip printing; else the ESC/POS printer's serial device
    baudrate: int = 19200
    columns: int = 42  # 42 for 80 mm paper, 32 for 58 mm
    profile: str = "default"  # python-escpos capability profile, e.g. "TM-T88V"
    codepage: str = "CP858"  # one of PRINTER_CODEPAGES; CP858 is PC850 with the euro sign


@dataclass(frozen=True, slots=True)
class HeartbeatSettings:
    interval_s: float = 30.0  # the backend's answer may ask for another interval (5 s to 10 min)
    enabled: bool = True


@dataclass(frozen=True, slots=True)
class AccessibilitySettings:
    """The speech engine and the physical screen the theme sizes text and the reach band for (docs/accessibility.md)."""

    speech_engine: str = "speechd"  # Qt TextToSpeech engine: "speechd" (speech-dispatcher + espeak-ng); "mock" in tests
    speech_volume: float = 0.7  # 0..1, where every session starts
    speech_timeout_factor: float = 2.0  # in speech mode the idle timeout and its warning last this many times longer
    screen_diagonal_in: float = 32.0  # the panel's visible diagonal
    viewing_distance_mm: float = 500.0  # eye to screen for a shopper standing at the kiosk
    screen_bottom_mm: float = 700.0  # the picture's lower edge above the floor, as mounted


@dataclass(frozen=True, slots=True)
class Config:
    data_dir: Path
    kiosk: KioskSettings = KioskSettings()
    backend: BackendSettings = BackendSettings()
    scanner: ScannerSettings = ScannerSettings()
    nfc: NfcSettings = NfcSettings()
    printer: PrinterSettings = PrinterSettings()
    heartbeat: HeartbeatSettings = HeartbeatSettings()
    accessibility: AccessibilitySettings = AccessibilitySettings()
    scanning: Mapping[str, Any] = field(default_factory=dict)  # [scanning], read by ScanConfig.from_mapping
    source: Path | None = None


def default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir("endless-aisle-kiosk", appauthor=False))


def _typed(table: Mapping[str, Any], cls: type, where: str) -> Any:
    defaults = cls()
    values: dict[str, Any] = {}
    for key, value in table.items():
        if not hasattr(defaults, key):
            raise ConfigError(f"Unknown key [{where}] {key}")
        expected = type(getattr(defaults, key))
        if expected is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if not isinstance(value, expected) or isinstance(value, bool) != (expected is bool):
            raise ConfigError(f"[{where}] {key} must be {expected.__name__}, got {type(value).__name__}")
        values[key] = value
    return cls(**values)


def load_config(path: Path | None = None, env: Mapping[str, str] | None = None) -> Config:
    """Reads `path` (or $KIOSK_CONFIG); $KIOSK_DATA_DIR, $KIOSK_BACKEND and $KIOSK_LANGUAGE override it."""
    env = os.environ if env is None else env
    if path is None and env.get("KIOSK_CONFIG"):
        path = Path(env["KIOSK_CONFIG"])
    raw: dict[str, Any] = {}
    if path is not None:
        try:
            raw = tomllib.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError as exc:
            raise ConfigError(f"Config file not found: {path}") from exc
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"Config file {path} is not valid TOML: {exc}") from exc
    unknown = set(raw) - {
        "kiosk", "backend", "scanner", "nfc", "printer", "heartbeat", "scanning", "accessibility", "data_dir"
    }
    if unknown:
        raise ConfigError(f"Unknown section in {path}: {', '.join(sorted(unknown))}")
    kiosk_table = dict(raw.get("kiosk", {}))
    if env.get("KIOSK_LANGUAGE"):
        kiosk_table["language"] = env["KIOSK_LANGUAGE"]
    kiosk = _typed(kiosk_table, KioskSettings, "kiosk")
    if kiosk.language not in ("en", "es"):
        raise ConfigError(f"[kiosk] language must be 'en' or 'es', got {kiosk.language!r}")
    if not 1 <= kiosk.catalog_refresh_s <= 3600:
        raise ConfigError(f"[kiosk] catalog_refresh_s must be from 1 to 3600, got {kiosk.catalog_refresh_s:g}")
    if kiosk.mode not in ("kiosk", "associate"):
        raise ConfigError(f"[kiosk] mode must be 'kiosk' or 'associate', got {kiosk.mode!r}")
    backend_table = dict(raw.get("backend", {}))
    if env.get("KIOSK_BACKEND"):
        backend_table["kind"] = env["KIOSK_BACKEND"]
    kind = str(backend_table.pop("kind", "demo"))
    if kind not in ("demo", "vendure"):
        raise ConfigError(f"[backend] kind must be 'demo' or 'vendure', got {kind!r}")
    size = backend_table.pop("catalog_size", 2000)
    if not isinstance(size, int) or isinstance(size, bool) or size < 1:
        raise ConfigError(f"[backend] catalog_size must be a positive integer, got {size!r}")
    backend = BackendSettings(kind=kind, catalog_size=size, options=backend_table)
    scanner = _typed(raw.get("scanner", {}), ScannerSettings, "scanner")
    nfc = _typed(raw.get("nfc", {}), NfcSettings, "nfc")
    if nfc.kind not in ("serial", "pn532"):
        raise ConfigError(f"[nfc] kind must be 'serial' or 'pn532', got {nfc.kind!r}")
    printer = _typed(raw.get("printer", {}), PrinterSettings, "printer")
    if printer.codepage not in PRINTER_CODEPAGES:
        raise ConfigError(
            f"[printer] codepage must be one of {', '.join(PRINTER_CODEPAGES)}, got {printer.codepage!r}"
        )
    heartbeat = _typed(raw.get("heartbeat", {}), HeartbeatSettings, "heartbeat")
    if not 5 <= heartbeat.interval_s <= 600:
        raise ConfigError(f"[heartbeat] interval_s must be between 5 and 600, got {heartbeat.interval_s:g}")
    accessibility = _accessibility(raw.get("accessibility", {}), env)
    scanning = dict(raw.get("scanning", {}))
    try:
        ScanConfig.from_mapping(scanning)  # fail at start-up with the key's name, not at the first scan
    except ValueError as exc:
        raise ConfigError(str(exc)) from exc
    data_dir = Path(env.get("KIOSK_DATA_DIR") or raw.get("data_dir") or default_data_dir()).expanduser()
    return Config(
        data_dir=data_dir,
        kiosk=kiosk,
        backend=backend,
        scanner=scanner,
        nfc=nfc,
        printer=printer,
        heartbeat=heartbeat,
        accessibility=accessibility,
        scanning=scanning,
        source=path,
    )


def _accessibility(table: Mapping[str, Any], env: Mapping[str, str]) -> AccessibilitySettings:
    """[accessibility], with $KIOSK_SPEECH_ENGINE overriding the engine (the test suite's "mock")."""
    values = dict(table)
    if env.get("KIOSK_SPEECH_ENGINE"):
        values["speech_engine"] = env["KIOSK_SPEECH_ENGINE"]
    settings: AccessibilitySettings = _typed(values, AccessibilitySettings, "accessibility")
    if not 0.0 <= settings.speech_volume <= 1.0:
        raise ConfigError(f"[accessibility] speech_volume must be between 0 and 1, got {settings.speech_volume}")
    if settings.speech_timeout_factor < 1.0:
        raise ConfigError(
            f"[accessibility] speech_timeout_factor must be 1 or more, got {settings.speech_timeout_factor}"
        )
    for key in ("screen_diagonal_in", "viewing_distance_mm"):
        if getattr(settings, key) <= 0:
            raise ConfigError(f"[accessibility] {key} must be positive, got {getattr(settings, key)}")
    if settings.screen_bottom_mm < 0:
        raise ConfigError(f"[accessibility] screen_bottom_mm must be 0 or more, got {settings.screen_bottom_mm}")
    return settings

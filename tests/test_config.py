"""The configuration file: defaults run the demo; every mistake names the file, section and key."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.config import ConfigError, load_config


def _load(tmp_path: Path, text: str):  # type: ignore[no-untyped-def]
    path = tmp_path / "kiosk.toml"
    path.write_text(text, encoding="utf-8")
    return load_config(path, env={})


def test_defaults_run_the_demo_with_no_devices_but_the_virtual_scanner(tmp_path: Path) -> None:
    config = load_config(env={"KIOSK_DATA_DIR": str(tmp_path)})
    assert config.backend.kind == "demo" and config.scanner.port == "demo" and config.scanner.wedge
    assert config.nfc.port == "" and config.printer.port == "" and config.data_dir == tmp_path


def test_device_sections_are_read(tmp_path: Path) -> None:
    config = _load(
        tmp_path,
        '[scanner]\nport = "/dev/kiosk-scanner"\nwedge = false\n'
        '[nfc]\nport = "/dev/kiosk-nfc"\nkind = "pn532"\n'
        '[printer]\nport = "/dev/kiosk-printer"\ncolumns = 32\n',
    )
    assert (config.scanner.port, config.scanner.wedge) == ("/dev/kiosk-scanner", False)
    assert (config.nfc.port, config.nfc.kind, config.nfc.baudrate) == ("/dev/kiosk-nfc", "pn532", 115200)
    assert (config.printer.port, config.printer.columns, config.printer.baudrate) == ("/dev/kiosk-printer", 32, 19200)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[nfc]\nkind = "usb"\n', "[nfc] kind must be 'serial' or 'pn532', got 'usb'"),
        ("[kiosk]\ncatalog_refresh_s = 0.5\n", "[kiosk] catalog_refresh_s must be from 1 to 3600, got 0.5"),
        ("[printer]\ncolumns = \"wide\"\n", "[printer] columns must be int, got str"),
        ('[printer]\ncodepage = "ISO_8859-15"\n', "[printer] codepage must be one of CP858, CP1252, CP850, CP437, got 'ISO_8859-15'"),
        ("[scanner]\nwedge = 1\n", "[scanner] wedge must be bool, got int"),
        ('[nfc]\nspeed = 9600\n', "Unknown key [nfc] speed"),
        ('[scanning]\nstore_hosts = "shop.example.com"\n', "[scanning] store_hosts must be a non-empty list of host names, got 'shop.example.com'"),
        ("[accessibility]\nspeech_volume = 1.5\n", "[accessibility] speech_volume must be between 0 and 1, got 1.5"),
        ("[accessibility]\nspeech_timeout_factor = 0.5\n", "[accessibility] speech_timeout_factor must be 1 or more, got 0.5"),
        ("[accessibility]\nscreen_diagonal_in = 0\n", "[accessibility] screen_diagonal_in must be positive, got 0.0"),
        ("[accessibility]\nscreen_bottom_mm = -10\n", "[accessibility] screen_bottom_mm must be 0 or more, got -10.0"),
        ('[accessibility]\nvoice = "anne"\n', "Unknown key [accessibility] voice"),
    ],
)
def test_mistakes_are_named_exactly(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(ConfigError) as info:
        _load(tmp_path, text)
    assert str(info.value) == message


def test_an_unknown_section_and_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as info:
        _load(tmp_path, "[printers]\nport = \"x\"\n")
    assert str(info.value) == f"Unknown section in {tmp_path / 'kiosk.toml'}: printers"
    with pytest.raises(ConfigError) as missing:
        load_config(tmp_path / "nope.toml", env={})
    assert str(missing.value) == f"Config file not found: {tmp_path / 'nope.toml'}"


def test_the_heartbeat_section(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.toml"
    path.write_text("[heartbeat]\ninterval_s = 60\n", encoding="utf-8")
    assert load_config(path, {}).heartbeat.interval_s == 60.0
    assert load_config(None, {}).heartbeat.interval_s == 30.0
    path.write_text("[heartbeat]\ninterval_s = 1\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"^\[heartbeat\] interval_s must be between 5 and 600, got 1$"):
        load_config(path, {})


def test_accessibility_section_and_the_engine_override(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.toml"
    path.write_text('[accessibility]\nscreen_diagonal_in = 43\nscreen_bottom_mm = 450\n', encoding="utf-8")
    config = load_config(path, env={"KIOSK_SPEECH_ENGINE": "mock"})
    a = config.accessibility
    assert (a.screen_diagonal_in, a.screen_bottom_mm, a.speech_engine, a.speech_volume) == (43.0, 450.0, "mock", 0.7)
    assert load_config(env={}).accessibility.speech_engine == "speechd"

"""The systemd units, the default config and the package scripts, checked without building anything.

`systemd-analyze verify` runs on every unit under a throw-away root that holds systemd's own units and the
binaries the units name (stubs: verify checks they exist and are executable), so it checks our files, not
this machine. Verify reports some mistakes (unknown keys) only as warnings with exit code 0, so any output
at all fails the test; the negative control shows a typo is caught.
"""

from __future__ import annotations

import configparser
import importlib.util
import shutil
import subprocess
from pathlib import Path

import pytest

from kiosk.config import load_config

ROOT = Path(__file__).resolve().parents[2]
UNITS = ROOT / "packaging" / "systemd"
SYSTEMD_UNITS = Path("/lib/systemd/system")
BINARIES = ("/opt/kiosk/current/kiosk", "/usr/bin/cage", "/usr/bin/sleep")


def _verify(units: dict[str, str], root: Path) -> subprocess.CompletedProcess[str]:
    analyze = shutil.which("systemd-analyze")
    assert analyze, "systemd-analyze is missing: apt install systemd"
    assert SYSTEMD_UNITS.is_dir(), "systemd's own units are missing: apt install systemd"
    (root / "lib" / "systemd").mkdir(parents=True)
    shutil.copytree(SYSTEMD_UNITS, root / "lib" / "systemd" / "system", symlinks=True)
    for binary in BINARIES:
        stub = root / binary.lstrip("/")
        stub.parent.mkdir(parents=True, exist_ok=True)
        stub.write_text("#!/bin/sh\nexit 0\n")
        stub.chmod(0o755)
    target = root / "etc" / "systemd" / "system"
    target.mkdir(parents=True)
    for name, text in units.items():
        (target / name).write_text(text)
    return subprocess.run(
        [analyze, "verify", f"--root={root}", "--man=no", "--generators=no", *sorted(str(target / n) for n in units)],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip


def _units() -> dict[str, str]:
    return {path.name: path.read_text() for path in sorted(UNITS.iterdir())}


def test_every_unit_passes_systemd_analyze_verify(tmp_path: Path) -> None:
    units = _units()
    assert set(units) == {"kiosk.service", "kiosk-cage.service", "kiosk-update.service", "kiosk-update.timer"}
    result = _verify(units, tmp_path)
    assert (result.returncode, result.stdout + result.stderr) == (0, "")


def test_negative_control_a_typo_or_a_missing_binary_is_caught(tmp_path: Path) -> None:
    units = _units()
    units["kiosk.service"] = units["kiosk.service"].replace("WatchdogSec=30", "WatchdogSecs=30")
    units["kiosk-cage.service"] = units["kiosk-cage.service"].replace("/usr/bin/cage", "/usr/bin/cagey")
    result = _verify(units, tmp_path)
    output = result.stdout + result.stderr
    assert "Unknown key 'WatchdogSecs'" in output
    assert "Command /usr/bin/cagey is not executable" in output


def _service(name: str) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read_string((UNITS / name).read_text())
    return parser


def test_the_kiosk_unit_is_notify_with_a_watchdog_restart_limit_and_hardening() -> None:
    unit = _service("kiosk.service")
    service = unit["Service"]
    assert service["Type"] == "notify" and service["WatchdogSec"] == "30" and service["Restart"] == "always"
    assert service["NotifyAccess"] == "main"  # only the kiosk process itself may say READY
    assert unit["Unit"]["StartLimitBurst"] == "5" and unit["Unit"]["StartLimitIntervalSec"] == "300"
    for key, value in {
        "NoNewPrivileges": "yes", "ProtectSystem": "strict", "ReadWritePaths": "/var/lib/kiosk", "PrivateTmp": "yes",
        "ProtectHome": "yes", "User": "kiosk", "CapabilityBoundingSet": "",
    }.items():  # fmt: skip
        assert service[key] == value, key
    assert service["ExecStart"] == "/opt/kiosk/current/kiosk run"


def test_cage_runs_on_tty1_for_the_kiosk_user_with_vt_switching_off() -> None:
    service = _service("kiosk-cage.service")["Service"]
    assert service["User"] == "kiosk" and service["TTYPath"] == "/dev/tty1" and service["PAMName"] == "login"
    command = service["ExecStart"].split()
    assert command[0] == "/usr/bin/cage"
    # Debian's cage 0.1.4: "-s  Allow VT switching"; without it a shopper cannot Ctrl+Alt+F2 out of the kiosk
    assert "-s" not in command[: command.index("--")]


def test_the_shipped_config_is_valid_and_commented(tmp_path: Path) -> None:
    path = ROOT / "packaging" / "kiosk.toml"
    config = load_config(path, {})
    assert config.data_dir == Path("/var/lib/kiosk") and config.heartbeat.interval_s == 30
    assert config.scanner.port == "/dev/kiosk-scanner"  # the udev rule's name
    assert sum(1 for line in path.read_text().splitlines() if "#" in line) >= 25


@pytest.mark.parametrize("script", ["postinst", "prerm", "postrm"])
def test_package_scripts_are_valid_shell(script: str) -> None:
    path = ROOT / "packaging" / "debian" / script
    assert path.stat().st_mode & 0o111
    assert subprocess.run(["sh", "-n", str(path)], capture_output=True, text=True).returncode == 0


def test_make_test_package_installs_exactly_the_packages_the_deb_depends_on() -> None:
    """The install test runs `dpkg -i` with no network, so the machine must already have the Depends."""
    spec = importlib.util.spec_from_file_location("kiosk_package_build", ROOT / "packaging" / "build.py")
    assert spec is not None and spec.loader is not None
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    depends = {name.strip() for name in build.DEPENDS.split(",")}
    makefile = (ROOT / "Makefile").read_text().replace("\\\n", " ")
    line = next(x for x in makefile.splitlines() if x.startswith("PACKAGE_DEPENDS :="))
    assert set(line.split(":=", 1)[1].split()) == depends

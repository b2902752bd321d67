"""`kiosk update`: stage beside the running release, switch only when idle with no orders waiting, keep the
previous release, roll back by itself when the new one is not up in time; with small fake releases (the real
bundle's run is in `make test-package`)."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.core.updates import KioskState, is_up, may_switch
from kiosk.releases import ReleaseError, Releases
from tests.packaging.fake_kiosk import make_release

NOW = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)


def _state(**changes: object) -> KioskState:
    values: dict[str, object] = {
        "pid": 42, "version": "1.0", "written_at": NOW, "idle": True, "online": True, "outbox_depth": 0,
        "delivered": True,
    }  # fmt: skip
    values.update(changes)
    return KioskState(**values)  # type: ignore[arg-type]


def test_switch_only_on_the_attract_screen_with_no_orders_waiting() -> None:
    assert may_switch(_state(), NOW).ok
    assert may_switch(_state(idle=False), NOW) == may_switch(_state(idle=False), NOW)
    assert may_switch(_state(idle=False), NOW).reason == "a shopper is using the kiosk"
    assert may_switch(_state(outbox_depth=2), NOW).reason == "2 order(s) not yet delivered"
    assert not may_switch(_state(outbox_depth=2), NOW).ok
    stale = may_switch(_state(idle=False, written_at=NOW - timedelta(seconds=121)), NOW)
    assert stale.ok and stale.reason == "the kiosk last reported 121 s ago: not running, nothing to disturb"
    assert may_switch(None, NOW).ok


def test_up_means_a_heartbeat_of_the_new_version_after_the_switch() -> None:
    assert is_up(_state(version="2.0", written_at=NOW), "2.0", NOW).ok
    assert is_up(_state(version="2.0", written_at=NOW - timedelta(seconds=1)), "2.0", NOW).reason == (
        "no heartbeat since the switch"
    )
    assert is_up(_state(version="1.0"), "2.0", NOW).reason == "the heartbeat is from version 1.0, not 2.0"


class Site:
    """An /opt/kiosk and a /var/lib/kiosk in a temp folder, with the fake service manager."""

    def __init__(self, tmp: Path) -> None:
        self.root = tmp / "opt-kiosk"
        self.data = tmp / "var-lib-kiosk"
        self.data.mkdir()
        self.packages = tmp / "packages"
        self.releases = Releases(self.root)
        self.restart = f"{sys.executable} -m tests.packaging.fake_kiosk {self.root} {self.data}"

    def update(self, package: Path, *extra: str) -> int:
        return main(["update", str(package), "--root", str(self.root), "--restart-cmd", self.restart,
                     "--health-timeout", "10", *extra])  # fmt: skip

    def running_version(self) -> str:
        return str(json.loads((self.data / "heartbeat.json").read_text())["version"])

    def stop(self) -> None:
        pidfile = self.data / "service.pid"
        if pidfile.exists():
            with contextlib.suppress(ProcessLookupError):
                os.kill(int(pidfile.read_text()), signal.SIGTERM)


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Site]:
    here = Site(tmp_path)
    monkeypatch.setenv("KIOSK_DATA_DIR", str(here.data))
    monkeypatch.delenv("KIOSK_CONFIG", raising=False)
    monkeypatch.chdir(Path(__file__).resolve().parents[2])  # `-m tests.packaging.fake_kiosk` from the repo
    yield here
    here.stop()


def test_update_then_a_broken_release_rolls_back_by_itself(site: Site, capsys: pytest.CaptureFixture[str]) -> None:
    v1 = make_release(site.packages / "v1", "1.0")
    v2 = make_release(site.packages / "v2", "2.0")
    v3 = make_release(site.packages / "v3", "3.0", broken=True)
    assert site.update(v1) == 0  # first install: nothing was running
    assert site.releases.version_of("current") == "1.0" and site.running_version() == "1.0"

    assert site.update(v2) == 0
    out = capsys.readouterr().out
    assert "switching idle on the attract screen with no orders waiting" in out
    assert site.releases.version_of("current") == "2.0" and site.releases.version_of("previous") == "1.0"
    assert site.running_version() == "2.0"

    assert site.update(v3, "--health-timeout", "3") == 1
    out = capsys.readouterr().out
    assert "failed    3.0 not up within 3 s: no heartbeat since the switch" in out
    assert "rollback  to 2.0: version 2.0 is up" in out
    assert site.releases.version_of("current") == "2.0" and site.running_version() == "2.0"
    assert site.releases.failed("3.0")
    assert site.update(v3) == 1  # not tried again unless forced
    assert "3.0 failed before and was rolled back; --force to try it again" in capsys.readouterr().out
    assert sorted(p.name for p in site.releases.dir.iterdir()) == ["1.0", "2.0", "3.0"]  # all kept so far

    v4 = make_release(site.packages / "v4", "4.0")
    assert site.update(v4) == 0
    assert site.releases.version_of("previous") == "2.0"
    assert sorted(p.name for p in site.releases.dir.iterdir()) == ["2.0", "4.0"]  # older ones pruned


def test_a_busy_kiosk_is_not_switched_the_release_waits_staged(site: Site, capsys: pytest.CaptureFixture[str]) -> None:
    assert site.update(make_release(site.packages / "v1", "1.0")) == 0
    state = json.loads((site.data / "heartbeat.json").read_text())
    (site.data / "heartbeat.json").write_text(json.dumps({**state, "idle": False}))  # a shopper at the kiosk
    v2 = make_release(site.packages / "v2", "2.0")
    assert site.update(v2, "--wait-idle", "1") == 3
    assert "waiting   not switched: a shopper is using the kiosk" in capsys.readouterr().out
    assert site.releases.version_of("current") == "1.0" and (site.releases.dir / "2.0").is_dir()
    (site.data / "heartbeat.json").write_text(json.dumps({**state, "outbox_depth": 1}))
    assert site.update(v2) == 3
    assert "1 order(s) not yet delivered" in capsys.readouterr().out


def test_packages_that_cannot_be_used_are_refused_by_name(site: Site, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    not_a_deb = tmp_path / "kiosk.deb"
    not_a_deb.write_bytes(b"nonsense")
    assert site.update(not_a_deb) == 2
    assert f"kiosk update: {not_a_deb} is not a readable Debian package" in capsys.readouterr().out
    empty = tmp_path / "empty"
    empty.mkdir()
    assert site.update(empty) == 2
    assert f"kiosk update: {empty} has no kiosk executable" in capsys.readouterr().out
    with pytest.raises(ReleaseError, match="does not exist"):
        site.releases.stage(tmp_path / "missing.deb")


def test_the_timer_takes_the_newest_package_from_the_drop_folder_and_sets_it_aside(
    site: Site, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    drop = tmp_path / "kiosk-updates"
    drop.mkdir()
    assert main(["update", "--from-dir", str(drop), "--root", str(site.root)]) == 0
    assert capsys.readouterr().out == f"kiosk update: no package in {drop}\n"
    assert site.update(make_release(site.packages / "v1", "1.0")) == 0
    # a .deb as make package lays it out, built from a fake release
    stage = tmp_path / "deb-root"
    make_release(stage / "opt" / "kiosk" / "releases" / "2.0", "2.0")
    (stage / "DEBIAN").mkdir()
    (stage / "DEBIAN" / "control").write_text(
        "Package: endless-aisle-kiosk\nVersion: 2.0\nArchitecture: amd64\nMaintainer: t <t@kiosk.invalid>\n"
        "Description: test\n"
    )
    subprocess.run(["dpkg-deb", "--root-owner-group", "--build", str(stage), str(drop / "kiosk_2.0.deb")],
                   check=True, capture_output=True)  # fmt: skip
    code = main(["update", "--from-dir", str(drop), "--root", str(site.root), "--restart-cmd", site.restart,
                 "--health-timeout", "10"])  # fmt: skip
    assert code == 0, capsys.readouterr().out
    assert site.running_version() == "2.0"
    assert not (drop / "kiosk_2.0.deb").exists() and (drop / "installed" / "kiosk_2.0.deb").exists()

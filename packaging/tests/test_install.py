"""`dpkg -i` of the real package on a real Debian root with no network, then remove and purge.

The root is this machine's own, seen through an overlay (lower: `/`, upper: a temp folder) in a private mount
namespace: dpkg, adduser and the maintainer scripts run for real and every change lands in the upper folder,
so the host is untouched. The network namespace has no interfaces, which is what "installing needs no
network" means. Needs root (CI's `make test-package` runs as root: it installs packages with apt)."""

from __future__ import annotations

import os
import stat
import subprocess
from pathlib import Path

import pytest
from pkgtest import need

SCRIPT = r"""
set -e
mount -t overlay overlay -o "lowerdir=/,upperdir=$BASE/up,workdir=$BASE/work" "$BASE/root"
mount --rbind /dev "$BASE/root/dev"
mount -t proc proc "$BASE/root/proc"
mount -t tmpfs tmpfs "$BASE/root/run"   # no /run/systemd/system: dpkg in a chroot must not touch the host's systemd
chroot "$BASE/root" /bin/sh -c "$STEP"
"""


def _in_overlay(base: Path, step: str) -> subprocess.CompletedProcess[str]:
    """Runs `step` as root inside the overlay's chroot, in fresh mount and network namespaces."""
    return subprocess.run(
        ["unshare", "--mount", "--net", "--fork", "sh", "-c", SCRIPT],
        env={"PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "BASE": str(base), "STEP": step, "LANG": "C.UTF-8"},
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip


def test_dpkg_installs_the_package_with_no_network_then_removes_and_purges_it(deb: Path, tmp_path: Path) -> None:
    if os.geteuid() != 0:
        pytest.skip("installing a package needs root (CI runs make test-package as root)")
    need("unshare", "chroot", "dpkg")
    base = tmp_path
    for folder in ("up", "work", "root"):
        (base / folder).mkdir()
    (base / "up" / "pkg").mkdir()
    (base / "up" / "pkg" / deb.name).write_bytes(deb.read_bytes())
    version = deb.name.split("_")[1]

    installed = _in_overlay(
        base,
        f"ip link show 2>/dev/null | grep -q 'state UP' && {{ echo network is up; exit 3; }}; "
        f"dpkg -i /pkg/{deb.name} && getent passwd kiosk && id -nG kiosk && "
        "stat -c '%U %G %a' /var/lib/kiosk && readlink /opt/kiosk/current && "
        "cat /etc/systemd/system/kiosk.service.d/display.conf && /usr/bin/kiosk --version",
    )
    assert installed.returncode == 0, installed.stdout + installed.stderr
    out = installed.stdout
    assert "kiosk:x:" in out and "/var/lib/kiosk:/usr/sbin/nologin" in out
    assert "dialout" in out  # serial scanners, printers and NFC readers (the udev rules' group)
    assert "kiosk kiosk 750" in out
    assert f"/opt/kiosk/releases/{version}" in out
    assert "Environment=WAYLAND_DISPLAY=wayland-0" in out
    assert out.splitlines()[-1] == f"kiosk {version}"
    assert "adduser: Warning" not in installed.stderr
    up = base / "up"
    assert stat.S_ISLNK((up / "opt" / "kiosk" / "current").lstat().st_mode)
    assert (up / "etc" / "kiosk" / "kiosk.toml").is_file()

    removed = _in_overlay(
        base,
        "dpkg -r endless-aisle-kiosk && test ! -e /opt/kiosk/current && test -d /var/lib/kiosk && "
        "getent passwd kiosk >/dev/null && test ! -e /etc/systemd/system/kiosk.service.d && echo kept-data",
    )
    assert removed.returncode == 0 and "kept-data" in removed.stdout, removed.stdout + removed.stderr

    purged = _in_overlay(
        base,
        "dpkg --purge endless-aisle-kiosk && test ! -e /var/lib/kiosk && test ! -e /opt/kiosk && "
        "test ! -e /etc/kiosk/kiosk.toml && ! getent passwd kiosk && dpkg -s endless-aisle-kiosk 2>&1 | "
        "grep -q 'not installed' && echo purged",
    )
    assert purged.returncode == 0 and "purged" in purged.stdout, purged.stdout + purged.stderr

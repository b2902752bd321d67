"""The built bundle and package with real parts: run outside the venv, READY and WATCHDOG over a real notify
socket, cage headless with grim, the .deb's contents and units, and update + rollback to and from it."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from PIL import Image, ImageStat
from pkgtest import (
    ROOT,
    NotifySocket,
    as_unprivileged,
    clean_env,
    demo_config,
    give_to_unprivileged,
    need,
    stop,
)

from tests.packaging.fake_kiosk import make_release


def _not_blank(png: Path, *, min_covered: float = 0.0) -> tuple[float, float]:
    """(standard deviation of the grey levels, share of non-black pixels): a blank frame has neither."""
    image = Image.open(png).convert("L")
    spread = ImageStat.Stat(image).stddev[0]
    histogram = image.histogram()
    covered = 1 - histogram[0] / sum(histogram)
    assert spread > 10, f"{png} is blank (grey spread {spread:.1f})"
    assert covered >= min_covered, f"{png}: only {covered:.0%} of the frame is drawn"
    return spread, covered


def test_the_bundle_outside_the_venv_runs_doctor_and_renders_a_screenshot(bundle: Path, tmp_path: Path) -> None:
    config = demo_config(tmp_path)
    env = clean_env(tmp_path, QT_QPA_PLATFORM="offscreen")
    exe = str(bundle / "kiosk")
    subprocess.run([exe, "sync", "--config", str(config)], env=env, cwd=tmp_path, check=True, capture_output=True)
    doctor = subprocess.run([exe, "doctor", "--config", str(config), "--skip-devices"], env=env, cwd=tmp_path,
                            check=False, capture_output=True, text=True)  # fmt: skip
    assert doctor.returncode == 0, doctor.stdout + doctor.stderr
    assert doctor.stdout.splitlines()[-1] == "result          OK"
    shots = tmp_path / "shots"
    subprocess.run([exe, "screenshot", "--out", str(shots), "--lang", "es"], env=env, cwd=tmp_path, check=True,
                   capture_output=True, timeout=300)  # fmt: skip
    _not_blank(shots / "attract.png")
    _not_blank(shots / "home.png")


def test_ready_after_the_first_frame_and_watchdog_pings_that_stop_when_the_process_hangs(
    bundle: Path, tmp_path: Path, notify_socket: NotifySocket
) -> None:
    config = demo_config(tmp_path)
    env = clean_env(tmp_path, QT_QPA_PLATFORM="offscreen", KIOSK_CONFIG=str(config),
                    NOTIFY_SOCKET=str(notify_socket.path), WATCHDOG_USEC="1000000")  # fmt: skip
    subprocess.run([str(bundle / "kiosk"), "sync"], env=env, cwd=tmp_path, check=True, capture_output=True)
    log = (tmp_path / "kiosk.log").open("wb")
    started = time.monotonic()
    kiosk = subprocess.Popen([str(bundle / "kiosk"), "run"], env=env, cwd=tmp_path, stdout=log, stderr=log)
    try:
        ready = notify_socket.wait_for("READY=1", 30) - started
        print(f"\nbundle start to READY (first frame): {ready:.2f} s")
        notify_socket.wait_for("WATCHDOG=1", 5)
        kiosk.send_signal(signal.SIGSTOP)  # hung: nothing of the process runs, its GUI loop included
        notify_socket.messages.clear()
        hung_at = time.monotonic()
        try:
            notify_socket.wait_for("WATCHDOG=1", 2.0)
            raise AssertionError("a hung kiosk kept pinging the watchdog")
        except AssertionError as exc:
            assert "no WATCHDOG=1 within" in str(exc)
        assert time.monotonic() - hung_at >= 2.0
        kiosk.send_signal(signal.SIGCONT)
        notify_socket.wait_for("WATCHDOG=1", 5)
    finally:
        stop(kiosk)
        log.close()
    lines = (tmp_path / "kiosk.log").read_text().splitlines()
    records = [json.loads(line) for line in lines if line.startswith("{")]
    assert any(r["msg"] == "kiosk starting" for r in records)
    assert [line for line in lines if not line.startswith("{")] == []  # the journal gets JSON lines only


def test_cage_headless_runs_the_kiosk_and_grim_grabs_a_frame_that_is_not_blank(
    bundle: Path, shared_tmp: Path, notify_socket: NotifySocket
) -> None:
    need("cage", "grim", "Xwayland", "setpriv")
    tmp_path = shared_tmp
    home = tmp_path / "home"
    runtime = tmp_path / "run"
    home.mkdir()
    runtime.mkdir(mode=0o700)
    config = demo_config(home)
    subprocess.run([str(bundle / "kiosk"), "sync", "--config", str(config)], env=clean_env(home), cwd=home,
                   check=True, capture_output=True)  # fmt: skip
    give_to_unprivileged(home)
    give_to_unprivileged(runtime)
    display = clean_env(home, XDG_RUNTIME_DIR=str(runtime))
    # the compositor as kiosk-cage.service runs it (-d: no decorations; no -s: VT switching stays off); the
    # shell only notes which X display cage's Xwayland got (the unit assumes :0, a kiosk's only display)
    cage = subprocess.Popen(
        [*as_unprivileged(), "env", *(f"{k}={v}" for k, v in display.items()), "WLR_BACKENDS=headless",
         "WLR_RENDERER=pixman", "WLR_LIBINPUT_NO_DEVICES=1", "cage", "-d", "--",
         "sh", "-c", f'echo "$DISPLAY" > {runtime}/display; exec sleep infinity'],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )  # fmt: skip
    kiosk = None
    try:
        deadline = time.monotonic() + 15
        while not (runtime / "display").exists() or not (runtime / "display").read_text().strip():
            assert cage.poll() is None, cage.stdout.read().decode() if cage.stdout else ""
            assert time.monotonic() < deadline, "cage did not create its Wayland socket"
            time.sleep(0.05)
        # the kiosk as kiosk.service runs it: an X client of cage's Xwayland (software rendering: the headless
        # pixman renderer has no GL)
        kiosk_env = {**display, "DISPLAY": (runtime / "display").read_text().strip(), "QT_QPA_PLATFORM": "xcb",
                     "KIOSK_COMPOSITOR": "cage", "QT_QUICK_BACKEND": "software", "KIOSK_CONFIG": str(config),
                     "NOTIFY_SOCKET": str(notify_socket.path)}  # fmt: skip
        kiosk_log = (tmp_path / "kiosk.log").open("wb")
        kiosk = subprocess.Popen(
            [*as_unprivileged(), "env", *(f"{k}={v}" for k, v in kiosk_env.items()), str(bundle / "kiosk"), "run"],
            cwd=home, stdout=kiosk_log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        notify_socket.wait_for("READY=1", 60)
        frame = tmp_path / "frame.png"
        grab = [*as_unprivileged(), "env", f"XDG_RUNTIME_DIR={runtime}", "WAYLAND_DISPLAY=wayland-0", "grim"]
        deadline = time.monotonic() + 20
        while True:  # the first frames may still be the attract screen's fade-in
            subprocess.run([*grab, str(home / "grab.png")], check=True, capture_output=True)  # grim runs as nobody
            shutil.move(home / "grab.png", frame)
            try:
                spread, covered = _not_blank(frame, min_covered=0.95)
                break
            except AssertionError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.5)
        print(f"\ncage frame: grey spread {spread:.0f}, {covered:.0%} of the screen drawn")
        kiosk_log.flush()
        logged = (tmp_path / "kiosk.log").read_text()
        assert "not supported at client-side" not in logged  # the virtual keyboard's input method is on (X11)
        shutil.copy(frame, ROOT / "build" / "package" / "cage-frame.png")
    finally:
        if kiosk is not None:
            stop(kiosk)
            kiosk_log.close()
        stop(cage)


def test_the_package_holds_the_bundle_units_config_and_udev_rules_and_its_units_verify(
    deb: Path, tmp_path: Path
) -> None:
    need("dpkg-deb", "systemd-analyze")
    info = subprocess.run(["dpkg-deb", "--field", str(deb), "Package", "Version", "Architecture", "Depends"],
                          check=True, capture_output=True, text=True).stdout  # fmt: skip
    assert "Architecture: amd64" in info and "cage" in info
    version = next(line.split(": ", 1)[1] for line in info.splitlines() if line.startswith("Version"))
    root = tmp_path / "root"
    subprocess.run(["dpkg-deb", "-x", str(deb), str(root)], check=True)
    release = root / "opt" / "kiosk" / "releases" / version
    assert (release / "kiosk").is_file() and (release / "VERSION").read_text().strip() == version
    assert os.readlink(root / "usr" / "bin" / "kiosk") == "/opt/kiosk/current/kiosk"
    assert (root / "etc" / "kiosk" / "kiosk.toml").is_file()
    assert (root / "lib" / "udev" / "rules.d" / "99-kiosk-devices.rules").is_file()
    control = subprocess.run(["dpkg-deb", "--ctrl-tarfile", str(deb)], check=True, capture_output=True).stdout
    assert b"postinst" in control and b"conffiles" in control
    # verify the installed units against this tree: the real bundle behind current, systemd's own units
    os.symlink(f"releases/{version}", root / "opt" / "kiosk" / "current")
    shutil.copytree("/lib/systemd/system", root / "lib" / "systemd" / "system", dirs_exist_ok=True, symlinks=True)
    for binary in ("cage", "sleep"):
        target = root / "usr" / "bin" / binary
        target.write_text("#!/bin/sh\n")
        target.chmod(0o755)
    units = sorted(str(p) for p in (root / "lib" / "systemd" / "system").glob("kiosk*"))
    assert len(units) == 4
    result = subprocess.run(["systemd-analyze", "verify", f"--root={root}", "--man=no", "--generators=no", *units],
                            check=False, capture_output=True, text=True)  # fmt: skip
    assert (result.returncode, result.stdout + result.stderr) == (0, "")


def test_update_to_the_real_package_then_a_broken_release_rolls_back_to_it(
    deb: Path, bundle: Path, tmp_path: Path
) -> None:
    site, data = tmp_path / "opt-kiosk", tmp_path / "data"
    config = demo_config(tmp_path)
    env = clean_env(tmp_path, QT_QPA_PLATFORM="offscreen", KIOSK_CONFIG=str(config), KIOSK_DATA_DIR=str(data))
    subprocess.run([str(bundle / "kiosk"), "sync"], env=env, check=True, capture_output=True)
    service = f"{sys.executable} -m tests.packaging.fake_kiosk {site} {data}"

    def update(package: Path, version_args: str = "", *extra: str) -> subprocess.CompletedProcess[str]:
        # the frozen kiosk's own `kiosk update`, the one the timer runs
        return subprocess.run(
            [str(bundle / "kiosk"), "update", str(package), "--root", str(site),
             "--restart-cmd", f"{service} {version_args}".strip(), *extra],
            check=False, env=env, cwd=ROOT, capture_output=True, text=True, timeout=300,
        )  # fmt: skip

    try:
        first = update(make_release(tmp_path / "v0", "0.0.9"))  # a (fake) older release running first
        assert first.returncode == 0, first.stdout + first.stderr
        version = (bundle / "VERSION").read_text().strip()
        real = update(deb, "run")
        assert real.returncode == 0, real.stdout + real.stderr
        assert f"updated   version {version} is up" in real.stdout
        broken = update(make_release(tmp_path / "v9", "9.9.9", broken=True), "run", "--health-timeout", "15")
        assert broken.returncode == 1, broken.stdout + broken.stderr
        assert f"rollback  to {version}: version {version} is up" in broken.stdout
        assert os.readlink(site / "current") == f"releases/{version}"
    finally:
        pidfile = data / "service.pid"
        if pidfile.exists():
            with contextlib.suppress(ProcessLookupError):
                os.kill(int(pidfile.read_text()), signal.SIGTERM)

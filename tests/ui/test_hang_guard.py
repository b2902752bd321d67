"""The hang guard: a frozen GUI loop ends the kiosk after 20 s (two thirds of systemd's 30 s watchdog), so
Restart=always brings it back sooner than the watchdog alone would; a loop that runs is never touched."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kiosk.ui.qt.hang_guard import HangGuard, guard_limit_s


def test_the_limit_is_two_thirds_of_the_watchdog_at_most_twenty_seconds() -> None:
    assert guard_limit_s(15_000) == 20.0  # WatchdogSec=30: pings every 15 s
    assert guard_limit_s(3_000) == pytest.approx(4.0)
    assert guard_limit_s(100) is None  # too short to beat with a 1 s tick
    assert guard_limit_s(None) is None
    with pytest.raises(ValueError) as caught:
        HangGuard(0.5, abort=lambda: None)
    assert str(caught.value) == "a hang guard needs a limit above its 1000 ms tick, got 0.5 s"


def test_a_blocked_loop_is_ended_and_a_running_one_is_not(qtbot) -> None:  # type: ignore[no-untyped-def]
    aborted: list[float] = []
    guard = HangGuard(2.0, abort=lambda: aborted.append(time.monotonic()))
    try:
        ticks = 0

        def count() -> None:
            nonlocal ticks
            ticks += 1

        guard._timer.timeout.connect(count)
        qtbot.waitUntil(lambda: ticks >= 4, timeout=10_000)  # over 3 s of a running loop
        assert aborted == []
        frozen = time.monotonic()
        deadline = frozen + 10
        while not aborted and time.monotonic() < deadline:  # the GUI thread blocked: no event processing
            time.sleep(0.05)
        assert aborted, "the guard did not fire"
        assert 2.0 < aborted[0] - frozen + 1.0 < 5.0  # the last tick was at most 1 s before the freeze
    finally:
        guard.stop()


def test_the_real_kiosk_frozen_by_fault_injection_ends_itself_with_sigabrt(tmp_path: Path) -> None:
    notify = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    notify.bind(str(tmp_path / "notify"))
    notify.settimeout(60)
    config = tmp_path / "kiosk.toml"
    config.write_text(
        f'data_dir = "{tmp_path / "data"}"\n[backend]\nkind = "demo"\ncatalog_size = 50\n[scanner]\nport = ""\nwedge = false\n',
        encoding="utf-8",
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "NOTIFY_SOCKET": str(tmp_path / "notify"),
           "WATCHDOG_USEC": "6000000", "KIOSK_FAULT_FREEZE_GUI_AFTER_S": "1"}  # fmt: skip
    env.pop("WATCHDOG_PID", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "kiosk.cli", "run", "--config", str(config), "--windowed"],
        env=env, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        while b"READY=1" not in notify.recv(4096):
            pass
        ready = time.monotonic()
        out, _ = proc.communicate(timeout=30)
        ended = time.monotonic() - ready
    finally:
        if proc.poll() is None:
            proc.kill()
        notify.close()
    assert proc.returncode == -signal.SIGABRT, out.decode(errors="replace")[-2000:]
    # frozen 1 s after start, the guard's limit is 4 s under a 6 s watchdog: well before the watchdog would be
    assert ended < 10, ended
    assert b"the GUI event loop has not run for" in out

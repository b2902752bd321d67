"""`kiosk admin set-pin` as a technician runs it: a real process, a real terminal (pty) that must not echo."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path

from kiosk.core.admin_pin import PinOutcome, StaffPinService
from kiosk.storage.admin_store import SqlitePinStore
from tests.fakes import FakeClock

ROOT = Path(__file__).resolve().parents[2]


def _env(data_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "KIOSK_CONFIG"}
    env["KIOSK_DATA_DIR"] = str(data_dir)
    return env


def _kiosk(data_dir: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kiosk", "admin", *args],
        input=stdin, capture_output=True, text=True, cwd=ROOT, env=_env(data_dir), timeout=60,
    )


def _check(data_dir: Path, pin: str) -> PinOutcome:
    store = SqlitePinStore(data_dir / "kiosk.db")
    try:
        return StaffPinService(store, FakeClock()).check(pin).outcome
    finally:
        store.close()


def test_set_pin_from_stdin_stores_only_a_hash(tmp_path: Path) -> None:
    done = _kiosk(tmp_path, "set-pin", "--pin-stdin", stdin="480913\n")
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"kiosk: PIN for 'admin' saved as a salted scrypt hash in {tmp_path / 'kiosk.db'}\n"
    assert _check(tmp_path, "480913") is PinOutcome.ACCEPTED
    for path in tmp_path.iterdir():
        assert b"480913" not in path.read_bytes(), path
    status = _kiosk(tmp_path, "status")
    assert status.stdout.splitlines() == ["staff PINs      admin", "wrong tries     0"]


def test_set_pin_refuses_a_bad_pin_with_the_exact_message(tmp_path: Path) -> None:
    done = _kiosk(tmp_path, "set-pin", "--pin-stdin", stdin="12a4\n")
    assert (done.returncode, done.stderr) == (2, "kiosk: The PIN must be 4 to 12 digits.\n")
    done = _kiosk(tmp_path, "set-pin", "--pin-stdin", "--name", "ana", stdin="1111\n")
    assert done.stderr == "kiosk: That PIN is too easy to guess (one digit repeated or a run like 1234).\n"
    assert _kiosk(tmp_path, "status").stdout.startswith("staff PINs      none (run: kiosk admin set-pin)")


def test_add_badge_stores_a_hash_of_the_uid_and_refuses_a_bad_one(tmp_path: Path) -> None:
    done = _kiosk(tmp_path, "add-badge", "--name", "ana", "--uid", "04:a2:24:e2:c3:1d:80")
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"kiosk: badge for 'ana' saved as a salted scrypt hash in {tmp_path / 'kiosk.db'}\n"
    for path in tmp_path.iterdir():
        assert b"04A224E2C31D80" not in path.read_bytes().upper(), path
    bad = _kiosk(tmp_path, "add-badge", "--name", "ana", "--uid", "04A2")
    assert (bad.returncode, bad.stderr) == (2, "kiosk: A badge UID is 4, 7 or 10 bytes in hex, like 04A224E2C31D80\n")


def _read_until(fd: int, marker: bytes, timeout_s: float = 30) -> bytes:
    seen = b""
    deadline = time.monotonic() + timeout_s
    while marker not in seen:
        left = deadline - time.monotonic()
        assert left > 0, f"no {marker!r} in {seen!r}"
        ready, _, _ = select.select([fd], [], [], left)
        if ready:
            try:
                chunk = os.read(fd, 1024)
            except OSError:  # the child closed the terminal
                break
            if not chunk:
                break
            seen += chunk
    return seen


def test_typed_pin_is_not_echoed_on_the_terminal(tmp_path: Path) -> None:
    main, child = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "kiosk", "admin", "set-pin", "--name", "ana"],
        stdin=child, stdout=child, stderr=child, cwd=ROOT, env=_env(tmp_path), start_new_session=True,
    )
    os.close(child)
    try:
        shown = _read_until(main, b"New PIN (4-12 digits): ")
        os.write(main, b"270561\n")
        shown += _read_until(main, b"Repeat the PIN: ")
        os.write(main, b"270561\n")
        shown += _read_until(main, b"saved as a salted scrypt hash")
        assert proc.wait(30) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(10)
        os.close(main)
    assert b"270561" not in shown, shown
    assert _check(tmp_path, "270561") is PinOutcome.ACCEPTED

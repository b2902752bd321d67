"""`make test-package`: tests of the built bundle and package (build/package/, made by `make package`)."""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
OUT = Path(os.environ.get("KIOSK_PACKAGE_OUT", ROOT / "build" / "package"))
BUNDLE = OUT / "dist" / "kiosk"
UNPRIVILEGED = "nobody"  # cage refuses to run as root; the kiosk runs as its own user in production


@pytest.fixture(scope="session")
def bundle() -> Path:
    exe = BUNDLE / "kiosk"
    assert exe.is_file(), f"no bundle at {BUNDLE}: run `make package` first"
    return BUNDLE


@pytest.fixture(scope="session")
def deb() -> Path:
    found = sorted(OUT.glob("endless-aisle-kiosk_*_amd64.deb"))
    assert found, f"no package in {OUT}: run `make package` first"
    return found[-1]


def clean_env(home: Path, **extra: str) -> dict[str, str]:
    """What a store machine's service has: no venv, no PYTHONPATH."""
    return {"PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "HOME": str(home), "LANG": "C.UTF-8", **extra}


def demo_config(home: Path, catalog_size: int = 300) -> Path:
    config = home / "kiosk.toml"
    config.write_text(
        f'data_dir = "{home / "data"}"\n[backend]\nkind = "demo"\ncatalog_size = {catalog_size}\n'
        '[scanner]\nport = ""\nwedge = false\n[heartbeat]\ninterval_s = 5\n',
        encoding="utf-8",
    )
    return config


class NotifySocket:
    """systemd's side of sd_notify: an AF_UNIX datagram socket that records messages with their times."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.sock.bind(str(path))
        os.chmod(path, 0o777)  # the kiosk may run as another user
        self.messages: list[tuple[float, str]] = []

    def wait_for(self, text: str, timeout_s: float) -> float:
        """The monotonic time the first message containing `text` arrived; fails after `timeout_s`."""
        for at, message in self.messages:
            if text in message.split("\n"):
                return at
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            self.sock.settimeout(max(0.01, deadline - time.monotonic()))
            try:
                data = self.sock.recv(4096).decode()
            except TimeoutError:
                break
            at = time.monotonic()
            self.messages.append((at, data))
            if text in data.split("\n"):
                return at
        raise AssertionError(f"no {text} within {timeout_s} s; got {[m for _, m in self.messages]}")

    def close(self) -> None:
        self.sock.close()


@pytest.fixture
def shared_tmp() -> Iterator[Path]:
    """A temp folder another user can reach (pytest's tmp_path sits under a root-only folder)."""
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="kiosk-pkg-test-", dir="/tmp"))
    folder.chmod(0o755)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def notify_socket(shared_tmp: Path) -> Iterator[NotifySocket]:
    sock = NotifySocket(shared_tmp / "notify")
    yield sock
    sock.close()


def as_unprivileged() -> list[str]:
    user = pwd.getpwnam(UNPRIVILEGED)
    return ["setpriv", f"--reuid={user.pw_uid}", f"--regid={user.pw_gid}", "--clear-groups"]


def give_to_unprivileged(path: Path) -> None:
    user = pwd.getpwnam(UNPRIVILEGED)
    for item in [path, *path.rglob("*")]:
        os.chown(item, user.pw_uid, user.pw_gid)


def need(*tools: str) -> None:
    missing = [tool for tool in tools if shutil.which(tool) is None]
    assert not missing, f"missing {', '.join(missing)}: apt install {' '.join(missing)} (make test-package does)"


def stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(5)

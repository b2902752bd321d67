"""Helpers for `make test-package` (packaging/tests; no __init__.py: a package named `packaging` here would
shadow PyPI's `packaging`, which pip, setuptools and PyInstaller import)."""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = Path(os.environ.get("KIOSK_PACKAGE_OUT", ROOT / "build" / "package"))
BUNDLE = OUT / "dist" / "kiosk"
UNPRIVILEGED = "nobody"  # cage refuses to run as root; the kiosk runs as its own user in production


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

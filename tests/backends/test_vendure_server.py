"""The local Vendure launcher and `kiosk vendure`: loopback only, stopped by pid, never left behind."""

from __future__ import annotations

import hashlib
import os
import signal
import statistics
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import httpx
import pytest

from kiosk.backends.vendure.backend import VendureBackend
from kiosk.backends.vendure.server import VendureServer, read_pid_file
from kiosk.cli import main

REPO = Path(__file__).resolve().parents[2]


def listening_addresses(port: int) -> set[str]:
    """Local addresses with a LISTEN socket on `port`, from /proc/net/tcp and tcp6 (state 0A)."""
    found = set()
    for name in ("tcp", "tcp6"):
        path = Path("/proc/net") / name
        if not path.exists():
            continue
        for line in path.read_text().splitlines()[1:]:
            fields = line.split()
            address, port_hex = fields[1].rsplit(":", 1)
            if int(port_hex, 16) == port and fields[3] == "0A":
                found.add(address)
    return found


def wait_until(condition: object, timeout_s: float, what: str) -> None:
    deadline = time.monotonic() + timeout_s
    while not callable(condition) or not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.1)


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


@pytest.mark.skipif(not Path("/proc/net/tcp").exists(), reason="needs Linux /proc/net")
def test_server_listens_on_loopback_only(vendure_server: VendureServer) -> None:
    assert vendure_server.port is not None
    assert listening_addresses(vendure_server.port) == {"0100007F"}  # 127.0.0.1, nothing else


def test_credentials_file_is_private(vendure_server: VendureServer) -> None:
    assert vendure_server.credentials_path.stat().st_mode & 0o077 == 0


def test_stop_ends_server_worker_and_database_and_removes_the_cluster(vendure_server: VendureServer) -> None:
    server = VendureServer(report=lambda message: None).start()
    pid, worker = server.pid, server.worker_pid
    assert pid is not None and alive(pid)
    assert worker is not None and alive(worker)
    folder = server.cluster_dir
    assert folder is not None and (folder / "data" / "postmaster.pid").exists()
    assert server.psql("SELECT current_setting('TimeZone')").strip() == "UTC"
    server.stop()
    assert not alive(pid)
    assert not alive(worker)
    assert not folder.exists()
    with pytest.raises(httpx.TransportError):
        httpx.post(server.shop_url, json={"query": "{ activeChannel { id } }"}, timeout=2)


def test_server_follows_a_killed_launcher(vendure_server: VendureServer, tmp_path: Path) -> None:
    """SIGKILL the process that started Vendure: the server notices and exits on its own."""
    script = tmp_path / "launch.py"
    script.write_text(
        textwrap.dedent(
            """
            import sys, time
            from kiosk.backends.vendure.server import VendureServer
            server = VendureServer(report=lambda m: None).start()
            print(server.pid, flush=True)
            time.sleep(600)
            """
        )
    )
    launcher = subprocess.Popen(
        [sys.executable, str(script)],
        cwd=REPO,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    try:
        assert launcher.stdout is not None
        node_pid = int(launcher.stdout.readline())
        assert alive(node_pid)
    finally:
        launcher.send_signal(signal.SIGKILL)
        launcher.wait()
    wait_until(lambda: not alive(node_pid), 15, "Vendure to exit after its launcher died")


def test_cli_start_status_stop(vendure_server: VendureServer, capsys: pytest.CaptureFixture[str]) -> None:
    if read_pid_file(vendure_server.install_dir):
        pytest.skip("a `kiosk vendure start` server is already running on this machine")
    start = subprocess.Popen(
        [sys.executable, "-m", "kiosk", "vendure", "start", "--port", "0", "--fresh"],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        assert start.stdout is not None
        lines = []
        for line in start.stdout:
            lines.append(line)
            if line.startswith("Press Ctrl+C"):
                break
        text = "".join(lines)
        assert "Admin API: http://127.0.0.1:" in text
        assert f"Credentials (superadmin, kiosk account, kiosk API key): {vendure_server.credentials_path}" in text
        assert main(["vendure", "status"]) == 0
        assert "Running: http://127.0.0.1:" in capsys.readouterr().out
        assert main(["vendure", "stop"]) == 0
        assert "Stopped Vendure (pid " in capsys.readouterr().out
        assert start.wait(30) == 0
        assert "Vendure was stopped." in start.stdout.read()
        assert main(["vendure", "status"]) == 3
        assert capsys.readouterr().out.endswith("Not running.\n")
    finally:
        if start.poll() is None:
            start.send_signal(signal.SIGINT)
            start.wait(30)


def test_telemetry_is_disabled_in_the_server_process(vendure_server: VendureServer) -> None:
    environ = Path(f"/proc/{vendure_server.pid}/environ")
    if not environ.exists():
        pytest.skip("needs Linux /proc")
    variables = dict(item.split("=", 1) for item in environ.read_text().split("\0") if "=" in item)
    assert variables["VENDURE_DISABLE_TELEMETRY"] == "true"


def test_api_keys_are_checked_with_sha256_not_bcrypt(vendure_server: VendureServer) -> None:
    """The kiosk's key is stored as a SHA-256 digest, so checking it costs milliseconds, not bcrypt's ~200 ms."""
    key = vendure_server.kiosk_credentials().api_key
    lookup_id = key.split(":", 1)[0]
    stored = vendure_server.psql(f"""SELECT "apiKeyHash" FROM api_key WHERE "lookupId" = '{lookup_id}'""").strip()
    assert stored == "sha256$" + hashlib.sha256(key.encode()).hexdigest()
    backend = VendureBackend(vendure_server.admin_url, vendure_server.shop_url, vendure_server.kiosk_credentials())
    try:
        backend.ping()  # connection and first-use costs
        timings = []
        for _ in range(9):
            started = time.perf_counter()
            backend.ping()
            timings.append((time.perf_counter() - started) * 1000)
    finally:
        backend.close()
    median = statistics.median(timings)
    print(f"API-key request (ping) median {median:.1f} ms over 9")
    assert median < 150, timings  # one bcrypt check alone takes longer on this kind of machine

"""Installs, seeds, starts and stops the local Vendure server (tests, `kiosk demo --backend vendure`).

The server project lives in the repository's `vendure/` folder. It is installed into a per-user cache
folder named after a hash of that project, so an unchanged project is installed and seeded once and every
later start takes a few seconds. The seeded database is kept pristine: each non-persistent start runs on a
fresh copy, so tests always see the same sample data.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import logging
import os
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any

import httpx
import platformdirs

from kiosk.backends.vendure.credentials import VendureCredentials

_log = logging.getLogger(__name__)

HOST = "127.0.0.1"  # the only interface the server ever listens on
PROJECT_FILES = (
    "package.json",
    "package-lock.json",
    "vendure-config.js",
    "kiosk-plugin.js",
    "server.js",
    "seed.js",
    "kiosk-data.json",
)
SEEDED_DB = "seeded.sqlite"
DEMO_DB = "demo.sqlite"
CREDENTIALS_FILE = "credentials.json"
READY_MARKER = "installed.json"
PID_FILE = "server.json"
LOG_FILE = "server.log"
LAST_USED = "last-used"
PRUNE_AFTER_S = 14 * 24 * 3600  # an install no checkout has started for two weeks is removed


class VendureServerError(RuntimeError):
    """Installing, seeding or starting the local Vendure server failed; the message says where to look."""


def default_project_dir() -> Path:
    """The repository's `vendure/` folder, next to the `kiosk` package."""
    return Path(__file__).resolve().parents[3] / "vendure"


def default_cache_root() -> Path:
    """$KIOSK_VENDURE_CACHE, else the user cache dir: outside the repository, shared by all checkouts."""
    override = os.environ.get("KIOSK_VENDURE_CACHE")
    return Path(override) if override else Path(platformdirs.user_cache_dir("kiosk-vendure", appauthor=False))


def project_hash(project_dir: Path, node_version: str) -> str:
    """Changes whenever the server project or Node's major version changes, so a stale install is never used."""
    digest = hashlib.sha256(f"node {node_version.split('.', maxsplit=1)[0]}\n".encode())
    for name in PROJECT_FILES:
        path = project_dir / name
        if path.exists():
            digest.update(name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        port: int = sock.getsockname()[1]
        return port


@dataclass(frozen=True, slots=True)
class InstallTimings:
    """Seconds spent on the one-off install, for the fixture's report and `kiosk vendure status`."""

    npm_install_s: float
    seed_s: float


@dataclass
class VendureServer:
    """One local Vendure process on 127.0.0.1:<port>.

    `persist=False` (tests): runs on a throw-away copy of the seeded database with saving turned off, so
    nothing a test does survives and writes cost nothing. `persist=True` (demo): runs on `demo.sqlite` in
    the install folder, created from the seeded database once and kept across restarts.
    """

    project_dir: Path = field(default_factory=default_project_dir)
    cache_root: Path = field(default_factory=default_cache_root)
    port: int | None = None
    persist: bool = False
    startup_timeout_s: float = 90.0
    install_timeout_s: float = 900.0
    report: Callable[[str], None] = field(default=lambda message: _log.info("%s", message))
    _process: subprocess.Popen[bytes] | None = field(default=None, init=False, repr=False)
    _run_db: Path | None = field(default=None, init=False, repr=False)
    _install_dir: Path | None = field(default=None, init=False, repr=False)
    timings: InstallTimings | None = field(default=None, init=False)
    start_s: float | None = field(default=None, init=False)

    # --- locations -------------------------------------------------------------------------------------
    @property
    def install_dir(self) -> Path:
        if self._install_dir is None:
            self._install_dir = self.cache_root / project_hash(self.project_dir, _node_version())
        return self._install_dir

    @property
    def log_path(self) -> Path:
        return self.install_dir / LOG_FILE

    @property
    def credentials_path(self) -> Path:
        return self.install_dir / CREDENTIALS_FILE

    @property
    def base_url(self) -> str:
        if self.port is None:
            raise VendureServerError("The Vendure server has no port until start() is called")
        return f"http://{HOST}:{self.port}"

    @property
    def admin_url(self) -> str:
        return f"{self.base_url}/admin-api"

    @property
    def shop_url(self) -> str:
        return f"{self.base_url}/shop-api"

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process else None

    def is_running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    # --- credentials -----------------------------------------------------------------------------------
    def _credentials_data(self) -> Mapping[str, Any]:
        data: Mapping[str, Any] = json.loads(self.credentials_path.read_text(encoding="utf-8"))
        return data

    def kiosk_credentials(self, kind: str = "api-key") -> VendureCredentials:
        """The limited kiosk service account: its API key (default) or its username and password."""
        kiosk = self._credentials_data()["kiosk"]
        if kind == "api-key":
            return VendureCredentials(api_key=kiosk["api_key"])
        return VendureCredentials(username=kiosk["username"], password=kiosk["password"])

    def superadmin_credentials(self) -> VendureCredentials:
        admin = self._credentials_data()["superadmin"]
        return VendureCredentials(username=admin["username"], password=admin["password"])

    def here_location(self) -> str:
        """The stock location the sample data treats as the kiosk's own store."""
        return str(self._credentials_data()["here_location"])

    # --- install ---------------------------------------------------------------------------------------
    def ensure_installed(self) -> Path:
        """npm install + seed into the cache folder once per project hash; later calls return at once."""
        target = self.install_dir
        if (target / READY_MARKER).exists():
            return target
        self.cache_root.mkdir(parents=True, exist_ok=True)
        with _file_lock(self.cache_root / f"{target.name}.lock"):
            if (target / READY_MARKER).exists():  # another process finished it while we waited
                return target
            self._install(target)
        return target

    def _install(self, target: Path) -> None:
        check_node()
        if target.exists():
            shutil.rmtree(target)  # a half-finished earlier attempt
        staging = target.with_name(target.name + ".partial")
        if staging.exists():
            shutil.rmtree(staging)
        staging.mkdir(parents=True)
        for name in PROJECT_FILES:
            if (self.project_dir / name).exists():
                shutil.copy2(self.project_dir / name, staging / name)
        npm = _executable("npm")
        self.report(f"Installing Vendure into {target} (npm, about a minute the first time)")
        started = time.monotonic()
        command = [npm, "ci" if (staging / "package-lock.json").exists() else "install"]
        # No install scripts: nothing in this tree needs one (bcrypt ships prebuilt binaries, sql.js is
        # WebAssembly), and skipping them keeps the install fast and free of surprises.
        command += ["--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"]
        self._run(command, staging, "npm install", {})
        npm_s = time.monotonic() - started
        self.report(f"Seeding the sample shop ({npm_s:.0f} s for npm)")
        started = time.monotonic()
        port = free_port()
        env = {
            "KIOSK_VENDURE_PORT": str(port),
            "KIOSK_VENDURE_DB": str(staging / "data" / SEEDED_DB),
            "KIOSK_VENDURE_CREDENTIALS": str(staging / CREDENTIALS_FILE),
        }
        self._run([_executable("node"), "seed.js"], staging, "seed", env)
        seed_s = time.monotonic() - started
        self.timings = InstallTimings(npm_install_s=round(npm_s, 1), seed_s=round(seed_s, 1))
        (staging / READY_MARKER).write_text(
            json.dumps({"npm_install_s": self.timings.npm_install_s, "seed_s": self.timings.seed_s}),
            encoding="utf-8",
        )
        staging.rename(target)
        self.report(f"Vendure installed and seeded ({npm_s:.0f} s npm, {seed_s:.0f} s seed)")

    def _run(self, command: list[str], cwd: Path, what: str, extra_env: Mapping[str, str]) -> None:
        log_path = cwd / f"{what.replace(' ', '-')}.log"
        with log_path.open("wb") as log:
            try:
                subprocess.run(
                    command,
                    cwd=cwd,
                    env=_child_env(extra_env),
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    check=True,
                    timeout=self.install_timeout_s,
                )
            except subprocess.CalledProcessError as exc:
                tail = _tail(log_path)
                raise VendureServerError(
                    f"{what} failed with exit code {exc.returncode}; see {log_path}\n{tail}"
                ) from None
            except subprocess.TimeoutExpired:
                raise VendureServerError(
                    f"{what} did not finish within {self.install_timeout_s:g} s; see {log_path}"
                ) from None

    def installed_timings(self) -> InstallTimings | None:
        marker = self.install_dir / READY_MARKER
        if not marker.exists():
            return None
        data = json.loads(marker.read_text(encoding="utf-8"))
        return InstallTimings(float(data["npm_install_s"]), float(data["seed_s"]))

    # --- run -------------------------------------------------------------------------------------------
    def start(self) -> VendureServer:
        if self._process is not None:
            return self
        target = self.ensure_installed()
        (target / LAST_USED).touch()
        prune_old_installs(self.cache_root, keep=target)
        if self.port is None:
            self.port = free_port()
        data = target / "data"
        if self.persist:
            db = data / DEMO_DB
            if not db.exists():
                shutil.copy2(data / SEEDED_DB, db)
        else:
            runs = target / "runs"
            runs.mkdir(exist_ok=True)
            _remove_stale_runs(runs)
            db = runs / f"run-{os.getpid()}-{self.port}.sqlite"
            shutil.copy2(data / SEEDED_DB, db)
            self._run_db = db
        secrets = self._credentials_data()["superadmin"]
        env = {
            "KIOSK_VENDURE_PORT": str(self.port),
            "KIOSK_VENDURE_DB": str(db),
            "KIOSK_VENDURE_AUTOSAVE": "1" if self.persist else "0",
            "KIOSK_VENDURE_SYNCHRONIZE": "0",
            "KIOSK_VENDURE_SUPERADMIN_USER": secrets["username"],
            "KIOSK_VENDURE_SUPERADMIN_PASSWORD": secrets["password"],
            # the server exits by itself if this process dies without stopping it (SIGKILL, crash)
            "KIOSK_VENDURE_PARENT_PID": str(os.getpid()),
        }
        started = time.monotonic()
        with self.log_path.open("ab") as log:
            log.write(f"\n--- start on {HOST}:{self.port} ({db.name}) ---\n".encode())
            log.flush()
            self._process = subprocess.Popen(
                [_executable("node"), "server.js"],
                cwd=target,
                env=_child_env(env),
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,  # its own process group, so stop() reaches every child
            )
        try:
            self._wait_until_ready()
        except BaseException:
            self.stop()
            raise
        self.start_s = round(time.monotonic() - started, 1)
        self.report(f"Vendure is up at {self.base_url} in {self.start_s:.1f} s (log: {self.log_path})")
        return self

    def _wait_until_ready(self) -> None:
        deadline = time.monotonic() + self.startup_timeout_s
        body = {"query": "{ activeChannel { id } }"}
        with httpx.Client(timeout=2.0) as client:
            while time.monotonic() < deadline:
                if self._process is None or self._process.poll() is not None:
                    code = self._process.returncode if self._process else None
                    raise VendureServerError(
                        f"Vendure exited with code {code} while starting; see {self.log_path}\n{_tail(self.log_path)}"
                    )
                with contextlib.suppress(httpx.HTTPError):
                    if client.post(self.shop_url, json=body).status_code == 200:
                        return
                time.sleep(0.2)
        raise VendureServerError(
            f"Vendure did not answer on {self.shop_url} within {self.startup_timeout_s:g} s; see {self.log_path}"
        )

    def stop(self) -> None:
        """SIGTERM to the server's process group, SIGKILL after 10 s; removes the throw-away database."""
        process, self._process = self._process, None
        if process is not None:
            stop_process_group(process.pid, wait=process.wait)
        if self._run_db is not None:
            self._run_db.unlink(missing_ok=True)
            self._run_db = None

    def write_pid_file(self) -> Path:
        """Records pid and URLs so `kiosk vendure stop|status` in another shell can find this server."""
        path = self.install_dir / PID_FILE
        data = {"pid": self.pid, "port": self.port, "admin_url": self.admin_url, "shop_url": self.shop_url}
        path.write_text(json.dumps(data), encoding="utf-8")
        return path

    def __enter__(self) -> VendureServer:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()


def prune_old_installs(cache_root: Path, keep: Path, now: float | None = None) -> list[Path]:
    """Removes installs (~170 MB each) of older project versions that nobody has started for two weeks.

    Every change to `vendure/` makes a new install folder; other checkouts may still use an older one, so
    only folders idle for PRUNE_AFTER_S and without a recorded running server go.
    """
    now = time.time() if now is None else now
    removed = []
    for folder in cache_root.iterdir() if cache_root.exists() else ():
        if folder == keep or not folder.is_dir() or not (folder / READY_MARKER).exists():
            continue
        stamp = folder / LAST_USED if (folder / LAST_USED).exists() else folder / READY_MARKER
        if now - stamp.stat().st_mtime < PRUNE_AFTER_S:
            continue
        running = read_pid_file(folder)
        if running and _pid_alive(int(running.get("pid", 0) or 0)):
            continue
        shutil.rmtree(folder, ignore_errors=True)
        removed.append(folder)
    return removed


def stop_process_group(pid: int, wait: Callable[[float], object] | None = None, grace_s: float = 10.0) -> bool:
    """Stops the process group led by `pid`; True if something was running. Never signals anything else."""
    try:
        os.killpg(pid, signal.SIGTERM)
    except ProcessLookupError:
        return False
    deadline = time.monotonic() + grace_s
    while time.monotonic() < deadline:
        if wait is not None:
            try:
                wait(max(0.0, deadline - time.monotonic()))
                break
            except subprocess.TimeoutExpired:
                continue
        elif not _group_alive(pid):
            break
        time.sleep(0.1)
    if _group_alive(pid):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(pid, signal.SIGKILL)
        if wait is not None:
            with contextlib.suppress(subprocess.TimeoutExpired):
                wait(5.0)
    return True


def _group_alive(pid: int) -> bool:
    try:
        os.killpg(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def read_pid_file(install_dir: Path) -> dict[str, Any] | None:
    path = install_dir / PID_FILE
    if not path.exists():
        return None
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def _remove_stale_runs(runs: Path) -> None:
    """Throw-away databases of runs that were killed before they could clean up (run-<pid>-<port>.sqlite)."""
    for path in runs.glob("run-*-*.sqlite"):
        pid_text = path.name.split("-")[1]
        if pid_text.isdigit() and not _pid_alive(int(pid_text)):
            path.unlink(missing_ok=True)


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _child_env(extra: Mapping[str, str]) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "VENDURE_DISABLE_TELEMETRY": "true",
            "NODE_ENV": "production",
            "npm_config_update_notifier": "false",
            "npm_config_fund": "false",
            "npm_config_audit": "false",
        }
    )
    env.update(extra)
    return env


def _executable(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise VendureServerError(f"{name} is not installed or not on PATH; the Vendure server needs Node 20+ and npm")
    return found


MIN_NODE_MAJOR = 20  # what Vendure 3.7 supports


def check_node(node: str | None = None) -> str:
    """Node's version when it can run the server; VendureServerError saying what is missing otherwise.

    Checked before a first install, so an old Node fails in a second with its version named instead of
    minutes later somewhere inside npm or the seed.
    """
    executable = node or _executable("node")
    _executable("npm")
    result = subprocess.run([executable, "--version"], capture_output=True, text=True, check=False)
    version = result.stdout.strip().lstrip("v")
    major = version.split(".", maxsplit=1)[0]
    if result.returncode != 0 or not major.isdigit():
        raise VendureServerError(f"{executable} --version failed; the Vendure server needs Node {MIN_NODE_MAJOR}+")
    if int(major) < MIN_NODE_MAJOR:
        raise VendureServerError(f"The Vendure server needs Node {MIN_NODE_MAJOR}+, but {executable} is v{version}")
    return version


_NODE_VERSION: str | None = None


def _node_version() -> str:
    global _NODE_VERSION  # noqa: PLW0603 - one subprocess per process is plenty
    if _NODE_VERSION is None:
        result = subprocess.run([_executable("node"), "--version"], capture_output=True, text=True, check=True)
        _NODE_VERSION = result.stdout.strip().lstrip("v")
    return _NODE_VERSION


def _tail(path: Path, lines: int = 20) -> str:
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""
    return "\n".join(text.splitlines()[-lines:])


@contextlib.contextmanager
def _file_lock(path: Path) -> Iterator[None]:
    """Two test runs (or a test run and a demo) installing at once would trample each other's npm tree."""
    with path.open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)

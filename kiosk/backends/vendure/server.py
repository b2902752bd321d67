"""Installs, seeds, starts and stops the local Vendure server (tests, `kiosk demo --backend vendure`).

The server project lives in the repository's `vendure/` folder. It is installed into a per-user cache
folder named after a hash of that project, so an unchanged project is installed (npm ci, the KioskPlugin
compiled with tsc) and seeded once, and every later start takes a few seconds.

The database is PostgreSQL in a private cluster (kiosk.backends.vendure.postgres). The seed fills the
database `kiosk_template` once and the stopped cluster is kept in the install folder, pristine. A
non-persistent start (tests) copies that cluster into a temporary folder, starts it, and creates its own
database from the template (`CREATE DATABASE ... TEMPLATE`: a file copy), so every run sees the same sample
data; stop() stops and deletes it. The demo (`persist=True`) keeps its own cluster across restarts.

A start runs two Node processes, as in production: the Vendure server (HTTP APIs) and Vendure's worker
(the job queue in the database), each in its own process group and each following its launcher.

KIOSK_VENDURE_NEXT=<version> (kiosk.backends.vendure.versions) installs that Vendure instead of the pinned one,
into its own folder `next-<version>-<hash>`: the pinned install is never touched, and the repository's
package.json and lockfile stay as they are.
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
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any

import httpx
import platformdirs

from kiosk.backends.vendure.credentials import VendureCredentials
from kiosk.backends.vendure.postgres import (
    PostgresCluster,
    PostgresError,
    copy_cluster,
    temp_cluster_dir,
)
from kiosk.backends.vendure.versions import VendureVersionError, npm_view, requested_version, retarget

_log = logging.getLogger(__name__)

HOST = "127.0.0.1"  # the only interface the server ever listens on
PROJECT_FILES = (
    "package.json",
    "package-lock.json",
    "vendure-config.js",
    "server.js",
    "worker.js",
    "lifecycle.js",
    "seed.js",
    "kiosk-data.json",
    "kiosk-plugin/package.json",
    "kiosk-plugin/tsconfig.json",
)
PLUGIN_SOURCES = "kiosk-plugin/src"  # every *.ts in it is part of the project too
SEEDED_CLUSTER = "pgdata-seeded"  # the stopped cluster holding TEMPLATE_DB
TEMPLATE_DB = "kiosk_template"
RUN_DB = "kiosk_run"
DEMO_DB = "kiosk_demo"
DEMO_CLUSTER = "pgdata-demo"
WORKER_LOG_FILE = "worker.log"
WORKER_READY = "kiosk-vendure worker running"
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


def project_hash(project_dir: Path, node_version: str, vendure_version: str | None = None) -> str:
    """Changes whenever the server project, Node's major version or the Vendure on trial changes.

    A stale install is never used. The pinned Vendure adds nothing to the digest, so its hash is what it
    was before trial versions existed.
    """
    digest = hashlib.sha256(f"node {node_version.split('.', maxsplit=1)[0]}\n".encode())
    if vendure_version is not None:
        digest.update(f"vendure {vendure_version}\n".encode())
    for name in project_files(project_dir):
        digest.update(name.encode() + b"\0" + (project_dir / name).read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def project_files(project_dir: Path) -> list[str]:
    """The files an install is made from, relative to the project folder: PROJECT_FILES and the plugin's sources."""
    names = [name for name in PROJECT_FILES if (project_dir / name).exists()]
    sources = sorted((project_dir / PLUGIN_SOURCES).glob("*.ts"))
    return names + [str(path.relative_to(project_dir)) for path in sources]


def vendure_version_from_env() -> str | None:
    """KIOSK_VENDURE_NEXT's version (None: the pinned one); a malformed value is a VendureServerError."""
    try:
        return requested_version()
    except VendureVersionError as exc:
        raise VendureServerError(str(exc)) from None


def install_folder_name(project_dir: Path, node_version: str, vendure_version: str | None) -> str:
    """`<hash>` for the pinned Vendure, `next-<version>-<hash>` for one on trial: never the same folder."""
    digest = project_hash(project_dir, node_version, vendure_version)
    return digest if vendure_version is None else f"next-{vendure_version}-{digest}"


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
    """One local Vendure server + worker on 127.0.0.1:<port>, on its own PostgreSQL cluster.

    `persist=False` (tests): a throw-away copy of the seeded cluster in a temporary folder, with its own
    database created from the template; nothing a test does survives. `persist=True` (demo): a cluster kept
    in the install folder (as root: under /var/lib/kiosk-vendure, which the cluster's user can reach),
    created from the seeded one once and kept across restarts.
    """

    project_dir: Path = field(default_factory=default_project_dir)
    cache_root: Path = field(default_factory=default_cache_root)
    port: int | None = None
    persist: bool = False
    startup_timeout_s: float = 90.0
    install_timeout_s: float = 900.0
    report: Callable[[str], None] = field(default=lambda message: _log.info("%s", message))
    extra_env: Mapping[str, str] = field(default_factory=dict)
    # None: the release vendure/package.json pins; a version: that Vendure on trial (see the module doc)
    vendure_version: str | None = field(default_factory=vendure_version_from_env)
    _process: subprocess.Popen[bytes] | None = field(default=None, init=False, repr=False)
    _worker: subprocess.Popen[bytes] | None = field(default=None, init=False, repr=False)
    _cluster: PostgresCluster | None = field(default=None, init=False, repr=False)
    _temp_dir: Path | None = field(default=None, init=False, repr=False)
    _install_dir: Path | None = field(default=None, init=False, repr=False)
    database: str | None = field(default=None, init=False)
    timings: InstallTimings | None = field(default=None, init=False)
    start_s: float | None = field(default=None, init=False)

    # --- locations -------------------------------------------------------------------------------------
    @property
    def install_dir(self) -> Path:
        if self._install_dir is None:
            self._install_dir = self.cache_root / install_folder_name(
                self.project_dir, _node_version(), self.vendure_version
            )
        return self._install_dir

    @property
    def log_path(self) -> Path:
        return self.install_dir / LOG_FILE

    @property
    def worker_log_path(self) -> Path:
        return self.install_dir / WORKER_LOG_FILE

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

    @property
    def worker_pid(self) -> int | None:
        return self._worker.pid if self._worker else None

    @property
    def cluster(self) -> PostgresCluster:
        if self._cluster is None:
            raise VendureServerError("The Vendure server has no database until start() is called")
        return self._cluster

    @property
    def cluster_dir(self) -> Path | None:
        """The throw-away cluster's folder while a non-persistent server runs (removed by stop())."""
        return self._temp_dir

    def is_running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def psql(self, sql: str) -> str:
        """Runs SQL in this server's database as the cluster's superuser (tests, benches, seeding)."""
        if self.database is None:
            raise VendureServerError("The Vendure server has no database until start() is called")
        return self.cluster.psql(sql, self.database)

    def vendure_env(self) -> dict[str, str]:
        """What another Vendure process (a second server, the bench's seeder) needs to use this database."""
        if self.database is None:
            raise VendureServerError("The Vendure server has no database until start() is called")
        secrets = self._credentials_data()["superadmin"]
        return {
            **self.cluster.vendure_env(self.database),
            "KIOSK_VENDURE_SYNCHRONIZE": "0",
            "KIOSK_VENDURE_SUPERADMIN_USER": secrets["username"],
            "KIOSK_VENDURE_SUPERADMIN_PASSWORD": secrets["password"],
            "KIOSK_VENDURE_PARENT_PID": str(os.getpid()),
            **self.extra_env,
        }

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
        """npm ci + tsc + seed into the cache folder once per project hash; later calls return at once."""
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
        for name in project_files(self.project_dir):
            (staging / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(self.project_dir / name, staging / name)
        npm = _executable("npm")
        trial = self._retarget(staging, npm) if self.vendure_version is not None else None
        self.report(f"Installing Vendure into {target} (npm, about a minute the first time)")
        started = time.monotonic()
        command = [npm, "ci" if (staging / "package-lock.json").exists() else "install"]
        # No install scripts: nothing in this tree needs one (bcrypt ships prebuilt binaries, pg is plain
        # JavaScript), and skipping them keeps the install fast and free of surprises.
        command += ["--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"]
        self._run(command, staging, "npm install", {})
        # The KioskPlugin is TypeScript: compiled here, with the TypeScript the lockfile pins.
        self._run([_executable("node"), "node_modules/typescript/bin/tsc", "-p", "kiosk-plugin"], staging, "tsc", {})
        npm_s = time.monotonic() - started
        self.report(f"Seeding the sample shop into PostgreSQL ({npm_s:.0f} s for npm and tsc)")
        started = time.monotonic()
        self._seed(staging)
        seed_s = time.monotonic() - started
        self.timings = InstallTimings(npm_install_s=round(npm_s, 1), seed_s=round(seed_s, 1))
        marker: dict[str, Any] = {"npm_install_s": self.timings.npm_install_s, "seed_s": self.timings.seed_s}
        if trial is not None:
            marker["trial"] = trial
        (staging / READY_MARKER).write_text(json.dumps(marker), encoding="utf-8")
        staging.rename(target)
        self.report(f"Vendure installed and seeded ({npm_s:.0f} s npm, {seed_s:.0f} s seed)")

    def _retarget(self, staging: Path, npm: str) -> dict[str, Any]:
        """Moves the staged package.json to the Vendure on trial and drops the pinned lockfile.

        npm then resolves the trial's tree afresh (`npm install`) and writes its lockfile into the install
        folder only. What could not move is reported and returned for the install marker.
        """
        assert self.vendure_version is not None
        package_path = staging / "package.json"
        lock_path = staging / "package-lock.json"
        try:
            moved = retarget(
                json.loads(package_path.read_text(encoding="utf-8")),
                json.loads(lock_path.read_text(encoding="utf-8")) if lock_path.exists() else {},
                self.vendure_version,
                npm_view(npm, _child_env({})),
            )
        except VendureVersionError as exc:
            raise VendureServerError(str(exc)) from None
        package_path.write_text(json.dumps(moved.package_json, indent=2) + "\n", encoding="utf-8")
        lock_path.unlink(missing_ok=True)
        self.report(moved.summary())
        return {
            "version": moved.version,
            "moved": list(moved.moved),
            "kept": dict(moved.kept),
            "overrides": dict(moved.overrides),
        }

    def installed_packages(self) -> dict[str, str]:
        """The `@vendure/*` packages the install really holds and their versions (what a trial ran on)."""
        found = {}
        for manifest in sorted((self.install_dir / "node_modules" / "@vendure").glob("*/package.json")):
            found[f"@vendure/{manifest.parent.name}"] = str(json.loads(manifest.read_text(encoding="utf-8"))["version"])
        return found

    def _seed(self, staging: Path) -> None:
        """initdb a cluster in a temporary folder, seed TEMPLATE_DB, stop, keep the stopped cluster."""
        folder = temp_cluster_dir()
        try:
            cluster = PostgresCluster(folder / "data", port=free_port(), fast=True)
            cluster.init()
            cluster.start()
            try:
                cluster.create_database(TEMPLATE_DB)
                env = {
                    **cluster.vendure_env(TEMPLATE_DB),
                    "KIOSK_VENDURE_PORT": str(free_port()),
                    "KIOSK_VENDURE_CREDENTIALS": str(staging / CREDENTIALS_FILE),
                    "KIOSK_VENDURE_SYNCHRONIZE": "1",
                }
                self._run([_executable("node"), "seed.js"], staging, "seed", env)
                # Collected statistics travel with the template: the first queries of every run are planned well.
                cluster.psql("VACUUM ANALYZE", TEMPLATE_DB)
            finally:
                cluster.stop("fast")
            subprocess.run(["cp", "-a", str(cluster.data_dir), str(staging / SEEDED_CLUSTER)], check=True)
        except PostgresError as exc:
            raise VendureServerError(f"seeding PostgreSQL failed: {exc}") from None
        finally:
            shutil.rmtree(folder, ignore_errors=True)

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
        started = time.monotonic()
        try:
            self._start_database(target)
            self._start_node()
        except PostgresError as exc:
            self.stop()
            raise VendureServerError(f"PostgreSQL did not start: {exc}") from None
        except BaseException:
            self.stop()
            raise
        self.start_s = round(time.monotonic() - started, 1)
        self.report(f"Vendure is up at {self.base_url} in {self.start_s:.1f} s (log: {self.log_path})")
        if self.vendure_version is not None:
            running = ", ".join(f"{name} {version}" for name, version in self.installed_packages().items())
            self.report(f"Vendure on trial (KIOSK_VENDURE_NEXT={self.vendure_version}): {running}")
        return self

    def _start_database(self, target: Path) -> None:
        if self.persist:
            data = _demo_cluster_dir(target)
            if not data.exists():
                data.parent.mkdir(parents=True, exist_ok=True)
                subprocess.run(["cp", "-a", str(target / SEEDED_CLUSTER), str(data)], check=True)
            self._temp_dir = None
            cluster = PostgresCluster(data, port=free_port(), socket_dir=Path(tempfile.mkdtemp(prefix="kpg-s-")))
            cluster.run_as.own(data.parent)
            self._cluster = cluster
            cluster.start()
            if not cluster.psql(f"SELECT 1 FROM pg_database WHERE datname = '{DEMO_DB}'").strip():
                cluster.create_database(DEMO_DB, template=TEMPLATE_DB)
            self.database = DEMO_DB
            return
        folder = self._temp_dir = temp_cluster_dir()
        data = copy_cluster(target / SEEDED_CLUSTER, folder)
        cluster = PostgresCluster(data, port=free_port(), fast=True)
        cluster.run_as.own(folder)
        self._cluster = cluster
        cluster.start()
        cluster.create_database(RUN_DB, template=TEMPLATE_DB)
        self.database = RUN_DB

    def _start_node(self) -> None:
        env = {**self.vendure_env(), "KIOSK_VENDURE_PORT": str(self.port)}
        with self.log_path.open("ab") as log:
            log.write(f"\n--- start on {HOST}:{self.port} ({self.database}) ---\n".encode())
            log.flush()
            self._process = self._spawn("server.js", env, log)
        with self.worker_log_path.open("ab") as log:
            log.write(f"\n--- worker ({self.database}) ---\n".encode())
            log.flush()
            offset = self.worker_log_path.stat().st_size
            self._worker = self._spawn("worker.js", env, log)
        self._wait_until_ready()
        self._wait_for_worker(offset)

    def _spawn(self, script: str, env: Mapping[str, str], log: Any) -> subprocess.Popen[bytes]:
        return subprocess.Popen(
            [_executable("node"), script],
            cwd=self.install_dir,
            env=_child_env(env),
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,  # its own process group, so stop() reaches every child
        )

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

    def _wait_for_worker(self, offset: int) -> None:
        deadline = time.monotonic() + self.startup_timeout_s
        while time.monotonic() < deadline:
            if self._worker is None or self._worker.poll() is not None:
                code = self._worker.returncode if self._worker else None
                raise VendureServerError(
                    f"The Vendure worker exited with code {code} while starting; see {self.worker_log_path}\n"
                    f"{_tail(self.worker_log_path)}"
                )
            with self.worker_log_path.open("rb") as log:
                log.seek(offset)
                if WORKER_READY.encode() in log.read():
                    return
            time.sleep(0.2)
        raise VendureServerError(
            f"The Vendure worker did not start within {self.startup_timeout_s:g} s; see {self.worker_log_path}"
        )

    def stop(self) -> None:
        """SIGTERM to server and worker (SIGKILL after 10 s), then the cluster; a throw-away one is deleted."""
        for attr in ("_process", "_worker"):
            process = getattr(self, attr)
            setattr(self, attr, None)
            if process is not None:
                stop_process_group(process.pid, wait=process.wait)
        cluster, self._cluster = self._cluster, None
        if cluster is not None:
            cluster.stop("fast" if self.persist else "immediate")
            if self.persist:
                shutil.rmtree(cluster.socket_dir, ignore_errors=True)
        if self._temp_dir is not None:
            shutil.rmtree(self._temp_dir, ignore_errors=True)
            self._temp_dir = None
        self.database = None

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


def _demo_cluster_dir(install_dir: Path) -> Path:
    """The demo's lasting cluster: in the install folder, or under /var/lib when root (see the class doc)."""
    if os.geteuid() == 0:
        return Path("/var/lib/kiosk-vendure") / install_dir.name / DEMO_CLUSTER
    return install_dir / DEMO_CLUSTER


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


MIN_NODE_MAJOR = 20  # what Vendure 3.7 and 3.8 support


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

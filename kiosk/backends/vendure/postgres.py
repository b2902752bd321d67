"""A private PostgreSQL cluster for the local Vendure server: created with initdb, run with pg_ctl.

Why PostgreSQL and not sql.js: it is what a retailer runs Vendure on, and the KioskPlugin's change journal
relies on it (triggers, transaction ids; see docs/deploy-vendure.md). The tests and the demo run their own
cluster from Debian's `postgresql` package: no system service, no port shared with anything else.

- The cluster listens on a unix socket only (`listen_addresses=''`), in a 0700 folder owned by the user
  the cluster runs as: nobody else on the machine can connect, and nothing listens on the network at all.
- Server time zone UTC (`timezone=UTC`, `log_timezone=UTC`), so every session, Vendure's included, reads
  and writes timestamps in UTC whatever the machine's zone.
- initdb refuses to run as root, so as root the cluster runs as an unprivileged user (`nobody`), and its
  folders live under the temp folder or /var/lib, which that user can reach (root's home cannot).
- Throw-away clusters (tests) trade durability for speed: fsync, full-page writes and synchronous commit
  are off. The demo's persistent cluster keeps PostgreSQL's defaults.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

SUPERUSER = "postgres"  # the cluster's bootstrap role (initdb -U)
ROOT_RUN_AS = "nobody"  # who runs the cluster when this process is root
TEMP_PREFIX = "kiosk-pg-"  # throw-away cluster folders: kiosk-pg-<owner pid>-<random>
_FAST = ("-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off")


class PostgresError(RuntimeError):
    """initdb, pg_ctl or psql failed, or PostgreSQL is not installed; the message says which and why."""


def find_bindir(search: Sequence[str] = ("/usr/lib/postgresql",)) -> Path:
    """The newest PostgreSQL server binaries: Debian keeps them in /usr/lib/postgresql/<major>/bin, off PATH."""
    candidates: list[tuple[int, Path]] = []
    for root in search:
        for bindir in Path(root).glob("*/bin"):
            major = bindir.parent.name
            if major.isdigit() and (bindir / "initdb").exists() and (bindir / "pg_ctl").exists():
                candidates.append((int(major), bindir))
    if candidates:
        return max(candidates)[1]
    on_path = shutil.which("pg_ctl")
    if on_path and shutil.which("initdb"):
        return Path(on_path).parent
    raise PostgresError(
        "PostgreSQL is not installed (no initdb/pg_ctl under /usr/lib/postgresql/*/bin or on PATH); "
        "the Vendure server needs it: apt install postgresql (make test installs it)"
    )


@dataclass(frozen=True, slots=True)
class RunAs:
    """The unprivileged account a root process runs the cluster as; None fields mean "this process"."""

    uid: int | None = None
    gid: int | None = None

    @classmethod
    def for_this_process(cls) -> RunAs:
        if os.geteuid() != 0:
            return cls()
        try:
            entry = pwd.getpwnam(ROOT_RUN_AS)
        except KeyError:
            raise PostgresError(
                f"running as root, PostgreSQL needs an unprivileged user; '{ROOT_RUN_AS}' is missing"
            ) from None
        return cls(entry.pw_uid, entry.pw_gid)

    def own(self, *paths: Path) -> None:
        """Hands folders (recursively) to the cluster's user; nothing to do when it is this process."""
        if self.uid is None or self.gid is None:
            return
        for top in paths:
            os.chown(top, self.uid, self.gid)
            for folder, dirs, files in os.walk(top):
                for name in (*dirs, *files):
                    os.chown(os.path.join(folder, name), self.uid, self.gid, follow_symlinks=False)


def default_temp_root() -> Path:
    return Path(tempfile.gettempdir())


class PostgresCluster:
    """One cluster: a data folder and the socket folder it listens in; start(), psql(), stop()."""

    def __init__(self, data_dir: Path, *, port: int = 5432, socket_dir: Path | None = None, fast: bool = False) -> None:
        self.data_dir = data_dir
        self.port = port
        self.socket_dir = socket_dir or data_dir.parent / "socket"
        self.fast = fast
        self.bindir = find_bindir()
        self.run_as = RunAs.for_this_process()
        self.log_path = data_dir.parent / "postgres.log"

    # --- creation ---------------------------------------------------------------------------------------
    def init(self) -> None:
        """initdb: UTF-8, C collation (the same sort order everywhere), trust on the private socket only."""
        self.data_dir.parent.mkdir(parents=True, exist_ok=True)
        self.data_dir.mkdir(mode=0o700, exist_ok=False)
        self.run_as.own(self.data_dir.parent)
        self._run(
            [str(self.bindir / "initdb"), "-D", str(self.data_dir), "-U", SUPERUSER, "-E", "UTF8", "--locale=C",
             "--auth=trust", "--no-instructions"],
            "initdb",
        )  # fmt: skip

    # --- running ----------------------------------------------------------------------------------------
    def start(self, timeout_s: float = 60.0) -> None:
        self.socket_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        self.run_as.own(self.socket_dir)
        options = [
            "-c", "listen_addresses=", "-c", f"unix_socket_directories={self.socket_dir}", "-p", str(self.port),
            "-c", "timezone=UTC", "-c", "log_timezone=UTC", "-c", "max_connections=200",
            *(_FAST if self.fast else ()),
        ]  # fmt: skip
        self._run(
            [str(self.bindir / "pg_ctl"), "start", "-D", str(self.data_dir), "-w", "-t", str(int(timeout_s)),
             "-l", str(self.log_path), "-o", " ".join(options)],
            "pg_ctl start",
        )  # fmt: skip

    def stop(self, mode: str = "fast") -> None:
        """pg_ctl stop; `immediate` for a throw-away cluster (no checkpoint: it is deleted next)."""
        if not (self.data_dir / "postmaster.pid").exists():
            return
        with contextlib.suppress(PostgresError):
            self._run([str(self.bindir / "pg_ctl"), "stop", "-D", str(self.data_dir), "-m", mode, "-w"], "pg_ctl stop")

    def is_running(self) -> bool:
        result = subprocess.run(
            [str(self.bindir / "pg_ctl"), "status", "-D", str(self.data_dir)],
            capture_output=True,
            check=False,
            user=self.run_as.uid,
            group=self.run_as.gid,
        )
        return result.returncode == 0

    def psql(self, sql: str, database: str = "postgres") -> str:
        """Runs SQL as the superuser over the socket; the output as unaligned tuples ("a|b" lines)."""
        return self._run(
            [str(self.bindir / "psql"), "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-h", str(self.socket_dir),
             "-p", str(self.port), "-U", SUPERUSER, "-d", database, "-c", sql],
            "psql",
        )  # fmt: skip

    def create_database(self, name: str, template: str | None = None) -> None:
        """CREATE DATABASE, copied from a template when given: a file copy, well under a second."""
        suffix = f' TEMPLATE "{template}"' if template else ""
        self.psql(f'CREATE DATABASE "{name}"{suffix}')

    def vendure_env(self, database: str) -> dict[str, str]:
        """How vendure-config.js reaches this cluster."""
        return {
            "KIOSK_VENDURE_DB_HOST": str(self.socket_dir),
            "KIOSK_VENDURE_DB_PORT": str(self.port),
            "KIOSK_VENDURE_DB_NAME": database,
            "KIOSK_VENDURE_DB_USER": SUPERUSER,
        }

    def _run(self, command: list[str], what: str) -> str:
        env = {**os.environ, "TZ": "UTC", "LC_ALL": "C.UTF-8", "PGTZ": "UTC"}
        result = subprocess.run(
            command,
            capture_output=True,
            text=True,
            check=False,
            cwd=self.data_dir.parent if self.data_dir.parent.exists() else None,
            env=env,
            timeout=300,
            user=self.run_as.uid,
            group=self.run_as.gid,
        )
        if result.returncode != 0:
            log = ""
            if self.log_path.exists():
                log = "\n".join(self.log_path.read_text(errors="replace").splitlines()[-10:])
            raise PostgresError(f"{what} failed ({result.returncode}): {result.stderr.strip()}\n{log}".rstrip())
        return result.stdout


def temp_cluster_dir(root: Path | None = None) -> Path:
    """A new folder for a throw-away cluster, named after this process so a later run can clean it up."""
    base = root or default_temp_root()
    _remove_stale(base)
    return Path(tempfile.mkdtemp(prefix=f"{TEMP_PREFIX}{os.getpid()}-", dir=base))


def copy_cluster(source: Path, target_dir: Path) -> Path:
    """Copies a stopped cluster's data folder into target_dir/data (cp -a: fast, keeps modes)."""
    data = target_dir / "data"
    subprocess.run(["cp", "-a", str(source), str(data)], check=True)
    for leftover in ("postmaster.pid", "postmaster.opts"):
        (data / leftover).unlink(missing_ok=True)
    return data


def _remove_stale(base: Path) -> None:
    """Throw-away clusters whose owner died without stopping them (SIGKILL, CI timeout): stop and delete."""
    for folder in base.glob(f"{TEMP_PREFIX}*-*"):
        owner = folder.name[len(TEMP_PREFIX) :].split("-", 1)[0]
        if not owner.isdigit() or _alive(int(owner)):
            continue
        data = folder / "data"
        if (data / "postmaster.pid").exists():
            with contextlib.suppress(PostgresError, OSError):
                PostgresCluster(data).stop("immediate")
        shutil.rmtree(folder, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True

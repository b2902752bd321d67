"""`kiosk update PACKAGE`: stage a new release beside the running one, switch when the kiosk is idle, keep the
previous release, and roll back by itself if the new one is not up (READY and a heartbeat) within 60 s.

Exit codes: 0 switched and up (or already current); 1 rolled back; 2 the package cannot be used; 3 staged but
not switched because the kiosk stayed busy (the update timer tries again). Runs as root from
kiosk-update.service; `--restart-cmd` replaces `systemctl restart kiosk.service` (tests, other inits).
"""

from __future__ import annotations

import argparse
import shlex
import subprocess
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from kiosk.commands._common import config_from_args
from kiosk.core.updates import Verdict, is_up, may_switch
from kiosk.releases import ReleaseError, Releases
from kiosk.storage.heartbeat_file import HeartbeatFile

DEFAULT_RESTART = "systemctl restart kiosk.service"


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("update", help="install a new kiosk release when idle, with rollback")
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("package", nargs="?", type=Path, help="a .deb from `make package` (or a bundle folder)")
    source.add_argument("--from-dir", type=Path, help="install the newest .deb dropped in this folder")
    parser.add_argument("--config", type=Path)
    parser.add_argument("--root", type=Path, default=Path("/opt/kiosk"), help="where releases/ and current are")
    parser.add_argument("--wait-idle", type=float, default=0.0, metavar="SECONDS",
                        help="wait this long for the kiosk to be idle (default: try once)")  # fmt: skip
    parser.add_argument("--health-timeout", type=float, default=60.0, metavar="SECONDS")
    parser.add_argument("--restart-cmd", default=DEFAULT_RESTART, help="how to restart the kiosk")
    parser.add_argument("--force", action="store_true", help="try a release that failed before")
    parser.set_defaults(func=_update)


def _update(args: argparse.Namespace) -> int:
    config = config_from_args(args)
    releases = Releases(args.root)
    package: Path | None = args.package
    if args.from_dir is not None:
        candidates = sorted(args.from_dir.glob("*.deb"), key=lambda p: p.stat().st_mtime)
        if not candidates:
            print(f"kiosk update: no package in {args.from_dir}")
            return 0
        package = candidates[-1]
    assert package is not None
    try:
        version = releases.stage(package)
    except ReleaseError as exc:
        print(f"kiosk update: {exc}")
        _set_aside(package, args.from_dir, "failed")
        return 2
    current = releases.version_of("current")
    if version == current:
        print(f"kiosk update: {version} is already running")
        _set_aside(package, args.from_dir, "installed")
        return 0
    if releases.failed(version) and not args.force:
        print(f"kiosk update: {version} failed before and was rolled back; --force to try it again")
        _set_aside(package, args.from_dir, "failed")
        return 1
    print(f"staged    {version} in {releases.path(version)} (running: {current or 'none'})")
    updater = Updater(config.data_dir, args.restart_cmd, poll_s=0.5)
    verdict = updater.wait_for_idle(args.wait_idle)
    if not verdict.ok:
        print(f"waiting   not switched: {verdict.reason} (run again later; the timer does)")
        return 3
    print(f"switching {verdict.reason}")
    switched_at = datetime.now(UTC)
    previous = releases.switch(version)
    updater.restart()
    up = updater.wait_until_up(version, switched_at, args.health_timeout)
    if up.ok:
        removed = releases.prune()
        pruned = f", removed {', '.join(removed)}" if removed else ""
        print(f"updated   {up.reason}; previous {previous or 'none'} kept{pruned}")
        _set_aside(package, args.from_dir, "installed")
        return 0
    reason = f"not up within {args.health_timeout:g} s: {up.reason}"
    releases.mark_failed(version, reason)
    print(f"failed    {version} {reason}")
    if previous is None:
        print("rollback  impossible: there was no previous release")
        return 1
    back_at = datetime.now(UTC)
    releases.switch(previous)
    updater.restart()
    again = updater.wait_until_up(previous, back_at, args.health_timeout)
    print(f"rollback  to {previous}: {again.reason}")
    _set_aside(package, args.from_dir, "failed")
    return 1


def _set_aside(package: Path, from_dir: Path | None, outcome: str) -> None:
    """A package taken from the drop folder moves to installed/ or failed/, so the timer does not retry it."""
    if from_dir is None or not package.exists():
        return
    target = from_dir / outcome
    target.mkdir(exist_ok=True)
    package.rename(target / package.name)


class Updater:
    """Reads the running kiosk's heartbeat state and restarts it; the waiting is polling a small file."""

    def __init__(
        self, data_dir: Path, restart_cmd: str, *, poll_s: float = 0.5, now: Callable[[], datetime] | None = None
    ) -> None:
        self._state = HeartbeatFile(data_dir)
        self._restart_cmd = restart_cmd
        self._poll_s = poll_s
        self._now = now or (lambda: datetime.now(UTC))

    def restart(self) -> None:
        if self._restart_cmd == DEFAULT_RESTART:
            # a release that crash-looped into the start limit must be allowed to start again
            subprocess.run(["systemctl", "reset-failed", "kiosk.service"], check=False, capture_output=True)
        result = subprocess.run(shlex.split(self._restart_cmd), check=False, capture_output=True, text=True)
        if result.returncode != 0:  # the health check that follows decides; say what the restart said
            print(f"restart   `{self._restart_cmd}` exited {result.returncode}: {result.stderr.strip()[:200]}")

    def wait_for_idle(self, timeout_s: float) -> Verdict:
        deadline = time.monotonic() + timeout_s
        while True:
            verdict = may_switch(self._state.read(), self._now())
            if verdict.ok or time.monotonic() >= deadline:
                return verdict
            time.sleep(self._poll_s)

    def wait_until_up(self, version: str, since: datetime, timeout_s: float) -> Verdict:
        deadline = time.monotonic() + timeout_s
        while True:
            verdict = is_up(self._state.read(), version, since)
            if verdict.ok or time.monotonic() >= deadline:
                return verdict
            time.sleep(self._poll_s)

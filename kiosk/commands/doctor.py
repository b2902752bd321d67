"""`kiosk doctor`: what a technician checks first, on one screen: config, disk, caches, backend, clock, devices.

Every line is one check; a failed check is followed by `  fix: ...`, what to do about it. The exit code is 1
when anything failed, so the package's post-install step and a monitoring script can act on it. Run it with
the kiosk stopped (`systemctl stop kiosk`): opening the scanner's port while the kiosk reads it would take
scans from the kiosk.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from kiosk.commands._common import config_from_args
from kiosk.config import Config

MIN_FREE_MB = 500.0  # a full catalog sync writes its side file next to catalog.db (~300 MB at 1M SKUs)
MAX_SKEW_S = 60.0  # order times, "as of" prices and the heartbeat's ages all trust the kiosk's clock


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("doctor", help="check the kiosk's config, disk, caches, backend, clock and devices")
    parser.add_argument("--config", type=Path)
    parser.add_argument("--skip-devices", action="store_true", help="do not open the scanner, NFC or printer ports")
    parser.add_argument(
        "--wait-scan", type=float, default=0.0, metavar="SECONDS", help="wait this long for a test scan on the scanner"
    )
    parser.set_defaults(func=_doctor)


@dataclass
class Report:
    problems: int = 0

    def line(self, label: str, text: str) -> None:
        print(f"{label:<15} {text}")

    def fail(self, label: str, text: str, fix: str) -> None:
        self.problems += 1
        self.line(label, text)
        print(f"  fix: {fix}")


def _doctor(args: argparse.Namespace) -> int:
    config = config_from_args(args)  # a config mistake exits 2 here, naming the file and the key
    report = Report()
    report.line("config", f"{config.source or 'built-in defaults (demo)'}: read, every key known")
    report.line("data folder", str(config.data_dir))
    _check_disk(config, report)
    _check_caches(config, report)
    _check_backend(config, report)
    if args.skip_devices:
        report.line("devices", "not checked (--skip-devices)")
    else:
        _check_devices(config, report, args.wait_scan)
        speech_check(config, report)  # the headset's voice (issue 17)
    print(f"{'result':<15} {'OK' if not report.problems else f'{report.problems} problem(s)'}")
    return 1 if report.problems else 0


def _check_disk(config: Config, report: Report) -> None:
    from kiosk import host

    free = host.disk_free_mb(config.data_dir)
    if free < MIN_FREE_MB:
        report.fail(
            "disk", f"{free:,.0f} MB free for {config.data_dir} (needs {MIN_FREE_MB:,.0f} MB)",
            "free space there (logs: journalctl --vacuum-size=200M; releases older than the previous: /opt/kiosk)",
        )  # fmt: skip
    else:
        report.line("disk", f"{free:,.0f} MB free")


def _check_caches(config: Config, report: Report) -> None:
    from kiosk.storage.integrity import quick_check

    for name, fix in (
        ("catalog.db", "stop the kiosk, delete catalog.db* in the data folder, run `kiosk sync` (a rebuildable cache)"),
        ("kiosk.db", "stop the kiosk and keep a copy of kiosk.db* for support: it holds orders not yet delivered"),
        ("events.db", "stop the kiosk and delete events.db* (measurement events only)"),
    ):  # fmt: skip
        path = config.data_dir / name
        if not path.exists():
            report.line(name, "not created yet")
            continue
        problems = quick_check(path)
        if problems:
            report.fail(name, f"DAMAGED: {'; '.join(problems[:3])}", fix)
        else:
            report.line(name, "quick_check ok")


def _check_backend(config: Config, report: Report) -> None:
    from kiosk.app import Services, make_fleet
    from kiosk.core.errors import BackendError, BackendUnavailableError
    from kiosk.core.ports import ServerPluginCheck
    from kiosk.core.services.reachability import Reachability

    try:
        services = Services.build(config)
    except Exception as exc:  # a damaged cache or a refused credentials file: say it, check the rest
        report.fail("kiosk", f"cannot start: {exc}", "fix what the lines above name, then run kiosk doctor again")
        return
    clock = services.clock
    try:
        report.line("backend", config.backend.kind)
        # The same judgement as the kiosk's sender: only an answer from the backend itself means online,
        # however "up" the network interface looks.
        reach = Reachability()
        refused = ""
        try:
            services.backend.ping()
            reach.reached(clock.now())
        except BackendUnavailableError as exc:
            reach.unreachable(clock.now(), str(exc))
        except BackendError as exc:
            reach.reached(clock.now())  # it answered, so it is reachable; the refusal is its own problem
            refused = str(exc)
        snap = reach.snapshot()
        probed = f"probed {_when(snap.checked_at)}"
        if not snap.online:
            report.fail(
                "backend reach", f"OFFLINE ({probed}: {snap.last_error})",
                "check the network and [backend] admin_url; the kiosk keeps selling from its cache meanwhile",
            )  # fmt: skip
        elif refused:
            report.fail(
                "backend reach", f"online but REFUSING ({probed}: {refused})",
                "check the kiosk's credentials file and its role on the backend (docs/vendure.md)",
            )  # fmt: skip
        else:
            report.line("backend reach", f"online ({probed})")
            _check_clock(lambda: make_fleet(config, services.backend).server_time(), clock.now, report)
            if isinstance(services.backend, ServerPluginCheck):
                try:
                    report.line("server plugin", services.backend.check_plugin())
                except BackendError as exc:
                    report.fail(
                        "server plugin", f"UNKNOWN ({exc})",
                        "upgrade the kiosk to one that knows the server's KioskPlugin (docs/deploy-vendure.md)",
                    )  # fmt: skip
        synced = services.store.last_synced_at()
        products = services.store.product_count()
        if products == 0:
            report.fail("catalog", "EMPTY: never synced", "run `kiosk sync` with the backend reachable")
        else:
            report.line("catalog", f"{products} products, last sync {synced or 'never'}")
        oldest = services.outbox.oldest_pending_at()
        age = f", oldest {_when(oldest)} ({_age((clock.now() - oldest).total_seconds())} ago)" if oldest else ""
        report.line("order queue", f"{services.outbox.pending_count()} waiting{age}")
        rejected = services.outbox.rejected()
        report.line("rejected orders", str(len(rejected)))
        for entry in rejected:
            print(f"  {entry.order.number}  {entry.last_error}")
    finally:
        services.close()


def _check_clock(server_time: Callable[[], datetime], now: Callable[[], datetime], report: Report) -> None:
    from kiosk.core.errors import BackendError

    try:
        before = now()
        server = server_time()
        after = now()
    except BackendError as exc:
        report.fail("clock", f"cannot read the backend's clock: {exc}", "check the backend (see above)")
        return
    skew = (server - (before + (after - before) / 2)).total_seconds()
    if abs(skew) > MAX_SKEW_S:
        report.fail(
            "clock", f"{skew:+.0f} s off the backend's clock (at most {MAX_SKEW_S:.0f} s)",
            "enable time sync: timedatectl set-ntp true (systemd-timesyncd), then check timedatectl status",
        )  # fmt: skip
    else:
        report.line("clock", f"{skew:+.1f} s off the backend's clock")


def _check_devices(config: Config, report: Report, wait_scan_s: float) -> None:
    from kiosk.devices.port_check import PortCheckError, check_port

    udev_fix = "plug it in; check the cable, the udev rule (99-kiosk-devices.rules, docs/operations.md) and [{}] port"
    scanner = config.scanner
    if not scanner.port or scanner.port == "demo":
        report.line("scanner", "virtual demo scanner" if scanner.port else "none configured")
    else:
        try:
            data = check_port(scanner.port, scanner.baudrate, wait_s=max(0.2, wait_scan_s))
        except PortCheckError as exc:
            report.fail("scanner", f"FAILED: {exc}", udev_fix.format("scanner"))
        else:
            if wait_scan_s and not data:
                report.fail(
                    "scanner", f"{scanner.port} opens, but no scan arrived within {wait_scan_s:g} s",
                    "scan the set-up sheet for USB-CDC mode with a CR suffix (hardware/README.md)",
                )  # fmt: skip
            else:
                got = f", read a scan of {len(data.strip())} bytes" if data else ", reads"
                report.line("scanner", f"{scanner.port} opens{got}")
    nfc = config.nfc
    if not nfc.port:
        report.line("nfc", "none configured")
    else:
        try:
            check_port(nfc.port, nfc.baudrate)
        except PortCheckError as exc:
            report.fail("nfc", f"FAILED: {exc}", udev_fix.format("nfc"))
        else:
            report.line("nfc", f"{nfc.port} opens and reads ({nfc.kind})")
    _check_printer(config, report, udev_fix.format("printer"))


def _check_printer(config: Config, report: Report, port_fix: str) -> None:
    from kiosk.core.fleet import Paper
    from kiosk.devices.printer_status import PrinterStatusError, query_status

    printer = config.printer
    if not printer.port:
        report.line("printer", "none configured (no slips; the QR on screen still works)")
        return
    try:
        health = query_status(printer.port, printer.baudrate)
    except PrinterStatusError as exc:
        report.fail("printer", f"FAILED: {exc}", f"switch the printer on; {port_fix}; check [printer] baudrate")
        return
    if not health.online:
        report.fail("printer", f"{printer.port} answers but is OFFLINE", "close the cover and clear any error light")
    elif health.paper is Paper.OUT:
        report.fail("printer", f"{printer.port} online, PAPER OUT", "load a new paper roll")
    elif health.paper is Paper.LOW:
        report.line("printer", f"{printer.port} online, paper low (replace the roll soon)")
    else:
        report.line("printer", f"{printer.port} online, paper ok")


SPEECH_PROBE_TIMEOUT_S = 20.0  # speech-dispatcher's first start takes 1-3 s; a hung one never answers


def speech_check(config: Config, report: Report) -> bool:
    """Issue 17: can the kiosk speak (engine installed and working, a voice, an audio output)? One line.

    The probe runs in a child process (`python -m kiosk.ui.qt.speech_engine`): it needs a Qt application of
    its own, and a hung speech-dispatcher (seen when it had no audio device) must cost a timeout, not the
    doctor."""
    import json
    import subprocess
    import sys

    engine = config.accessibility.speech_engine
    try:
        done = subprocess.run(
            [sys.executable, "-m", "kiosk.ui.qt.speech_engine", engine],
            check=False, capture_output=True, text=True, timeout=SPEECH_PROBE_TIMEOUT_S,
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        )  # fmt: skip
        ok, found = json.loads(done.stdout.strip().splitlines()[-1]) if done.stdout.strip() else (False, done.stderr)
    except subprocess.TimeoutExpired:
        ok, found = False, f"the {engine} engine did not answer within {SPEECH_PROBE_TIMEOUT_S:.0f} s"
    if ok:
        report.line("speech", f"ok: {found}")
    else:
        report.fail(
            "speech", f"UNAVAILABLE: {found}",
            "apt install speech-dispatcher espeak-ng, plug in the headset; routing: docs/accessibility.md",
        )  # fmt: skip
    return bool(ok)


def _when(moment: datetime | None) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S UTC") if moment else "-"


def _age(seconds: float) -> str:
    """Rough, for a person: 45 s, 12 min, 3 h 5 min, 2 d 4 h."""
    seconds = max(0, int(seconds))
    if seconds < 60:
        return f"{seconds} s"
    minutes = seconds // 60
    if minutes < 60:
        return f"{minutes} min"
    hours, minutes = divmod(minutes, 60)
    if hours < 24:
        return f"{hours} h {minutes} min"
    days, hours = divmod(hours, 24)
    return f"{days} d {hours} h"

"""`kiosk vendure start|stop|status`: the local Vendure server for development and demos."""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from types import FrameType

import httpx

from kiosk.backends.vendure.server import (
    PID_FILE,
    VendureServer,
    VendureServerError,
    read_pid_file,
    stop_process_group,
)


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("vendure", help="run the local Vendure server (installs it on first use)")
    actions = parser.add_subparsers(dest="vendure_command", metavar="ACTION", required=True)
    start = actions.add_parser("start", help="install if needed, start on 127.0.0.1 and wait for Ctrl+C")
    start.add_argument("--port", type=int, default=3000, help="port on 127.0.0.1 (default 3000; 0 = any free)")
    start.add_argument("--fresh", action="store_true", help="throw-away copy of the sample data (not kept)")
    start.set_defaults(func=_start)
    stop = actions.add_parser("stop", help="stop a server started with `kiosk vendure start`")
    stop.set_defaults(func=_stop)
    status = actions.add_parser("status", help="installed? running? where are the credentials?")
    status.set_defaults(func=_status)


def _start(args: argparse.Namespace) -> int:
    server = VendureServer(port=args.port or None, persist=not args.fresh, report=lambda m: print(m, flush=True))
    running = read_pid_file(server.install_dir)
    if running and _answers(running.get("shop_url", "")):
        print(f"kiosk: a Vendure server is already running at {running['admin_url']} (pid {running['pid']})")
        return 1
    stopping = threading.Event()

    def on_signal(signum: int, frame: FrameType | None) -> None:
        stopping.set()

    previous = signal.signal(signal.SIGTERM, on_signal)
    try:
        server.start()
    except VendureServerError as exc:
        print(f"kiosk: {exc}", file=sys.stderr)
        signal.signal(signal.SIGTERM, previous)
        return 1
    pid_file = server.write_pid_file()
    try:
        print(f"Admin API: {server.admin_url}")
        print(f"Shop API:  {server.shop_url}")
        print(f"Credentials (superadmin, kiosk account, kiosk API key): {server.credentials_path}")
        print(f"Server log: {server.log_path}")
        print("Press Ctrl+C to stop.", flush=True)
        try:
            while not stopping.wait(0.5):
                if not server.is_running():
                    if not pid_file.exists():  # `kiosk vendure stop` from another shell
                        print("Vendure was stopped.")
                        return 0
                    print(f"kiosk: Vendure exited unexpectedly; see {server.log_path}", file=sys.stderr)
                    return 1
        except KeyboardInterrupt:
            pass
        print("Stopping Vendure...")
        return 0
    finally:
        server.stop()
        pid_file.unlink(missing_ok=True)
        signal.signal(signal.SIGTERM, previous)


def _stop(args: argparse.Namespace) -> int:
    server = VendureServer()
    try:
        running = read_pid_file(server.install_dir)
    except VendureServerError as exc:
        print(f"kiosk: {exc}", file=sys.stderr)
        return 1
    if not running:
        print("No Vendure server started with `kiosk vendure start` is recorded.")
        return 0
    # the pid file goes first, so the foreground `start` knows this exit was asked for
    (server.install_dir / PID_FILE).unlink(missing_ok=True)
    if stop_process_group(int(running["pid"])):
        print(f"Stopped Vendure (pid {running['pid']}).")
    else:
        print(f"Vendure (pid {running['pid']}) was not running any more.")
    return 0


def _status(args: argparse.Namespace) -> int:
    server = VendureServer()
    try:
        install_dir = server.install_dir
    except VendureServerError as exc:
        print(f"kiosk: {exc}", file=sys.stderr)
        return 1
    timings = server.installed_timings()
    if timings is None:
        print(f"Not installed yet (would install into {install_dir}).")
    else:
        print(f"Installed in {install_dir} (npm {timings.npm_install_s:.0f} s, seed {timings.seed_s:.0f} s).")
        print(f"Credentials: {server.credentials_path}")
    running = read_pid_file(install_dir)
    if running and _answers(running.get("shop_url", "")):
        print(f"Running: {running['admin_url']} (pid {running['pid']})")
        return 0
    print("Not running.")
    return 3


def _answers(shop_url: str) -> bool:
    try:
        reply = httpx.post(shop_url, json={"query": "{ activeChannel { id } }"}, timeout=2.0)
    except httpx.HTTPError:
        return False
    return reply.status_code == 200

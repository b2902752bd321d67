"""`kiosk admin set-pin | status`: the staff PIN that unlocks kiosk exit, dead-letter orders and associate mode."""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.commands._common import config_from_args

if TYPE_CHECKING:
    from kiosk.core.admin_pin import StaffPinService


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("admin", help="staff PIN for kiosk exit, rejected orders and associate mode")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    set_pin = actions.add_parser("set-pin", help="set (or replace) a staff PIN; stored as a salted scrypt hash")
    set_pin.add_argument("--config", type=Path)
    set_pin.add_argument("--name", default="admin", help="whose PIN: admin (default) or an associate's id")
    set_pin.add_argument(
        "--pin-stdin", action="store_true", help="read the PIN from the first line of stdin (scripts, tests)"
    )
    set_pin.set_defaults(func=_set_pin)
    badge = actions.add_parser("add-badge", help="let an associate's NFC badge sign in (UID stored hashed)")
    badge.add_argument("--config", type=Path)
    badge.add_argument("--name", required=True, help="the associate's name or id")
    badge.add_argument("--uid", required=True, help="the badge UID in hex, as the reader shows it")
    badge.set_defaults(func=_add_badge)
    status = actions.add_parser("status", help="which PINs are set and whether the PIN pad is locked")
    status.add_argument("--config", type=Path)
    status.set_defaults(func=_status)


def _read_pin(from_stdin: bool) -> str | None:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    # getpass turns terminal echo off, so the PIN never shows on screen or in a terminal recording.
    first = getpass.getpass("New PIN (4-12 digits): ")
    if getpass.getpass("Repeat the PIN: ") != first:
        print("kiosk: the two PINs differ; nothing was changed", file=sys.stderr)
        return None
    return first


def _set_pin(args: argparse.Namespace) -> int:
    pin = _read_pin(args.pin_stdin)
    if pin is None:
        return 1
    return _save(args, "PIN", lambda service: service.set_pin(pin, name=args.name))


def _add_badge(args: argparse.Namespace) -> int:
    return _save(args, "badge", lambda service: service.set_badge(args.uid, args.name))


def _save(args: argparse.Namespace, what: str, action: Callable[[StaffPinService], None]) -> int:
    """Runs one change on the staff credentials in kiosk.db; a refused value exits 2 with its message."""
    from kiosk.core.admin_pin import PinError, StaffPinService
    from kiosk.core.clock import SystemClock
    from kiosk.storage.admin_store import SqlitePinStore

    config = config_from_args(args)
    store = SqlitePinStore(config.data_dir / "kiosk.db")
    try:
        action(StaffPinService(store, SystemClock()))
    except PinError as exc:
        print(f"kiosk: {exc.message.en}", file=sys.stderr)
        return 2
    except ValueError as exc:
        print(f"kiosk: {exc}", file=sys.stderr)
        return 2
    finally:
        store.close()
    print(f"kiosk: {what} for {args.name.strip()!r} saved as a salted scrypt hash in {store.path}")
    return 0


def _status(args: argparse.Namespace) -> int:
    from kiosk.storage.admin_store import SqlitePinStore

    config = config_from_args(args)
    store = SqlitePinStore(config.data_dir / "kiosk.db")
    try:
        names = sorted(store.pins())
        lockout = store.lockout()
    finally:
        store.close()
    print(f"staff PINs      {', '.join(names) if names else 'none (run: kiosk admin set-pin)'}")
    locked = f", locked until {lockout.locked_until.isoformat()}" if lockout.locked_until else ""
    print(f"wrong tries     {lockout.failures}{locked}")
    return 0 if names else 1

"""`kiosk simulate scanner|nfc|printer`: a pty device for development; prints its path, then relays stdin
(codes to "scan", tags to "tap") or shows what the kiosk printed."""

from __future__ import annotations

import argparse
import os
import select
import sys
from pathlib import Path
from typing import Any

from kiosk.devices.simulators import VirtualSerialDevice

_TERMINATORS = {"cr": b"\r", "lf": b"\n", "crlf": b"\r\n", "none": b""}
_HELP_LINES = "!unplug and !replug simulate pulling the cable; Ctrl-D quits."


def register(subparsers: Any) -> None:
    sim = subparsers.add_parser("simulate", help="simulated scanner, NFC reader or printer on a pty")
    sim_sub = sim.add_subparsers(dest="device", metavar="DEVICE", required=True)
    for name, text in (
        ("scanner", "a serial barcode scanner: each stdin line is sent as one scan"),
        ("nfc", "a serial NFC reader: stdin lines are URIs, 'text:...' or 'uid:HEX' tags"),
        ("printer", "an ESC/POS printer: shows the text of what the kiosk prints"),
    ):
        parser = sim_sub.add_parser(name, help=text, description=text)
        parser.add_argument("--link", type=Path, help=f"stable path for the device (default: a temp dir)/kiosk-{name}")
        if name == "scanner":
            parser.add_argument("--terminator", choices=sorted(_TERMINATORS), default="cr")
        if name == "printer":
            parser.add_argument("--raw", type=Path, help="also append the raw bytes to this file")
        parser.set_defaults(func=run)


def _open_device(args: argparse.Namespace) -> VirtualSerialDevice:
    name = f"kiosk-{args.device}"
    if args.link is None:
        return VirtualSerialDevice(name)
    link: Path = args.link
    if link.exists() and not link.is_symlink():
        raise SystemExit(f"kiosk simulate: {link} exists and is not a symlink; not replacing it")
    return VirtualSerialDevice(link.name, str(link.parent.resolve()))


def _stdin_lines() -> Any:
    for raw in sys.stdin.buffer:
        yield raw.rstrip(b"\r\n")


def _control(device: VirtualSerialDevice, line: bytes) -> bool:
    if line == b"!unplug":
        device.unplug()
        return True
    if line == b"!replug":
        device.replug()
        return True
    return False


def _nfc_line(line: bytes) -> bytes:
    import ndef  # imported here so `kiosk --help` does not pay for it

    text = line.decode("utf-8", errors="replace")
    if text.lower().startswith("uid:"):
        return b"UID:" + text[4:].strip().upper().encode("ascii", errors="replace") + b"\r\n"
    is_text = text.lower().startswith("text:")
    record: Any = ndef.TextRecord(text[5:]) if is_text else ndef.UriRecord(text)
    return b"NDEF:" + b"".join(ndef.message_encoder([record])).hex().upper().encode() + b"\r\n"


def run(args: argparse.Namespace) -> int:
    device = _open_device(args)
    try:
        print(device.path, flush=True)
        if args.device == "printer":
            print(f"Printer waiting on {device.path}; Ctrl-D quits.", file=sys.stderr)
            return _printer_loop(device, args.raw)
        print(f"Type one code per line. {_HELP_LINES}", file=sys.stderr)
        for line in _stdin_lines():
            if _control(device, line):
                continue
            if not device.plugged:
                print("(unplugged: nothing sent)", file=sys.stderr)
                continue
            if args.device == "scanner":
                device.write(line + _TERMINATORS[args.terminator])
            else:
                device.write(_nfc_line(line))
        return 0
    except KeyboardInterrupt:
        return 0
    finally:
        device.close()


def _printer_loop(device: VirtualSerialDevice, raw_path: Path | None) -> int:
    """Shows each job once the kiosk pauses, so an ESC/POS command is never split across two reads."""
    from kiosk.devices.printer import escpos_text  # python-escpos takes 0.4 s to import: only when needed

    stdin_fd = sys.stdin.fileno()
    job = bytearray()
    while True:
        ready, _, _ = select.select([stdin_fd], [], [], 0)
        if ready and not os.read(stdin_fd, 4096):
            return 0
        data = device.read(timeout_s=0.1)
        if data:
            job += data
            if raw_path is not None:
                with raw_path.open("ab") as f:
                    f.write(data)
            continue
        if job:
            sys.stdout.write(escpos_text(bytes(job)))
            sys.stdout.flush()
            job.clear()

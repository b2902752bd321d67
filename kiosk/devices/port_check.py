"""Whether a configured serial device is there: the port opens and a read returns without error.

A scanner or NFC reader sends nothing until something is scanned, so "reads" means the read completes (no
EIO from an unplugged USB device, no permission error) and, when the caller waits for one, a frame arrives.
"""

from __future__ import annotations

import time

import serial


class PortCheckError(Exception):
    """The port is missing, not ours to open, or failed on read; the message says which."""


def check_port(port: str, baudrate: int, wait_s: float = 0.2) -> bytes:
    """Opens `port`, reads for up to `wait_s` and returns what arrived (b"" when nothing was scanned)."""
    try:
        conn = serial.Serial(port, baudrate, timeout=0.05)
    except serial.SerialException as exc:
        raise PortCheckError(_reason(port, exc)) from None
    try:
        data = b""
        deadline = time.monotonic() + wait_s
        while time.monotonic() < deadline and not data.endswith((b"\r", b"\n")):
            data += conn.read(256)
        return data
    except (serial.SerialException, OSError) as exc:
        raise PortCheckError(f"{port} opened but failed on read: {exc}") from None
    finally:
        conn.close()


def _reason(port: str, exc: serial.SerialException) -> str:
    text = str(exc)
    if "No such file" in text or ("could not open port" in text and "[Errno 2]" in text):
        return f"{port} does not exist"
    if "Permission denied" in text or "[Errno 13]" in text:
        return f"{port} exists but this user may not open it"
    if "busy" in text.lower() or "[Errno 16]" in text:
        return f"{port} is in use by another program"
    return f"{port} cannot be opened: {text}"

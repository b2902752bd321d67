"""An ESC/POS printer's paper and online state, asked over its serial port with real-time status (DLE EOT n).

DLE EOT is answered by the printer at once, even mid-job or while offline, with one status byte: n=1 the
printer status (bit 3: offline), n=4 the roll paper sensor (bits 2-3: near end, bits 5-6: paper out). Bits 1
and 4 are always set and bits 0 and 7 always clear, which tells a real answer from line noise. No answer
within the timeout means the printer is off or not on this port.
"""

from __future__ import annotations

import serial

from kiosk.core.fleet import Paper, PrinterHealth

DLE_EOT = b"\x10\x04"
PRINTER_STATUS = 1
PAPER_SENSOR = 4
_FIXED_MASK, _FIXED_BITS = 0x93, 0x12  # bits 0,1,4,7 and what they must be
_OFFLINE = 0x08
_NEAR_END = 0x0C
_PAPER_OUT = 0x60


def is_status_byte(value: int) -> bool:
    return value & _FIXED_MASK == _FIXED_BITS


def decode(printer_status: int, paper_sensor: int) -> PrinterHealth:
    """The two status bytes as the heartbeat and `kiosk doctor` report them."""
    paper = Paper.OK
    if paper_sensor & _PAPER_OUT:
        paper = Paper.OUT
    elif paper_sensor & _NEAR_END:
        paper = Paper.LOW
    return PrinterHealth(configured=True, online=not printer_status & _OFFLINE, paper=paper)


class PrinterStatusError(Exception):
    """The printer could not be asked (port missing, busy) or did not answer; the message says which."""


def query_status(port: str, baudrate: int = 19200, timeout_s: float = 1.0) -> PrinterHealth:
    """Opens the port, asks DLE EOT 1 and DLE EOT 4, and decodes the answers; raises PrinterStatusError."""
    try:
        conn = serial.Serial(port, baudrate, timeout=timeout_s, write_timeout=timeout_s)
    except (serial.SerialException, OSError) as exc:
        raise PrinterStatusError(f"cannot open printer port {port}: {exc}") from None
    try:
        answers = []
        for n in (PRINTER_STATUS, PAPER_SENSOR):
            conn.write(DLE_EOT + bytes([n]))
            conn.flush()
            answer = conn.read(1)
            if len(answer) != 1:
                raise PrinterStatusError(f"printer on {port} did not answer a status request within {timeout_s:g} s")
            if not is_status_byte(answer[0]):
                raise PrinterStatusError(f"printer on {port} answered 0x{answer[0]:02x}, not an ESC/POS status byte")
            answers.append(answer[0])
    except (serial.SerialException, OSError) as exc:
        raise PrinterStatusError(f"printer port {port} failed: {exc}") from None
    finally:
        conn.close()
    return decode(answers[0], answers[1])


def printer_health(port: str, baudrate: int = 19200, timeout_s: float = 1.0) -> PrinterHealth:
    """For the heartbeat: a printer that does not answer is configured, offline, paper unknown."""
    try:
        return query_status(port, baudrate, timeout_s)
    except PrinterStatusError:
        return PrinterHealth(configured=True, online=False, paper=Paper.UNKNOWN)

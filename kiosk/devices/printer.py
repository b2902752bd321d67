"""ESC/POS receipt printer on a serial port: python-escpos lays the slip out, pyserial sends it.

The job is rendered to bytes once (on python-escpos' recording Dummy printer), then written with a write
timeout and retried with backoff; a slow or absent printer ends in SlipPrintError carrying the slip, so the
caller never loses the job. A retry after a partial write may print part of a slip twice: paper, not money.
"""

from __future__ import annotations

import logging
import textwrap
import time
from collections.abc import Callable
from typing import Any, Protocol

import serial
from escpos.codepages import CodePages
from escpos.printer import Dummy

from kiosk.core.dates import datetime_text
from kiosk.core.slip import OrderSlip, SlipPrintError, two_columns

log = logging.getLogger(__name__)


class _Port(Protocol):
    def write(self, data: bytes) -> int | None: ...

    def flush(self) -> None: ...

    def close(self) -> None: ...


class EscPosSlipPrinter:
    """SlipPrinter for 80 mm (42 columns, font A) or 58 mm (32 columns) ESC/POS printers."""

    def __init__(
        self,
        port: str,
        baudrate: int = 19200,
        *,
        columns: int = 42,
        profile: str = "default",
        codepage: str = "CP858",
        qr_native: bool = True,
        qr_size: int = 6,
        attempts: int = 3,
        retry_delay_s: float = 0.5,
        write_timeout_s: float = 10.0,
        sleep: Callable[[float], None] = time.sleep,
        port_factory: Callable[[], _Port] | None = None,
    ) -> None:
        if attempts < 1:
            raise ValueError(f"attempts must be at least 1, got {attempts}")
        if codepage not in CodePages.data or "python_encode" not in CodePages.get_encoding(codepage):
            raise ValueError(f"Printer code page {codepage!r} is not one python-escpos can encode")
        self.codepage = codepage
        # "€" where the page has it, else "EUR": a page without it would print "?" in every price
        self._euro = "€" if _encodable("€", CodePages.get_encoding(codepage)["python_encode"]) else "EUR"
        self.port = port
        self.baudrate = baudrate
        self.columns = columns
        self.profile = profile
        self.qr_native = qr_native
        self.qr_size = qr_size
        self.attempts = attempts
        self.retry_delay_s = retry_delay_s
        self.write_timeout_s = write_timeout_s
        self._sleep = sleep
        self._port_factory = port_factory or self._open

    def _open(self) -> _Port:
        return serial.Serial(self.port, self.baudrate, timeout=1, write_timeout=self.write_timeout_s)

    def render(self, slip: OrderSlip) -> bytes:
        """The exact bytes of the job; pure apart from python-escpos, so tests compare them byte for byte."""
        p = _SlipText(Dummy(profile=self.profile), self._euro)
        width = self.columns
        lang = slip.language
        p.hw("INIT")
        # One fixed page for the whole slip rather than python-escpos' per-character switching, which picks
        # ISO 8859-15 (ESC t 15) for "€": Greek on an Epson TM-T88V.
        p.charcode(self.codepage)
        p.set(align="center", bold=True, double_height=True, double_width=True)
        p.textln(slip.store_name[: width // 2])
        p.set(normal_textsize=True, bold=False)
        p.textln(f"{slip.label('order')} {slip.order_number}")
        if slip.backend_code:
            p.textln(f"{slip.label('reference')} {slip.backend_code}")
        if slip.placed_at is not None:
            # the store's wall clock, in the words of every other screen ("23 nov 2026, 10:05"), never UTC
            p.textln(datetime_text(slip.placed_at, lang))
        p.set(align="left")
        p.textln("-" * width)
        for line in slip.lines:
            p.textln(two_columns(f"{line.quantity} x {line.name}", line.total.format(lang), width))
            if line.detail:
                p.textln(("  " + line.detail)[:width])
        p.textln("-" * width)
        if slip.subtotal is not None:
            p.textln(two_columns(slip.label("subtotal"), slip.subtotal.format(lang), width))
        if slip.shipping is not None:
            p.textln(two_columns(slip.label("shipping"), slip.shipping.format(lang), width))
        if slip.savings is not None and slip.savings.amount > 0:
            p.textln(two_columns(slip.label("savings"), "-" + slip.savings.format(lang), width))
        p.set(bold=True)
        p.textln(two_columns(slip.label("total"), slip.total.format(lang), width))
        p.set(bold=False)
        if slip.note:
            p.textln(slip.note[:width])
        p.set(align="center")
        p.qr(slip.qr_payload, native=self.qr_native, size=self.qr_size)
        for caption_line in textwrap.wrap(slip.label("scan"), width):
            p.textln(caption_line)
        p.cut()
        return bytes(p.output)

    def print_slip(self, slip: OrderSlip) -> None:
        data = self.render(slip)
        last_error: Exception | None = None
        for attempt in range(1, self.attempts + 1):
            try:
                self._send(data)
                return
            except (serial.SerialException, OSError) as exc:  # SerialTimeoutException is a SerialException
                last_error = exc
                log.warning("printing order %s failed (attempt %d): %s", slip.order_number, attempt, exc)
                if attempt < self.attempts:
                    self._sleep(self.retry_delay_s * 2 ** (attempt - 1))
        raise SlipPrintError(f"Printer on {self.port} failed {self.attempts} times: {last_error}", slip, self.attempts)

    def _send(self, data: bytes) -> None:
        port = self._port_factory()
        try:
            view = memoryview(data)
            while view:
                written = port.write(bytes(view))
                if not written:
                    raise serial.SerialTimeoutException("printer accepted no data")
                view = view[written:]
            port.flush()
        finally:
            port.close()


def _encodable(text: str, codec: str) -> bool:
    try:
        text.encode(codec)
    except UnicodeEncodeError:
        return False
    return True


class _SlipText:
    """python-escpos' Dummy with every text line's euro signs spelled as the code page allows."""

    def __init__(self, printer: Dummy, euro: str) -> None:
        self._printer = printer
        self._euro = euro

    def textln(self, text: str) -> None:
        self._printer.textln(text.replace("€", self._euro))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._printer, name)


# ESC t n code pages python-escpos selects for Latin text, by n (Epson numbering)
_CODEPAGES = {0: "cp437", 2: "cp850", 3: "cp860", 4: "cp863", 5: "cp865", 15: "iso8859_15", 16: "cp1252",
              17: "cp866", 19: "cp858"}  # fmt: skip


def escpos_text(data: bytes) -> str:
    """The printable text of an ESC/POS job, for `kiosk simulate printer`: commands dropped, a QR code
    shown as "[QR]". Knows the commands our slips use, not the whole language."""
    out: list[str] = []
    codepage = "cp437"
    i = 0
    n = len(data)
    while i < n:
        b = data[i]
        if b == 0x1B and i + 1 < n:  # ESC
            cmd = data[i + 1]
            if cmd == ord("t") and i + 2 < n:
                codepage = _CODEPAGES.get(data[i + 2], "cp437")
            i += 2 if cmd == ord("@") else 3
        elif b == 0x1D and i + 1 < n:  # GS
            cmd = data[i + 1]
            if cmd == ord("(") and i + 4 < n:  # GS ( k pL pH data
                length = data[i + 3] | (data[i + 4] << 8)
                if data[i + 2] == ord("k") and data[i + 6 : i + 7] == b"Q":
                    out.append("[QR]\n")
                i += 5 + length
            elif cmd == ord("V"):
                out.append("--- cut ---\n")
                i += 3 if i + 2 < n and data[i + 2] in (0, 1, 48, 49) else 4
            else:
                i += 3
        elif b == 0x0A or 0x20 <= b < 0x7F:
            out.append(chr(b))
            i += 1
        else:
            out.append(bytes([b]).decode(codepage, errors="replace"))
            i += 1
    return "".join(out)

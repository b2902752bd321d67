"""NFC readers: a line-protocol reader on a serial port (NDEF or UID per line) and a PN532 in UART mode
through nfcpy. Both produce ScanFrames whose data goes through interpret() like a QR code: a tag's URI
as text, a Text record's text, a bare tag as "urn:nfc:uid:<HEX>".

Serial line protocol (what the common USB-serial NFC modules and our `kiosk simulate nfc` send):
    NDEF:<hex of the NDEF message>\\r\\n     a tag with NDEF data
    UID:<hex>\\r\\n  or  <hex>\\r\\n          a tag without NDEF data (4, 7 or 10 byte UID)
"""

from __future__ import annotations

import binascii
import logging
import re
import threading
import time
from collections.abc import Callable, Iterable
from typing import Any

import ndef

from kiosk.core.ports import DeviceState, ScanFrame, ScanHandler, StatusHandler
from kiosk.devices.serial_scanner import SerialScanner

log = logging.getLogger(__name__)

_UID_RE = re.compile(rb"^(?:UID:)?((?:[0-9A-Fa-f]{2}){4,10})$")
_NDEF_PREFIX = b"NDEF:"


def uid_frame_data(uid: bytes) -> bytes:
    return b"urn:nfc:uid:" + binascii.hexlify(uid).upper()


def records_to_data(records: Iterable[Any]) -> bytes | None:
    """The first record the kiosk can use: a URI (also inside a Smart Poster), else a Text record."""
    text: bytes | None = None
    for record in records:
        if isinstance(record, ndef.SmartposterRecord):
            return str(record.resource.iri).encode("utf-8")
        if isinstance(record, ndef.UriRecord):
            return str(record.iri).encode("utf-8")
        if isinstance(record, ndef.TextRecord) and text is None:
            text = str(record.text).encode("utf-8")
    return text


def decode_line(line: bytes) -> bytes | None:
    """One line from a serial NFC reader -> frame data for interpret(); None if it carries nothing usable."""
    line = line.strip()
    uid = _UID_RE.match(line)
    if uid is not None:
        return uid_frame_data(binascii.unhexlify(uid.group(1)))
    if line.startswith(_NDEF_PREFIX):
        try:
            message = binascii.unhexlify(line[len(_NDEF_PREFIX) :])
            return records_to_data(ndef.message_decoder(message, errors="strict"))
        except (binascii.Error, ndef.DecodeError, ValueError) as exc:
            log.warning("unreadable NDEF message from NFC reader: %s", exc)
            return None
    log.warning("NFC reader line not understood (%d bytes)", len(line))
    return None


class NfcSerialReader:
    """ScanSource for line-protocol NFC readers; framing, reconnect and debounce are SerialScanner's, so a
    tag left on the reader (which repeats its line) counts once."""

    def __init__(self, port: str, baudrate: int = 115200, **scanner_options: Any) -> None:
        self._scanner = SerialScanner(port, baudrate, **scanner_options)
        self.source = f"nfc:{port}"

    def start(self, on_frame: ScanHandler, on_status: StatusHandler) -> None:
        def relay(frame: ScanFrame) -> None:
            data = decode_line(frame.data)
            if data is not None:
                on_frame(ScanFrame(data, self.source, frame.received_ns))

        self._scanner.start(relay, lambda _source, state: on_status(self.source, state))

    def stop(self) -> None:
        self._scanner.stop()


class Pn532Reader:
    """ScanSource for a PN532 module in UART mode (HSU), driven by nfcpy.

    nfcpy's own path syntax only finds /dev/tty* names, so we open the port ourselves with its TTY
    transport and PN532 driver; that also works with /dev/serial/by-id links. A tag counts once per
    presentation: nfcpy's connect() returns only when the tag is removed.
    """

    def __init__(
        self,
        port: str,
        *,
        reconnect_interval_s: float = 1.0,
        clock: Callable[[], int] = time.monotonic_ns,
    ) -> None:
        self.port = port
        self.source = f"nfc:{port}"
        self.reconnect_interval_s = reconnect_interval_s
        self._clock = clock
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None
        self._clf: Any = None
        self._state: DeviceState | None = None

    def start(self, on_frame: ScanHandler, on_status: StatusHandler) -> None:
        if self._thread is not None:
            raise RuntimeError("Pn532Reader already started")
        self._stopping.clear()
        self._thread = threading.Thread(
            target=self._run, args=(on_frame, on_status), name=f"nfc {self.port}", daemon=True
        )
        self._thread.start()

    def stop(self) -> None:
        self._stopping.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def _report(self, on_status: StatusHandler, state: DeviceState) -> None:
        if state is not self._state:
            self._state = state
            on_status(self.source, state)

    def _open(self) -> Any:
        import nfc
        from nfc.clf import pn532, transport

        tty = transport.TTY(self.port)
        try:
            device = pn532.init(tty)
        except Exception:
            tty.close()
            raise
        clf = nfc.ContactlessFrontend()
        clf.device = device
        return clf

    def _run(self, on_frame: ScanHandler, on_status: StatusHandler) -> None:
        def on_connect(tag: Any) -> bool:
            data = None
            ndef_data = getattr(tag, "ndef", None)
            if ndef_data is not None and ndef_data.records:
                data = records_to_data(ndef_data.records)
            if data is None:
                data = uid_frame_data(bytes(tag.identifier))
            try:
                on_frame(ScanFrame(data, self.source, self._clock()))
            except Exception:
                log.exception("frame handler failed")
            return True  # hold until the tag leaves: one presentation, one scan

        while not self._stopping.is_set():
            if self._clf is None:
                try:
                    self._clf = self._open()
                except Exception as exc:  # IOError from nfcpy, SerialException from pyserial
                    log.debug("PN532 on %s not available: %s", self.port, exc)
                    self._report(on_status, DeviceState.DISCONNECTED)
                    self._stopping.wait(self.reconnect_interval_s)
                    continue
                self._report(on_status, DeviceState.CONNECTED)
            try:
                self._clf.connect(
                    rdwr={"on-connect": on_connect, "beep-on-connect": False},
                    terminate=self._stopping.is_set,
                )
            except Exception as exc:
                log.info("PN532 on %s lost: %s", self.port, exc)
                self._close()
                self._report(on_status, DeviceState.DISCONNECTED)
        self._close()

    def _close(self) -> None:
        clf, self._clf = self._clf, None
        if clf is not None:
            try:
                clf.close()
            except Exception:
                log.debug("closing PN532 failed", exc_info=True)

"""A barcode scanner on a serial port (USB-CDC or RS-232): a reader thread that frames, debounces and
survives unplugging. No Qt here: frames go to a callback on the reader thread; the UI hops threads.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

import serial

from kiosk.core.ports import DeviceState, ScanFrame, ScanHandler, StatusHandler
from kiosk.core.scanning.framing import DEFAULT_MAX_FRAME, ScanStream

log = logging.getLogger(__name__)

_READ_TIMEOUT_S = 0.02  # bounds idle-gap precision and how fast stop() is noticed


class SerialScanner:
    """ScanSource over pyserial.

    The port is opened in start() (pyserial discards input on open, so opening first and reading after
    means nothing sent after start() returns is lost). If the port is missing or fails, the reader reports
    DISCONNECTED, retries every `reconnect_interval_s`, and reports CONNECTED once it is reading again;
    any frame the device sends after that is delivered.
    """

    def __init__(
        self,
        port: str,
        baudrate: int = 9600,
        *,
        debounce_ms: int = 300,
        idle_gap_ms: int = 80,
        max_frame: int = DEFAULT_MAX_FRAME,
        reconnect_interval_s: float = 0.25,
        clock: Callable[[], int] = time.monotonic_ns,
        serial_factory: Callable[[str, int], serial.Serial] | None = None,
    ) -> None:
        self.port = port
        self.baudrate = baudrate
        self.source = f"serial:{port}"
        self.reconnect_interval_s = reconnect_interval_s
        self._clock = clock
        self._stream = ScanStream(debounce_ms=debounce_ms, idle_gap_ms=idle_gap_ms, max_frame=max_frame)
        self._factory = serial_factory or self._open
        self._serial: serial.Serial | None = None
        self._thread: threading.Thread | None = None
        self._stopping = threading.Event()
        self._on_frame: ScanHandler | None = None
        self._on_status: StatusHandler | None = None
        self._state: DeviceState | None = None

    @property
    def state(self) -> DeviceState | None:
        return self._state

    def _open(self, port: str, baudrate: int) -> serial.Serial:
        return serial.Serial(port, baudrate, timeout=_READ_TIMEOUT_S)

    def start(self, on_frame: ScanHandler, on_status: StatusHandler) -> None:
        if self._thread is not None:
            raise RuntimeError("SerialScanner already started")
        self._on_frame, self._on_status = on_frame, on_status
        self._stopping.clear()
        self._try_open()
        self._thread = threading.Thread(target=self._run, name=f"scanner {self.port}", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Returns once the reader thread has ended and the port is closed."""
        self._stopping.set()
        ser = self._serial
        if ser is not None:
            try:
                ser.cancel_read()
            except Exception:  # closed underneath us by an unplug; nothing left to cancel
                log.debug("cancel_read failed", exc_info=True)
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None
        self._close()

    def _report(self, state: DeviceState) -> None:
        if state is self._state:
            return
        self._state = state
        if self._on_status is not None:
            try:
                self._on_status(self.source, state)
            except Exception:
                log.exception("status handler failed")

    def _try_open(self) -> bool:
        try:
            self._serial = self._factory(self.port, self.baudrate)
        except (serial.SerialException, OSError, ValueError) as exc:
            log.debug("cannot open %s: %s", self.port, exc)
            self._serial = None
            self._report(DeviceState.DISCONNECTED)
            return False
        self._stream.reset()
        self._report(DeviceState.CONNECTED)
        return True

    def _close(self) -> None:
        ser, self._serial = self._serial, None
        if ser is not None:
            try:
                ser.close()
            except Exception:
                log.debug("close failed", exc_info=True)

    def _deliver(self, frames: list[ScanFrame]) -> None:
        if self._on_frame is None:
            return
        for frame in frames:
            try:
                self._on_frame(frame)
            except Exception:  # a bad receiver must not stop the scanner
                log.exception("frame handler failed")

    def _run(self) -> None:
        while not self._stopping.is_set():
            ser = self._serial
            if ser is None:
                if self._stopping.wait(self.reconnect_interval_s):
                    break
                self._try_open()
                continue
            try:
                waiting = ser.in_waiting
                data = ser.read(waiting or 1)
            except (serial.SerialException, OSError, TypeError) as exc:
                # TypeError: pyserial's read after a concurrent close; EIO: the device went away.
                if self._stopping.is_set():
                    break
                log.info("scanner %s disconnected: %s", self.port, exc)
                self._close()
                self._stream.reset()
                self._report(DeviceState.DISCONNECTED)
                continue
            now = self._clock()
            frames = self._stream.feed(data, now) if data else self._stream.poll(now)
            self._deliver([ScanFrame(f.data, self.source, f.at_ns) for f in frames])
        self._close()

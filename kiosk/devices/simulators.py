"""Simulated serial devices on real pseudo-terminals, for the demo, `kiosk simulate` and the tests.

The kiosk opens `path` exactly as it would open /dev/ttyACM0, so the code under test is the real reader.
`path` is a symlink (like /dev/serial/by-id/...) that we point at a fresh pty on replug, so unplug and
replug look to the reader as they do with USB: reads fail with EIO, the path vanishes, then comes back.
"""

from __future__ import annotations

import contextlib
import os
import select
import tempfile
import termios
import threading
import tty


class DeviceUnpluggedError(OSError):
    """Writing to or reading from a simulated device that is unplugged."""


class VirtualSerialDevice:
    """The device end of a pty pair; the kiosk end is `path`."""

    def __init__(self, name: str = "kiosk-scanner", directory: str | None = None) -> None:
        self._own_dir = directory is None
        self._dir = directory or tempfile.mkdtemp(prefix="kiosk-sim-")
        self.path = os.path.join(self._dir, name)
        self._lock = threading.Lock()
        self._master: int | None = None
        self._slave: int | None = None
        self.replug()

    @property
    def plugged(self) -> bool:
        return self._master is not None

    @property
    def tty_name(self) -> str:
        """The /dev/pts/N the symlink currently points at."""
        return os.readlink(self.path)

    def replug(self) -> None:
        """A new pty behind the same path, as a USB device re-enumerating."""
        with self._lock:
            if self._master is not None:
                return
            master, slave = os.openpty()
            # Raw mode on both ends: no echo back into the device, no CR->LF translation of scan data.
            tty.setraw(slave, termios.TCSANOW)
            tty.setraw(master, termios.TCSANOW)
            self._master, self._slave = master, slave
            tmp = f"{self.path}.new"
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
            os.symlink(os.ttyname(slave), tmp)
            os.replace(tmp, self.path)

    def unplug(self) -> None:
        """The reader's next read fails (EIO, as after a USB unplug) and the path disappears."""
        with self._lock:
            if self._master is None:
                return
            with contextlib.suppress(FileNotFoundError):
                os.unlink(self.path)
            os.close(self._master)
            if self._slave is not None:
                os.close(self._slave)
            self._master = self._slave = None

    def write(self, data: bytes) -> None:
        """Bytes the device sends to the kiosk."""
        with self._lock:
            if self._master is None:
                raise DeviceUnpluggedError("The simulated device is unplugged")
            view = memoryview(data)
            while view:
                written = os.write(self._master, view)
                view = view[written:]

    def read(self, timeout_s: float = 1.0, max_bytes: int = 65536) -> bytes:
        """Bytes the kiosk sent to the device (a printer's output); b"" if none came within the timeout."""
        master = self._master
        if master is None:
            raise DeviceUnpluggedError("The simulated device is unplugged")
        ready, _, _ = select.select([master], [], [], timeout_s)
        if not ready:
            return b""
        try:
            return os.read(master, max_bytes)
        except OSError:
            return b""

    def close(self) -> None:
        self.unplug()
        if self._own_dir:
            with contextlib.suppress(OSError):
                os.rmdir(self._dir)

    def __enter__(self) -> VirtualSerialDevice:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

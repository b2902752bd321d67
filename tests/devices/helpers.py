"""Thread-safe collectors the device tests wait on (conditions with timeouts, never bare sleeps)."""

from __future__ import annotations

import threading
from collections.abc import Callable

from kiosk.core.ports import DeviceState, ScanFrame


class FrameCollector:
    """Receives ScanSource callbacks from the reader thread."""

    def __init__(self) -> None:
        self.frames: list[ScanFrame] = []
        self.states: list[DeviceState] = []
        self._cond = threading.Condition()

    def on_frame(self, frame: ScanFrame) -> None:
        with self._cond:
            self.frames.append(frame)
            self._cond.notify_all()

    def on_status(self, source: str, state: DeviceState) -> None:
        with self._cond:
            self.states.append(state)
            self._cond.notify_all()

    def wait_for(self, predicate: Callable[[], bool], timeout: float = 3.0) -> bool:
        with self._cond:
            return self._cond.wait_for(predicate, timeout)

    def wait_frames(self, count: int, timeout: float = 3.0) -> list[bytes]:
        assert self.wait_for(lambda: len(self.frames) >= count, timeout), [f.data for f in self.frames]
        return [f.data for f in self.frames]

    def wait_state(self, state: DeviceState, occurrence: int = 1, timeout: float = 3.0) -> None:
        assert self.wait_for(lambda: self.states.count(state) >= occurrence, timeout), self.states

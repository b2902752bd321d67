"""Moves events from device reader threads onto the GUI thread, where view-models may touch them."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from kiosk.core.ports import DeviceState, ScanFrame


class DeviceBridge(QObject):
    # Emitted from reader threads; Qt queues the call to receivers living on the GUI thread.
    frameReceived = Signal(object)
    statusChanged = Signal(str, str)

    def post_frame(self, frame: ScanFrame) -> None:
        self.frameReceived.emit(frame)

    def post_status(self, source: str, state: DeviceState) -> None:
        self.statusChanged.emit(source, state.value)

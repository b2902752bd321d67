"""Moves "the backend took this order" (an OrderReceipt) from the outbox sender's thread to the GUI thread."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from kiosk.core.order import OrderReceipt


class DeliveryBridge(QObject):
    # Emitted from the sender thread; Qt queues the call to receivers living on the GUI thread.
    orderDelivered = Signal(object)  # OrderReceipt

    def post(self, receipt: OrderReceipt) -> None:
        self.orderDelivered.emit(receipt)

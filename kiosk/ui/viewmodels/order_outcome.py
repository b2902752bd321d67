"""The confirmation's "what the store made of your order" block: the backend's notes, short lines and final amount.

An order is confirmed when it is saved on this kiosk; the backend's receipt comes later, from the outbox sender
(at once when online, after the outage when the order was placed offline). When it arrives while the
confirmation still shows that order, this says what the backend placed differently, in the shopper's language.
A receipt that beats the confirmation (the sender is quick) is kept a moment so it is not missed.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable

from PySide6.QtCore import QObject

from kiosk.core.order import Order, OrderReceipt
from kiosk.core.order_outcome import final_amount_text, outcome_text
from kiosk.ui.qt.properties import ViewModel, notified

_EARLY_RECEIPTS = 8  # receipts kept for an order not confirmed on screen yet (a few at most, in practice)


class OrderOutcomeViewModel(ViewModel):
    # the receipt's notes, then that the store follows up on short lines; "" until the backend has the order
    outcomeChanged, outcome = notified(str, "outcome", "")
    # "Final amount: … (the kiosk estimated …)." when the backend's total is not the one shown; else ""
    finalAmountChanged, finalAmount = notified(str, "finalAmount", "")

    def __init__(self, lang: Callable[[], str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lang = lang
        self._order: Order | None = None
        self._receipt: OrderReceipt | None = None
        self._early: OrderedDict[str, OrderReceipt] = OrderedDict()

    def order_confirmed(self, order: Order | None) -> OrderReceipt | None:
        """The confirmation shows `order`; returns its receipt if that arrived first (for the points line too)."""
        self._order = order
        self._receipt = self._early.pop(order.client_order_id, None) if order is not None else None
        self._show()
        return self._receipt

    def receipt_arrived(self, receipt: OrderReceipt) -> bool:
        """True when it is the confirmed order's (the page shows it now); else kept for a confirmation to come."""
        if self._order is not None and receipt.client_order_id == self._order.client_order_id:
            self._receipt = receipt
            self._show()
            return True
        self._early[receipt.client_order_id] = receipt
        while len(self._early) > _EARLY_RECEIPTS:
            self._early.popitem(last=False)
        return False

    def refresh_language(self) -> None:
        self._show()

    def _show(self) -> None:
        lang, order, receipt = self._lang(), self._order, self._receipt
        self._set("outcome", outcome_text(receipt, lang) if order is not None else "")
        self._set("finalAmount", final_amount_text(receipt, order, lang) if order is not None else "")

    def wipe(self) -> None:
        """The next shopper: nothing of this order stays on screen (receipts of orders still to be confirmed
        are kept: they hold nothing personal)."""
        self._order = None
        self._receipt = None
        self._set("outcome", "")
        self._set("finalAmount", "")

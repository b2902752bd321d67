"""The confirmation's "what the store made of your order" blocks: per order, whether the store has it yet, its
notes, short lines, final amount and points.

An order is confirmed when it is saved on this kiosk; the backend's receipt comes later, from the outbox sender
(at once when online, after the outage when the order was placed offline). A cart received in several ways is
placed as several orders, each sent and answered on its own: each order of the checkout says where it stands
(being sent, waiting on this kiosk for the connection, answered, refused) and, once answered, what the backend placed
differently, in the shopper's language. A receipt that beats the confirmation (the sender is quick) is kept a
moment so it is not missed.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, Signal

from kiosk.core.i18n import LocalizedText
from kiosk.core.money import Money
from kiosk.core.order import Order, OrderReceipt, shown_total_of
from kiosk.core.order_outcome import FINAL_AMOUNT, final_amount_text, outcome_text
from kiosk.ui.qt.properties import ViewModel, notified
from kiosk.ui.qt.runner import BackgroundRunner
from kiosk.ui.viewmodels.formatting import number_text
from kiosk.ui.viewmodels.loyalty import ORDER_EARNED

_EARLY_RECEIPTS = 8  # receipts kept for an order not confirmed on screen yet (a few at most, in practice)

SENDING = LocalizedText("Sending to the store…", "Enviando a la tienda…")
QUEUED = LocalizedText(
    "Saved on this kiosk: it goes to the store when the connection is back.",
    "Guardado en este quiosco: se envía a la tienda cuando vuelva la conexión.",
)
ANSWERED = LocalizedText("The store has this order.", "La tienda ya tiene este pedido.")
# the sender dead-letters an order the store refuses: no receipt ever comes, so the block must not say "sending"
REFUSED = LocalizedText(
    "The online store could not accept this order. Please ask a store associate.",
    "La tienda online no pudo aceptar este pedido. Pide ayuda al personal de la tienda.",
)


# said (speech, and the screen reader's announcement) when the store's answers make "To pay" another amount
CHARGED_IN_ALL = LocalizedText(
    "To pay for all your orders, as the store charges them: {final} (the kiosk estimated {estimate}).",
    "A pagar por todos tus pedidos, según los cobra la tienda: {final} (el quiosco calculó {estimate}).",
)


class OrderOutcomeViewModel(ViewModel):
    # one order: the receipt's notes, then that the store follows up on short lines; "" until the backend has it
    outcomeChanged, outcome = notified(str, "outcome", "")
    # one order: "Final amount: … (the kiosk estimated …)." when the backend's total is not the one shown; else ""
    finalAmountChanged, finalAmount = notified(str, "finalAmount", "")
    # every order of the checkout, in the confirmation's order: {"state": sending | queued | answered | refused,
    # "status", "outcome", "finalAmount", "points"} (texts in the shopper's language, "" when nothing to say)
    answersChanged, answers = notified(list, "answers", [])
    # the store's answers made "To pay" another amount than the kiosk showed: the sentence to say at once (the
    # confirmation's speech and its screen-reader announcement); sent once per confirmation
    announced = Signal(str)

    def __init__(
        self,
        lang: Callable[[], str],
        parent: QObject | None = None,
        *,
        runner: BackgroundRunner | None = None,
        refused: Callable[[Sequence[str]], frozenset[str]] | None = None,
    ) -> None:
        """`refused(ids)`: which of these orders the outbox holds as refused by the store (read on `runner`)."""
        super().__init__(parent)
        self._lang = lang
        self._runner = runner
        self._refused_lookup = refused
        self._refused: frozenset[str] = frozenset()
        self._checking = False
        self._orders: tuple[Order, ...] = ()
        self._receipts: dict[str, OrderReceipt] = {}
        self._early: OrderedDict[str, OrderReceipt] = OrderedDict()
        self._offline = False
        self._announced = False  # the confirmation's differing amount was said

    def orders_confirmed(self, orders: Sequence[Order], *, offline: bool = False) -> tuple[OrderReceipt, ...]:
        """The confirmation shows `orders` (one per way of receiving), placed while `offline` (the backend did
        not answer the re-check); returns the receipts that arrived first (for the points line too)."""
        self._orders = tuple(orders)
        self._offline = offline
        self._receipts = {}
        self._refused = frozenset()
        self._announced = False
        for order in self._orders:
            early = self._early.pop(order.client_order_id, None)
            if early is not None:
                self._receipts[order.client_order_id] = early
        self._show()
        return tuple(self._receipts.values())

    def receipt_arrived(self, receipt: OrderReceipt) -> bool:
        """True when it is one of the confirmed orders' (the page shows it now); else kept for a confirmation
        to come."""
        if any(order.client_order_id == receipt.client_order_id for order in self._orders):
            self._receipts[receipt.client_order_id] = receipt
            self._show()
            self._announce_charged()
            return True
        self._early[receipt.client_order_id] = receipt
        while len(self._early) > _EARLY_RECEIPTS:
            self._early.popitem(last=False)
        return False

    def set_online(self, online: bool) -> None:
        """The kiosk's reachability as the sender found it: orders not answered yet wait for it, or are sent."""
        if self._offline != (not online):
            self._offline = not online
            self._show()

    def check_refused(self) -> None:
        """Asks kiosk.db (on a worker) whether the store refused any order still waiting for its answer: called on
        the status tick while the confirmation shows the orders."""
        lookup, runner, orders = self._refused_lookup, self._runner, self._orders
        waiting = [o.client_order_id for o in orders
                   if o.client_order_id not in self._receipts and o.client_order_id not in self._refused]  # fmt: skip
        if lookup is None or runner is None or not waiting or self._checking:
            return
        self._checking = True

        def done(found: frozenset[str] | None, error: Exception | None) -> None:
            self._checking = False
            if found is None or self._orders is not orders or found <= self._refused:
                return  # the lookup failed (retried on the next tick), another checkout shows, or nothing new
            self._refused = self._refused | found
            self._show()

        runner.read(lambda: lookup(waiting), done)

    def charged_total(self) -> Money | None:
        """What the store charges for all the confirmed orders, once every one has answered with its total (the
        sum of OrderReceipt.total); None while any is still to answer, refused, or answered without a total."""
        if not self._orders:
            return None
        total: Money | None = None
        for order in self._orders:
            receipt = self._receipts.get(order.client_order_id)
            if receipt is None or receipt.total is None:
                return None
            total = receipt.total if total is None else total + receipt.total
        return total.rounded() if total is not None else None

    def shown_total(self) -> Money | None:
        """What the kiosk showed for all the confirmed orders (each order's own estimate, else its total)."""
        return shown_total_of(self._orders).rounded() if self._orders else None

    def _announce_charged(self) -> None:
        """Once every order has answered: when the store charges another amount than the kiosk showed, say it
        (a plain "as shown" is no news and would cut off the confirmation being read out)."""
        charged, shown = self.charged_total(), self.shown_total()
        if self._announced or charged is None or shown is None or charged == shown:
            return
        self._announced = True
        lang = self._lang()
        text = FINAL_AMOUNT if len(self._orders) == 1 else CHARGED_IN_ALL
        self.announced.emit(text.get(lang).format(final=charged.format(lang), estimate=shown.format(lang)))

    def refresh_language(self) -> None:
        self._show()

    def _show(self) -> None:
        lang, orders = self._lang(), self._orders
        single = orders[0] if len(orders) == 1 else None
        receipt = self._receipts.get(single.client_order_id) if single is not None else None
        self._set("outcome", outcome_text(receipt, lang) if single is not None else "")
        self._set("finalAmount", final_amount_text(receipt, single, lang) if single is not None else "")
        self._set("answers", [self._answer(order, lang) for order in orders])

    def _answer(self, order: Order, lang: str) -> dict[str, str]:
        receipt = self._receipts.get(order.client_order_id)
        if receipt is None and order.client_order_id in self._refused:
            return {"state": "refused", "status": REFUSED.get(lang), "outcome": "", "finalAmount": "", "points": ""}
        if receipt is None:
            state, status = ("queued", QUEUED) if self._offline else ("sending", SENDING)
            return {"state": state, "status": status.get(lang), "outcome": "", "finalAmount": "", "points": ""}
        earned = receipt.points_earned or 0
        return {
            "state": "answered",
            "status": ANSWERED.get(lang),
            "outcome": outcome_text(receipt, lang),
            "finalAmount": final_amount_text(receipt, order, lang),
            "points": ORDER_EARNED.get(lang).format(points=number_text(earned, lang)) if earned > 0 else "",
        }

    def wipe(self) -> None:
        """The next shopper: nothing of these orders stays on screen (receipts of orders still to be confirmed
        are kept: they hold nothing personal)."""
        self._orders = ()
        self._receipts = {}
        self._refused = frozenset()
        self._offline = False
        self._announced = False
        self._set("outcome", "")
        self._set("finalAmount", "")
        self._set("answers", [])

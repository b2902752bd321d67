"""Staff screens: the PIN pad, the admin menu (exit, rejected orders) and the associate sign-in and re-check.

Kiosk mode: five quick taps in the top-left corner open the PIN pad; the menu closes itself once nobody
touches it for the shopper idle time. Associate mode (a tablet): the PIN pad is the first screen and comes
back after 15 minutes without input. The PIN check (scrypt, ~0.13 s) runs on a worker thread.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import Property, QEvent, QObject, QTimer, Signal, Slot

from kiosk.core.admin_pin import MAX_DIGITS, PinCheck, PinOutcome, StaffAccessPolicy, StaffPinService
from kiosk.core.errors import RejectionReason
from kiosk.core.i18n import LocalizedText
from kiosk.core.ports import CatalogStore, Clock, OrderOutbox, OutboxEntry
from kiosk.ui.qt.activity import SCREEN_ACTIVITY
from kiosk.ui.qt.properties import ViewModel, notified
from kiosk.ui.qt.runner import BackgroundRunner
from kiosk.ui.viewmodels.formatting import catalog_names, datetime_text, line_name, price_text
from kiosk.ui.viewmodels.list_models import RowListModel

SCREENS = ("", "pin", "menu", "deadLetters")
CORNER_TAPS = 5
CORNER_WINDOW_S = 3.0
DEAD_LETTER_REFRESH_TICKS = 3  # seconds between reloads of the open rejected-orders list

_log = logging.getLogger(__name__)

# why the store refused an order, as the associate reads it; the backend's own text is in the log and
# `kiosk admin` (it is English, technical, and may name internal ids)
REJECTION_TEXTS: dict[str, LocalizedText] = {
    RejectionReason.PRODUCT_GONE: LocalizedText(
        "The store no longer sells a product in this order.", "La tienda ya no vende un producto de este pedido."
    ),
    RejectionReason.OUT_OF_STOCK: LocalizedText(
        "The store does not have enough stock for this order.", "La tienda no tiene stock suficiente para este pedido."
    ),
    RejectionReason.CONTACT_REFUSED: LocalizedText(
        "The store did not accept a contact detail or the address.",
        "La tienda no ha aceptado un dato de contacto o la dirección.",
    ),
    RejectionReason.OTHER: LocalizedText(
        "The store refused this order for another reason.", "La tienda ha rechazado este pedido por otro motivo."
    ),
}
PIN_CHECK_FAILED = LocalizedText(
    "The PIN could not be checked just now. Try again.", "Ahora no se ha podido comprobar el PIN. Vuelve a intentarlo."
)
ACTION_FAILED = LocalizedText(
    "That did not work: the order list could not be changed. Try again, or ask for support.",
    "No se ha podido: la lista de pedidos no se ha podido cambiar. Vuelve a intentarlo o pide ayuda.",
)


class AdminViewModel(ViewModel):
    screenChanged, screen = notified(str, "screen", "")
    modeChanged, mode = notified(str, "mode", "kiosk")
    enteredChanged, entered = notified(int, "entered", 0)  # how many digits typed: the pad shows dots only
    messageChanged, message = notified(str, "message", "")
    checkingChanged, checking = notified(bool, "checking", False)
    lockedChanged, locked = notified(bool, "locked", False)
    staffNameChanged, staffName = notified(str, "staffName", "")
    rejectedCountChanged, rejectedCount = notified(int, "rejectedCount", 0)
    exitRequested = Signal()

    def __init__(
        self,
        pins: StaffPinService,
        outbox: OrderOutbox,
        runner: BackgroundRunner,
        clock: Clock,
        lang: Callable[[], str],
        *,
        mode: str = "kiosk",
        policy: StaffAccessPolicy | None = None,
        on_changed: Callable[[], None] = lambda: None,
        store: CatalogStore | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store  # names the rejected orders' items in the associate's language
        if mode not in ("kiosk", "associate"):
            raise ValueError(f"Unknown kiosk mode {mode!r}")
        self._pins = pins
        self._outbox = outbox
        self._runner = runner
        self._clock = clock
        self._lang = lang
        self._policy = policy or StaffAccessPolicy()
        self._on_changed = on_changed  # e.g. refresh the status strip after a retry
        self._digits = ""
        self._taps: list[float] = []
        self._signed_in = False
        self._last_activity = clock.monotonic()
        self._ticks = 0
        self._rows = RowListModel(("orderId", "number", "date", "error", "items", "total", "attempts"), self)
        self._set("mode", mode)
        if mode == "associate":
            self._set("screen", "pin")  # nothing of the app is usable before an associate signs in
        self._timer = QTimer(self, interval=1000)
        self._timer.timeout.connect(self.tick)
        self._timer.start()

    def _get_rows(self) -> RowListModel:
        return self._rows

    deadLetters = Property(QObject, _get_rows, constant=True)

    @property
    def signed_in(self) -> bool:
        return self._signed_in

    # --- activity and expiry ----------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in SCREEN_ACTIVITY:
            self._last_activity = self._clock.monotonic()
        return False

    @Slot()
    def tick(self) -> None:
        if not self._policy.expired(self._clock.monotonic() - self._last_activity):
            self._ticks += 1
            if self.screen == "deadLetters" and self._ticks % DEAD_LETTER_REFRESH_TICKS == 0:
                self._load_dead_letters()  # a retried order the store refuses again comes back on its own
            return
        if self.mode == "associate":
            if self._signed_in or self.screen != "pin":
                self.signOut()
        elif self.screen:
            self.close()

    # --- opening the pad --------------------------------------------------------------------------
    @Slot()
    def cornerTapped(self) -> None:
        """Five taps within three seconds: hard to do by accident, easy for someone who knows."""
        now = self._clock.monotonic()
        self._last_activity = now
        self._taps = [t for t in self._taps if now - t <= CORNER_WINDOW_S] + [now]
        if len(self._taps) < CORNER_TAPS or self.screen:
            return
        self._taps.clear()
        self._set("screen", "menu" if self.mode == "associate" and self._signed_in else "pin")

    @Slot(str)
    def digit(self, key: str) -> None:
        if len(key) == 1 and key.isdigit() and len(self._digits) < MAX_DIGITS and not self.checking:
            self._digits += key
            self._set("entered", len(self._digits))

    @Slot()
    def backspace(self) -> None:
        self._digits = self._digits[:-1]
        self._set("entered", len(self._digits))

    def _clear_digits(self) -> None:
        self._digits = ""
        self._set("entered", 0)

    @Slot()
    def submit(self) -> None:
        if self.checking or not self._digits:
            return
        pin, pins = self._digits, self._pins
        self._clear_digits()
        self._set("checking", True)

        def done(result: PinCheck | None, error: Exception | None) -> None:
            self._set("checking", False)
            if result is None:
                _log.warning("staff PIN check failed: %r", error)
                self._set("message", PIN_CHECK_FAILED.get(self._lang()))
                return
            self._set("locked", result.outcome is PinOutcome.LOCKED)
            self._set("message", result.message().get(self._lang()))
            if result.accepted:
                self._accept(result.name)

        self._runner.read(lambda: pins.check(pin), done)

    def _accept(self, name: str) -> None:
        self._signed_in = True
        self._last_activity = self._clock.monotonic()
        self._clear_digits()
        self._set("message", "")
        self._set("staffName", name)
        self._set("screen", "" if self.mode == "associate" else "menu")
        self._refresh_count()

    def badge_presented(self, name: str) -> None:
        """An associate's badge on the NFC reader: signs in (associate mode) or opens the staff menu (kiosk)."""
        self._accept(name)

    # --- menu -------------------------------------------------------------------------------------
    @Slot()
    def close(self) -> None:
        """Back to the shopper screens. In kiosk mode that also ends the staff session."""
        self._clear_digits()
        self._rows.reset([])
        self._set("message", "")
        if self.mode == "associate" and not self._signed_in:
            self._set("screen", "pin")
            return
        if self.mode == "kiosk":
            self._signed_in = False
            self._set("staffName", "")
        self._set("screen", "")

    @Slot()
    def signOut(self) -> None:
        self._signed_in = False
        self._set("staffName", "")
        self._clear_digits()
        self._rows.reset([])
        self._set("message", "")
        self._set("screen", "pin" if self.mode == "associate" else "")

    @Slot()
    def openMenu(self) -> None:
        if self._signed_in:
            self._rows.reset([])
            self._set("screen", "menu")
            self._refresh_count()

    @Slot()
    def openDeadLetters(self) -> None:
        if not self._signed_in:
            return
        self._set("screen", "deadLetters")
        self._load_dead_letters()

    @Slot()
    def exitApp(self) -> None:
        if self._signed_in and self.mode == "kiosk":
            self.exitRequested.emit()

    # --- dead letters -----------------------------------------------------------------------------
    def _refresh_count(self) -> None:
        outbox = self._outbox

        def done(count: int | None, error: Exception | None) -> None:
            if count is not None:
                self._set("rejectedCount", count)

        self._runner.read(lambda: len(outbox.rejected()), done)

    def _load_dead_letters(self) -> None:
        outbox, lang, store = self._outbox, self._lang(), self._store

        def read() -> list[dict[str, object]]:
            entries = outbox.rejected()
            names = catalog_names(store, [line for e in entries for line in e.order.lines])
            return [dead_letter_row(e, lang, names) for e in entries]

        def done(rows: list[dict[str, object]] | None, error: Exception | None) -> None:
            if rows is None or self.screen != "deadLetters":
                return
            self._set("rejectedCount", len(rows))
            if rows != self._rows.rows():  # unchanged: keep the delegates (and a half-confirmed cancel)
                self._rows.reset(rows)

        self._runner.read(read, done)

    def _act(self, work: Callable[[], None]) -> None:
        def done(_: object, error: Exception | None) -> None:
            if error is not None:
                _log.warning("dead-letter action failed: %s", error)
            self._set("message", ACTION_FAILED.get(self._lang()) if error is not None else "")
            self._load_dead_letters()
            self._on_changed()

        self._runner.write(work, done)

    @Slot(str)
    def retry(self, client_order_id: str) -> None:
        if self._signed_in:
            outbox = self._outbox
            self._act(lambda: outbox.retry_rejected(client_order_id))

    @Slot(str)
    def cancelOrder(self, client_order_id: str) -> None:
        if self._signed_in:
            outbox = self._outbox
            self._act(lambda: outbox.cancel_rejected(client_order_id))


def dead_letter_row(entry: OutboxEntry, lang: str, names: dict[str, LocalizedText] | None = None) -> dict[str, object]:
    """What an associate needs to decide: which order, when, why it was refused (in their language, from the
    reason the adapter gave), what was in it (named as the catalog names it in that language)."""
    order = entry.order
    reason = REJECTION_TEXTS.get(entry.reject_reason, REJECTION_TEXTS[RejectionReason.OTHER])
    return {
        "orderId": order.client_order_id,
        "number": order.number,
        "date": datetime_text(order.created_at, lang),
        "error": reason.get(lang),
        "items": ", ".join(f"{line.quantity} × {line_name(line, names or {}, lang)}" for line in order.lines),
        "total": price_text(order.total, lang),
        "attempts": entry.attempts,
    }

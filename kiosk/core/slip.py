"""The order slip the kiosk prints, as a value, and the port a slip printer implements."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from kiosk.core.i18n import LocalizedText
from kiosk.core.money import Money

# Code pages a slip may be printed in: Latin pages that common ESC/POS printers (Epson, Star, generic) number
# the same way. Not ISO 8859-15 ("code page 15"): Epson's TM-T88V maps page 15 to Greek, so a euro sign sent
# there printed as a Greek letter. A page without the euro sign (CP850, CP437) prints "EUR" instead.
PRINTER_CODEPAGES = ("CP858", "CP1252", "CP850", "CP437")


LABELS: dict[str, LocalizedText] = {
    "order": LocalizedText("Order", "Pedido"),
    "reference": LocalizedText("Reference", "Referencia"),
    "subtotal": LocalizedText("Subtotal", "Subtotal"),
    "shipping": LocalizedText("Delivery", "Envío"),
    "savings": LocalizedText("Offers", "Ofertas"),
    "total": LocalizedText("Total", "Total"),
    "scan": LocalizedText("Scan at any kiosk to see your order", "Escanea en cualquier quiosco para ver tu pedido"),
}


@dataclass(frozen=True, slots=True)
class SlipLine:
    name: str
    quantity: int
    total: Money
    detail: str = ""  # variant options, already in the shopper's language ("Red / M")


@dataclass(frozen=True, slots=True)
class OrderSlip:
    """Everything printed, already chosen and translated by the caller; the printer only lays it out."""

    store_name: str
    order_number: str  # the kiosk's short number, known before the backend answers
    lines: tuple[SlipLine, ...]
    total: Money
    qr_payload: str  # e.g. the order-status URL; printed as a QR code
    language: str = "en"
    backend_code: str | None = None  # the backend's order code, once delivered
    subtotal: Money | None = None
    shipping: Money | None = None
    savings: Money | None = None  # what offers, codes and points took off (printed as a negative amount)
    placed_at: datetime | None = None
    note: str = ""  # one pre-formatted line, e.g. "Pick up at Madrid Centro"

    def label(self, key: str) -> str:
        return LABELS[key].get(self.language)


class SlipPrintError(Exception):
    """The slip was not printed after every retry; the caller still holds `slip` and can try again."""

    def __init__(self, message: str, slip: OrderSlip, attempts: int) -> None:
        super().__init__(message)
        self.slip = slip
        self.attempts = attempts


class SlipPrinter(Protocol):
    def print_slip(self, slip: OrderSlip) -> None:
        """Prints or raises SlipPrintError; blocking, so call it from a worker thread."""
        ...


def two_columns(left: str, right: str, width: int) -> str:
    """`left` padded so `right` ends at the last column; `left` shortened with ".." if they collide."""
    room = width - len(right) - 1
    if room < 1:
        return right[-width:]
    if len(left) > room:
        left = left[: max(room - 2, 0)] + ".." if room >= 2 else left[:room]
    return left + " " * (width - len(left) - len(right)) + right

"""What the backend made of an order the kiosk sent (OrderReceipt), as the shopper reads it on the confirmation
and on the order's status page: its notes (a coupon left off, points not redeemed, a line short of stock), that
the store follows up on what was short, and the final amount when it is not what the kiosk showed.

An order placed offline was told "stock is confirmed when the order is sent"; this is where that promise is
kept when the answer is "not all of it". The notes come from the backend in both languages; the kiosk adds only
the follow-up sentence, so a short line is never announced twice.
"""

from __future__ import annotations

from kiosk.core.i18n import LocalizedText
from kiosk.core.money import Money
from kiosk.core.order import Order, OrderReceipt

STORE_FOLLOWS_UP = LocalizedText(
    "The store will contact you about the items that could not be ordered.",
    "La tienda se pondrá en contacto contigo por los artículos que no se han podido pedir.",
)
FINAL_AMOUNT = LocalizedText(
    "Final amount: {final} (the kiosk estimated {estimate}).", "Importe final: {final} (el quiosco calculó {estimate})."
)


def outcome_lines(receipt: OrderReceipt | None) -> tuple[LocalizedText, ...]:
    """The receipt's notes, then the follow-up sentence if any line was short; () when all went as asked."""
    if receipt is None:
        return ()
    lines = list(receipt.notes)
    if any(line.short > 0 for line in receipt.short_lines):
        lines.append(STORE_FOLLOWS_UP)
    return tuple(lines)


def outcome_text(receipt: OrderReceipt | None, lang: str) -> str:
    """One line per note, in `lang`; "" when there is nothing to say."""
    return "\n".join(line.get(lang) for line in outcome_lines(receipt))


def final_amount_differs(receipt: OrderReceipt | None, shown: Money) -> Money | None:
    """The backend's total when it is not, to the cent, what the shopper was shown; else None."""
    if receipt is None or receipt.total is None:
        return None
    return receipt.total if receipt.total.rounded() != shown.rounded() else None


def final_amount_text(receipt: OrderReceipt | None, order: Order, lang: str) -> str:
    """ "Final amount: €45.00 (the kiosk estimated €50.00)." or "" when the backend's figure is the one shown."""
    final = final_amount_differs(receipt, order.shown_total)
    if final is None:
        return ""
    return FINAL_AMOUNT.get(lang).format(final=final.format(lang), estimate=order.shown_total.format(lang))

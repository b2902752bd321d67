"""Returns of online orders started in store by an associate: what was asked for and the backend's receipt."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from kiosk.core.i18n import LocalizedText
from kiosk.core.money import Money

# Reason codes the associate picks from; the code is what the backend records, the text what the UI shows.
RETURN_REASONS: tuple[tuple[str, LocalizedText], ...] = (
    ("wrong_size", LocalizedText("Wrong size", "Talla incorrecta")),
    ("not_as_described", LocalizedText("Not as described", "No es como se describía")),
    ("damaged", LocalizedText("Arrived damaged", "Llegó dañado")),
    ("changed_mind", LocalizedText("Changed my mind", "He cambiado de opinión")),
    ("other", LocalizedText("Other", "Otro motivo")),
)


# An order's state as backends name it (Vendure's, which the demo store copies). Only what was paid for can be
# refunded: an order still awaiting payment has nothing to give back, a cancelled one has been refunded already.
RETURNABLE_STATES = frozenset({"PaymentSettled", "PartiallyShipped", "Shipped", "PartiallyDelivered", "Delivered"})
UNPAID_STATES = frozenset({"Draft", "AddingItems", "ArrangingPayment", "PaymentPending", "PaymentAuthorized"})
NOT_PAID = LocalizedText(
    "Not paid yet: only paid or delivered items can be returned",
    "Aún no está pagado: solo se pueden devolver artículos pagados o entregados",
)
CANCELLED = LocalizedText("Cancelled: there is nothing to return", "Cancelado: no hay nada que devolver")
UNKNOWN_STATE = LocalizedText(
    "Order state {state}: only paid or delivered items can be returned",
    "Estado del pedido {state}: solo se pueden devolver artículos pagados o entregados",
)


def why_not_returnable(state: str) -> LocalizedText | None:
    """None when the lines of an order in `state` can be returned, else why not, for the associate."""
    if state in RETURNABLE_STATES:
        return None
    if state in UNPAID_STATES:
        return NOT_PAID
    if state == "Cancelled":
        return CANCELLED
    return LocalizedText(UNKNOWN_STATE.en.format(state=state), UNKNOWN_STATE.es.format(state=state))


def refund_amount(unit_price: Money, quantity: int) -> Money:
    """What a returned line gives back: the unit price paid times the quantity, rounded to the currency."""
    return (unit_price * quantity).rounded()


def refund_total(lines: Sequence[tuple[Money, int]], currency: str) -> Money:
    """The refund of a whole return: its lines' refunds added up (zero in `currency` for no line)."""
    total = Money.zero(currency)
    for unit_price, quantity in lines:
        total = total + refund_amount(unit_price, quantity)
    return total


class ReturnError(ValueError):
    """A return request that cannot be made as asked (no lines, a quantity beyond what was bought)."""


@dataclass(frozen=True, slots=True)
class ReturnReceipt:
    """The backend's record of a return: its own id, the order, the (variant_id, quantity) lines, the reason."""

    return_id: str
    order_code: str
    lines: tuple[tuple[str, int], ...]
    reason: str


def check_returnable(order_code: str, state: str) -> None:
    """Raises ReturnError unless the order's lines can be returned (paid or delivered); backends call it
    before check_return, so an unpaid order is refused by the store too, not only hidden by the screen."""
    why = why_not_returnable(state)
    if why is not None:
        raise ReturnError(f"Order {order_code}: {why.en}")


def check_return(lines: Sequence[tuple[str, int]], bought: Mapping[str, int], reason: str) -> None:
    """Raises ReturnError unless every line names a variant of the order, at most the quantity bought, and
    a reason is given. Backends call this before recording anything, so all refuse alike, word for word.
    """
    if not reason.strip():
        raise ReturnError("Give a reason for the return")
    if not lines:
        raise ReturnError("Pick at least one line to return")
    wanted: dict[str, int] = {}
    for variant_id, quantity in lines:
        if quantity < 1:
            raise ReturnError(f"Return quantity for {variant_id} must be at least 1")
        wanted[variant_id] = wanted.get(variant_id, 0) + quantity
    for variant_id, quantity in wanted.items():
        if variant_id not in bought:
            raise ReturnError(f"Variant {variant_id} is not in this order")
        if quantity > bought[variant_id]:
            raise ReturnError(f"Only {bought[variant_id]} of {variant_id} were bought; cannot return {quantity}")

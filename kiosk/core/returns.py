"""Returns of online orders started in store by an associate: what was asked for and the backend's receipt."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from kiosk.core.i18n import LocalizedText

# Reason codes the associate picks from; the code is what the backend records, the text what the UI shows.
RETURN_REASONS: tuple[tuple[str, LocalizedText], ...] = (
    ("wrong_size", LocalizedText("Wrong size", "Talla incorrecta")),
    ("not_as_described", LocalizedText("Not as described", "No es como se describía")),
    ("damaged", LocalizedText("Arrived damaged", "Llegó dañado")),
    ("changed_mind", LocalizedText("Changed my mind", "He cambiado de opinión")),
    ("other", LocalizedText("Other", "Otro motivo")),
)


class ReturnError(ValueError):
    """A return request that cannot be made as asked (no lines, a quantity beyond what was bought)."""


@dataclass(frozen=True, slots=True)
class ReturnReceipt:
    """The backend's record of a return: its own id, the order, the (variant_id, quantity) lines, the reason."""

    return_id: str
    order_code: str
    lines: tuple[tuple[str, int], ...]
    reason: str


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

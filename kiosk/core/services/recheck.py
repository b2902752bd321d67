"""Stock and price re-checked with the backend just before an order is placed, for every line in one call.

The cache can be up to one poll old (30 s by default), and in a busy store the last two pairs can go in that
time. Online, the checkout asks the backend for the current price and stock of every line at once; anything
that differs from what the shopper saw is listed exactly ("Shirt M: 19,95 € → 17,95 €", "3 → 1 available",
"no longer available") and the shopper accepts the new cart or goes back to change it. Offline the order is
placed as it stands and the confirmation says stock is confirmed when the order is sent.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Protocol, runtime_checkable

from kiosk.core.cart import Cart, CartItemRef, CartLine
from kiosk.core.catalog import StockLevel
from kiosk.core.i18n import LocalizedText
from kiosk.core.money import Money
from kiosk.core.order import FulfilmentKind

STOCK_CONFIRMED_LATER = LocalizedText(
    "Stock is confirmed when the order is sent.", "El stock se confirma cuando se envíe el pedido."
)


@dataclass(frozen=True, slots=True)
class LineCheck:
    """The backend's word on one variant now: its price (None: it is no longer sold) and stock per location."""

    variant_id: str
    price: Money | None
    stock: tuple[StockLevel, ...] = ()

    def available(self, fulfilment: FulfilmentKind, location_id: str | None) -> int:
        """What can be promised for this way of receiving: one store's shelf for a pickup or a reservation,
        every location for home delivery (the warehouse first, stores ship too)."""
        if fulfilment is FulfilmentKind.HOME_DELIVERY or location_id is None:
            return sum(level.quantity for level in self.stock)
        return sum(level.quantity for level in self.stock if level.location_id == location_id)


@runtime_checkable
class LineChecker(Protocol):
    """A backend that can re-check a cart's lines in one call (CommerceBackend's optional companion)."""

    def check_lines(self, items: Sequence[CartItemRef]) -> Mapping[str, LineCheck]:
        """Every asked-for variant id the backend still sells; a missing id means it is no longer sold."""
        ...


class ChangeKind(enum.StrEnum):
    PRICE = "price"
    STOCK = "stock"  # fewer available than in the cart: the quantity goes down to what there is
    GONE = "gone"  # not sold any more, or none left for this way of receiving: the line goes


@dataclass(frozen=True, slots=True)
class LineRecheck:
    """One line that changed since the shopper saw it, old and new, in words for the screen."""

    variant_id: str
    name: LocalizedText
    options_label: str
    kind: ChangeKind
    old_price: Money
    new_price: Money | None
    old_quantity: int
    new_quantity: int

    def describe(self, lang: str) -> str:
        title = self.name.get(lang) + (f" ({self.options_label})" if self.options_label else "")
        if self.kind is ChangeKind.GONE:
            return f"{title}: " + _GONE.get(lang)
        if self.kind is ChangeKind.STOCK:
            return f"{title}: " + _FEWER.get(lang).format(old=self.old_quantity, new=self.new_quantity)
        assert self.new_price is not None
        return f"{title}: {self.old_price.format(lang)} → {self.new_price.format(lang)}"


_GONE = LocalizedText("no longer available", "ya no está disponible")
_FEWER = LocalizedText("{old} → {new} available", "{old} → {new} disponibles")


@dataclass(frozen=True, slots=True)
class RecheckResult:
    changes: tuple[LineRecheck, ...]
    cart: Cart  # the cart as the backend can sell it now: new prices, lower quantities, gone lines removed

    @property
    def unchanged(self) -> bool:
        return not self.changes


def recheck(
    cart: Cart, checks: Mapping[str, LineCheck], fulfilment: FulfilmentKind, location_id: str | None
) -> RecheckResult:
    """Compares each line with the backend's answer; a stock shortfall is reported before a price change on
    the same line, since the shopper must decide about the quantity first. `fulfilment` and `location_id` are
    the whole order's way of receiving, for lines without their own."""
    changes: list[LineRecheck] = []
    lines: list[CartLine] = []
    for line in cart.lines:
        check = checks.get(line.variant_id)
        price = check.price if check is not None else None
        if check is None or price is None or price.currency != cart.currency:
            changes.append(_change(line, ChangeKind.GONE, None, 0))
            continue
        own = line.fulfilment  # a line received its own way is checked against that store or delivery
        available = check.available(own.kind, own.location_id) if own else check.available(fulfilment, location_id)
        if available <= 0:
            changes.append(_change(line, ChangeKind.GONE, price, 0))
            continue
        quantity = min(line.quantity, available)
        if quantity < line.quantity:
            changes.append(_change(line, ChangeKind.STOCK, price, quantity))
        elif price != line.unit_price:
            changes.append(_change(line, ChangeKind.PRICE, price, quantity))
        lines.append(replace(line, unit_price=price, quantity=quantity, previous_price=None, withdrawn=False))
    return RecheckResult(tuple(changes), replace(cart, lines=tuple(lines)))


def _change(line: CartLine, kind: ChangeKind, price: Money | None, quantity: int) -> LineRecheck:
    return LineRecheck(
        line.variant_id, line.name, line.options_label, kind, line.unit_price, price, line.quantity, quantity
    )

"""The shopper's cart: an immutable value, so every change is a new cart and undo or wipe is trivial."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from kiosk.core.fulfilment_kind import FulfilmentKind
from kiosk.core.i18n import LocalizedText
from kiosk.core.money import Money

MAX_QUANTITY_PER_LINE = 99


@dataclass(frozen=True, slots=True)
class CartItemRef:
    """One cart line by reference: which variant and how many. The SKU travels for people, not for lookups."""

    variant_id: str
    sku: str
    quantity: int

    def __post_init__(self) -> None:
        if not self.variant_id:
            raise ValueError("A cart item needs a variant id")
        if self.quantity < 1:
            raise ValueError(f"Cart item {self.sku or self.variant_id}: quantity must be at least 1")


class CartError(ValueError):
    """A cart change the shopper asked for that cannot be made. `text` is what the shopper reads, in their
    language; the message (English, with ids) is for the log and tests."""

    def __init__(self, message: str, text: LocalizedText | None = None) -> None:
        super().__init__(message)
        self.text = text or CART_CHANGE_FAILED


CART_CHANGE_FAILED = LocalizedText(
    "That change could not be made to the cart.", "No se ha podido hacer ese cambio en el carrito."
)
QUANTITY_LIMIT = LocalizedText(
    f"You can take from 1 to {MAX_QUANTITY_PER_LINE} of each item.",
    f"Puedes llevar de 1 a {MAX_QUANTITY_PER_LINE} unidades de cada artículo.",
)


@dataclass(frozen=True, slots=True)
class LineFulfilment:
    """How one cart line reaches the shopper when they chose it for that line: taken here, delivered, or
    picked up at a named store. A line without one follows the way the whole order is received."""

    kind: FulfilmentKind
    location_id: str | None = None  # the store for RESERVE_HERE / PICKUP_STORE; None for HOME_DELIVERY

    def __post_init__(self) -> None:
        if self.kind.needs_pickup_location and not self.location_id:
            raise ValueError(f"{self.kind.value} needs a store")
        if not self.kind.needs_pickup_location and self.location_id is not None:
            raise ValueError("home delivery has no store")


ONLY_AVAILABLE = LocalizedText("Only {count} available", "Solo hay {count} disponibles")


@dataclass(frozen=True, slots=True)
class CartLine:
    variant_id: str
    product_id: str
    sku: str
    name: LocalizedText
    options_label: str
    unit_price: Money
    quantity: int
    image: str | None = None
    previous_price: Money | None = None  # the price the shopper added it at, while a catalog change differs
    withdrawn: bool = False  # the catalog no longer sells this variant: the line must go before checkout
    fulfilment: LineFulfilment | None = None  # chosen for this line in the cart; None: as the whole order

    @property
    def total(self) -> Money:
        return self.unit_price * self.quantity

    def notice(self) -> LocalizedText | None:
        """What the shopper must be told about this line after a catalog change, or None."""
        if self.withdrawn:
            return WITHDRAWN_NOTICE
        if self.previous_price is not None:
            return LocalizedText(
                PRICE_CHANGED_NOTICE.en.format(old=self.previous_price.format("en"), new=self.unit_price.format("en")),
                PRICE_CHANGED_NOTICE.es.format(old=self.previous_price.format("es"), new=self.unit_price.format("es")),
            )
        return None


WITHDRAWN_NOTICE = LocalizedText(
    "No longer available: remove it to continue", "Ya no está disponible: quítalo para continuar"
)
PRICE_CHANGED_NOTICE = LocalizedText("Price changed: {old} → {new}", "El precio ha cambiado: {old} → {new}")


@dataclass(frozen=True, slots=True)
class LineChange:
    """One cart line a catalog change touched: repriced (new price) or withdrawn (new_price None)."""

    variant_id: str
    old_price: Money
    new_price: Money | None


@dataclass(frozen=True, slots=True)
class Cart:
    currency: str
    lines: tuple[CartLine, ...] = ()

    @property
    def item_count(self) -> int:
        return sum(line.quantity for line in self.lines)

    @property
    def subtotal(self) -> Money:
        total = Money.zero(self.currency)
        for line in self.lines:
            total = total + line.total
        return total

    @property
    def is_empty(self) -> bool:
        return not self.lines

    def item_refs(self) -> tuple[CartItemRef, ...]:
        """The cart as references only: what a handoff or a saved online cart carries."""
        return tuple(CartItemRef(line.variant_id, line.sku, line.quantity) for line in self.lines)

    def add(self, line: CartLine) -> Cart:
        if line.unit_price.currency != self.currency:
            raise CartError(f"Price in {line.unit_price.currency} cannot join a cart in {self.currency}")
        for index, existing in enumerate(self.lines):
            if existing.variant_id == line.variant_id:
                quantity = existing.quantity + line.quantity
                return self._replace_line(index, replace(existing, quantity=quantity))
        if not 1 <= line.quantity <= MAX_QUANTITY_PER_LINE:
            raise CartError(f"Quantity must be between 1 and {MAX_QUANTITY_PER_LINE}", QUANTITY_LIMIT)
        return replace(self, lines=(*self.lines, line))

    def set_quantity(self, variant_id: str, quantity: int, limit: int | None = None) -> Cart:
        """`limit`: what stock allows for this line's way of receiving it; more raises "Only N available"."""
        for index, existing in enumerate(self.lines):
            if existing.variant_id == variant_id:
                if quantity <= 0:
                    return self.remove(variant_id)
                if limit is not None and quantity > max(limit, existing.quantity):
                    count = max(0, limit)
                    raise CartError(
                        ONLY_AVAILABLE.en.format(count=count),
                        LocalizedText(ONLY_AVAILABLE.en.format(count=count), ONLY_AVAILABLE.es.format(count=count)),
                    )
                return self._replace_line(index, replace(existing, quantity=quantity))
        raise CartError(f"No line for variant {variant_id} in the cart")

    def set_fulfilment(self, variant_id: str, fulfilment: LineFulfilment | None) -> Cart:
        for index, existing in enumerate(self.lines):
            if existing.variant_id == variant_id:
                return self._replace_line(index, replace(existing, fulfilment=fulfilment))
        raise CartError(f"No line for variant {variant_id} in the cart")

    def clear_fulfilments(self) -> Cart:
        """Every line follows the whole order's way of receiving again."""
        return replace(self, lines=tuple(replace(x, fulfilment=None) for x in self.lines))

    @property
    def has_line_fulfilments(self) -> bool:
        return any(line.fulfilment is not None for line in self.lines)

    @property
    def has_withdrawn_lines(self) -> bool:
        return any(line.withdrawn for line in self.lines)

    def reprice(self, current: Mapping[str, Money | None]) -> tuple[Cart, tuple[LineChange, ...]]:
        """The cart after a catalog change: `current` maps each re-read variant id to its price now, or None
        when the catalog no longer sells it; variants not in `current` are untouched. A line keeps the price it
        was added at in `previous_price` until the shopper has seen the change (`acknowledge_changes`)."""
        lines: list[CartLine] = []
        changes: list[LineChange] = []
        for line in self.lines:
            if line.variant_id not in current:
                lines.append(line)
                continue
            price = current[line.variant_id]
            if price is None:
                if not line.withdrawn:
                    changes.append(LineChange(line.variant_id, line.unit_price, None))
                lines.append(replace(line, withdrawn=True))
            elif price.currency != self.currency:
                # a price the cart cannot hold is not a price this kiosk can sell at
                changes.append(LineChange(line.variant_id, line.unit_price, None))
                lines.append(replace(line, withdrawn=True))
            elif price != line.unit_price:
                changes.append(LineChange(line.variant_id, line.unit_price, price))
                first = line.previous_price or line.unit_price
                lines.append(replace(line, unit_price=price, previous_price=None if first == price else first,
                                     withdrawn=False))  # fmt: skip
            else:
                lines.append(replace(line, withdrawn=False))
        return replace(self, lines=tuple(lines)), tuple(changes)

    def acknowledge_changes(self) -> Cart:
        """The shopper accepted the new prices: the notices go (withdrawn lines stay until removed)."""
        return replace(self, lines=tuple(replace(x, previous_price=None) for x in self.lines))

    def remove(self, variant_id: str) -> Cart:
        return replace(self, lines=tuple(x for x in self.lines if x.variant_id != variant_id))

    def _replace_line(self, index: int, line: CartLine) -> Cart:
        if not 1 <= line.quantity <= MAX_QUANTITY_PER_LINE:
            raise CartError(f"Quantity must be between 1 and {MAX_QUANTITY_PER_LINE}", QUANTITY_LIMIT)
        lines = list(self.lines)
        lines[index] = line
        return replace(self, lines=tuple(lines))

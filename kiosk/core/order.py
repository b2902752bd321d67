"""An order as the kiosk saves and sends it: the client order id is its idempotency key for life."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime

from kiosk.core.customer import Address
from kiosk.core.fulfilment_kind import FulfilmentKind
from kiosk.core.i18n import LocalizedText
from kiosk.core.money import Money

__all__ = [
    "FulfilmentKind",
    "Order",
    "OrderContact",
    "OrderLine",
    "OrderReceipt",
    "OrderStatus",
    "PaymentChoice",
    "ShippingMethod",
]


class PaymentChoice(enum.StrEnum):
    PAY_AT_COUNTER = "pay_at_counter"
    PAY_ON_PHONE = "pay_on_phone"


class OrderStatus(enum.StrEnum):
    SAVED = "saved"  # committed locally, waiting in the outbox
    DELIVERED = "delivered"  # the backend has it and gave it a code
    REJECTED = "rejected"  # the backend refused it; in the dead-letter list
    CANCELLED = "cancelled"


@dataclass(frozen=True, slots=True)
class ShippingMethod:
    id: str
    code: str
    name: LocalizedText
    price: Money
    days_min: int
    days_max: int


@dataclass(frozen=True, slots=True)
class OrderLine:
    variant_id: str
    sku: str
    gtin: str | None
    name: str
    quantity: int
    unit_price: Money

    @property
    def total(self) -> Money:
        return self.unit_price * self.quantity


@dataclass(frozen=True, slots=True)
class OrderContact:
    """Who the order is for; personal data, removed from the kiosk once the backend has the order."""

    first_name: str
    last_name: str
    email: str
    phone: str = ""
    loyalty_number: str = ""
    customer_id: str = ""


@dataclass(frozen=True, slots=True)
class Order:
    client_order_id: str  # UUID made once at checkout and reused on every retry
    number: str  # short, human-readable number shown on screen and slip before the backend answers
    created_at: datetime
    store_id: str
    device_id: str
    lines: tuple[OrderLine, ...]
    fulfilment: FulfilmentKind
    payment: PaymentChoice
    contact: OrderContact
    shipping_address: Address | None
    shipping_method: ShippingMethod | None
    pickup_location_id: str | None
    currency: str
    # Offers and loyalty the shopper asked for; the backend decides what they are worth when it places the
    # order (the kiosk's own figure, offline, is an estimate "confirmed when the order is sent").
    coupon_codes: tuple[str, ...] = ()
    points_to_redeem: int = 0
    # the total the kiosk showed after the offers it could compute (None: no offer applied, `total` is it);
    # the order status compares the backend's final amount with it
    estimated_total: Money | None = None
    # A cart whose lines are received in different ways becomes one order per way (docs/ux.md): each order
    # has its own client id and code; these say which checkout it came from and which part it is ("1 of 2").
    checkout_id: str = ""  # "" when the checkout placed this order alone
    part: int = 1
    parts: int = 1

    @property
    def subtotal(self) -> Money:
        total = Money.zero(self.currency)
        for line in self.lines:
            total = total + line.total
        return total

    @property
    def shipping(self) -> Money:
        return self.shipping_method.price if self.shipping_method else Money.zero(self.currency)

    @property
    def total(self) -> Money:
        return self.subtotal + self.shipping

    @property
    def shown_total(self) -> Money:
        """What the shopper was told the order costs: the estimate with offers, else the plain total."""
        return self.estimated_total if self.estimated_total is not None else self.total


@dataclass(frozen=True, slots=True)
class ShortLine:
    """A line the backend could not fill from stock when the order reached it (an order queued offline):
    it placed `placed` of the `ordered` units; the store follows up on the rest."""

    variant_id: str
    ordered: int
    placed: int

    @property
    def short(self) -> int:
        return self.ordered - self.placed


@dataclass(frozen=True, slots=True)
class OrderReceipt:
    """The backend's acknowledgement: its own order code for our client order id."""

    client_order_id: str
    backend_code: str
    state: str
    # What the backend made of the order, when it says: the total to pay after its promotions, coupons and
    # redeemed points, and the points the order earned (credited once, by the backend).
    total: Money | None = None
    points_earned: int | None = None
    # What the backend placed differently from what was asked, for the order's status: lines short of stock,
    # and shopper-facing notes (a coupon left off and why, points not redeemed and why, a short line).
    short_lines: tuple[ShortLine, ...] = ()
    notes: tuple[LocalizedText, ...] = ()

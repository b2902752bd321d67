"""An order as the kiosk saves and sends it: the client order id is its idempotency key for life."""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

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
    "order_from_record",
    "order_record",
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


def shown_total_of(orders: Sequence[Order]) -> Money:
    """What the shopper was told one checkout's orders cost in all (each order's own figure, summed); the
    confirmation's "To pay" and the comparison with what the store charged both read it."""
    total = orders[0].shown_total
    for order in orders[1:]:
        total = total + order.shown_total
    return total


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

    def note(self, name: str) -> LocalizedText:
        """What the confirmation says of this line, the same from every backend."""
        return LocalizedText(
            f"Only {self.placed} of {self.ordered} × {name} were in stock; {self.short} missing.",
            f"Solo había {self.placed} de {self.ordered} × {name} en stock; "
            f"{'falta' if self.short == 1 else 'faltan'} {self.short}.",
        )


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


# --- the record an order is kept and sent as ----------------------------------------------------------------


def _money_record(money: Money) -> dict[str, str]:
    return {"amount": str(money.amount), "currency": money.currency}


def _money_from_record(data: Any) -> Money:
    return Money(Decimal(data["amount"]), data["currency"])


def order_record(order: Order) -> dict[str, Any]:
    """The JSON form of an order (order_from_record reads it back): how kiosk.db keeps it in the outbox and how
    the demo store served over HTTP receives it, one layout for both."""
    method = order.shipping_method
    return {
        "client_order_id": order.client_order_id,
        "number": order.number,
        "created_at": order.created_at.isoformat(),
        "store_id": order.store_id,
        "device_id": order.device_id,
        "lines": [
            {
                "variant_id": line.variant_id,
                "sku": line.sku,
                "gtin": line.gtin,
                "name": line.name,
                "quantity": line.quantity,
                "unit_price": _money_record(line.unit_price),
            }
            for line in order.lines
        ],
        "fulfilment": order.fulfilment.value,
        "payment": order.payment.value,
        "contact": asdict(order.contact),
        "shipping_address": asdict(order.shipping_address) if order.shipping_address else None,
        "shipping_method": None
        if method is None
        else {
            "id": method.id,
            "code": method.code,
            "name_en": method.name.en,
            "name_es": method.name.es,
            "price": _money_record(method.price),
            "days_min": method.days_min,
            "days_max": method.days_max,
        },
        "pickup_location_id": order.pickup_location_id,
        "currency": order.currency,
        "coupon_codes": list(order.coupon_codes),
        "points_to_redeem": order.points_to_redeem,
        "estimated_total": None if order.estimated_total is None else _money_record(order.estimated_total),
        "checkout_id": order.checkout_id,
        "part": order.part,
        "parts": order.parts,
    }


def order_from_record(data: Any) -> Order:
    """An order from its record; KeyError, TypeError or ValueError on one that is not an order's."""
    method = data["shipping_method"]
    return Order(
        client_order_id=data["client_order_id"],
        number=data["number"],
        created_at=datetime.fromisoformat(data["created_at"]),
        store_id=data["store_id"],
        device_id=data["device_id"],
        lines=tuple(
            OrderLine(
                variant_id=x["variant_id"],
                sku=x["sku"],
                gtin=x["gtin"],
                name=x["name"],
                quantity=int(x["quantity"]),
                unit_price=_money_from_record(x["unit_price"]),
            )
            for x in data["lines"]
        ),
        fulfilment=FulfilmentKind(data["fulfilment"]),
        payment=PaymentChoice(data["payment"]),
        contact=OrderContact(**data["contact"]),
        shipping_address=Address(**data["shipping_address"]) if data["shipping_address"] else None,
        shipping_method=None
        if method is None
        else ShippingMethod(
            id=method["id"],
            code=method["code"],
            name=LocalizedText(method["name_en"], method["name_es"]),
            price=_money_from_record(method["price"]),
            days_min=method["days_min"],
            days_max=method["days_max"],
        ),
        pickup_location_id=data["pickup_location_id"],
        currency=data["currency"],
        # orders saved before offers and loyalty reached the kiosk have neither key
        coupon_codes=tuple(str(code) for code in data.get("coupon_codes", ())),
        points_to_redeem=int(data.get("points_to_redeem", 0)),
        estimated_total=_money_from_record(data["estimated_total"]) if data.get("estimated_total") else None,
        checkout_id=str(data.get("checkout_id", "")),
        part=int(data.get("part", 1)),
        parts=int(data.get("parts", 1)),
    )

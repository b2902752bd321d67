"""The JSON records of the demo store served over HTTP, written by the server (kiosk.backends.demo.server) and
read by its client (RemoteDemoBackend), so both sides share one layout: the receipt of an order it places
(`POST /v1/orders`; the order itself travels as the core's record, kiosk.core.order.order_record), a shopper's
profile and past orders, hand-off carts and their links, returns, loyalty enrolments, and the store's companions
(a cart's lines re-checked, an order's tracking, pickup arrivals, calls for an associate).

Every `*_from_record` raises KeyError, TypeError or ValueError (decimal.InvalidOperation is one) on a record
that is not of its kind: the server answers that with 400, the client with BackendProtocolError."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from kiosk.core.assistance import AssistanceCall
from kiosk.core.cart import CartItemRef
from kiosk.core.catalog import StockLevel
from kiosk.core.customer import Address, Customer, PastOrder, PastOrderLine
from kiosk.core.enrolment import ContactKind, EnrolmentOutcome, EnrolmentRequest, EnrolmentResult
from kiosk.core.handoff import CartLink, HandoffCart
from kiosk.core.i18n import LocalizedText
from kiosk.core.money import Money
from kiosk.core.order import FulfilmentKind, OrderReceipt, PaymentChoice, ShortLine
from kiosk.core.order_tracking import OrderTracking, PaymentState, PickupArrival, TrackingState
from kiosk.core.returns import ReturnReceipt
from kiosk.core.services.recheck import LineCheck

# A request that changes something names itself with this header; the store answers a repeat of the key with
# its first answer, marked with REPLAYED_HEADER: "true" (kiosk.backends.demo.server.ReplyBook).
IDEMPOTENCY_HEADER = "Idempotency-Key"
REPLAYED_HEADER = "Idempotent-Replayed"


def receipt_record(receipt: OrderReceipt) -> dict[str, Any]:
    """The receipt as the store sends it: code, state, final total, points earned, short lines and notes."""
    total = receipt.total
    return {
        "client_order_id": receipt.client_order_id,
        "code": receipt.backend_code,
        "state": receipt.state,
        "total": None if total is None else {"amount": str(total.amount), "currency": total.currency},
        "points_earned": receipt.points_earned,
        "short_lines": [[s.variant_id, s.ordered, s.placed] for s in receipt.short_lines],
        "notes": [[note.en, note.es] for note in receipt.notes],
    }


def receipt_from_record(data: Mapping[str, Any]) -> OrderReceipt:
    """The receipt from its record; KeyError, TypeError or ValueError (decimal.InvalidOperation is one) on a
    record that is not a receipt's."""
    total = data["total"]
    points = data["points_earned"]
    return OrderReceipt(
        client_order_id=str(data["client_order_id"]),
        backend_code=str(data["code"]),
        state=str(data["state"]),
        total=None if total is None else Money(Decimal(str(total["amount"])), str(total["currency"])),
        points_earned=None if points is None else int(points),
        short_lines=tuple(ShortLine(str(v), int(o), int(p)) for v, o, p in data["short_lines"]),
        notes=tuple(LocalizedText(str(en), str(es)) for en, es in data["notes"]),
    )


# ---- the shopper's profile (GET /v1/customer, /v1/customer-orders; POST /v1/enrolments) -------------------


def _money_record(money: Money) -> dict[str, str]:
    return {"amount": str(money.amount), "currency": money.currency}


def _money_from_record(data: Mapping[str, Any]) -> Money:
    return Money(Decimal(str(data["amount"])), str(data["currency"]))


def cart_lines_record(lines: Sequence[CartItemRef]) -> list[list[object]]:
    """Cart lines as [variant id, SKU, quantity]: references only, as a cart travels (kiosk.core.handoff)."""
    return [[line.variant_id, line.sku, line.quantity] for line in lines]


def cart_lines_from_record(data: Any) -> tuple[CartItemRef, ...]:
    if not isinstance(data, list):
        raise TypeError(f"cart lines must be a list, got {type(data).__name__}")
    lines = []
    for variant_id, sku, quantity in data:
        if not isinstance(quantity, int) or isinstance(quantity, bool):
            raise TypeError(f"a cart line's quantity must be an integer, got {quantity!r}")
        lines.append(CartItemRef(str(variant_id), str(sku), quantity))
    return tuple(lines)


def past_order_record(order: PastOrder) -> dict[str, Any]:
    return {
        "code": order.code,
        "placed_on": order.placed_on.isoformat(),
        "total": _money_record(order.total),
        "item_names": list(order.item_names),
        "lines": [
            [line.variant_id, line.sku, line.name, line.quantity, _money_record(line.unit_price), line.product_id]
            for line in order.lines
        ],
        "status": order.status,
    }


def past_order_from_record(data: Mapping[str, Any]) -> PastOrder:
    return PastOrder(
        code=str(data["code"]),
        placed_on=date.fromisoformat(str(data["placed_on"])),
        total=_money_from_record(data["total"]),
        item_names=tuple(str(name) for name in data["item_names"]),
        lines=tuple(
            PastOrderLine(str(v), str(sku), str(name), int(q), _money_from_record(price), str(product))
            for v, sku, name, q, price, product in data["lines"]
        ),
        status=str(data["status"]),
    )


def customer_record(customer: Customer) -> dict[str, Any]:
    """The whole profile as the store knows it now: contact, points and tier, addresses, order history with
    lines, wishlist, saved cart and customer groups. Personal data: it crosses loopback and is never logged."""
    return {
        "id": customer.id,
        "first_name": customer.first_name,
        "last_name": customer.last_name,
        "email": customer.email,
        "loyalty_number": customer.loyalty_number,
        "points": customer.points,
        "tier": customer.tier,
        "phone": customer.phone,
        "addresses": [
            [a.full_name, a.street, a.city, a.postal_code, a.country_code, a.phone] for a in customer.addresses
        ],
        "history": [past_order_record(order) for order in customer.history],
        "wishlist": list(customer.wishlist),
        "saved_cart": cart_lines_record(customer.saved_cart),
        "groups": sorted(customer.groups),
    }


def customer_from_record(data: Mapping[str, Any]) -> Customer:
    """The profile from its record; KeyError, TypeError or ValueError on a record that is not a customer's."""
    points = data["points"]
    if not isinstance(points, int) or isinstance(points, bool):
        raise TypeError(f"points must be an integer, got {points!r}")
    return Customer(
        id=str(data["id"]),
        first_name=str(data["first_name"]),
        last_name=str(data["last_name"]),
        email=str(data["email"]),
        loyalty_number=str(data["loyalty_number"]),
        points=points,
        tier=str(data["tier"]),
        phone=str(data["phone"]),
        addresses=tuple(Address(*(str(x) for x in fields)) for fields in data["addresses"]),
        history=tuple(past_order_from_record(order) for order in data["history"]),
        wishlist=tuple(str(x) for x in data["wishlist"]),
        saved_cart=cart_lines_from_record(data["saved_cart"]),
        groups=frozenset(str(x) for x in data["groups"]),
    )


# ---- cart hand-off (GET /v1/handoff-cart, POST /v1/handoff-carts, POST /v1/cart-links) --------------------


def handoff_cart_record(cart: HandoffCart) -> dict[str, Any]:
    return {"cart_id": cart.cart_id, "lines": cart_lines_record(cart.lines), "customer_id": cart.customer_id}


def handoff_cart_from_record(data: Mapping[str, Any]) -> HandoffCart:
    customer_id = data["customer_id"]
    return HandoffCart(
        str(data["cart_id"]), cart_lines_from_record(data["lines"]), None if customer_id is None else str(customer_id)
    )


def cart_link_record(link: CartLink) -> dict[str, str]:
    return {"cart_id": link.cart_id, "url": link.url}


def cart_link_from_record(data: Mapping[str, Any]) -> CartLink:
    cart_id, url = data["cart_id"], data["url"]
    if not isinstance(cart_id, str) or not isinstance(url, str):
        raise TypeError('a cart link is {"cart_id": "...", "url": "..."}')
    return CartLink(cart_id, url)


# ---- returns (POST /v1/returns) ---------------------------------------------------------------------------


def return_lines_from_record(data: Any) -> tuple[tuple[str, int], ...]:
    """[[variant id, quantity], ...]; the quantities are checked by the store (kiosk.core.returns.check_return)."""
    if not isinstance(data, list):
        raise TypeError(f"lines must be a list of [variant id, quantity], got {type(data).__name__}")
    lines = []
    for variant_id, quantity in data:
        if not isinstance(variant_id, str) or not isinstance(quantity, int) or isinstance(quantity, bool):
            raise TypeError(f"a return line is [variant id, quantity], got {[variant_id, quantity]!r}")
        lines.append((variant_id, quantity))
    return tuple(lines)


def return_receipt_record(receipt: ReturnReceipt) -> dict[str, Any]:
    return {
        "return_id": receipt.return_id,
        "order_code": receipt.order_code,
        "lines": [list(line) for line in receipt.lines],
        "reason": receipt.reason,
    }


def return_receipt_from_record(data: Mapping[str, Any]) -> ReturnReceipt:
    return ReturnReceipt(
        str(data["return_id"]), str(data["order_code"]), return_lines_from_record(data["lines"]), str(data["reason"])
    )


# ---- loyalty membership (POST /v1/enrolments, POST /v1/wishlist) -------------------------------------------

_ENROLMENT_FIELDS = ("contact", "first_name", "language", "consent_version", "consent_text", "store_id", "device_id")


def enrolment_request_record(request: EnrolmentRequest) -> dict[str, str]:
    return {"kind": request.kind.value, **{name: str(getattr(request, name)) for name in _ENROLMENT_FIELDS}}


def enrolment_request_from_record(data: Mapping[str, Any]) -> EnrolmentRequest:
    for name in _ENROLMENT_FIELDS:
        if not isinstance(data.get(name), str):
            raise TypeError(f"{name} must be a string, got {data.get(name)!r}")
    return EnrolmentRequest(ContactKind(data["kind"]), *(str(data[name]) for name in _ENROLMENT_FIELDS))


def enrolment_result_record(result: EnrolmentResult) -> dict[str, Any]:
    customer = result.customer
    return {"outcome": result.outcome.value, "customer": None if customer is None else customer_record(customer)}


def enrolment_result_from_record(data: Mapping[str, Any]) -> EnrolmentResult:
    customer = data["customer"]
    return EnrolmentResult(
        EnrolmentOutcome(data["outcome"]), None if customer is None else customer_from_record(customer)
    )


# ---- the store's companions: line re-check, order tracking, pickup arrivals, calls for an associate ---------


def _optional_money(data: Any) -> Money | None:
    return None if data is None else _money_from_record(data)


def line_check_record(check: LineCheck) -> dict[str, Any]:
    price = check.price
    return {
        "variant_id": check.variant_id,
        "price": None if price is None else _money_record(price),
        "stock": [[level.location_id, level.quantity] for level in check.stock],
    }


def line_check_from_record(data: Mapping[str, Any]) -> LineCheck:
    return LineCheck(
        str(data["variant_id"]),
        _optional_money(data["price"]),
        tuple(StockLevel(str(location), int(quantity)) for location, quantity in data["stock"]),
    )


def order_tracking_record(tracking: OrderTracking) -> dict[str, Any]:
    """Where an order is, as its QR holder may see it: nothing personal (kiosk.core.order_tracking)."""
    total, fulfilment, payment = tracking.total, tracking.fulfilment, tracking.payment
    return {
        "number": tracking.number,
        "state": tracking.state.value,
        "as_of": tracking.as_of.isoformat(),
        "fulfilment": None if fulfilment is None else fulfilment.value,
        "pickup_location_id": tracking.pickup_location_id,
        "pickup_location_name": tracking.pickup_location_name,
        "carrier": tracking.carrier,
        "tracking_code": tracking.tracking_code,
        "total": None if total is None else _money_record(total),
        "item_count": tracking.item_count,
        "payment": None if payment is None else payment.value,
        "backend_code": tracking.backend_code,
        "payment_state": tracking.payment_state.value,
    }


def order_tracking_from_record(data: Mapping[str, Any]) -> OrderTracking:
    fulfilment, payment, location = data["fulfilment"], data["payment"], data["pickup_location_id"]
    return OrderTracking(
        number=str(data["number"]),
        state=TrackingState(data["state"]),
        as_of=_aware(str(data["as_of"])),
        fulfilment=None if fulfilment is None else FulfilmentKind(fulfilment),
        pickup_location_id=None if location is None else str(location),
        pickup_location_name=str(data["pickup_location_name"]),
        carrier=str(data["carrier"]),
        tracking_code=str(data["tracking_code"]),
        total=_optional_money(data["total"]),
        item_count=int(data["item_count"]),
        payment=None if payment is None else PaymentChoice(payment),
        backend_code=str(data["backend_code"]),
        payment_state=PaymentState(data["payment_state"]),
    )


def pickup_arrival_record(arrival: PickupArrival) -> dict[str, Any]:
    return {
        "order_number": arrival.order_number,
        "client_order_id": arrival.client_order_id,
        "arrived_at": arrival.arrived_at.isoformat(),
        "state": arrival.state.value,
        "item_count": arrival.item_count,
    }


def pickup_arrival_from_record(data: Mapping[str, Any]) -> PickupArrival:
    return PickupArrival(
        str(data["order_number"]),
        str(data["client_order_id"]),
        _aware(str(data["arrived_at"])),
        TrackingState(data["state"]),
        int(data["item_count"]),
    )


def assistance_call_record(call: AssistanceCall) -> dict[str, str]:
    return {"call_id": call.call_id, "device_id": call.device_id, "page": call.page, "at": call.at.isoformat()}


def assistance_call_from_record(data: Mapping[str, Any]) -> AssistanceCall:
    return AssistanceCall(str(data["call_id"]), str(data["device_id"]), str(data["page"]), _aware(str(data["at"])))


def _aware(text: str) -> datetime:
    """An ISO time with its offset; ValueError for a naive one (the store keeps every time in UTC)."""
    when = datetime.fromisoformat(text)
    if when.tzinfo is None:
        raise ValueError(f"a time without its UTC offset: {text!r}")
    return when

"""Orders to and from JSON for kiosk.db, and the redaction that removes a shopper once delivered."""

from __future__ import annotations

import json
from dataclasses import asdict, replace
from datetime import datetime
from decimal import Decimal
from typing import Any

from kiosk.core.customer import Address
from kiosk.core.i18n import LocalizedText
from kiosk.core.money import Money
from kiosk.core.order import (
    FulfilmentKind,
    Order,
    OrderContact,
    OrderLine,
    PaymentChoice,
    ShippingMethod,
)

REDACTED = "[removed]"


def _money(data: dict[str, str]) -> Money:
    return Money(Decimal(data["amount"]), data["currency"])


def _money_json(money: Money) -> dict[str, str]:
    return {"amount": str(money.amount), "currency": money.currency}


def order_to_json(order: Order) -> str:
    method = order.shipping_method
    payload: dict[str, Any] = {
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
                "unit_price": _money_json(line.unit_price),
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
            "price": _money_json(method.price),
            "days_min": method.days_min,
            "days_max": method.days_max,
        },
        "pickup_location_id": order.pickup_location_id,
        "currency": order.currency,
        "coupon_codes": list(order.coupon_codes),
        "points_to_redeem": order.points_to_redeem,
        "estimated_total": None if order.estimated_total is None else _money_json(order.estimated_total),
        "checkout_id": order.checkout_id,
        "part": order.part,
        "parts": order.parts,
    }
    return json.dumps(payload, ensure_ascii=False, sort_keys=True)


def order_from_json(text: str) -> Order:
    data = json.loads(text)
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
                unit_price=_money(x["unit_price"]),
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
            price=_money(method["price"]),
            days_min=method["days_min"],
            days_max=method["days_max"],
        ),
        pickup_location_id=data["pickup_location_id"],
        currency=data["currency"],
        # orders saved before offers and loyalty reached the kiosk have neither key
        coupon_codes=tuple(str(code) for code in data.get("coupon_codes", ())),
        points_to_redeem=int(data.get("points_to_redeem", 0)),
        estimated_total=_money(data["estimated_total"]) if data.get("estimated_total") else None,
        checkout_id=str(data.get("checkout_id", "")),
        part=int(data.get("part", 1)),
        parts=int(data.get("parts", 1)),
    )


def redact(order: Order) -> Order:
    """Keeps what the store needs after delivery (number, lines, totals) and drops who the shopper was."""
    contact = OrderContact(first_name=REDACTED, last_name=REDACTED, email=REDACTED)
    address = None
    if order.shipping_address is not None:
        address = Address(
            full_name=REDACTED,
            street=REDACTED,
            city=REDACTED,
            postal_code=REDACTED,
            country_code=order.shipping_address.country_code,
        )
    return replace(order, contact=contact, shipping_address=address)

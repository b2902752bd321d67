"""Orders to and from JSON for kiosk.db (the core's record layout, kiosk.core.order.order_record), and the
redaction that removes a shopper once delivered."""

from __future__ import annotations

import json
from dataclasses import replace

from kiosk.core.customer import Address
from kiosk.core.order import Order, OrderContact, order_from_record, order_record

REDACTED = "[removed]"


def order_to_json(order: Order) -> str:
    return json.dumps(order_record(order), ensure_ascii=False, sort_keys=True)


def order_from_json(text: str) -> Order:
    return order_from_record(json.loads(text))


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

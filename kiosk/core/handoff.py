"""Carts that travel: the line references a cart is moved by, and the links that carry it to a phone.

A cart crosses between the kiosk and the web shop as variant references only (never prices or names): the
receiving side prices and names the lines from its own catalog, so a stale link cannot sell at a stale price.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from kiosk.core.cart import CartItemRef
from kiosk.core.order import Order

__all__ = ["CartItemRef", "CartLink", "HandoffCart", "handoff_url", "payment_link"]

MAX_HANDOFF_LINES = 100  # a web-shop cart bigger than this is not something a kiosk should load


@dataclass(frozen=True, slots=True)
class HandoffCart:
    """A cart the web shop parked for a kiosk (its "continue in store" QR) or a kiosk published for a phone."""

    cart_id: str  # lower-case UUID, as in https://<store host>/cart/handoff/<cart_id>
    lines: tuple[CartItemRef, ...]
    customer_id: str | None


@dataclass(frozen=True, slots=True)
class CartLink:
    """The web-shop address that opens a published kiosk cart; shown as a QR and sent to a known shopper."""

    cart_id: str
    url: str


def handoff_url(host: str, cart_id: str, path: str = "/cart/handoff/") -> str:
    """https://<host><path><uuid>: the shape kiosk.core.scanning reads back as a CART_HANDOFF scan.

    Using the scanning config's own host and path keeps the round trip honest: a kiosk that scans the QR
    another kiosk shows loads the same cart.
    """
    canonical = str(uuid.UUID(cart_id))
    return f"https://{host}{path}{canonical}"


def payment_link(order: Order, host: str, path: str = "/pay/") -> str:
    """The pay-on-phone checkout link for an order, computed on the kiosk without asking the backend.

    It names the order by its client order id (a UUID the kiosk makes at checkout), which every backend
    stores with the order, so the link works the moment it is shown even if the kiosk is offline and the
    order is still in the outbox: the web shop's pay page waits until the order arrives, then takes the
    payment. No card data ever touches the kiosk.
    """
    canonical = str(uuid.UUID(order.client_order_id))
    return f"https://{host}{path}{canonical}"

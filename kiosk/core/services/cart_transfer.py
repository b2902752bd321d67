"""Carts that travel between the web shop and the kiosk, in both directions, priced from the local cache.

A cart crosses as variant references (kiosk.core.handoff); this service turns references into cart lines
the kiosk can show (or counts what it could not find), and parks a kiosk cart online for a phone or for
a recognised shopper who walks away.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from kiosk.core.cart import CartItemRef
from kiosk.core.handoff import CartLink
from kiosk.core.ports import CommerceBackend
from kiosk.core.services.lookup import ProductLookup, ProductMatch


@dataclass(frozen=True, slots=True)
class ResolvedLine:
    match: ProductMatch
    quantity: int


@dataclass(frozen=True, slots=True)
class ResolvedCart:
    """What could be loaded; `missing` lines are not in this kiosk's catalog (deleted, or not synced yet)."""

    lines: tuple[ResolvedLine, ...]
    missing: int
    customer_id: str | None = None


class HandoffNotFoundError(LookupError):
    """The QR names a cart the web shop does not know (expired, or already used)."""


class CartTransfer:
    def __init__(self, backend: CommerceBackend, lookup: ProductLookup) -> None:
        self._backend = backend
        self._lookup = lookup

    def resolve(self, refs: Sequence[CartItemRef], customer_id: str | None = None) -> ResolvedCart:
        lines: list[ResolvedLine] = []
        missing = 0
        for ref in refs:
            match = self._lookup.by_ref(ref)
            if match is None:
                missing += 1
            else:
                lines.append(ResolvedLine(match, ref.quantity))
        return ResolvedCart(tuple(lines), missing, customer_id)

    def load_handoff(self, cart_id: str) -> ResolvedCart:
        """Raises HandoffNotFoundError, or BackendError when the web shop cannot be asked right now."""
        cart = self._backend.handoff_cart(cart_id)
        if cart is None:
            raise HandoffNotFoundError(cart_id)
        return self.resolve(cart.lines, cart.customer_id)

    def publish(self, refs: Sequence[CartItemRef], customer_id: str | None) -> tuple[CartLink, bool]:
        """Parks the cart online; for a recognised shopper also sends the link. Returns (link, sent)."""
        link = self._backend.publish_cart(refs, customer_id)
        if customer_id is None:
            return link, False
        self._backend.send_cart_link(customer_id, link)
        return link, True

    def save_left_behind(self, customer_id: str, refs: Sequence[CartItemRef]) -> None:
        """A recognised shopper walked away from a full cart: it becomes their saved cart online."""
        if refs:
            self._backend.save_customer_cart(customer_id, refs)

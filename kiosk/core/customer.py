"""The shopper's online profile: held in memory for one session only, never written to the cache."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date

from kiosk.core.cart import CartItemRef
from kiosk.core.money import Money


@dataclass(frozen=True, slots=True)
class Address:
    full_name: str
    street: str
    city: str
    postal_code: str
    country_code: str
    phone: str = ""

    def missing_fields(self) -> tuple[str, ...]:
        names = ("full_name", "street", "city", "postal_code", "country_code")
        return tuple(n for n in names if not getattr(self, n).strip())


@dataclass(frozen=True, slots=True)
class PastOrderLine:
    """One line of an order the shopper placed before; enough to recommend from and to start a return."""

    variant_id: str
    sku: str
    name: str
    quantity: int
    unit_price: Money
    product_id: str = ""  # known to the backend; lets recommendations start from what was bought


@dataclass(frozen=True, slots=True)
class PastOrder:
    code: str
    placed_on: date
    total: Money
    item_names: tuple[str, ...]
    lines: tuple[PastOrderLine, ...] = ()
    status: str = ""  # the backend's own state name ("Delivered", "PaymentSettled"...), for returns

    @property
    def product_ids(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(line.product_id for line in self.lines if line.product_id))


class CustomerLookup(enum.StrEnum):
    LOYALTY_NUMBER = "loyalty_number"
    APP_TOKEN = "app_token"
    EMAIL = "email"
    PHONE = "phone"


@dataclass(frozen=True, slots=True)
class Customer:
    id: str
    first_name: str
    last_name: str
    email: str
    loyalty_number: str
    points: int
    tier: str = "Member"
    phone: str = ""
    addresses: tuple[Address, ...] = ()
    history: tuple[PastOrder, ...] = ()  # newest first
    wishlist: tuple[str, ...] = ()  # product ids
    saved_cart: tuple[CartItemRef, ...] = ()  # the online cart (or a kiosk cart left behind)
    # The backend's customer groups the shopper belongs to (Vendure's CustomerGroup ids; the demo store's
    # "staff", "VIP", "Gold"), so promotions limited to a group are priced offline for its members only. Like
    # the rest of the profile, held in memory for the session and never written to the device.
    groups: frozenset[str] = frozenset()

    @property
    def masked_email(self) -> str:
        """Shown as "a•••@example.com" on a shared screen, like the masked loyalty number."""
        local, at, domain = self.email.partition("@")
        if not at:
            return "••••"
        return f"{local[:1]}•••@{domain}"

    @property
    def masked_loyalty_number(self) -> str:
        return mask_card_number(self.loyalty_number)


def mask_card_number(digits: str) -> str:
    """Shown on a shared screen: enough to recognise, not enough to copy. Also for a card scanned offline,
    when only its number is known."""
    return "•••• " + digits[-4:] if len(digits) > 4 else "••••"

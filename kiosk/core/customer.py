"""The shopper's online profile: held in memory for one session only, never written to the cache."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date

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
class PastOrder:
    code: str
    placed_on: date
    total: Money
    item_names: tuple[str, ...]


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
    history: tuple[PastOrder, ...] = ()

    @property
    def masked_loyalty_number(self) -> str:
        """Shown on a shared screen: enough to recognise, not enough to copy."""
        digits = self.loyalty_number
        return "•••• " + digits[-4:] if len(digits) > 4 else "••••"

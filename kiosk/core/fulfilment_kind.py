"""The ways an order reaches the shopper; its own module so the cart (a line's own choice) and the order share it
without the cart importing the order (which imports the customer, which imports the cart)."""

from __future__ import annotations

import enum


class FulfilmentKind(enum.StrEnum):
    HOME_DELIVERY = "home_delivery"
    PICKUP_STORE = "pickup_store"  # pickup at another store (pickup_location_id names it)
    RESERVE_HERE = "reserve_here"  # put aside to try on in this store (pickup_location_id is this store)

    @property
    def needs_pickup_location(self) -> bool:
        return self is not FulfilmentKind.HOME_DELIVERY

"""Which fulfilment choices an order can have, decided from stock here, in other stores and in the warehouse.

Pure: the caller passes the cart lines, the cached availability of each variant, the locations (for
opening hours) and the store's local time; the answer is one option per choice, each saying whether it is
offered, when it would arrive, and if not offered, why (in the shopper's words).

Rules (docs/architecture.md repeats them):
- RESERVE_HERE (try on in this store): every line is in stock here in full. Ready today if the store is
  open, else when it next opens.
- PICKUP_STORE at another store: one option per store of kind STORE; offered when that store has every
  line in full. Ready the day the store is next open, or the day after (the store picks and packs it).
- HOME_DELIVERY: offered when every line can be shipped, from the warehouse first and then from stores
  (this one included). Warehouse-only orders arrive in WAREHOUSE_DAYS; an order that needs a store to ship
  takes STORE_SHIP_DAYS, since the stores ship once a day.
Options come out in that order: reserve here, pickup stores by name, home delivery.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from kiosk.core.catalog import Location, LocationKind, StockAvailability, next_opening
from kiosk.core.i18n import LocalizedText
from kiosk.core.order import FulfilmentKind

WAREHOUSE_DAYS = (2, 4)
STORE_SHIP_DAYS = (3, 6)
PICKUP_PREP_DAYS = 1  # a store picks and packs a pickup order by the next day at the latest

NOT_ALL_HERE = LocalizedText(
    "Not everything in your cart is in stock in this store.",
    "No todo lo de tu carrito está disponible en esta tienda.",
)
NOT_ALL_AT_STORE = LocalizedText(
    "{store} does not have everything in your cart.",
    "{store} no tiene todo lo de tu carrito.",
)
NOT_SHIPPABLE = LocalizedText(
    "Some items are out of stock everywhere, so they cannot be delivered.",
    "Algunos artículos están agotados en todas partes y no se pueden enviar.",
)
EMPTY = LocalizedText("Your cart is empty.", "Tu carrito está vacío.")


class FulfilmentLine(Protocol):
    """Anything with a variant and a quantity: a CartLine, a CartItemRef or an OrderLine."""

    @property
    def variant_id(self) -> str: ...

    @property
    def quantity(self) -> int: ...


@dataclass(frozen=True, slots=True)
class FulfilmentOption:
    kind: FulfilmentKind
    location_id: str | None  # the store for PICKUP_STORE / RESERVE_HERE; None for HOME_DELIVERY
    available: bool
    arrives_min_days: int  # from today; 0 = today
    arrives_max_days: int
    reason: LocalizedText | None = None  # why not available; None when it is


def fulfilment_options(
    lines: Sequence[FulfilmentLine],
    availability_by_variant: Mapping[str, StockAvailability],
    locations: Sequence[Location],
    here_id: str | None,
    now: datetime,
) -> tuple[FulfilmentOption, ...]:
    """Every fulfilment choice for these lines; `now` is the store's local wall-clock time."""
    wanted: dict[str, int] = {}
    for line in lines:
        wanted[line.variant_id] = wanted.get(line.variant_id, 0) + line.quantity
    empty = StockAvailability(here=0, other_stores=(), warehouse=0, as_of=None)
    stock = {variant_id: availability_by_variant.get(variant_id, empty) for variant_id in wanted}
    by_id = {location.id: location for location in locations}
    options: list[FulfilmentOption] = []

    # reserve here
    here = by_id.get(here_id) if here_id else None
    if here_id is not None:
        all_here = bool(wanted) and all(stock[v].here >= q for v, q in wanted.items())
        wait = _days_until_open(here, now)
        options.append(
            FulfilmentOption(
                FulfilmentKind.RESERVE_HERE,
                here_id,
                all_here,
                wait,
                wait,
                None if all_here else (NOT_ALL_HERE if wanted else EMPTY),
            )
        )

    # pickup at another store
    stores: dict[str, Location] = {}
    for availability in stock.values():
        for location, _ in availability.other_stores:
            if location.kind is LocationKind.STORE and location.id != here_id:
                stores.setdefault(location.id, by_id.get(location.id, location))
    for location in locations:
        if location.kind is LocationKind.STORE and location.id != here_id:
            stores.setdefault(location.id, location)
    for location in sorted(stores.values(), key=lambda x: (x.name, x.id)):
        has_all = bool(wanted) and all(_at_store(stock[v], location.id) >= q for v, q in wanted.items())
        wait = _days_until_open(location, now)
        reason = None
        if not has_all:
            reason = (
                LocalizedText(
                    NOT_ALL_AT_STORE.en.format(store=location.name), NOT_ALL_AT_STORE.es.format(store=location.name)
                )
                if wanted
                else EMPTY
            )
        options.append(
            FulfilmentOption(FulfilmentKind.PICKUP_STORE, location.id, has_all, wait, wait + PICKUP_PREP_DAYS, reason)
        )

    # home delivery
    from_warehouse = bool(wanted) and all(stock[v].warehouse >= q for v, q in wanted.items())
    shippable = bool(wanted) and all(_anywhere(stock[v]) >= q for v, q in wanted.items())
    days = WAREHOUSE_DAYS if from_warehouse else STORE_SHIP_DAYS
    options.append(
        FulfilmentOption(
            FulfilmentKind.HOME_DELIVERY,
            None,
            shippable,
            days[0],
            days[1],
            None if shippable else (NOT_SHIPPABLE if wanted else EMPTY),
        )
    )
    return tuple(options)


def _at_store(availability: StockAvailability, location_id: str) -> int:
    return sum(max(0, q) for location, q in availability.other_stores if location.id == location_id)


def _anywhere(availability: StockAvailability) -> int:
    return (
        max(0, availability.here)
        + max(0, availability.warehouse)
        + sum(max(0, q) for _, q in availability.other_stores)
    )


def _days_until_open(location: Location | None, now: datetime) -> int:
    """0 when the store is open now or opens later today; unknown hours count as open (the store decides)."""
    if location is None or not location.opening_hours:
        return 0
    opening = next_opening(location.opening_hours, now)
    if opening is None:
        return 0
    return (opening.date() - now.date()).days

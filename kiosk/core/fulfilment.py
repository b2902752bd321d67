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
  (this one included). The days are the delivery method's own (the backend's carrier estimate), plus
  STORE_HANDLING_DAYS when a store has to ship (stores ship once a day); with no method known yet,
  WAREHOUSE_DAYS stands in for it.
Options come out in that order: reserve here, pickup stores by name, home delivery.

Delivery estimates have ONE source: `delivery_days` for home delivery and `fulfilment_options` for pickups;
`estimate_words` says them. The cart, every checkout step and the confirmation call these, so the shopper never
reads "2-5 days" on one screen and "3-5" on the next (issue 18).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from kiosk.core.catalog import Location, LocationKind, StockAvailability, next_opening
from kiosk.core.i18n import LocalizedText
from kiosk.core.order import FulfilmentKind, ShippingMethod

WAREHOUSE_DAYS = (2, 4)  # a home delivery from the warehouse while the backend's methods are not known yet
STORE_HANDLING_DAYS = 1  # a store ships once a day: a parcel a store sends leaves up to a day later
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


@dataclass(frozen=True, slots=True)
class StockPicture:
    """What the kiosk knows of a cart's stock: each variant's availability across the estate, the locations
    (names, opening hours) and which one is this store. Read once off the GUI thread, used by every screen."""

    availability: Mapping[str, StockAvailability]
    locations: tuple[Location, ...]
    here_id: str | None
    local_now: datetime  # the store's wall-clock time when read: "ready today" is about this day

    def location(self, location_id: str | None) -> Location | None:
        return next((x for x in self.locations if x.id == location_id), None)


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
    ships_from_store: bool = False  # home delivery that needs a store to ship part of it (slower)


def delivery_days(method: ShippingMethod | None, ships_from_store: bool = False) -> tuple[int, int]:
    """Home delivery in days from today, the one figure every screen quotes for this method."""
    low, high = (method.days_min, method.days_max) if method is not None else WAREHOUSE_DAYS
    extra = STORE_HANDLING_DAYS if ships_from_store else 0
    return low + extra, high + extra


READY_TODAY = LocalizedText("Ready today", "Listo hoy")
READY_IN = LocalizedText("Ready in {min}-{max} days", "Listo en {min}-{max} días")
READY_TODAY_OR_TOMORROW = LocalizedText("Ready today or tomorrow", "Listo hoy o mañana")
READY_TOMORROW = LocalizedText("Ready tomorrow", "Listo mañana")
ARRIVES_IN = LocalizedText("Arrives in {min}-{max} days", "Llega en {min}-{max} días")
ARRIVES_ON_DAY = LocalizedText("Arrives in {min} days", "Llega en {min} días")
ARRIVES_TOMORROW = LocalizedText("Arrives tomorrow", "Llega mañana")


def estimate_words(kind: FulfilmentKind, min_days: int, max_days: int, lang: str) -> str:
    """When it arrives or is ready, in the words a shopper uses; the one wording for every screen."""
    if kind is FulfilmentKind.HOME_DELIVERY:
        if min_days != max_days:
            return ARRIVES_IN.get(lang).format(min=min_days, max=max_days)
        return ARRIVES_TOMORROW.get(lang) if max_days == 1 else ARRIVES_ON_DAY.get(lang).format(min=min_days)
    if max_days == 0:
        return READY_TODAY.get(lang)
    if min_days == 0 and max_days == 1:
        return READY_TODAY_OR_TOMORROW.get(lang)
    if min_days == max_days == 1:
        return READY_TOMORROW.get(lang)
    return READY_IN.get(lang).format(min=min_days, max=max_days)


def option_estimate(option: FulfilmentOption, lang: str) -> str:
    return estimate_words(option.kind, option.arrives_min_days, option.arrives_max_days, lang)


def fulfilment_options(
    lines: Sequence[FulfilmentLine],
    availability_by_variant: Mapping[str, StockAvailability],
    locations: Sequence[Location],
    here_id: str | None,
    now: datetime,
    method: ShippingMethod | None = None,
) -> tuple[FulfilmentOption, ...]:
    """Every fulfilment choice for these lines; `now` is the store's local wall-clock time, `method` the
    delivery method the home-delivery estimate is for (None: not known yet)."""
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
    from_store = shippable and not from_warehouse
    days = delivery_days(method, from_store)
    options.append(
        FulfilmentOption(
            FulfilmentKind.HOME_DELIVERY,
            None,
            shippable,
            days[0],
            days[1],
            None if shippable else (NOT_SHIPPABLE if wanted else EMPTY),
            from_store,
        )
    )
    return tuple(options)


def quantity_limit(
    availability: StockAvailability | None, kind: FulfilmentKind | None, location_id: str | None, cap: int
) -> int:
    """How many of a variant the shopper can have on one cart line for this way of receiving it: the shelf of
    the store that hands it over, or everything that can ship for home delivery (or when not chosen yet).
    Unknown stock limits nothing but the cap: the backend's re-check before placing has the last word."""
    if availability is None:
        return cap
    if kind is FulfilmentKind.RESERVE_HERE:
        stock = max(0, availability.here)
    elif kind is FulfilmentKind.PICKUP_STORE and location_id is not None:
        stock = _at_store(availability, location_id)
    else:
        stock = _anywhere(availability)
    return min(cap, stock)


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


def part_option(
    lines: Sequence[FulfilmentLine],
    kind: FulfilmentKind,
    location_id: str | None,
    stock: StockPicture,
    method: ShippingMethod | None,
) -> FulfilmentOption | None:
    """The option for these lines received this way (one order's part): its availability and its estimate.
    The cart's line, the checkout's "how to receive" step and the confirmation all ask this, so they agree."""
    options = fulfilment_options(lines, stock.availability, stock.locations, stock.here_id, stock.local_now, method)
    wanted = location_id if kind.needs_pickup_location else None
    return next((o for o in options if o.kind is kind and o.location_id == wanted), None)

"""Fulfilment options decided from stock here / other stores / warehouse, and store opening hours."""

from __future__ import annotations

from datetime import datetime

import pytest

from kiosk.core.cart import CartItemRef
from kiosk.core.catalog import (
    Location,
    LocationKind,
    OpeningHoursError,
    StockAvailability,
    format_opening_hours,
    opening_label,
    parse_opening_hours,
)
from kiosk.core.fulfilment import (
    WAREHOUSE_DAYS,
    FulfilmentOption,
    StockPicture,
    delivery_days,
    estimate_words,
    fulfilment_options,
    part_option,
    quantity_limit,
)
from kiosk.core.i18n import LocalizedText
from kiosk.core.money import Money
from kiosk.core.order import FulfilmentKind, ShippingMethod

HOURS = parse_opening_hours("Mon–Sat 10:00–22:00, Sun 11:00–21:00")
HERE = Location("here", "Madrid Gran Vía", LocationKind.HERE, "Madrid", opening_hours=HOURS)
BCN = Location(
    "bcn",
    "Barcelona Diagonal",
    LocationKind.STORE,
    "Barcelona",
    opening_hours=parse_opening_hours("Mon–Sat 10:00–21:30"),
)
VLC = Location("vlc", "Valencia Colón", LocationKind.STORE, "Valencia")
WH = Location("wh", "Central warehouse", LocationKind.WAREHOUSE, "Getafe")
LOCATIONS = (HERE, BCN, VLC, WH)
MONDAY_NOON = datetime(2026, 11, 23, 12, 0)  # a Monday
SATURDAY_NIGHT = datetime(2026, 11, 28, 23, 0)


def stock(here: int, bcn: int, vlc: int, wh: int) -> StockAvailability:
    return StockAvailability(here=here, other_stores=((BCN, bcn), (VLC, vlc)), warehouse=wh, as_of=None)


def options(
    lines: list[CartItemRef], table: dict[str, StockAvailability], now: datetime = MONDAY_NOON
) -> dict[tuple[str, str | None], FulfilmentOption]:
    return {(o.kind.value, o.location_id): o for o in fulfilment_options(lines, table, LOCATIONS, "here", now)}


A = CartItemRef("a", "SKU-A", 1)
B2 = CartItemRef("b", "SKU-B", 2)


@pytest.mark.parametrize(
    ("a", "b", "offered"),
    [
        # everything everywhere: all five options
        (
            stock(3, 3, 3, 9),
            stock(2, 2, 2, 9),
            {"reserve_here", "pickup_store:bcn", "pickup_store:vlc", "home_delivery"},
        ),
        # B short here (needs 2, has 1): no reserve; Valencia lacks A
        (stock(1, 1, 0, 0), stock(1, 2, 5, 0), {"pickup_store:bcn", "home_delivery"}),
        # only the warehouse has them
        (stock(0, 0, 0, 4), stock(0, 0, 0, 4), {"home_delivery"}),
        # split: A only in Barcelona, B only here -> no single store, but deliverable from stores
        (stock(0, 1, 0, 0), stock(2, 0, 0, 0), {"home_delivery"}),
        # B out of stock everywhere: nothing at all
        (stock(5, 5, 5, 5), stock(1, 0, 0, 0), set()),
    ],
)
def test_what_is_offered_follows_stock(a: StockAvailability, b: StockAvailability, offered: set[str]) -> None:
    result = fulfilment_options([A, B2], {"a": a, "b": b}, LOCATIONS, "here", MONDAY_NOON)
    got = {
        o.kind.value + (f":{o.location_id}" if o.kind is FulfilmentKind.PICKUP_STORE else "")
        for o in result
        if o.available
    }
    assert got == offered
    # every choice is always listed, offered or not, in a fixed order
    assert [(o.kind.value, o.location_id) for o in result] == [
        ("reserve_here", "here"),
        ("pickup_store", "bcn"),
        ("pickup_store", "vlc"),
        ("home_delivery", None),
    ]
    assert all((o.reason is None) == o.available for o in result)


def test_arrival_days_warehouse_versus_store_shipping_and_pickup() -> None:
    by = options([A], {"a": stock(1, 1, 0, 5)})
    assert (by["home_delivery", None].arrives_min_days, by["home_delivery", None].arrives_max_days) == (2, 4)
    assert (by["reserve_here", "here"].arrives_min_days, by["reserve_here", "here"].arrives_max_days) == (0, 0)
    assert (by["pickup_store", "bcn"].arrives_min_days, by["pickup_store", "bcn"].arrives_max_days) == (0, 1)
    by = options([A], {"a": stock(1, 1, 0, 0)})
    # a store ships it: the warehouse's days plus the store's day
    assert (by["home_delivery", None].arrives_min_days, by["home_delivery", None].arrives_max_days) == (3, 5)
    assert by["home_delivery", None].ships_from_store


def test_closed_stores_count_days_until_they_open() -> None:
    by = options([A], {"a": stock(1, 1, 1, 0)}, SATURDAY_NIGHT)
    assert by["reserve_here", "here"].arrives_min_days == 1  # opens Sunday 11:00
    assert by["pickup_store", "bcn"].arrives_min_days == 2  # closed on Sunday: Monday
    assert by["pickup_store", "vlc"].arrives_min_days == 0  # unknown hours: the store decides


def test_reasons_are_in_the_shoppers_words() -> None:
    by = options([A], {"a": stock(0, 0, 1, 0)})
    assert by["reserve_here", "here"].reason is not None
    assert by["reserve_here", "here"].reason.en == "Not everything in your cart is in stock in this store."
    bcn = by["pickup_store", "bcn"].reason
    assert bcn is not None and bcn.es == "Barcelona Diagonal no tiene todo lo de tu carrito."
    nothing = fulfilment_options([], {}, LOCATIONS, "here", MONDAY_NOON)
    assert not any(o.available for o in nothing)
    unknown = options([A], {})
    assert unknown["home_delivery", None].reason is not None
    assert (
        unknown["home_delivery", None].reason.en
        == "Some items are out of stock everywhere, so they cannot be delivered."
    )


def test_opening_hours_round_trip_and_labels() -> None:
    text = "Mon–Fri 10:00–14:00 17:00–20:30, Sat 10:00–14:00"
    hours = parse_opening_hours(text.replace("–", "-"))
    assert format_opening_hours(hours) == text
    assert len(hours) == 11
    assert opening_label(HOURS, MONDAY_NOON).en == "Open now · closes 22:00"
    assert opening_label(HOURS, datetime(2026, 11, 23, 9, 0)).es == "Abre hoy a las 10:00"
    assert opening_label(HOURS, SATURDAY_NIGHT).en == "Opens tomorrow at 11:00"
    sat_only = parse_opening_hours("Sat 10:00–14:00")
    assert opening_label(sat_only, MONDAY_NOON).en == "Opens Sat at 10:00"
    assert opening_label(sat_only, MONDAY_NOON).es == "Abre el sáb. a las 10:00"
    assert opening_label((), MONDAY_NOON).en == "Opening hours not available"
    assert parse_opening_hours("") == ()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Ships Mon–Fri", "Cannot read opening hours 'Ships Mon–Fri'; expected e.g. 'Mon–Sat 10:00–22:00'"),
        ("Sat–Mon 10:00–14:00", "Cannot read opening hours 'Sat–Mon 10:00–14:00'; day ranges run Monday to Sunday"),
        ("Mon 10h–14h", "Cannot read opening hours 'Mon 10h–14h'; expected times like 10:00–22:00"),
        (
            "Mon 14:00–10:00",
            "Cannot read opening hours 'Mon 14:00–10:00': a store must close after it opens, got 14:00-10:00",
        ),
    ],
)
def test_unreadable_hours_are_refused_with_the_reason(text: str, message: str) -> None:
    with pytest.raises(OpeningHoursError) as info:
        parse_opening_hours(text)
    assert str(info.value) == message


STANDARD = ShippingMethod("std", "standard", LocalizedText("Standard", "Estándar"), Money.of("4.95", "EUR"), 3, 5)
EXPRESS = ShippingMethod("exp", "express", LocalizedText("Express", "Exprés"), Money.of("9.95", "EUR"), 1, 2)


def test_home_delivery_days_come_from_the_method_plus_a_day_when_a_store_ships() -> None:
    assert delivery_days(STANDARD) == (3, 5)
    assert delivery_days(STANDARD, ships_from_store=True) == (4, 6)
    assert delivery_days(EXPRESS) == (1, 2)
    assert delivery_days(None) == WAREHOUSE_DAYS
    # the option for the whole cart quotes the same figure as the method row
    by = {
        (o.kind.value, o.location_id): o
        for o in fulfilment_options([A], {"a": stock(0, 1, 0, 0)}, LOCATIONS, "here", MONDAY_NOON, STANDARD)
    }
    home = by["home_delivery", None]
    assert (home.arrives_min_days, home.arrives_max_days) == delivery_days(STANDARD, ships_from_store=True)


@pytest.mark.parametrize(
    ("kind", "days", "en", "es"),
    [
        (FulfilmentKind.HOME_DELIVERY, (3, 5), "Arrives in 3-5 days", "Llega en 3-5 días"),
        (FulfilmentKind.HOME_DELIVERY, (1, 1), "Arrives tomorrow", "Llega mañana"),
        (FulfilmentKind.HOME_DELIVERY, (2, 2), "Arrives in 2 days", "Llega en 2 días"),
        (FulfilmentKind.RESERVE_HERE, (0, 0), "Ready today", "Listo hoy"),
        (FulfilmentKind.PICKUP_STORE, (0, 1), "Ready today or tomorrow", "Listo hoy o mañana"),
        (FulfilmentKind.PICKUP_STORE, (1, 1), "Ready tomorrow", "Listo mañana"),
        (FulfilmentKind.PICKUP_STORE, (2, 3), "Ready in 2-3 days", "Listo en 2-3 días"),
    ],
)
def test_estimate_words_in_both_languages(kind: FulfilmentKind, days: tuple[int, int], en: str, es: str) -> None:
    assert estimate_words(kind, *days, "en") == en
    assert estimate_words(kind, *days, "es") == es


def test_quantity_limit_is_the_stock_of_the_way_the_line_is_received() -> None:
    a = stock(here=2, bcn=5, vlc=0, wh=10)
    assert quantity_limit(a, FulfilmentKind.RESERVE_HERE, "here", 99) == 2
    assert quantity_limit(a, FulfilmentKind.PICKUP_STORE, "bcn", 99) == 5
    assert quantity_limit(a, FulfilmentKind.PICKUP_STORE, "vlc", 99) == 0
    assert quantity_limit(a, FulfilmentKind.HOME_DELIVERY, None, 99) == 17  # anything that can ship
    assert quantity_limit(a, None, None, 99) == 17  # not chosen yet: the same as delivery
    assert quantity_limit(a, None, None, 12) == 12  # the cart's own cap
    assert quantity_limit(None, FulfilmentKind.RESERVE_HERE, "here", 99) == 99  # unknown: the re-check decides


def test_part_option_is_the_option_for_those_lines_received_that_way() -> None:
    picture = StockPicture({"a": stock(0, 1, 0, 0), "b": stock(2, 0, 0, 4)}, LOCATIONS, "here", MONDAY_NOON)
    pickup = part_option([A], FulfilmentKind.PICKUP_STORE, "bcn", picture, STANDARD)
    assert pickup is not None and pickup.available and (pickup.arrives_min_days, pickup.arrives_max_days) == (0, 1)
    home = part_option([B2], FulfilmentKind.HOME_DELIVERY, None, picture, STANDARD)
    assert home is not None and (home.arrives_min_days, home.arrives_max_days) == (3, 5)
    assert part_option([A], FulfilmentKind.PICKUP_STORE, "nowhere", picture, None) is None
